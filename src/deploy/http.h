// One HTTP exchange at a time over libcurl. No retries and no policy here: the caller
// (platform_client.cpp) decides what a status or a transport failure means.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace flowc::deploy {

struct HttpRequest {
    std::string method;  // GET, POST, PUT
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::milliseconds timeout{60'000};  // the whole exchange
};

enum class TransportError : std::uint8_t {
    kNone,
    kUnknownHost,  // the host name does not resolve: configuration, never retried
    kConnect,      // refused, unreachable: the request was not sent
    kTimeout,      // no answer in time: the request may have been processed
    kReset,        // the connection broke mid-exchange (incl. truncated bodies)
    kTls,          // certificate or handshake failure: never retried
    kTooLarge,     // the body exceeded the limit
    kOther,
};

struct HttpResponse {
    TransportError error = TransportError::kNone;
    std::string error_text;  // curl's explanation when `error` is set
    long status = 0;
    std::map<std::string, std::string> headers;  // names lowercased
    std::string body;
    double seconds = 0;
};

struct HttpOptions {
    std::chrono::milliseconds connect_timeout{10'000};
    std::string extra_ca_pem;  // --ca-bundle's certificates: trusted with the system's CAs
    std::size_t max_body_bytes = 16u << 20;
};

class HttpClient {
  public:
    virtual ~HttpClient() = default;
    virtual HttpResponse Send(const HttpRequest& request) = 0;
};

// TLS is always verified (peer and host). Throws nothing; failures are in the response.
std::unique_ptr<HttpClient> MakeCurlClient(const HttpOptions& options);

// `a=b&c=d` with RFC 3986 percent-encoding.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);
std::string PercentEncode(std::string_view text);
std::string Base64(std::string_view bytes);

}  // namespace flowc::deploy
