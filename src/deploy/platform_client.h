// The Genesys Cloud Platform API v2 calls deploy needs, with the fault policy of issue 8:
// 429 waits Retry-After, 5xx and connection faults back off with jitter, a 401 renews the
// token once, 403/409/4xx fail at once with what the body says.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "deploy/config.h"
#include "deploy/http.h"
#include "deploy/redact.h"
#include "deploy/responses.h"
#include "deploy/retry.h"

namespace flowc::deploy {

enum class FailureKind : std::uint8_t {
    kAuth,         // credentials refused, token expired and not renewable (77)
    kPermission,   // 403 (77)
    kLocked,       // 409 (1)
    kRejected,     // any other 4xx: the platform said no (1)
    kBadResponse,  // a body flowc cannot read (75)
    kTransient,    // gave up after retries or at the deadline (75)
    kTls,          // certificate problem (78)
};

struct ApiFailure {
    FailureKind kind;
    std::string message;
    std::string help;
    long status = 0;
};

template <typename T>
using Outcome = std::variant<T, ApiFailure>;

struct ClientHooks {
    // Called before each wait, with the (scaled) seconds and why ("rate limited", "HTTP 503").
    std::function<void(double seconds, const std::string& why)> on_wait;
    // --verbose: one line per exchange (method, URL without query secrets, status, time).
    std::function<void(const std::string& line)> on_exchange;
};

class PlatformClient {
  public:
    // `redactor` learns the configured credentials here and every token as it is received;
    // the snippets of server answers in failures are redacted with it before they are cut.
    PlatformClient(HttpClient& http, DeployConfig config, RetryPolicy policy,
                   std::chrono::steady_clock::time_point deadline, ClientHooks hooks,
                   Redactor& redactor);

    std::optional<ApiFailure> Authenticate();
    Outcome<RemoteFlow> Organization();
    // Every flow whose name is exactly `name` and type is `type` (case-insensitively).
    Outcome<std::vector<RemoteFlow>> FindFlows(const std::string& name, const std::string& type);
    Outcome<std::vector<RemoteFlow>> FindQueues(const std::string& name);
    Outcome<RemoteFlow> GetFlow(const std::string& id);
    // Creates; if the answer is lost (timeout, reset, 5xx), looks the flow up by identity and
    // updates it rather than risk a second flow with the same name.
    Outcome<RemoteFlow> CreateFlow(const std::string& name, const std::string& type,
                                   const std::string& body);
    Outcome<RemoteFlow> UpdateFlow(const std::string& id, const std::string& body);
    Outcome<UploadTarget> CreateJob();
    std::optional<ApiFailure> Upload(const UploadTarget& target, const std::string& yaml);
    Outcome<Job> GetJob(const std::string& id);

    // Waits `seconds` (already scaled) unless that would pass the deadline; `announce`
    // tells the user (rate limits and faults are worth a line, routine job polls are not).
    std::optional<ApiFailure> Sleep(double seconds, const std::string& why, bool announce = true);
    const RetryPolicy& policy() const { return policy_; }
    const std::string& token() const { return token_; }

  private:
    struct Operation {
        const char* what;            // "list flows"
        const char* permission;      // "architect:flow:view"; null: the call needs none
        bool idempotent = true;      // may be replayed after an answer was lost
        bool authorised = true;      // sends the bearer token
        bool token_request = false;  // the OAuth token endpoint
    };
    Outcome<HttpResponse> Exchange(const Operation& op, HttpRequest request);
    Outcome<std::vector<RemoteFlow>> ListAll(const Operation& op, const std::string& path,
                                             const std::string& name, const std::string& type);
    std::string Api(const std::string& path) const { return config_.endpoints.api_base + path; }

    HttpClient& http_;
    DeployConfig config_;
    RetryPolicy policy_;
    std::chrono::steady_clock::time_point deadline_;
    ClientHooks hooks_;
    std::string token_;
    std::mt19937_64 random_;
    Redactor& redactor_;
};

// The URL as it may be shown: no query string for presigned uploads (it holds a signature).
std::string UrlForDisplay(const std::string& url, bool hide_query);

}  // namespace flowc::deploy
