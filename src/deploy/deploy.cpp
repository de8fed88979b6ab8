#include "deploy/deploy.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <set>

#include "base/exit_codes.h"
#include "deploy/platform_client.h"
#include "deploy/reporter.h"
#include "deploy/state.h"

namespace flowc::deploy {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

Code CodeFor(FailureKind kind) {
    switch (kind) {
        case FailureKind::kAuth:
            return Code::kDeployAuth;
        case FailureKind::kPermission:
            return Code::kDeployPermission;
        case FailureKind::kLocked:
            return Code::kDeployLocked;
        case FailureKind::kRejected:
            return Code::kDeployRejected;
        case FailureKind::kBadResponse:
            return Code::kDeployBadResponse;
        case FailureKind::kTransient:
            return Code::kDeployGaveUp;
        case FailureKind::kTls:
            return Code::kDeployConfig;
    }
    return Code::kDeployRejected;
}

// The most specific exit code among the reported problems: a configuration or credentials
// problem is fixed before anything else; "re-run later" (75) only when nothing else is wrong.
int ExitCode(const DiagnosticEngine& diags) {
    if (!diags.has_errors()) return exit_code::kOk;
    if (diags.Has(Code::kDeployConfig)) return exit_code::kConfig;
    if (diags.Has(Code::kDeployAuth) || diags.Has(Code::kDeployPermission)) {
        return exit_code::kNotAuthorised;
    }
    if (diags.Has(Code::kDeployStateNotWritable)) return exit_code::kIoError;
    for (Code code : {Code::kDeployDuplicateRemote, Code::kDeployQueueMissing,
                      Code::kDeployRejected, Code::kDeployLocked}) {
        if (diags.Has(code)) return exit_code::kInputErrors;
    }
    return exit_code::kTransient;
}

std::string Seconds(double seconds) { return fmt::format("{:.1f} s", seconds); }

// The state file is per org; without an org id (a server that does not say), per API host.
std::string OrgKey(const Outcome<RemoteFlow>& org, const DeployConfig& config) {
    if (const auto* found = std::get_if<RemoteFlow>(&org)) return found->id;
    return config.endpoints.api_base;
}

class Deployment {
  public:
    Deployment(const Bundle& bundle, const DeployConfig& config, const DeployOptions& options,
               HttpClient& http, Redactor& redactor, DiagnosticEngine& diags, std::FILE* out,
               std::FILE* err)
        : bundle_(bundle),
          config_(config),
          options_(options),
          diags_(diags),
          redactor_(redactor),
          reporter_(options.json, out, err, redactor),
          client_(http, config, MakePolicy(options),
                  Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(options.timeout_seconds)),
                  MakeHooks(), redactor) {}

    int Run();

  private:
    static RetryPolicy MakePolicy(const DeployOptions& options) {
        RetryPolicy policy;
        policy.time_scale = options.time_scale;
        return policy;
    }
    ClientHooks MakeHooks() {
        ClientHooks hooks;
        hooks.on_wait = [this](double seconds, const std::string& why) {
            std::string who = current_ == nullptr ? "" : current_->name + "  ";
            reporter_.Progress(
                fmt::format("{}{}waiting {}: {}", Counter(), who, Seconds(seconds), why),
                json{{"event", "wait"},
                     {"flow", current_ == nullptr ? "" : current_->name},
                     {"seconds", seconds},
                     {"reason", why}});
        };
        if (options_.verbose) {
            hooks.on_exchange = [this](const std::string& line) { reporter_.Log("  " + line); };
        }
        return hooks;
    }

    // Every deploy diagnostic is reported through here: its text may hold server text
    // (messages, names, ids, job statuses), which is made printable and redacted.
    void Report(Diagnostic d) {
        d.message = redactor_.Clean(d.message);
        for (std::string& note : d.notes) note = redactor_.Clean(note);
        for (Label& label : d.labels) label.text = redactor_.Clean(label.text);
        if (d.help) d.help = redactor_.Clean(*d.help);
        diags_.Report(std::move(d));
    }

    std::string Counter() const {
        return index_ == 0 ? "" : fmt::format("[{}/{}] ", index_, bundle_.flows.size());
    }

    void Fail(const ApiFailure& failure, const BundleFlow* flow,
              std::vector<std::string> notes = {}) {
        Diagnostic d = MakeDiagnostic(
            CodeFor(failure.kind), flow ? flow->span : Span{},
            flow ? fmt::format("{}: {}", flow->name, failure.message) : failure.message);
        for (std::string& note : notes) d.notes.push_back(std::move(note));
        if (!failure.help.empty()) d.help = failure.help;
        Report(std::move(d));
    }

    bool Resolve(std::map<std::string, RemoteFlow>& remote);
    bool Publish(const PlannedFlow& planned, std::string& id);
    bool PublishArchy(const BundleFlow& flow, std::string& id);
    bool PublishJson(const PlannedFlow& planned, std::string& id);

