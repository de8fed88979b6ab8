#include "deploy/deploy.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <optional>
#include <vector>

#include "base/exit_codes.h"
#include "deploy/platform_client.h"
#include "deploy/publish.h"
#include "deploy/reporter.h"
#include "deploy/state.h"
#include "deploy/target.h"

namespace flowc::deploy {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

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

// The state file is per org; without an org id (a server that does not say), per API host.
std::string OrgKey(const Result<RemoteFlow>& org, const DeployConfig& config) {
    return org ? org->id : config.endpoints.api_base;
}

// What became of one flow. Published covers archy's publish job; genesys-json says which
// of create and update it did.
enum class Status : std::uint8_t { kCreated, kUpdated, kPublished, kUnchanged, kSkipped, kFailed };

std::string_view StatusName(Status status) {
    switch (status) {
        case Status::kCreated:
            return "created";
        case Status::kUpdated:
            return "updated";
        case Status::kPublished:
            return "published";
        case Status::kUnchanged:
            return "unchanged";
        case Status::kSkipped:
            return "skipped";
        case Status::kFailed:
            return "failed";
    }
    return "failed";
}

bool Wrote(Status status) {
    return status == Status::kCreated || status == Status::kUpdated || status == Status::kPublished;
}

struct FlowOutcome {
    const PlannedFlow* planned = nullptr;
    Status status = Status::kUnchanged;
    std::string id;      // the flow's id in the org, when known
    std::string reason;  // why it was skipped
    double seconds = 0;
};

class Deployment {
  public:
    Deployment(const Bundle& bundle, Target target, const DeployConfig& config,
               const DeployOptions& options, HttpClient& http, Redactor& redactor,
               DiagnosticEngine& diags, std::FILE* out, std::FILE* err)
        : bundle_(bundle),
          target_(target),
          config_(config),
          options_(options),
          diags_(diags),
          redactor_(redactor),
          reporter_(options.json, out, err, redactor),
          client_(http, config, MakePolicy(options),
                  Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(options.timeout_seconds)),
                  MakeHooks(), redactor),
          publisher_(client_, target, options) {}

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
                fmt::format("{}{}waiting {}: {}", Counter(), who, FormatSeconds(seconds), why),
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

    void Fail(const Failure& failure, const BundleFlow* flow) {
        Diagnostic d = MakeDiagnostic(
            CodeFor(failure.kind), flow ? flow->span : Span{},
            flow ? fmt::format("{}: {}", flow->name, failure.message) : failure.message);
        d.notes = failure.notes;
        if (!failure.help.empty()) d.help = failure.help;
        Report(std::move(d));
    }

    std::string_view target_name() const { return bundle_.target; }

    // The steps of Run, in order.
    std::optional<StateFile> OpenState();
    bool Connect();
    std::optional<std::vector<PlannedFlow>> Plan(const StateFile& state);
    int ShowPlan(const std::vector<PlannedFlow>& plan);
    int Apply(const std::vector<PlannedFlow>& plan, StateFile& state);
    FlowOutcome ApplyOne(const PlannedFlow& planned, StateFile& state);
    void ShowFlow(const FlowOutcome& outcome, std::size_t total);
    void ShowSummary(const std::vector<FlowOutcome>& outcomes);

    std::optional<std::map<std::string, RemoteFlow>> Resolve();
    void Record(const BundleFlow& flow, const Published& published, StateFile& state);

    const Bundle& bundle_;
    Target target_;
    const DeployConfig& config_;
    const DeployOptions& options_;
    DiagnosticEngine& diags_;
    Redactor& redactor_;
    Reporter reporter_;
    PlatformClient client_;
    Publisher publisher_;
    std::string org_key_;   // keys the state file's records
    std::string org_name_;  // as printed
    const BundleFlow* current_ = nullptr;
    std::size_t index_ = 0;
    std::map<std::string, std::string> failed_;  // identifier -> name, failed or skipped
    bool stop_ = false;                          // later flows are skipped
};

