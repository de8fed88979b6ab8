#include "deploy/deploy.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "base/exit_codes.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "deploy/platform_client.h"
#include "deploy/publish.h"
#include "deploy/reporter.h"
#include "deploy/resources.h"
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
    for (Code code : {Code::kDeployDuplicateRemote, Code::kDeployResourceMissing,
                      Code::kDeployTransferCycle, Code::kDeployRejected, Code::kDeployLocked}) {
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
    Result<std::string> UnlockAndPublish(const PlannedFlow& planned);
    void ShowFlow(const FlowOutcome& outcome, std::size_t total);
    void ShowSummary(const std::vector<FlowOutcome>& outcomes);

    std::optional<std::map<std::string, RemoteFlow>> Resolve();
    // Reports each missing resource; false when a lookup failed (also reported).
    bool ResolveResources();
    void FindConsumers(const std::vector<PlannedFlow>& plan,
                       const std::map<std::string, RemoteFlow>& remote);
    PlanReport MakeReport(const std::vector<PlannedFlow>& plan) const;
    void RepublishConsumers();
    void CheckTransferOrder(const std::map<std::string, RemoteFlow>& remote);
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
    std::map<std::string, std::string> failed_;    // identifier -> name, failed or skipped
    std::vector<PlanReport::Resource> resolved_;   // found (with an id) and missing
    std::map<std::string, FlowRecord> cached_;     // the state file's records when planned
    bool cache_stale_ = false;                     // an unchanged flow's record was refreshed
    std::vector<PlanReport::Consumer> consumers_;  // the org's callers of changed modules
    std::string consumers_unknown_;                // why they could not be listed
    bool stop_ = false;                            // later flows are skipped
};

std::optional<std::map<std::string, RemoteFlow>> Deployment::Resolve() {
    std::map<std::string, RemoteFlow> remote;
    bool ok = true;
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
    // Everything of the org the flows name, found now, before the first write: Architect
    // resolves names during each flow's import job, and one the org lacks would fail that
    // flow's job after earlier flows were published. Each missing one is an error of its
    // own. genesys-json bodies get their ids.
    if (!ok) return std::nullopt;
    // What is missing, and cycles, are errors: they stop an apply (Run), while a plan still
    // shows what it would do.
    if (!ResolveResources()) return std::nullopt;  // the org could not be asked
    CheckTransferOrder(remote);
    return remote;
}

bool Deployment::ResolveResources() {
    struct Wanted {
        const ResourceKind* kind;
        backend::ManifestResource resource;
        const BundleFlow* user;  // the first flow, in deploy order, that names it
    };
    std::vector<Wanted> wanted;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    auto want = [&](const backend::ManifestResource& resource, const BundleFlow& user) {
        if (!seen.emplace(resource.kind, resource.name, resource.integration).second) return;
        wanted.push_back({FindResourceKind(resource.kind), resource, &user});
    };
    for (const BundleFlow& flow : bundle_.flows) {
        for (const std::string& queue : flow.queues) want({"queue", queue, ""}, flow);
        for (const backend::ManifestResource& resource : flow.resources) want(resource, flow);
    }
    for (const Wanted& item : wanted) {
        const backend::ManifestResource& resource = item.resource;
        if (item.kind == nullptr) {
            Report(MakeDiagnostic(Code::kInternalError, item.user->span,
                                  fmt::format("the manifest names a resource of kind `{}`, which "
                                              "this deploy cannot look up (a bug in flowc)",
                                              resource.kind)));
            continue;
        }
        const ResourceKind& kind = *item.kind;
        Result<std::vector<RemoteFlow>> found =
            client_.FindResources(kind, resource.name, resource.integration);
        if (!found) {
            Fail(found.failure(), item.user);
            return false;
        }
        std::vector<RemoteFlow> matches = std::move(found).value();
        std::vector<std::string> elsewhere;  // a data action's other integrations
        if (!resource.integration.empty()) {
            std::erase_if(matches, [&](const RemoteFlow& action) {
                if (CaselessKey(action.category) == CaselessKey(resource.integration)) return false;
                elsewhere.push_back(action.category);
                return true;
            });
        }
        if (!matches.empty()) {
            publisher_.AddResourceId(resource.kind, resource.name, matches.front().id);
            if (!kind.flow_type.empty()) publisher_.AddFlowId(resource.name, matches.front().id);
            resolved_.push_back(
                {std::string(kind.noun), resource.name, matches.front().id, item.user->name});
            continue;
        }
        resolved_.push_back({std::string(kind.noun), resource.name, "", item.user->name});
        std::string in_integration =
            resource.integration.empty()
                ? ""
                : fmt::format(" in the integration `{}`", resource.integration);
        Diagnostic d =
            MakeDiagnostic(Code::kDeployResourceMissing, item.user->span,
                           fmt::format("the org has no {} `{}`{} (`{}` names it)", kind.noun,
                                       resource.name, in_integration, item.user->name));
        if (!elsewhere.empty()) {
            d.notes.push_back(fmt::format("the org has a data action of that name in: {}",
                                          fmt::join(elsewhere, ", ")));
        }
        Report(std::move(d).WithHelp(std::string(kind.create_help) + "; nothing was published"));
    }
    return true;
}

