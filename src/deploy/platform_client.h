// The Genesys Cloud Platform API v2 calls deploy needs, with the fault policy of issue 8:
// 429 waits Retry-After, 5xx and connection faults back off with jitter, a 401 renews the
// token once, 403/409/4xx fail at once with what the body says.
#pragma once

#include <chrono>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "deploy/config.h"
#include "deploy/http.h"
#include "deploy/redact.h"
#include "deploy/resources.h"
#include "deploy/responses.h"
#include "deploy/result.h"
#include "deploy/retry.h"

namespace flowc::deploy {

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

    Result<void> Authenticate();
    Result<RemoteFlow> Organization();
    // Every flow named `name` as a reader sees it (compared by CaselessKey, as the checker
    // compares platform names: NFC, Unicode case folding) whose type is `type` (ASCII case).
    Result<std::vector<RemoteFlow>> FindFlows(const std::string& name, const std::string& type);
    // Every resource of `kind` named `name`, alike; a flow kind's of its type. `category`
    // (a data action's integration) is sent as the listing's `category` filter.
    Result<std::vector<RemoteFlow>> FindResources(const ResourceKind& kind, const std::string& name,
                                                  const std::string& category = "");
    Result<RemoteFlow> GetFlow(const std::string& id);
    // Creates; if the answer is lost (timeout, reset, 5xx), looks the flow up by identity and
    // updates it rather than risk a second flow with the same name.
    Result<RemoteFlow> CreateFlow(const std::string& name, const std::string& type,
                                  const std::string& body);
    Result<RemoteFlow> UpdateFlow(const std::string& id, const std::string& body);
    Result<UploadTarget> CreateJob();
    Result<void> Upload(const UploadTarget& target, const std::string& yaml);
    Result<Job> GetJob(const std::string& id);
    // `--force-unlock`: POST /api/v2/flows/actions/unlock?flow={id}.
    Result<void> UnlockFlow(const std::string& id);
    // The flows of the org that call the common module `id` (dependency tracking), every page.
    Result<std::vector<RemoteFlow>> FindConsumers(const std::string& id);
    // `--republish-consumers`: POST /api/v2/flows/actions/publish?flow={id}, which publishes
    // the flow's saved configuration again (asynchronously), picking up the new module.
    Result<void> RepublishFlow(const std::string& id);

    // Waits `seconds` (already scaled) unless that would pass the deadline; `announce`
    // tells the user (rate limits and faults are worth a line, routine job polls are not).
    Result<void> Sleep(double seconds, const std::string& why, bool announce = true);
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
    Result<HttpResponse> Exchange(const Operation& op, HttpRequest request);
    // The one way a call reads its answer: exchange, then parse the body, a body that does
    // not parse becoming a failure that names the call and shows the body's beginning.
    template <typename T>
    Result<T> Call(const Operation& op, HttpRequest request,
                   Result<T> (*parse)(std::string_view body));
    template <typename T>
    Result<T> Read(const Operation& op, const std::string& body,
                   Result<T> (*parse)(std::string_view body)) const;
    // Every page of the listing at `url` (which has a query already), the entities `keep`
    // accepts.
    Result<std::vector<RemoteFlow>> ListPages(const Operation& op, const std::string& url,
                                              const std::function<bool(const RemoteFlow&)>& keep);
    Result<std::vector<RemoteFlow>> ListAll(const Operation& op, const std::string& path,
                                            const std::string& name, const std::string& type,
                                            const std::string& category = "");
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