std::optional<std::map<std::string, RemoteFlow>> Deployment::Resolve() {
    std::map<std::string, RemoteFlow> remote;
    bool ok = true;
    // A genesys-json body carries the ids of what it names, and this deploy finds only queues
    // and the build's own flows: anything else of the org is refused before the first request.
    // Archy names them, and Architect finds them by name when it imports the flow.
    if (target_name() == "genesys-json") {
        for (const BundleFlow& flow : bundle_.flows) {
            for (const backend::ManifestResource& resource : flow.resources) {
                if (resource.kind == "queue") continue;
                Report(MakeDiagnostic(Code::kDeployConfig, flow.span,
                                      fmt::format("flowc cannot yet find the {} `{}` in the org "
                                                  "for a genesys-json deploy (`{}` names it)",
                                                  resource.kind, resource.name, flow.name))
                           .WithHelp("deploy with `--target archy` (Architect finds it by name "
                                     "when it imports the flow); with genesys-json this version "
                                     "resolves queues and the build's own flows only"));
                ok = false;
            }
        }
        if (!ok) return std::nullopt;
    }
    for (const BundleFlow& flow : bundle_.flows) {
        Result<std::vector<RemoteFlow>> found = client_.FindFlows(flow.name, flow.type);
        if (!found) {
            Fail(found.failure(), &flow);
            return std::nullopt;
        }
        const std::vector<RemoteFlow>& flows = found.value();
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
        for (const backend::ManifestResource& resource : flow.resources) {
            if (resource.kind == "queue") queues.emplace(resource.name, &flow);
        }
    }
    for (const auto& [queue, user] : queues) {
        Result<std::vector<RemoteFlow>> matches = client_.FindQueues(queue);
        if (!matches) {
            Fail(matches.failure(), user);
            return std::nullopt;
        }
        if (matches->empty()) {
            Report(MakeDiagnostic(Code::kDeployQueueMissing, user->span,
                                  fmt::format("queue `{}` does not exist in the org "
                                              "(`{}` transfers to it)",
                                              queue, user->name))
                       .WithHelp("create the queue in Admin > Queues, or fix the name "
                                 "in `@queues` and `transfer`"));
            ok = false;
        } else {
            publisher_.AddQueueId(queue, matches->front().id);
        }
    }
    if (!ok) return std::nullopt;
    return remote;
}

void Deployment::Record(const BundleFlow& flow, const Published& published, StateFile& state) {
    state.Put(org_key_, std::string(target_name()), flow.identifier,
              FlowRecord{flow.name, flow.type, published.id, flow.sha256, published.version});
    if (Result<void> saved = state.Save(); !saved) {
        Report(MakeDiagnostic(CodeFor(saved.failure().kind), Span{}, saved.failure().message)
                   .WithHelp("the flow was published; fix the path or use --state-file, "
                             "then re-run (flowc will find the flows by name)"));
        stop_ = true;
    }
}

// The state file is read, and its whole shape checked, before the network: a state file
// that could never be written stops a deploy before its first publish, not after.
std::optional<StateFile> Deployment::OpenState() {
    Result<StateFile> state = StateFile::Load(options_.state_file);
    if (state) return std::move(state).value();
    const Failure& failure = state.failure();
    if (failure.kind == FailureKind::kStateUnwritable && !options_.plan_only) {
        Report(MakeDiagnostic(CodeFor(failure.kind), Span{}, failure.message)
                   .WithHelp("remove it or give another path with `--state-file`; nothing "
                             "was published"));
        return std::nullopt;
    }
    // A --plan writes nothing, so a state file that could never be written only goes unread.
    Report(MakeDiagnostic(Code::kDeployStateUnreadable, Span{}, failure.message)
               .WithHelp("flowc finds the flows by name and type instead and rewrites "
                         "the file after the next successful publish"));
    return StateFile::Empty(options_.state_file);
}