// A flow is published after the flows of the build it transfers to, so that Architect finds
// them by name; inbound flows that transfer to each other cannot all go after the others.
// That is fine when the org has them already (the new versions replace them one by one), and
// an error naming the cycle when one of them is new.
void Deployment::CheckTransferOrder(const std::map<std::string, RemoteFlow>& remote) {
    std::map<std::string, std::size_t> position;
    std::map<std::string, const BundleFlow*> by_identifier;
    for (std::size_t i = 0; i < bundle_.flows.size(); ++i) {
        position[bundle_.flows[i].identifier] = i;
        by_identifier[bundle_.flows[i].identifier] = &bundle_.flows[i];
    }
    // The path of transfers from `from` back to `to`, by breadth-first search.
    auto path_back = [&](const std::string& from, const std::string& to) {
        std::map<std::string, std::string> parent{{from, ""}};
        std::vector<std::string> frontier{from};
        for (std::size_t k = 0; k < frontier.size(); ++k) {
            const BundleFlow* flow = by_identifier[frontier[k]];
            if (flow == nullptr) continue;
            for (const std::string& next : flow->transfers) {
                if (!parent.emplace(next, frontier[k]).second) continue;
                if (next == to) {
                    std::vector<std::string> names{by_identifier[to]->name};
                    for (std::string at = frontier[k]; !at.empty(); at = parent[at])
                        names.push_back(by_identifier[at]->name);
                    std::reverse(names.begin(), names.end());
                    return names;
                }
                frontier.push_back(next);
            }
        }
        return std::vector<std::string>{};
    };
    std::set<std::string> reported;
    for (std::size_t i = 0; i < bundle_.flows.size(); ++i) {
        const BundleFlow& flow = bundle_.flows[i];
        for (const std::string& target : flow.transfers) {
            auto at = position.find(target);
            if (at == position.end() || at->second < i || remote.contains(target)) continue;
            if (!reported.insert(target).second) continue;
            std::vector<std::string> cycle = path_back(target, flow.identifier);
            std::vector<std::string> names{flow.name};
            names.insert(names.end(), cycle.begin(), cycle.end());
            Report(MakeDiagnostic(Code::kDeployTransferCycle, flow.span,
                                  fmt::format("`{}` transfers to `{}`, which is not in the org "
                                              "yet and transfers back ({}): neither can be "
                                              "published first",
                                              flow.name, by_identifier[target]->name,
                                              fmt::join(names, " -> ")))
                       .WithHelp(fmt::format(
                           "create `{}` in the org once (publish it without its `transfer "
                           "flow`, or as an empty inbound flow in Architect), then deploy "
                           "again; nothing was published",
                           by_identifier[target]->name)));
        }
    }
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
    cached_ = records;
    std::optional<std::map<std::string, RemoteFlow>> remote = Resolve();
    if (!remote) return std::nullopt;
    std::vector<PlannedFlow> plan = MakePlan(bundle_, records, *remote);
    FindConsumers(plan, *remote);
    return plan;
}

