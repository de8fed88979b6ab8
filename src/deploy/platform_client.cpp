#include "deploy/platform_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "base/strings.h"
#include "base/utf8.h"

namespace flowc::deploy {
namespace {

constexpr std::int64_t kMaxPages = 1000;  // a server that pages for ever is not followed

Failure BadBody(const char* what, const std::string& problem, const std::string& body,
                const Redactor& redactor) {
    return Failure{FailureKind::kBadResponse,
                   fmt::format("cannot read the answer to `{}`: {}", what, problem),
                   body.empty() ? "" : "the body began: " + BodySnippet(body, redactor), 0};
}

// What to do about a 403. Reading the org and getting a token need no permission (the
// Platform API's reference says "requires no permissions"), so a 403 there is about the
// client itself, not its role.
std::string PermissionHelp(const char* permission) {
    if (permission == nullptr) {
        return "this call needs no permission, so Genesys Cloud refused the OAuth client "
               "itself: check in Admin > OAuth that the client is active and has a role in "
               "this org, and that the org's IP address authentication allows this machine";
    }
    return fmt::format("give the OAuth client's role the `{}` permission", permission);
}

std::string DescribeTransport(const HttpResponse& response) {
    switch (response.error) {
        case TransportError::kConnect:
            return "cannot connect: " + response.error_text;
        case TransportError::kTimeout:
            return "no answer in time: " + response.error_text;
        case TransportError::kReset:
            return "the connection broke: " + response.error_text;
        default:
            return response.error_text;
    }
}

// The host of one of flowc's own URLs (validated when configured), for messages.
std::string HostOf(const std::string& url) {
    std::size_t start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    std::size_t end = url.find_first_of(":/?#", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// A JSON body gets its content type; an empty one is sent without.
HttpRequest MakeRequest(std::string method, std::string url, std::string json_body = "") {
    HttpRequest request;
    request.method = std::move(method);
    request.url = std::move(url);
    if (!json_body.empty()) {
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = std::move(json_body);
    }
    return request;
}

}  // namespace

std::string UrlForDisplay(const std::string& url, bool hide_query) {
    if (!hide_query) return url;
    std::size_t query = url.find('?');
    return query == std::string::npos ? url : url.substr(0, query) + "?...";
}

PlatformClient::PlatformClient(HttpClient& http, DeployConfig config, RetryPolicy policy,
                               std::chrono::steady_clock::time_point deadline, ClientHooks hooks,
                               Redactor& redactor)
    : http_(http),
      config_(std::move(config)),
      policy_(policy),
      deadline_(deadline),
      hooks_(std::move(hooks)),
      token_(config_.credentials.access_token),
      random_(std::random_device{}()),
      redactor_(redactor) {
    redactor_.AddSecret(config_.credentials.access_token);
    redactor_.AddClientPair(config_.credentials.client_id, config_.credentials.client_secret);
}

Result<void> PlatformClient::Sleep(double seconds, const std::string& why, bool announce) {
    auto wake = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(seconds));
    if (wake > deadline_) {
        return Failure{FailureKind::kTransient,
                       fmt::format("gave up: {} and waiting {:.0f} s more would pass the "
                                   "overall time limit",
                                   why, seconds),
                       "re-run later (safe: flowc resumes where it stopped), or raise "
                       "`--timeout`",
                       0};
    }
    if (announce && hooks_.on_wait) hooks_.on_wait(seconds, why);
    std::this_thread::sleep_until(wake);
    return {};
}

Result<HttpResponse> PlatformClient::Exchange(const Operation& op, HttpRequest request) {
    int faults = 0;
    int rate_limited = 0;
    bool renewed = false;
    bool upload = !op.authorised && !op.token_request;
    while (true) {
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline_ - std::chrono::steady_clock::now());
        if (remaining.count() <= 0) {
            return Failure{FailureKind::kTransient,
                           fmt::format("gave up on `{}`: the overall time limit passed", op.what),
                           "re-run later, or raise `--timeout`", 0};
        }
        HttpRequest attempt = request;
        attempt.timeout = std::min(request.timeout, remaining);
        if (op.authorised && !token_.empty()) {
            attempt.headers.emplace_back("Authorization", "Bearer " + token_);
        }
        HttpResponse response = http_.Send(attempt);
        if (hooks_.on_exchange) {
            hooks_.on_exchange(fmt::format(
                "{} {} -> {} ({:.2f} s)", request.method, UrlForDisplay(request.url, upload),
                response.error == TransportError::kNone ? std::to_string(response.status)
                                                        : DescribeTransport(response),
                response.seconds));
        }

        std::string why;
        // Neither a name that does not resolve nor a refused certificate goes away by
        // waiting: configuration (78), at once, naming the host tried.
        if (response.error == TransportError::kUnknownHost) {
            return Failure{FailureKind::kConfig,
                           fmt::format("cannot resolve the host `{}` (to {}): {}",
                                       HostOf(request.url), op.what, response.error_text),
                           "check the region (`GENESYSCLOUD_REGION`: its hosts are "
                           "`login.<domain>` and `api.<domain>`) or `--api-base`, and this "
                           "machine's DNS",
                           0};
        }
        if (response.error == TransportError::kTls) {
            return Failure{FailureKind::kTls,
                           fmt::format("TLS failure with `{}` on `{}`: {}", HostOf(request.url),
                                       op.what, response.error_text),
                           "flowc always verifies certificates; add your CA with "
                           "`--ca-bundle FILE`",
                           0};
        }
        if (response.error == TransportError::kTooLarge) {
            return BadBody(op.what, response.error_text, response.body, redactor_);
        }
        if (response.error != TransportError::kNone) {
            // A request that was never sent can always be replayed; one whose answer was lost
            // only when replaying it is harmless.
            if (response.error != TransportError::kConnect && !op.idempotent) {
                return Failure{FailureKind::kTransient,
                               fmt::format("`{}`: {}", op.what, DescribeTransport(response)), "",
                               0};
            }
            why = DescribeTransport(response);
        } else if (response.status == 429 ||
                   (response.status == 400 && op.token_request &&
                    Lowercase(response.body).find("rate limit") != std::string::npos)) {
            if (++rate_limited > policy_.max_rate_limited) {
                return Failure{FailureKind::kTransient,
                               fmt::format("gave up on `{}`: still rate limited after {} waits",
                                           op.what, policy_.max_rate_limited),
                               "re-run later; flowc resumes where it stopped", 429};
            }
            auto header = response.headers.find("retry-after");
            std::optional<double> wait =
                header == response.headers.end()
                    ? std::nullopt
                    : ParseRetryAfter(header->second, std::chrono::system_clock::now());
            double seconds = wait ? *wait : BackoffSeconds(policy_, rate_limited - 1, random_);
            if (auto slept = Sleep(seconds * policy_.time_scale, "rate limited by Genesys Cloud");
                !slept) {
                return slept.failure();
            }
            continue;
        } else if (response.status == 401 && op.authorised && !upload) {
            if (renewed || config_.credentials.client_id.empty()) {
                return Failure{
                    FailureKind::kAuth,
                    fmt::format("Genesys Cloud refused the access token on `{}` (HTTP 401)",
                                op.what),
                    config_.credentials.client_id.empty()
                        ? "GENESYSCLOUD_ACCESS_TOKEN has expired or is wrong; set the OAuth "
                          "client pair instead so flowc can renew tokens"
                        : "the OAuth client may have been disabled or its role removed",
                    401};
            }
            renewed = true;
            if (Result<void> renewal = Authenticate(); !renewal) return renewal.failure();
            continue;
        } else if (response.status >= 500) {
            if (!op.idempotent) {
                return Failure{FailureKind::kTransient,
                               fmt::format("`{}`: HTTP {}", op.what, response.status), "",
                               response.status};
            }
            why = fmt::format("HTTP {}", response.status);
        } else if (response.status >= 200 && response.status < 300) {
            return response;
        } else {
            ErrorBody error = ParseErrorBody(response.body);
            // The server's words, cut and cleaned like a body (a message can be megabytes).
            std::string said = BodySnippet(
                !error.message.empty() ? std::string_view(error.message) : response.body,
                redactor_);
            std::string locked_by = BodySnippet(error.locked_by, redactor_);
            if (response.status == 403 && upload) {
                // S3's answer (XML), not the Platform API's: the URL's signature has expired
                // or does not cover what was sent. A new job brings a new URL.
                return Failure{FailureKind::kTransient,
                               fmt::format("the upload URL refused the flow (HTTP 403){}: its "
                                           "signature has expired or does not match the request",
                                           said.empty() ? "" : ": " + said),
                               "re-run the deploy: it starts a new publish job with a fresh "
                               "upload URL (the role's permissions are not the cause)",
                               403};
            }
            if (response.status == 403) {
                return Failure{FailureKind::kPermission,
                               fmt::format("permission denied on `{}` (HTTP 403){}", op.what,
                                           said.empty() ? "" : ": " + said),
                               PermissionHelp(op.permission), 403};
            }
            if (response.status == 409) {
                return Failure{
                    FailureKind::kLocked,
                    fmt::format("`{}` was refused: the flow is locked{} (HTTP 409){}", op.what,
                                locked_by.empty() ? "" : " by " + locked_by,
                                said.empty() ? "" : ": " + said),
                    "ask whoever holds the lock to save and unlock the flow in Architect, or "
                    "re-run with `--force-unlock`",
                    409};
            }
            if (op.token_request && (response.status == 400 || response.status == 401)) {
                return Failure{FailureKind::kAuth,
                               fmt::format("Genesys Cloud refused the OAuth client (HTTP {}){}",
                                           response.status, said.empty() ? "" : ": " + said),
                               "check GENESYSCLOUD_OAUTHCLIENT_ID and _SECRET, and that the "
                               "client uses the Client Credentials grant in this region",
                               response.status};
            }
            return Failure{FailureKind::kRejected,
                           fmt::format("`{}` was refused (HTTP {}){}", op.what, response.status,
                                       said.empty() ? "" : ": " + said),
                           "", response.status};
        }
        if (++faults >= policy_.max_attempts) {
            return Failure{
                FailureKind::kTransient,
                fmt::format("gave up on `{}` after {} attempts: {}", op.what, faults, why),
                "the platform or the network is failing; re-run later (safe: "
                "flowc resumes where it stopped)",
                response.status};
        }
        if (auto slept =
                Sleep(BackoffSeconds(policy_, faults - 1, random_) * policy_.time_scale, why);
            !slept) {
            return slept.failure();
        }
    }
}

template <typename T>
Result<T> PlatformClient::Read(const Operation& op, const std::string& body,
                               Result<T> (*parse)(std::string_view body)) const {
    Result<T> parsed = parse(body);
    if (!parsed) return BadBody(op.what, parsed.failure().message, body, redactor_);
    return parsed;
}

template <typename T>
Result<T> PlatformClient::Call(const Operation& op, HttpRequest request,
                               Result<T> (*parse)(std::string_view body)) {
    Result<HttpResponse> response = Exchange(op, std::move(request));
    if (!response) return response.failure();
    return Read(op, response->body, parse);
}

Result<void> PlatformClient::Authenticate() {
    if (config_.credentials.client_id.empty()) return {};  // a given access token
    HttpRequest request = MakeRequest("POST", config_.endpoints.login_base + "/oauth/token");
    request.headers = {{"Authorization", "Basic " + Base64(config_.credentials.client_id + ":" +
                                                           config_.credentials.client_secret)},
                       {"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = FormEncode({{"grant_type", "client_credentials"}});
    Result<Token> token =
        Call({"get an OAuth token", nullptr, true, false, true}, std::move(request), ParseToken);
    if (!token) return token.failure();
    token_ = token->access_token;
    redactor_.AddSecret(token_);
    return {};
}

Result<RemoteFlow> PlatformClient::Organization() {
    return Call({"read the organization", nullptr},
                MakeRequest("GET", Api("/api/v2/organizations/me")), ParseFlow);
}

Result<std::vector<RemoteFlow>> PlatformClient::ListPages(
    const Operation& op, const std::string& url,
    const std::function<bool(const RemoteFlow&)>& keep) {
    std::vector<RemoteFlow> kept;
    for (std::int64_t page = 1; page <= kMaxPages; ++page) {
        Result<Page> parsed =
            Call(op, MakeRequest("GET", url + "&pageSize=100&pageNumber=" + std::to_string(page)),
                 ParsePage);
        if (!parsed) return parsed.failure();
        for (RemoteFlow& entity : parsed->entities) {
            if (keep(entity)) kept.push_back(std::move(entity));
        }
        if (page >= parsed->page_count) return kept;
    }
    return Failure{FailureKind::kBadResponse,
                   fmt::format("`{}`: the listing has more than {} pages", op.what, kMaxPages), "",
                   0};
}

Result<std::vector<RemoteFlow>> PlatformClient::ListAll(const Operation& op,
                                                        const std::string& path,
                                                        const std::string& name,
                                                        const std::string& type,
                                                        const std::string& category) {
    std::string url = Api(path) + "?name=" + PercentEncode(name);
    if (!type.empty()) url += "&type=" + PercentEncode(type);
    if (!category.empty()) url += "&category=" + PercentEncode(category);
    // The platform's name filter matches loosely (prefix, case): keep only the names a reader
    // cannot tell from `name`, as the checker does when it compares platform names.
    std::string key = CaselessKey(name);
    return ListPages(op, url, [&](const RemoteFlow& entity) {
        return CaselessKey(entity.name) == key &&
               (type.empty() || EqualIgnoringCase(entity.type, type));
    });
}

Result<std::vector<RemoteFlow>> PlatformClient::FindFlows(const std::string& name,
                                                          const std::string& type) {
    return ListAll({"list flows", "architect:flow:view"}, "/api/v2/flows", name, type);
}

Result<std::vector<RemoteFlow>> PlatformClient::FindResources(const ResourceKind& kind,
                                                              const std::string& name,
                                                              const std::string& category) {
    return ListAll({kind.what, kind.permission}, std::string(kind.path), name,
                   std::string(kind.flow_type), category);
}

Result<RemoteFlow> PlatformClient::GetFlow(const std::string& id) {
    return Call({"read a flow", "architect:flow:view"},
                MakeRequest("GET", Api("/api/v2/flows/" + PercentEncode(id))), ParseFlow);
}

Result<RemoteFlow> PlatformClient::CreateFlow(const std::string& name, const std::string& type,
                                              const std::string& body) {
    Operation op{"create a flow", "architect:flow:add", /*idempotent=*/false};
    HttpRequest request = MakeRequest("POST", Api("/api/v2/flows"), body);
    Result<HttpResponse> outcome = Exchange(op, request);
    for (int attempt = 1; !outcome; ++attempt) {
        const Failure& failure = outcome.failure();
        if (failure.kind != FailureKind::kTransient || attempt >= policy_.max_attempts) {
            return failure;
        }
        // The answer was lost: the flow may exist now. Find it rather than create a twin.
        Result<std::vector<RemoteFlow>> found = FindFlows(name, type);
        if (!found) return found.failure();
        if (found->size() == 1) return UpdateFlow(found->front().id, body);
        if (!found->empty()) return failure;
        if (auto slept = Sleep(BackoffSeconds(policy_, attempt - 1, random_) * policy_.time_scale,
                               failure.message);
            !slept) {
            return slept.failure();
        }
        outcome = Exchange(op, request);
    }
    return Read(op, outcome->body, ParseFlow);
}

Result<RemoteFlow> PlatformClient::UpdateFlow(const std::string& id, const std::string& body) {
    return Call({"update a flow", "architect:flow:edit"},
                MakeRequest("PUT", Api("/api/v2/flows/" + PercentEncode(id)), body), ParseFlow);
}

Result<UploadTarget> PlatformClient::CreateJob() {
    // A replayed job creation leaves at most an unused job behind, which the platform expires.
    Result<UploadTarget> target =
        Call({"start a publish job", "architect:job:create"},
             MakeRequest("POST", Api("/api/v2/flows/jobs"), "{}"), ParseUploadTarget);
    if (!target) return target;
    // The presigned URL's query is its signature: a credential for as long as it lives.
    if (std::size_t query = target->url.find('?'); query != std::string::npos) {
        redactor_.AddSecret(std::string_view(target->url).substr(query + 1));
    }
    if (Result<void> acceptable = CheckBaseUrl(target->url); !acceptable) {
        return Failure{
            FailureKind::kBadResponse,
            fmt::format("the job's upload URL is not acceptable: {}", acceptable.failure().message),
            "", 0};
    }
    return target;
}

Result<void> PlatformClient::Upload(const UploadTarget& target, const std::string& yaml) {
    // The presigned URL carries its own authorisation: never send the bearer token there.
    Operation op{"upload the flow's YAML", "architect:job:create", true, false};
    HttpRequest request = MakeRequest("PUT", target.url);
    request.body = yaml;
    for (const auto& [name, value] : target.headers) request.headers.emplace_back(name, value);
    Result<HttpResponse> sent = Exchange(op, std::move(request));
    if (!sent) return sent.failure();
    return {};
}

Result<void> PlatformClient::UnlockFlow(const std::string& id) {
    // Replaying an unlock is harmless: the flow is unlocked either way.
    Result<HttpResponse> sent = Exchange(
        {"unlock a flow", "architect:flow:unlock"},
        MakeRequest("POST", Api("/api/v2/flows/actions/unlock?flow=" + PercentEncode(id))));
    if (!sent) return sent.failure();
    return {};
}

Result<std::vector<RemoteFlow>> PlatformClient::FindConsumers(const std::string& id) {
    return ListPages(
        {"list the flows that call a common module", "architect:dependencyTracking:view"},
        Api("/api/v2/architect/dependencytracking/consumingresources?id=" + PercentEncode(id) +
            "&objectType=COMMONMODULEFLOW"),
        [](const RemoteFlow&) { return true; });
}

Result<void> PlatformClient::RepublishFlow(const std::string& id) {
    // Not replayed when the answer is lost: a second publish request would be harmless, but
    // it would be a second publish.
    Operation op{"republish a flow", "architect:flow:publish", /*idempotent=*/false};
    Result<HttpResponse> sent = Exchange(
        op, MakeRequest("POST", Api("/api/v2/flows/actions/publish?flow=" + PercentEncode(id))));
    if (!sent) return sent.failure();
    return {};
}

Result<Job> PlatformClient::GetJob(const std::string& id) {
    return Call(
        {"read a publish job", "architect:job:view"},
        MakeRequest("GET", Api("/api/v2/flows/jobs/" + PercentEncode(id) + "?expand=messages")),
        ParseJob);
}

}  // namespace flowc::deploy