// Authenticates and names the org. An org that cannot be read (a rejected call) is keyed by
// the API host instead.
bool Deployment::Connect() {
    if (Result<void> authenticated = client_.Authenticate(); !authenticated) {
        Fail(authenticated.failure(), nullptr);
        return false;
    }
    Result<RemoteFlow> org = client_.Organization();
    if (!org && org.failure().kind != FailureKind::kRejected) {
        Fail(org.failure(), nullptr);
        return false;
    }
    org_key_ = OrgKey(org, config_);
    org_name_ = org ? org->name : org_key_;
    return true;
}

std::optional<std::vector<PlannedFlow>> Deployment::Plan(const StateFile& state) {
    std::map<std::string, FlowRecord> records = state.Records(org_key_, std::string(target_name()));
    std::optional<std::map<std::string, RemoteFlow>> remote = Resolve();
    if (!remote) return std::nullopt;
    return MakePlan(bundle_, records, *remote);
}

std::size_t CountChanges(const std::vector<PlannedFlow>& plan) {
    std::size_t changes = 0;
    for (const PlannedFlow& p : plan) changes += p.action != Action::kUnchanged;
    return changes;
}

int Deployment::ShowPlan(const std::vector<PlannedFlow>& plan) {
    std::size_t changes = CountChanges(plan);
    reporter_.Result(fmt::format("Plan for {} ({}), target {}:", org_name_,
                                 config_.endpoints.display, target_name()),
                     json{{"event", "start"},
                          {"org", org_name_},
                          {"target", target_name()},
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
    return options_.detailed_exitcode && changes > 0 ? exit_code::kChangesPending : exit_code::kOk;
}

// One flow, in plan order: skipped when a flow it calls failed or was skipped (or after a
// failure without --keep-going), otherwise published unless unchanged, and recorded.
FlowOutcome Deployment::ApplyOne(const PlannedFlow& planned, StateFile& state) {
    const BundleFlow& flow = *planned.flow;
    FlowOutcome outcome{&planned, Status::kUnchanged, planned.remote_id, "", 0};
    auto start = Clock::now();
    for (const std::string& callee : flow.calls) {
        if (auto it = failed_.find(callee); it != failed_.end()) {
            outcome.reason = "depends on " + it->second;
            break;
        }
    }
    if (outcome.reason.empty() && stop_) {
        outcome.reason = "an earlier flow failed (use --keep-going)";
    }
    if (!outcome.reason.empty()) {
        outcome.status = Status::kSkipped;
        failed_[flow.identifier] = flow.name;
    } else if (planned.action == Action::kUnchanged) {
        outcome.status = Status::kUnchanged;
    } else if (Result<std::string> id = publisher_.Publish(planned)) {
        outcome.status = target_ == Target::kArchy           ? Status::kPublished
                         : planned.action == Action::kCreate ? Status::kCreated
                                                             : Status::kUpdated;
        Published published = publisher_.Locate(flow, std::move(id).value());
        outcome.id = published.id;
        Record(flow, published, state);
    } else {
        Fail(id.failure(), &flow);
        outcome.status = Status::kFailed;
        failed_[flow.identifier] = flow.name;
        // Credentials, permissions and deadlines fail every later flow alike.
        if (!options_.keep_going || diags_.Has(Code::kDeployAuth) ||
            diags_.Has(Code::kDeployPermission) || diags_.Has(Code::kDeployGaveUp)) {
            stop_ = true;
        }
    }
    publisher_.AddFlowId(flow.name, outcome.id);
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return outcome;
}

void Deployment::ShowFlow(const FlowOutcome& outcome, std::size_t total) {
    const PlannedFlow& planned = *outcome.planned;
    const BundleFlow& flow = *planned.flow;
    std::string status(StatusName(outcome.status));
    std::string line =
        fmt::format("[{}/{}] {}  {}", index_, total, flow.name,
                    outcome.status == Status::kSkipped ? "skipped: " + outcome.reason : status);
    if (Wrote(outcome.status)) line += "  " + FormatSeconds(outcome.seconds);
    reporter_.Progress(line, json{{"event", "flow"},
                                  {"index", index_},
                                  {"total", total},
                                  {"flow", flow.name},
                                  {"type", flow.type},
                                  {"action", ActionName(planned.action)},
                                  {"status", status},
                                  {"id", outcome.id},
                                  {"seconds", outcome.seconds},
                                  {"reason", outcome.reason}});
}

void Deployment::ShowSummary(const std::vector<FlowOutcome>& outcomes) {
    std::size_t done = 0, unchanged = 0, failures = 0, skipped = 0;
    json flows = json::array();
    for (const FlowOutcome& outcome : outcomes) {
        done += Wrote(outcome.status);
        unchanged += outcome.status == Status::kUnchanged;
        failures += outcome.status == Status::kFailed;
        skipped += outcome.status == Status::kSkipped;
        const std::string& name = outcome.planned->flow->name;
        std::string_view status = StatusName(outcome.status);
        flows.push_back(json{{"flow", name}, {"status", status}, {"id", outcome.id}});
        if (!options_.json) {
            reporter_.Result(fmt::format("  {:<10} {}{}", status, name,
                                         outcome.id.empty() ? "" : "  " + outcome.id),
                             {});
        }
    }
    reporter_.Result(fmt::format("{} done, {} unchanged, {} failed, {} skipped", done, unchanged,
                                 failures, skipped),
                     json{{"event", "summary"},
                          {"done", done},
                          {"unchanged", unchanged},
                          {"failed", failures},
                          {"skipped", skipped},
                          {"flows", flows}});
}

int Deployment::Apply(const std::vector<PlannedFlow>& plan, StateFile& state) {
    std::size_t changes = CountChanges(plan);
    reporter_.Progress(fmt::format("Deploying {} flow{} to {} ({}), target {}: {} to change",
                                   plan.size(), plan.size() == 1 ? "" : "s", org_name_,
                                   config_.endpoints.display, target_name(), changes),
                       json{{"event", "start"},
                            {"org", org_name_},
                            {"target", target_name()},
                            {"flows", plan.size()},
                            {"changes", changes}});
    std::vector<FlowOutcome> outcomes;
    for (const PlannedFlow& planned : plan) {
        ++index_;
        current_ = planned.flow;
        outcomes.push_back(ApplyOne(planned, state));
        ShowFlow(outcomes.back(), plan.size());
    }
    current_ = nullptr;
    index_ = 0;
    ShowSummary(outcomes);
    return ExitCode(diags_);
}

int Deployment::Run() {
    std::optional<StateFile> state = OpenState();
    if (!state || !Connect()) return ExitCode(diags_);
    std::optional<std::vector<PlannedFlow>> plan = Plan(*state);
    if (!plan) return ExitCode(diags_);
    return options_.plan_only ? ShowPlan(*plan) : Apply(*plan, *state);
}

}  // namespace

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
        case FailureKind::kJobTimeout:
            return Code::kDeployJobTimeout;
        case FailureKind::kConfig:
            return Code::kDeployConfig;
        case FailureKind::kStateUnreadable:
            return Code::kDeployStateUnreadable;
        case FailureKind::kStateUnwritable:
            return Code::kDeployStateNotWritable;
        case FailureKind::kInternal:
            return Code::kInternalError;
    }
    return Code::kDeployRejected;
}

int Deploy(const Bundle& bundle, const DeployConfig& config, const DeployOptions& options,
           HttpClient& http, Redactor& redactor, DiagnosticEngine& diags, std::FILE* out,
           std::FILE* err) {
    std::optional<Target> target = ParseTarget(bundle.target);
    if (!target) {
        diags.Report(MakeDiagnostic(
            Code::kInternalError, Span{},
            fmt::format("the manifest names target `{}`, which deploy cannot publish",
                        redactor.Clean(bundle.target))));
        return exit_code::kInternal;
    }
    Deployment deployment(bundle, *target, config, options, http, redactor, diags, out, err);
    return deployment.Run();
}

}  // namespace flowc::deploy