    const Bundle& bundle_;
    const DeployConfig& config_;
    const DeployOptions& options_;
    DiagnosticEngine& diags_;
    Redactor& redactor_;
    Reporter reporter_;
    PlatformClient client_;
    const BundleFlow* current_ = nullptr;
    std::size_t index_ = 0;
    std::map<std::string, std::string> queue_ids_;  // queue name -> id
    std::map<std::string, std::string> flow_ids_;   // flow name -> id (this run)
};

bool Deployment::Resolve(std::map<std::string, RemoteFlow>& remote) {
    bool ok = true;
    for (const BundleFlow& flow : bundle_.flows) {
        Outcome<std::vector<RemoteFlow>> found = client_.FindFlows(flow.name, flow.type);
        if (const auto* failure = std::get_if<ApiFailure>(&found)) {
            Fail(*failure, &flow);
            return false;
        }
        const auto& flows = std::get<std::vector<RemoteFlow>>(found);
        if (flows.size() > 1) {
            std::vector<std::string> ids;
            for (const RemoteFlow& f : flows) ids.push_back(f.id);
            Report(MakeDiagnostic(
                       Code::kDeployDuplicateRemote, flow.span,
                       fmt::format("the org has {} flows named `{}` of type {}: {}", flows.size(),
                                   flow.name, flow.type, fmt::join(ids, ", ")))
                       .WithHelp("delete or rename all but one in Architect; flowc will not guess "
                                 "which one to overwrite"));
            ok = false;
        } else if (flows.size() == 1) {
            remote[flow.identifier] = flows.front();
        }
    }
    // Queues: the genesys-json body needs their ids; for archy, Architect resolves names at
    // publish, but a missing queue would fail mid-deploy, so it is found now either way.
    std::map<std::string, const BundleFlow*> queues;
    for (const BundleFlow& flow : bundle_.flows) {
        for (const std::string& queue : flow.queues) queues.emplace(queue, &flow);
    }
    for (const auto& [queue, user] : queues) {
        Outcome<std::vector<RemoteFlow>> found = client_.FindQueues(queue);
        if (const auto* failure = std::get_if<ApiFailure>(&found)) {
            Fail(*failure, user);
            return false;
        }
        const auto& matches = std::get<std::vector<RemoteFlow>>(found);
        if (matches.empty()) {
            Report(MakeDiagnostic(Code::kDeployQueueMissing, user->span,
                                  fmt::format("queue `{}` does not exist in the org "
                                              "(`{}` transfers to it)",
                                              queue, user->name))
                       .WithHelp("create the queue in Admin > Queues, or fix the name "
                                 "in `@queues` and `transfer`"));
            ok = false;
        } else {
            queue_ids_[queue] = matches.front().id;
        }
    }
    return ok;
}

bool Deployment::PublishArchy(const BundleFlow& flow, std::string& id) {
    Outcome<UploadTarget> job = client_.CreateJob();
    if (const auto* failure = std::get_if<ApiFailure>(&job)) {
        Fail(*failure, &flow);
        return false;
    }
    const UploadTarget& target = std::get<UploadTarget>(job);
    if (auto failure = client_.Upload(target, flow.bytes)) {
        Fail(*failure, &flow);
        return false;
    }
    auto poll_deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(options_.poll_timeout_seconds));
    while (true) {
        Outcome<Job> state = client_.GetJob(target.job_id);
        if (const auto* failure = std::get_if<ApiFailure>(&state)) {
            Fail(*failure, &flow);
            return false;
        }
        const Job& status = std::get<Job>(state);
        if (status.status == "Success") {
            id = status.flow_id;
            return true;
        }
        if (status.status == "Failure") {
            std::vector<std::string> notes;
            for (const std::string& message : status.messages) {
                notes.push_back("Genesys Cloud: " + message);
            }
            if (notes.empty()) notes.push_back("the job gave no messages");
            Fail({FailureKind::kRejected, fmt::format("the publish job {} failed", target.job_id),
                  "fix the flow (or the org: missing queues, prompts, data actions) and re-run", 0},
                 &flow, std::move(notes));
            return false;
        }
        if (Clock::now() +
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                    options_.poll_interval_seconds * options_.time_scale)) >
            poll_deadline) {
            Report(
                MakeDiagnostic(Code::kDeployJobTimeout, flow.span,
                               fmt::format("{}: the publish job {} was still `{}` after {}",
                                           flow.name, target.job_id, status.status,
                                           Seconds(options_.poll_timeout_seconds)))
                    .WithHelp("the platform may be slow; re-run later (the job may still finish; "
                              "flowc will then find the flow up to date or republish it), or "
                              "raise `--poll-timeout`"));
            return false;
        }
        if (auto failure = client_.Sleep(options_.poll_interval_seconds * options_.time_scale,
                                         "publish job " + status.status, false)) {
            Fail(*failure, &flow);
            return false;
        }
    }
}