// Flows of the org outside the project that call a common module this deploy changes: the
// platform snapshots a module into its callers when they are published, so they keep the
// old one until they are republished. Listed by dependency tracking; where the org does not
// answer it (403: no permission; 404: not there), a warning, once, and the deploy goes on.
void Deployment::FindConsumers(const std::vector<PlannedFlow>& plan,
                               const std::map<std::string, RemoteFlow>& remote) {
    if (target_ != Target::kArchy) return;  // the tutorial's model has no dependency tracking
    std::set<std::string> ours;
    for (const auto& [identifier, flow] : remote) ours.insert(flow.id);
    for (const PlannedFlow& p : plan) {
        bool changes = p.action == Action::kUpdate || p.action == Action::kRepublish;
        if (!changes || p.remote_id.empty() || !EqualIgnoringCase(p.flow->type, "commonmodule"))
            continue;
        Result<std::vector<RemoteFlow>> found = client_.FindConsumers(p.remote_id);
        if (!found) {
            const Failure& failure = found.failure();
            if (failure.status == 403 || failure.status == 404) {
                consumers_unknown_ =
                    failure.status == 403
                        ? "the OAuth client lacks `architect:dependencyTracking:view`"
                        : "the org does not answer dependency tracking (HTTP 404)";
                Report(MakeDiagnostic(Code::kDeployConsumersUnknown, p.flow->span,
                                      fmt::format("cannot list the flows outside the project "
                                                  "that call changed common modules: {}",
                                                  consumers_unknown_))
                           .WithHelp("flows in the org that call them keep the old version "
                                     "until they are republished; give the role "
                                     "`architect:dependencyTracking:view` to have them listed"));
            } else {
                Fail(failure, p.flow);
            }
            return;
        }
        for (const RemoteFlow& consumer : found.value()) {
            if (ours.contains(consumer.id)) continue;
            consumers_.push_back({consumer.name, consumer.type, consumer.id, p.flow->name});
        }
    }
}

std::size_t CountChanges(const std::vector<PlannedFlow>& plan) {
    std::size_t changes = 0;
    for (const PlannedFlow& p : plan) changes += p.action != Action::kUnchanged;
    return changes;
}

PlanReport Deployment::MakeReport(const std::vector<PlannedFlow>& plan) const {
    PlanReport report;
    report.org = org_name_;
    report.endpoint = config_.endpoints.display;
    report.target = std::string(target_name());
    report.environment = options_.environment;
    for (const PlannedFlow& p : plan) {
        report.flows.push_back({p.flow->name, p.flow->type, std::string(ActionName(p.action)),
                                p.reason, p.remote_id, p.locked_by});
    }
    report.resources = resolved_;
    report.consumers = consumers_;
    report.consumers_unknown = consumers_unknown_;
    report.republish_consumers = options_.republish_consumers;
    report.force_unlock = options_.force_unlock;
    for (const Diagnostic& d : diags_.Reported()) {
        if (d.severity == Severity::kError) report.problems.push_back(d.message);
    }
    report.changes = CountChanges(plan);
    return report;
}

