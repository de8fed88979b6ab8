#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>

#include "deploy/http.h"

namespace flowc::deploy {
namespace {

struct Transfer {
    HttpResponse* response;
    std::size_t limit;
    bool too_large = false;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    std::size_t bytes = size * count;
    if (transfer->response->body.size() + bytes > transfer->limit) {
        transfer->too_large = true;
        return 0;  // makes curl abort with CURLE_WRITE_ERROR
    }
    transfer->response->body.append(data, bytes);
    return bytes;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* response = static_cast<HttpResponse*>(user);
    std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        response->headers.clear();  // a new response (after 100 Continue)
        return size * count;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size * count;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
        value.remove_suffix(1);
    }
    response->headers[name] = std::string(value);
    return size * count;
}

TransportError Classify(CURLcode code) {
    switch (code) {
        case CURLE_OK:
            return TransportError::kNone;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
            return TransportError::kConnect;
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError::kTimeout;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CACERT_BADFILE:
            return TransportError::kTls;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
        case CURLE_GOT_NOTHING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return TransportError::kReset;
        default:
            return TransportError::kOther;
    }
}

// Reads the system's CA bundle and the user's extra file into one PEM blob, so that
// `--ca-bundle` adds a CA rather than replacing the system's list (CURLOPT_CAINFO would).
std::string CombinedCaBundle(const std::string& extra) {
    std::string pem;
    for (const char* path : {"/etc/ssl/certs/ca-certificates.crt", extra.c_str()}) {
        std::ifstream in(path, std::ios::binary);
        pem.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        pem += '\n';
    }
    return pem;
}

class CurlClient final : public HttpClient {
  public:
    explicit CurlClient(const HttpOptions& options) : options_(options) {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
        handle_ = curl_easy_init();
        if (!options.extra_ca_file.empty()) ca_pem_ = CombinedCaBundle(options.extra_ca_file);
    }
    ~CurlClient() override { curl_easy_cleanup(handle_); }
    CurlClient(const CurlClient&) = delete;
    CurlClient& operator=(const CurlClient&) = delete;

    HttpResponse Send(const HttpRequest& request) override {
        HttpResponse response;
        if (handle_ == nullptr) {
            response.error = TransportError::kOther;
            response.error_text = "cannot initialise libcurl";
            return response;
        }
        CURL* curl = handle_;
        curl_easy_reset(curl);
        Transfer transfer{&response, options_.max_body_bytes};
        char error_buffer[CURL_ERROR_SIZE] = {};
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(options_.connect_timeout.count()));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "flowc-deploy");
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
        curl_blob blob{};
        if (!ca_pem_.empty()) {
            blob = curl_blob{ca_pem_.data(), ca_pem_.size(), CURL_BLOB_NOCOPY};
            curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
        }
        if (request.method == "GET") {
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        } else {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(request.body.size()));
        }
        curl_slist* headers = nullptr;
        // No `Expect: 100-continue`: presigned upload targets need not support it.
        headers = curl_slist_append(headers, "Expect:");
        for (const auto& [name, value] : request.headers) {
            headers = curl_slist_append(headers, (name + ": " + value).c_str());
        }
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

        auto start = std::chrono::steady_clock::now();
        CURLcode code = curl_easy_perform(curl);
        response.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        curl_slist_free_all(headers);
        curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, nullptr);
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
        if (transfer.too_large) {
            response.error = TransportError::kTooLarge;
            response.error_text = "the response body is larger than " +
                                  std::to_string(options_.max_body_bytes >> 20) + " MiB";
        } else if (code != CURLE_OK) {
            response.error = Classify(code);
            response.error_text = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
        }
        return response;
    }

  private:
    HttpOptions options_;
    CURL* handle_ = nullptr;
    std::string ca_pem_;
};

}  // namespace

std::unique_ptr<HttpClient> MakeCurlClient(const HttpOptions& options) {
    return std::make_unique<CurlClient>(options);
}

std::string PercentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += PercentEncode(name) + "=" + PercentEncode(value);
    }
    return out;
}

std::string Base64(std::string_view bytes) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                     (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                     static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace flowc::deploy