bool Deployment::PublishJson(const PlannedFlow& planned, std::string& id) {
    const BundleFlow& flow = *planned.flow;
    json body = json::parse(flow.bytes, nullptr, false);
    if (body.is_discarded()) {
        Fail({FailureKind::kRejected, "the compiled JSON is malformed (a bug in flowc)", "", 0},
             &flow);
        return false;
    }
    for (const Reference& ref : flow.references) {
        const auto& ids = ref.kind == "queue" ? queue_ids_ : flow_ids_;
        auto it = ids.find(ref.name);
        json::json_pointer pointer(ref.pointer);
        if (it == ids.end() || !body.contains(pointer)) {
            Fail({FailureKind::kRejected,
                  fmt::format("no id for {} `{}` (a bug in flowc's deploy order)", ref.kind,
                              ref.name),
                  "", 0},
                 &flow);
            return false;
        }
        body[pointer] = it->second;
    }
    std::string text = body.dump(2);
    Outcome<RemoteFlow> result = planned.remote_id.empty()
                                     ? client_.CreateFlow(flow.name, flow.type, text)
                                     : client_.UpdateFlow(planned.remote_id, text);
    if (const auto* failure = std::get_if<ApiFailure>(&result)) {
        Fail(*failure, &flow);
        return false;
    }
    id = std::get<RemoteFlow>(result).id;
    return true;
}

bool Deployment::Publish(const PlannedFlow& planned, std::string& id) {
    return bundle_.target == "archy" ? PublishArchy(*planned.flow, id) : PublishJson(planned, id);
}

