#include <curl/curl.h>
#include <dlfcn.h>
#include <strings.h>

#include <chrono>
#include <cstring>
#include <mutex>

#include "base/own_files.h"
#include "base/strings.h"
#include "deploy/http.h"

namespace flowc::deploy {
namespace {

struct Transfer {
    HttpResponse* response;
    std::size_t limit;
    bool too_large = false;
};

// libcurl is opened on first use rather than linked: it pulls in some thirty libraries
// (TLS, Kerberos, LDAP, SSH, IDN...) whose loading was most of the start-up time of every
// `flowc check` and `flowc build`, which never touch the network. The header still gives the
// types and constants; only these functions come from the library.
struct CurlApi {
    CURLcode (*global_init)(long) = nullptr;
    CURL* (*easy_init)() = nullptr;
    void (*easy_cleanup)(CURL*) = nullptr;
    void (*easy_reset)(CURL*) = nullptr;
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
    CURLcode (*easy_perform)(CURL*) = nullptr;
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
    const char* (*easy_strerror)(CURLcode) = nullptr;
    curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
    void (*slist_free_all)(curl_slist*) = nullptr;
    std::string error;  // why it could not be loaded; empty when loaded
};

template <typename F>
bool Resolve(void* library, const char* name, F& function) {
    function = reinterpret_cast<F>(dlsym(library, name));
    return function != nullptr;
}

const CurlApi& Curl() {
    static const CurlApi api = [] {
        CurlApi a;
        void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            const char* why = dlerror();
            a.error = std::string("cannot load libcurl (libcurl.so.4): ") +
                      (why != nullptr ? why : "unknown error") +
                      "; install it (apt-get install libcurl4)";
            return a;
        }
        bool ok = Resolve(library, "curl_global_init", a.global_init) &&
                  Resolve(library, "curl_easy_init", a.easy_init) &&
                  Resolve(library, "curl_easy_cleanup", a.easy_cleanup) &&
                  Resolve(library, "curl_easy_reset", a.easy_reset) &&
                  Resolve(library, "curl_easy_setopt", a.easy_setopt) &&
                  Resolve(library, "curl_easy_perform", a.easy_perform) &&
                  Resolve(library, "curl_easy_getinfo", a.easy_getinfo) &&
                  Resolve(library, "curl_easy_strerror", a.easy_strerror) &&
                  Resolve(library, "curl_slist_append", a.slist_append) &&
                  Resolve(library, "curl_slist_free_all", a.slist_free_all);
        if (!ok) a.error = "libcurl.so.4 lacks a function flowc needs; install a newer libcurl4";
        return a;
    }();
    return api;
}

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
    std::string name = Lowercase(line.substr(0, colon));
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
            return TransportError::kUnknownHost;
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

// The system's CA bundle and the user's extra certificates in one PEM blob, so that
// `--ca-bundle` adds a CA rather than replacing the system's list (CURLOPT_CAINFO would).
std::string CombinedCaBundle(const std::string& extra_pem) {
    OwnFileRead system = ReadOwnFile("/etc/ssl/certs/ca-certificates.crt", 64u << 20);
    return system.bytes + "\n" + extra_pem + "\n";
}

class CurlClient final : public HttpClient {
  public:
    explicit CurlClient(const HttpOptions& options) : options_(options) {
        if (!Curl().error.empty()) return;
        static std::once_flag once;
        std::call_once(once, [] { Curl().global_init(CURL_GLOBAL_DEFAULT); });
        handle_ = Curl().easy_init();
        if (!options.extra_ca_pem.empty()) ca_pem_ = CombinedCaBundle(options.extra_ca_pem);
    }
    ~CurlClient() override {
        if (handle_ != nullptr) Curl().easy_cleanup(handle_);
    }
    CurlClient(const CurlClient&) = delete;
    CurlClient& operator=(const CurlClient&) = delete;

    HttpResponse Send(const HttpRequest& request) override {
        HttpResponse response;
        if (handle_ == nullptr) {
            response.error = TransportError::kOther;
            response.error_text = Curl().error.empty() ? "cannot initialise libcurl" : Curl().error;
            return response;
        }
        CURL* curl = handle_;
        Curl().easy_reset(curl);
        Transfer transfer{&response, options_.max_body_bytes};
        char error_buffer[CURL_ERROR_SIZE] = {};
        Curl().easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
        Curl().easy_setopt(curl, CURLOPT_URL, request.url.c_str());
        Curl().easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        Curl().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        Curl().easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        Curl().easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        Curl().easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        Curl().easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                           static_cast<long>(options_.connect_timeout.count()));
        Curl().easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
        Curl().easy_setopt(curl, CURLOPT_USERAGENT, "flowc-deploy");
        Curl().easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
        Curl().easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
        Curl().easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
        Curl().easy_setopt(curl, CURLOPT_HEADERDATA, &response);
        curl_blob blob{};
        if (!ca_pem_.empty()) {
            blob = curl_blob{ca_pem_.data(), ca_pem_.size(), CURL_BLOB_NOCOPY};
            Curl().easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
        }
        if (request.method == "GET") {
            Curl().easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        } else {
            Curl().easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
            Curl().easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
            Curl().easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                               static_cast<curl_off_t>(request.body.size()));
        }
        curl_slist* headers = nullptr;
        // No `Expect: 100-continue`: presigned upload targets need not support it.
        headers = Curl().slist_append(headers, "Expect:");
        bool has_content_type = false;
        for (const auto& [name, value] : request.headers) {
            headers = Curl().slist_append(headers, (name + ": " + value).c_str());
            has_content_type |= strcasecmp(name.c_str(), "Content-Type") == 0;
        }
        // Exactly the headers asked for: with a body and none given, libcurl would add
        // `Content-Type: application/x-www-form-urlencoded`, and a presigned upload URL,
        // signed over the job's headers (which have no Content-Type), refuses that.
        if (request.method != "GET" && !has_content_type) {
            headers = Curl().slist_append(headers, "Content-Type:");
        }
        Curl().easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

        auto start = std::chrono::steady_clock::now();
        CURLcode code = Curl().easy_perform(curl);
        response.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        Curl().slist_free_all(headers);
        Curl().easy_setopt(curl, CURLOPT_CAINFO_BLOB, nullptr);
        Curl().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
        if (transfer.too_large) {
            response.error = TransportError::kTooLarge;
            response.error_text = "the response body is larger than " +
                                  std::to_string(options_.max_body_bytes >> 20) + " MiB";
        } else if (code != CURLE_OK) {
            response.error = Classify(code);
            response.error_text =
                error_buffer[0] != '\0' ? error_buffer : Curl().easy_strerror(code);
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