int Deployment::ShowPlan(const std::vector<PlannedFlow>& plan) {
    std::size_t changes = CountChanges(plan);
    for (const PlannedFlow& p : plan) {
        if (p.locked_by.empty() || p.action == Action::kUnchanged) continue;
        Report(
            MakeDiagnostic(
                Code::kDeployLockedPlanned, p.flow->span,
                fmt::format("`{}` is checked out in Architect by {}{}", p.flow->name, p.locked_by,
                            options_.force_unlock ? ": the deploy will unlock it first"
                                                  : ": its publish will fail"))
                .WithHelp(options_.force_unlock
                              ? "their unsaved changes will be lost"
                              : "ask them to publish or check it in, or deploy with "
                                "`--force-unlock` (needs `architect:flow:unlock`)"));
    }
    auto exit_code = [&] {
        if (diags_.has_errors()) return ExitCode(diags_);
        return options_.detailed_exitcode && changes > 0 ? exit_code::kChangesPending
                                                         : exit_code::kOk;
    };
    if (options_.plan_format != PlanFormat::kText) {
        PlanReport report = MakeReport(plan);
        std::string document = options_.plan_format == PlanFormat::kMarkdown
                                   ? RenderPlanMarkdown(report)
                                   : RenderPlanJson(report);
        // Line by line, each cleaned as every line deploy prints.
        std::size_t start = 0;
        while (start < document.size()) {
            std::size_t end = document.find('\n', start);
            if (end == std::string::npos) end = document.size();
            reporter_.Result(document.substr(start, end - start), {});
            start = end + 1;
        }
        return exit_code();
    }
    reporter_.Result(
        fmt::format("Plan for {} ({}), target {}{}:", org_name_, config_.endpoints.display,
                    target_name(),
                    options_.environment.empty() ? "" : ", environment " + options_.environment),
        json{{"event", "start"},
             {"org", org_name_},
             {"target", target_name()},
             {"flows", plan.size()}});
    bool headed = !resolved_.empty() && !options_.json;  // --json: the events say it
    if (headed) reporter_.Result("Resources:", {});
    for (const PlanReport::Resource& resource : resolved_) {
        reporter_.Result(
            fmt::format(
                "  {:<15} {}  {}", resource.kind, resource.name,
                resource.id.empty() ? "MISSING (" + resource.named_by + " names it)" : resource.id),
            json{{"event", "resource"},
                 {"kind", resource.kind},
                 {"name", resource.name},
                 {"found", !resource.id.empty()},
                 {"id", resource.id}});
    }
    if (headed) reporter_.Result("Flows:", {});
    for (const PlannedFlow& p : plan) {
        std::string action(ActionName(p.action));
        reporter_.Result(fmt::format("  {:<10} {} [{}]", action, p.flow->name, p.flow->type) +
                             (p.action == Action::kUnchanged ? "" : "  " + p.reason),
                         json{{"event", "plan"},
                              {"flow", p.flow->name},
                              {"type", p.flow->type},
                              {"action", action},
                              {"reason", p.reason},
                              {"id", p.remote_id},
                              {"locked_by", p.locked_by}});
    }
    for (const PlanReport::Consumer& consumer : consumers_) {
        reporter_.Result(
            fmt::format("  {:<10} {} [{}]  calls {}, outside the project: {}", "consumer",
                        consumer.name, consumer.type, consumer.module,
                        options_.republish_consumers ? "will be republished"
                                                     : "not republished (--republish-consumers)"),
            json{{"event", "consumer"},
                 {"flow", consumer.name},
                 {"type", consumer.type},
                 {"id", consumer.id},
                 {"calls", consumer.module},
                 {"republish", options_.republish_consumers}});
    }
    reporter_.Result(
        fmt::format("{} to change, {} unchanged", changes, plan.size() - changes),
        json{{"event", "summary"}, {"changes", changes}, {"unchanged", plan.size() - changes}});
    return exit_code();
}

// After the project's flows: the org's other callers of the changed modules are republished
// with --republish-consumers (when the module they call was published), and named otherwise.
void Deployment::RepublishConsumers() {
    if (consumers_.empty()) return;
    if (!options_.republish_consumers) {
        std::vector<std::string> names;
        for (const PlanReport::Consumer& consumer : consumers_) names.push_back(consumer.name);
        std::string said = fmt::format(
            "not republished, outside the project, calling a changed common module: {} (they "
            "keep the old version until republished; --republish-consumers)",
            fmt::join(names, ", "));
        reporter_.Progress(said, json{{"event", "note"}, {"message", said}});
        return;
    }
    for (const PlanReport::Consumer& consumer : consumers_) {
        if (stop_) return;
        bool module_failed = false;
        for (const auto& [identifier, name] : failed_) module_failed |= name == consumer.module;
        if (module_failed) continue;
        if (Result<void> sent = client_.RepublishFlow(consumer.id); !sent) {
            Fail(sent.failure(), nullptr);
            if (diags_.Has(Code::kDeployPermission) || diags_.Has(Code::kDeployAuth)) return;
            continue;
        }
        std::string said =
            fmt::format("{}  republish requested (it calls {})", consumer.name, consumer.module);
        reporter_.Progress(said, json{{"event", "republish"},
                                      {"flow", consumer.name},
                                      {"id", consumer.id},
                                      {"calls", consumer.module}});
    }
}