int Deployment::Run() {
    // The state file is read, and its whole shape checked, before the network: a state file
    // that could never be written stops a deploy before its first publish, not after.
    std::string warning;
    StateFile state = StateFile::Load(options_.state_file, warning);
    if (!state.unwritable().empty() && !options_.plan_only) {
        Report(MakeDiagnostic(Code::kDeployStateNotWritable, Span{}, state.unwritable())
                   .WithHelp("remove it or give another path with `--state-file`; nothing "
                             "was published"));
        return ExitCode(diags_);
    }
    if (!warning.empty()) {
        Report(MakeDiagnostic(Code::kDeployStateUnreadable, Span{}, warning)
                   .WithHelp("flowc finds the flows by name and type instead and rewrites "
                             "the file after the next successful publish"));
    }
    if (auto failure = client_.Authenticate()) {
        Fail(*failure, nullptr);
        return ExitCode(diags_);
    }
    Outcome<RemoteFlow> org = client_.Organization();
    if (const auto* failure = std::get_if<ApiFailure>(&org);
        failure && failure->kind != FailureKind::kRejected) {
        Fail(*failure, nullptr);
        return ExitCode(diags_);
    }
    std::string org_key = OrgKey(org, config_);
    std::string org_name =
        std::holds_alternative<RemoteFlow>(org) ? std::get<RemoteFlow>(org).name : org_key;

    std::map<std::string, FlowRecord> records = state.Records(org_key, bundle_.target);

    std::map<std::string, RemoteFlow> remote;
    if (!Resolve(remote)) return ExitCode(diags_);
    std::vector<PlannedFlow> plan = MakePlan(bundle_, records, remote);
    std::size_t changes = 0;
    for (const PlannedFlow& p : plan) changes += p.action != Action::kUnchanged;

    if (options_.plan_only) {
        reporter_.Result(fmt::format("Plan for {} ({}), target {}:", org_name,
                                     config_.endpoints.display, bundle_.target),
                         json{{"event", "start"},
                              {"org", org_name},
                              {"target", bundle_.target},
                              {"flows", plan.size()}});
        for (const PlannedFlow& p : plan) {
            std::string action(ActionName(p.action));
            reporter_.Result(fmt::format("  {:<10} {} [{}]", action, p.flow->name, p.flow->type) +
                                 (p.action == Action::kUnchanged ? "" : "  " + p.reason),
                             json{{"event", "plan"},
                                  {"flow", p.flow->name},
                                  {"type", p.flow->type},
                                  {"action", action},
                                  {"reason", p.reason},
                                  {"id", p.remote_id}});
        }
        reporter_.Result(
            fmt::format("{} to change, {} unchanged", changes, plan.size() - changes),
            json{{"event", "summary"}, {"changes", changes}, {"unchanged", plan.size() - changes}});
        if (diags_.has_errors()) return ExitCode(diags_);
        return options_.detailed_exitcode && changes > 0 ? exit_code::kChangesPending
                                                         : exit_code::kOk;
    }

    reporter_.Progress(fmt::format("Deploying {} flow{} to {} ({}), target {}: {} to change",
                                   plan.size(), plan.size() == 1 ? "" : "s", org_name,
                                   config_.endpoints.display, bundle_.target, changes),
                       json{{"event", "start"},
                            {"org", org_name},
                            {"target", bundle_.target},
                            {"flows", plan.size()},
                            {"changes", changes}});
    std::map<std::string, std::string> failed;  // identifier -> name, failed or skipped
    bool stop = false;
    std::size_t done = 0, unchanged = 0, failures = 0, skipped = 0;
    json summary_flows = json::array();
    std::vector<std::string> summary_lines;
    for (const PlannedFlow& p : plan) {
        const BundleFlow& flow = *p.flow;
        ++index_;
        current_ = &flow;
        std::string status;
        std::string id = p.remote_id;
        std::string reason;
        auto start = Clock::now();
        for (const std::string& callee : flow.calls) {
            if (auto it = failed.find(callee); it != failed.end()) {
                reason = "depends on " + it->second;
                break;
            }
        }
        if (reason.empty() && stop) reason = "an earlier flow failed (use --keep-going)";
        if (!reason.empty()) {
            status = "skipped";
            failed[flow.identifier] = flow.name;
            ++skipped;
        } else if (p.action == Action::kUnchanged) {
            status = "unchanged";
            ++unchanged;
        } else if (Publish(p, id)) {
            status = bundle_.target == "archy"     ? "published"
                     : p.action == Action::kCreate ? "created"
                                                   : "updated";
            std::string version;
            if (id.empty()) {  // a job that did not name its flow: find it by identity
                Outcome<std::vector<RemoteFlow>> found = client_.FindFlows(flow.name, flow.type);
                if (auto* flows = std::get_if<std::vector<RemoteFlow>>(&found);
                    flows && flows->size() == 1) {
                    id = flows->front().id;
                    version = flows->front().version;
                }
            } else {
                Outcome<RemoteFlow> read = client_.GetFlow(id);
                if (auto* remote_flow = std::get_if<RemoteFlow>(&read)) {
                    version = remote_flow->version;
                }
            }
            state.Put(org_key, bundle_.target, flow.identifier,
                      FlowRecord{flow.name, flow.type, id, flow.sha256, version});
            std::string error;
            if (!state.Save(error)) {
                Report(MakeDiagnostic(Code::kDeployStateNotWritable, Span{}, error)
                           .WithHelp("the flow was published; fix the path or use --state-file, "
                                     "then re-run (flowc will find the flows by name)"));
                stop = true;
            }
            ++done;
        } else {
            status = "failed";
            failed[flow.identifier] = flow.name;
            ++failures;
            // Credentials, permissions and deadlines fail every later flow alike.
            if (!options_.keep_going || diags_.Has(Code::kDeployAuth) ||
                diags_.Has(Code::kDeployPermission) || diags_.Has(Code::kDeployGaveUp)) {
                stop = true;
            }
        }
        flow_ids_[flow.name] = id;
        double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        std::string line = fmt::format("[{}/{}] {}  {}", index_, plan.size(), flow.name,
                                       status == "skipped" ? "skipped: " + reason : status);
        if (status == "created" || status == "published" || status == "updated") {
            line += "  " + Seconds(seconds);
        }
        reporter_.Progress(line, json{{"event", "flow"},
                                      {"index", index_},
                                      {"total", plan.size()},
                                      {"flow", flow.name},
                                      {"type", flow.type},
                                      {"action", ActionName(p.action)},
                                      {"status", status},
                                      {"id", id},
                                      {"seconds", seconds},
                                      {"reason", reason}});
        summary_flows.push_back(json{{"flow", flow.name}, {"status", status}, {"id", id}});
        summary_lines.push_back(
            fmt::format("  {:<10} {}{}", status, flow.name, id.empty() ? "" : "  " + id));
    }
    current_ = nullptr;
    index_ = 0;
    std::string summary = fmt::format("{} done, {} unchanged, {} failed, {} skipped", done,
                                      unchanged, failures, skipped);
    if (!options_.json) {
        for (const std::string& line : summary_lines) reporter_.Result(line, {});
    }
    reporter_.Result(summary, json{{"event", "summary"},
                                   {"done", done},
                                   {"unchanged", unchanged},
                                   {"failed", failures},
                                   {"skipped", skipped},
                                   {"flows", summary_flows}});
    return ExitCode(diags_);
}

}  // namespace

int Deploy(const Bundle& bundle, const DeployConfig& config, const DeployOptions& options,
           HttpClient& http, Redactor& redactor, DiagnosticEngine& diags, std::FILE* out,
           std::FILE* err) {
    Deployment deployment(bundle, config, options, http, redactor, diags, out, err);
    return deployment.Run();
}

}  // namespace flowc::deploy