// A flow checked out in Architect fails its publish job: with --force-unlock it is unlocked
// first; without, it fails at once, naming who holds it, and nothing is written for it.
Result<std::string> Deployment::UnlockAndPublish(const PlannedFlow& planned) {
    if (planned.locked_by.empty()) return publisher_.Publish(planned);
    if (!options_.force_unlock) {
        return Failure{FailureKind::kLocked,
                       fmt::format("the flow is checked out in Architect by {}", planned.locked_by),
                       "ask them to publish or check it in, or re-run with `--force-unlock` "
                       "(needs `architect:flow:unlock`; their unsaved changes are lost)",
                       0};
    }
    if (Result<void> unlocked = client_.UnlockFlow(planned.remote_id); !unlocked)
        return unlocked.failure();
    reporter_.Progress(
        fmt::format("{}{}  unlocked (it was checked out by {})", Counter(), planned.flow->name,
                    planned.locked_by),
        json{{"event", "unlock"}, {"flow", planned.flow->name}, {"locked_by", planned.locked_by}});
    return publisher_.Publish(planned);
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
        // The cache learns what the org holds, so that a hand edit from now on is told.
        if (!planned.remote_version.empty()) {
            FlowRecord record{flow.name, flow.type, planned.remote_id, flow.sha256,
                              planned.remote_version};
            auto known = cached_.find(flow.identifier);
            if (known == cached_.end() || !(known->second == record)) {
                state.Put(org_key_, std::string(target_name()), flow.identifier, record);
                cache_stale_ = true;
            }
        }
    } else if (Result<std::string> id = UnlockAndPublish(planned)) {
        outcome.status = target_ == Target::kArchy           ? Status::kPublished
                         : planned.action == Action::kCreate ? Status::kCreated
                                                             : Status::kUpdated;
        Published published = publisher_.Locate(flow, std::move(id).value());
        outcome.id = published.id;
        // A record without the published version could not tell a hand edit from this
        // publish: none is written, and the next plan reads the flow's own marker instead.
        if (published.version.empty()) {
            std::string said =
                "published, but the org did not give its version: not recorded "
                "in the state file";
            reporter_.Progress(fmt::format("{}{}  {}", Counter(), flow.name, said),
                               json{{"event", "note"}, {"flow", flow.name}, {"message", said}});
        } else {
            Record(flow, published, state);
        }
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
    reporter_.Progress(
        fmt::format(
            "Deploying {} flow{} to {} ({}), target {}{}: {} to change", plan.size(),
            plan.size() == 1 ? "" : "s", org_name_, config_.endpoints.display, target_name(),
            options_.environment.empty() ? "" : ", environment " + options_.environment, changes),
        json{{"event", "start"},
             {"org", org_name_},
             {"target", target_name()},
             {"environment", options_.environment},
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
    RepublishConsumers();
    if (cache_stale_ && !stop_) {
        if (Result<void> saved = state.Save(); !saved) {
            Report(MakeDiagnostic(CodeFor(saved.failure().kind), Span{}, saved.failure().message)
                       .WithHelp("fix the path or use --state-file; the state file is a cache "
                                 "(the flows' markers in the org say what is published)"));
        }
    }
    ShowSummary(outcomes);
    return ExitCode(diags_);
}

int Deployment::Run() {
    std::optional<StateFile> state = OpenState();
    if (!state || !Connect()) return ExitCode(diags_);
    std::optional<std::vector<PlannedFlow>> plan = Plan(*state);
    if (!plan || (diags_.has_errors() && !options_.plan_only)) return ExitCode(diags_);
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
    // The real `POST /api/v2/flows` takes a name, a type and a division, no node graph, and
    // publishes nothing: deployed there, genesys-json would make empty flows and call them
    // deployed. Only an endpoint of the user's choosing takes that model.
    if (*target == Target::kGenesysJson && !config.endpoints.custom) {
        diags.Report(
            MakeDiagnostic(Code::kDeployConfig, Span{},
                           fmt::format("the genesys-json target cannot be deployed to {}: it is "
                                       "the tutorial's flow model, which Genesys Cloud's flows "
                                       "API does not take (the flows would be created empty)",
                                       config.endpoints.display))
                .WithHelp("deploy with `--target archy` (the default), which publishes through "
                          "Architect's jobs API; genesys-json deploys only to an `--api-base` "
                          "endpoint that takes that model, such as tests/deploy/fake_genesys.py"));
        return exit_code::kConfig;
    }
    Deployment deployment(bundle, *target, config, options, http, redactor, diags, out, err);
    return deployment.Run();
}

}  // namespace flowc::deploy
