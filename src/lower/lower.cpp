#include "lower/lower.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <unordered_map>

#include "base/parallel.h"
#include "lower/internal/org_references.h"

namespace flowc::lower {
namespace {

using sema::Block;
using sema::Flow;
using sema::Stmt;

// Lowers one flow. Blocks are lowered back to front, so each statement knows the node that
// follows it (its continuation); ids are paths of statement positions ("s2.then0.s1").
class FlowLowering {
  public:
    FlowLowering(const sema::Model& model, sema::FlowId id)
        : model_(model), flow_(model.flows[id]) {
        out_.id = id;
    }

    LoweredFlow Run() {
        std::string fallthrough = AddFlowEnd();
        std::string entry = LowerBlock(flow_.body, "s", fallthrough);
        Node start{"start", "Start", Span{}, StartNode{}, {}};
        start.transitions.push_back({"start.next", entry, DefaultCondition{}});
        nodes_.emplace("start", std::move(start));
        Order();
        return std::move(out_);
    }

  private:
    // The end of the body: a shared flow returns, an inbound flow hangs up, an in-queue flow
    // starts again from the top (the platform loops its task).
    std::string AddFlowEnd() {
        EndAction action = EndAction::kHangup;
        if (flow_.kind == sema::FlowKind::kShared) action = EndAction::kReturn;
        if (flow_.kind == sema::FlowKind::kInQueue) action = EndAction::kRestart;
        Add("end", "End of flow", EndNode{action});
        return "end";
    }

    // `return;` (only shared flows have one in a valid model).
    std::string AddReturn(const std::string& id) {
        Add(id, "Return", EndNode{EndAction::kReturn});
        return id;
    }

    Node& Add(const std::string& id, std::string name, NodeBody body) {
        Node node{id, std::move(name), Span{}, std::move(body), {}};
        return nodes_.emplace(id, std::move(node)).first->second;
    }

    static void Next(Node& node, const std::string& target) {
        node.transitions.push_back({node.id + ".next", target, DefaultCondition{}});
    }

    // A transfer's `else`: where a failed transfer goes (its block, then on after the
    // transfer). Lowered before `node` is used again: adding nodes may move others, not it
    // (std::map keeps references).
    void Failure(Node& node, const sema::FailurePath& otherwise, const std::string& next) {
        if (!otherwise) return;
        std::string target = LowerBlock(*otherwise, node.id + ".failure.s", next);
        node.transitions.push_back({node.id + ".failure", target, DefaultCondition{}});
    }

    std::string QueueName(const sema::QueueTarget& queue) const {
        if (const auto* named = std::get_if<sema::QueueByName>(&queue)) return named->platform_name;
        if (const auto* value = std::get_if<sema::ExprPtr>(&queue)) {
            if (const auto* resource = std::get_if<sema::ResourceRef>(&(*value)->node))
                return model_.resources[resource->resource].platform_name;
            if (const auto* var = std::get_if<sema::VarRef>(&(*value)->node))
                return flow_.vars[var->var].name;
        }
        return "a queue found by name";
    }

    std::string LowerBlock(const Block& block, const std::string& prefix, std::string next) {
        for (std::size_t i = block.size(); i-- > 0;) {
            next = LowerStmt(*block[i], fmt::format("{}{}", prefix, i), next);
        }
        return next;
    }

    std::string LowerStmt(const Stmt& stmt, const std::string& id, const std::string& next) {
        return std::visit([&](const auto& node) { return Lower(node, id, next); }, stmt.node);
    }

    std::string Lower(const sema::Assign& s, const std::string& id, const std::string& next) {
        Node& node = Add(id, fmt::format("Set {}", flow_.vars[s.var].name),
                         SetVariableNode{s.var, std::nullopt, s.value.get()});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::SetAttribute& s, const std::string& id, const std::string& next) {
        Node& node = Add(id, fmt::format("Set participant data {}", s.key),
                         SetParticipantDataNode{s.key, s.value.get()});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::Play& s, const std::string& id, const std::string& next) {
        Node& node = Add(id, "Play", PlayNode{s.prompt.get()});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::Collect& s, const std::string& id, const std::string& next) {
        Node& node = Add(id, fmt::format("Collect {}", flow_.vars[s.var].name),
                         CollectNode{s.prompt.get(), s.var, s.digits, s.secure, s.least_digits});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::Menu& s, const std::string& id, const std::string& next) {
        std::vector<Transition> transitions;
        for (std::size_t i = 0; i < s.choices.size(); ++i) {
            const sema::MenuChoice& choice = s.choices[i];
            std::string target = LowerBlock(choice.body, fmt::format("{}.key{}.s", id, i), next);
            transitions.push_back({fmt::format("{}.key{}", id, i), target, KeyPressed{choice.key}});
        }
        std::string otherwise = LowerBlock(s.otherwise, id + ".else.s", next);
        transitions.push_back({id + ".else", otherwise, DefaultCondition{}});
        Node& node = Add(id, "Menu", MenuNode{s.prompt.get()});
        node.transitions = std::move(transitions);
        return id;
    }
    std::string Lower(const sema::If& s, const std::string& id, const std::string& next) {
        std::vector<Transition> transitions;
        for (std::size_t i = 0; i < s.branches.size(); ++i) {
            std::string target =
                LowerBlock(s.branches[i].body, fmt::format("{}.then{}.s", id, i), next);
            transitions.push_back(
                {fmt::format("{}.then{}", id, i), target, IsTrue{s.branches[i].condition.get()}});
        }
        std::string otherwise = s.otherwise ? LowerBlock(*s.otherwise, id + ".else.s", next) : next;
        transitions.push_back({id + ".else", otherwise, DefaultCondition{}});
        Node& node = Add(id, "Decision", DecisionNode{});
        node.transitions = std::move(transitions);
        return id;
    }
    std::string Lower(const sema::Switch& s, const std::string& id, const std::string& next) {
        std::optional<std::uint32_t> temporary;
        if (SwitchSubjectNeedsTemporary(*s.subject)) {
            temporary = static_cast<std::uint32_t>(out_.temporaries.size());
            out_.temporaries.push_back({TemporaryName(id), s.subject->type});
        }
        // With a temporary, `id` sets it and the decision follows.
        const std::string decision = temporary ? id + ".match" : id;
        std::vector<Transition> transitions;
        for (std::size_t i = 0; i < s.cases.size(); ++i) {
            std::string target =
                LowerBlock(s.cases[i].body, fmt::format("{}.case{}.s", id, i), next);
            for (std::size_t v = 0; v < s.cases[i].values.size(); ++v) {
                transitions.push_back(
                    {fmt::format("{}.case{}.{}", id, i, v), target,
                     EqualsLiteral{s.subject.get(), s.cases[i].values[v], temporary}});
            }
        }
        std::string otherwise = LowerBlock(s.otherwise, id + ".default.s", next);
        transitions.push_back({id + ".default", otherwise, DefaultCondition{}});
        Node& node = Add(decision, "Switch", DecisionNode{});
        node.transitions = std::move(transitions);
        if (!temporary) return id;
        Node& set = Add(id, fmt::format("Set {}", out_.temporaries[*temporary].name),
                        SetVariableNode{0, temporary, s.subject.get()});
        Next(set, decision);
        return id;
    }

    // `flowcSwitch_s2_then0_s1` for the switch at `s2.then0.s1`; `_` appended while a
    // variable of the flow has the name.
    std::string TemporaryName(const std::string& id) const {
        std::string name = "flowcSwitch_" + id;
        std::replace(name.begin(), name.end(), '.', '_');
        auto taken = [&](const std::string& candidate) {
            return std::any_of(flow_.vars.begin(), flow_.vars.end(),
                               [&](const sema::Variable& v) { return v.name == candidate; });
        };
        while (taken(name)) name += '_';
        return name;
    }
    std::string Lower(const sema::Repeat& s, const std::string& id, const std::string& next) {
        // The loop node runs its body while passes remain; the body's end goes back to it; a
        // `break` inside goes to what follows the loop.
        breaks_.push_back(next);
        std::string body = LowerBlock(s.body, id + ".body.s", id);
        breaks_.pop_back();
        auto literal = s.LiteralCount();
        std::string name = literal ? fmt::format("Repeat up to {} times", *literal) : "Repeat";
        Node& node = Add(id, std::move(name), LoopNode{s.count.get()});
        node.transitions.push_back({id + ".body", body, LoopContinues{s.count.get()}});
        node.transitions.push_back({id + ".done", next, DefaultCondition{}});
        return id;
    }
    std::string Lower(const sema::SetLanguage& s, const std::string& id, const std::string& next) {
        Node& node = Add(id, fmt::format("Set language {}", s.code), SetLanguageNode{s.code});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::Break&, const std::string&, const std::string& next) {
        return breaks_.empty() ? next : breaks_.back();
    }
    std::string Lower(const sema::Call& s, const std::string& id, const std::string& next) {
        const Flow& callee = model_.flows[s.callee];
        if (s.outcomes) return LowerDataAction(s, callee, id, next);
        SubflowNode subflow{s.callee, {}, s.bindings};
        for (const sema::CallArgument& arg : s.args)
            subflow.inputs.push_back({arg.param, arg.value.get()});
        Node& node = Add(id, fmt::format("Call {}", callee.display_name), std::move(subflow));
        node.span = s.callee_span;
        Next(node, next);  // the default transition every subflow node has
        return id;
    }
    // The failure and timeout paths first (lowering them adds nodes), then the node.
    std::string LowerDataAction(const sema::Call& s, const Flow& action, const std::string& id,
                                const std::string& next) {
        const sema::DataActionOutcomes& outcomes = *s.outcomes;
        std::string failure = LowerBlock(outcomes.failure, id + ".failure.s", next);
        std::string timeout =
            outcomes.timeout ? LowerBlock(*outcomes.timeout, id + ".timeout.s", next) : failure;
        DataActionNode call{s.callee, {}, s.bindings};
        for (const sema::CallArgument& arg : s.args)
            call.inputs.push_back({arg.param, arg.value.get()});
        Node& node =
            Add(id, fmt::format("Call data action {}", action.display_name), std::move(call));
        node.span = s.callee_span;
        node.transitions.push_back({id + ".failure", failure, DataActionFailed{}});
        node.transitions.push_back({id + ".timeout", timeout, DataActionTimedOut{}});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::Transfer& s, const std::string& id, const std::string& next) {
        Node& node = Add(id, fmt::format("Transfer to {}", QueueName(s.queue)), TransferNode{&s});
        Failure(node, s.otherwise, next);
        return id;
    }
    std::string Lower(const sema::TransferNumber& s, const std::string& id,
                      const std::string& next) {
        Node& node = Add(id, "Transfer to number", TransferNumberNode{s.number.get()});
        Failure(node, s.otherwise, next);
        return id;
    }
    std::string Lower(const sema::TransferVoicemail& s, const std::string& id,
                      const std::string& next) {
        Node& node = Add(id, fmt::format("Transfer to the voicemail of {}", QueueName(s.queue)),
                         TransferVoicemailNode{&s.queue});
        Failure(node, s.otherwise, next);
        return id;
    }
    std::string Lower(const sema::TransferFlow& s, const std::string& id, const std::string& next) {
        std::string name = std::holds_alternative<sema::FlowId>(s.target)
                               ? model_.flows[std::get<sema::FlowId>(s.target)].display_name
                               : std::get<std::string>(s.target);
        Node& node = Add(id, fmt::format("Transfer to flow {}", name), TransferFlowNode{&s});
        Failure(node, s.otherwise, next);
        return id;
    }
    std::string Lower(const sema::Hours& s, const std::string& id, const std::string& next) {
        std::vector<std::pair<sema::HoursOutcome, std::string>> targets;
        for (std::size_t i = 0; i < s.arms.size(); ++i) {
            std::string target = LowerBlock(s.arms[i].body, fmt::format("{}.arm{}.s", id, i), next);
            for (sema::HoursOutcome outcome : s.arms[i].outcomes)
                targets.emplace_back(outcome, target);
        }
        std::sort(targets.begin(), targets.end());
        std::string name = "Business hours";
        if (const auto* group = std::get_if<sema::ResourceRef>(&s.group->node)) {
            name = fmt::format("Hours of {}", model_.resources[group->resource].platform_name);
        }
        Node& node = Add(id, std::move(name), HoursNode{s.group.get(), s.emergency.get()});
        for (const auto& [outcome, target] : targets) {
            node.transitions.push_back({fmt::format("{}.{}", id, sema::HoursOutcomeName(outcome)),
                                        target, HoursOutcomeIs{outcome}});
        }
        return id;
    }
    std::string Lower(const sema::Hold& s, const std::string& id, const std::string& next) {
        std::string name = "Hold";
        if (const auto* literal = std::get_if<sema::Literal>(&s.seconds->node)) {
            if (const auto* seconds = std::get_if<std::int64_t>(&literal->value))
                name = fmt::format("Hold {} seconds", *seconds);
        }
        Node& node = Add(id, std::move(name), HoldNode{s.seconds.get()});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::Callback& s, const std::string& id, const std::string& next) {
        std::string failure =
            s.otherwise ? LowerBlock(*s.otherwise, id + ".failure.s", next) : std::string();
        Node& node = Add(id, fmt::format("Callback in {}", QueueName(s.queue)), CallbackNode{&s});
        if (s.otherwise) node.transitions.push_back({id + ".failure", failure, CallbackFailed{}});
        Next(node, next);
        return id;
    }
    std::string Lower(const sema::Hangup&, const std::string& id, const std::string&) {
        Add(id, "Hang up", EndNode{EndAction::kHangup});
        return id;
    }
    std::string Lower(const sema::Return&, const std::string& id, const std::string&) {
        return AddReturn(id);
    }

    // Keeps the nodes reachable from `start`, depth-first in transition order, which reads
    // like the source: a branch's statements follow the node that branches.
    void Order() {
        std::vector<std::string> stack{"start"};
        std::set<std::string> seen;
        while (!stack.empty()) {
            std::string id = std::move(stack.back());
            stack.pop_back();
            if (!seen.insert(id).second) continue;
            Node& node = nodes_.at(id);
            for (auto t = node.transitions.rbegin(); t != node.transitions.rend(); ++t) {
                if (!seen.count(t->target)) stack.push_back(t->target);
            }
            out_.nodes.push_back(std::move(node));
        }
    }

    const sema::Model& model_;
    const Flow& flow_;
    LoweredFlow out_;
    std::map<std::string, Node> nodes_;
    std::vector<std::string> breaks_;
};

// Plans one flow from its structured body, as its graph will be: which statements a path
// reaches (those whose nodes the graph keeps), hence its calls and callees, and where a
// statement ends the path. A walk of the statements, no nodes.
class FlowPlanner {
  public:
    FlowPlanner(const sema::Model& model, sema::FlowId id) : model_(model) { plan_.id = id; }

    FlowPlan Run() {
        const Flow& flow = model_.flows[plan_.id];
        for (const std::string& queue : flow.queues)
            plan_.references.push_back({OrgReferenceKind::kQueue, queue, ""});
        if (flow.hold_music) {
            plan_.references.push_back(
                {OrgReferenceKind::kPrompt, model_.resources[*flow.hold_music].platform_name, ""});
        }
        Walk(flow.body, true);
        std::sort(plan_.references.begin(), plan_.references.end());
        plan_.references.erase(std::unique(plan_.references.begin(), plan_.references.end()),
                               plan_.references.end());
        std::set<sema::FlowId> callees;
        for (const sema::Call* call : plan_.calls) callees.insert(call->callee);
        plan_.callees.assign(callees.begin(), callees.end());
        auto by_name = [&](sema::FlowId a, sema::FlowId b) {
            return model_.flows[a].name < model_.flows[b].name;
        };
        std::sort(plan_.callees.begin(), plan_.callees.end(), by_name);
        std::sort(plan_.waits_in.begin(), plan_.waits_in.end(), by_name);
        plan_.waits_in.erase(std::unique(plan_.waits_in.begin(), plan_.waits_in.end()),
                             plan_.waits_in.end());
        std::sort(plan_.transfers_to.begin(), plan_.transfers_to.end(), by_name);
        plan_.transfers_to.erase(std::unique(plan_.transfers_to.begin(), plan_.transfers_to.end()),
                                 plan_.transfers_to.end());
        return std::move(plan_);
    }

  private:
    // A transfer without `else` ends the path; one with `else` goes on where `else` does.
    static bool EndsPath(const Stmt& stmt) {
        return std::visit(
            [](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (requires { node.otherwise; } &&
                              (std::is_same_v<T, sema::Transfer> ||
                               std::is_same_v<T, sema::TransferNumber> ||
                               std::is_same_v<T, sema::TransferVoicemail> ||
                               std::is_same_v<T, sema::TransferFlow>)) {
                    return node.otherwise == nullptr;
                } else {
                    return std::is_same_v<T, sema::Hangup> || std::is_same_v<T, sema::Return> ||
                           std::is_same_v<T, sema::Break>;
                }
            },
            stmt.node);
    }

    // Whether a path leaves the block at its end; `reachable`: whether one enters it. Blocks
    // no path enters are walked too: a target that nests its output writes them.
    bool Walk(const Block& block, bool reachable) {
        for (std::size_t i = 0; i < block.size(); ++i) {
            if (reachable) {
                AppendOrgReferences(model_, *block[i], plan_.references);
                const auto* transfer = std::get_if<sema::Transfer>(&block[i]->node);
                if (transfer && transfer->options->via_flow)
                    plan_.waits_in.push_back(*transfer->options->via_flow);
                const auto* to_flow = std::get_if<sema::TransferFlow>(&block[i]->node);
                if (const sema::FlowId* target =
                        to_flow ? std::get_if<sema::FlowId>(&to_flow->target) : nullptr)
                    plan_.transfers_to.push_back(*target);
            }
            if (EndsPath(*block[i])) {
                plan_.path_ends.emplace(&block, static_cast<std::uint32_t>(i + 1));
                return false;
            }
            reachable = std::visit([&](const auto& node) { return Continues(node, reachable); },
                                   block[i]->node);
        }
        return reachable;
    }

    // A data action call goes on after success, and where its failure paths fall through;
    // only shared flows are callees (a data action is the org's, named in `references`).
    bool Continues(const sema::Call& s, bool reachable) {
        if (s.outcomes) {
            Walk(s.outcomes->failure, reachable);
            if (s.outcomes->timeout) Walk(*s.outcomes->timeout, reachable);
            return reachable;
        }
        if (reachable) plan_.calls.push_back(&s);
        return reachable;
    }
    bool Continues(const sema::If& s, bool reachable) {
        bool out = false;
        for (const sema::IfBranch& branch : s.branches) out = Walk(branch.body, reachable) || out;
        return (s.otherwise ? Walk(*s.otherwise, reachable) : reachable) || out;
    }
    bool Continues(const sema::Menu& s, bool reachable) {
        bool out = false;
        for (const sema::MenuChoice& choice : s.choices) out = Walk(choice.body, reachable) || out;
        return Walk(s.otherwise, reachable) || out;
    }
    bool Continues(const sema::Switch& s, bool reachable) {
        bool out = false;
        for (const sema::SwitchCase& c : s.cases) out = Walk(c.body, reachable) || out;
        return Walk(s.otherwise, reachable) || out;
    }
    bool Continues(const sema::Hours& s, bool reachable) {
        bool out = false;
        for (const sema::HoursArm& arm : s.arms) out = Walk(arm.body, reachable) || out;
        return out;
    }
    // A callback goes on whether or not it was created.
    bool Continues(const sema::Callback& s, bool reachable) {
        if (s.otherwise) Walk(*s.otherwise, reachable);
        return reachable;
    }
    // A transfer with `else` (one without ends the path): on where its failure path goes.
    template <typename T>
    requires requires(const T& t) { t.otherwise; }
    bool Continues(const T& s, bool reachable) {
        return s.otherwise ? Walk(*s.otherwise, reachable) : false;
    }
    bool Continues(const sema::Repeat& s, bool reachable) {
        Walk(s.body, reachable);
        return reachable;  // the loop's `done` transition always continues after it
    }
    template <typename T>
    bool Continues(const T&, bool reachable) {
        return reachable;
    }

    const sema::Model& model_;
    FlowPlan plan_;
};

// Kahn's algorithm over callee -> caller edges, always taking the smallest name next, so the
// order depends on the program only, not on the order files were named in. Calls and `via` are hard
// edges (the checker rejects call cycles); `transfer flow` edges are soft: inbound flows may
// transfer to each other, and when only such a cycle is left, the smallest name among the flows it
// blocks goes first (deploy then says whether the org already has the flows it transfers to).
std::vector<sema::FlowId> DependencyOrder(const sema::Model& model,
                                          const std::vector<FlowPlan>& flows) {
    std::map<sema::FlowId, std::size_t> hard;
    std::map<sema::FlowId, std::size_t> soft;
    std::map<sema::FlowId, std::vector<sema::FlowId>> hard_callers;
    std::map<sema::FlowId, std::vector<sema::FlowId>> soft_callers;
    for (const FlowPlan& flow : flows) {
        std::size_t& count = hard[flow.id];
        soft[flow.id] = 0;
        for (sema::FlowId callee : flow.callees) {
            if (model.flows[callee].external) continue;  // in the org: nothing to wait for
            ++count;
            hard_callers[callee].push_back(flow.id);
        }
        for (sema::FlowId inqueue : flow.waits_in) {
            ++count;
            hard_callers[inqueue].push_back(flow.id);
        }
    }
    for (const FlowPlan& flow : flows) {
        for (sema::FlowId target : flow.transfers_to) {
            if (target == flow.id || !hard.contains(target)) continue;
            ++soft[flow.id];
            soft_callers[target].push_back(flow.id);
        }
    }
    auto by_name = [&](sema::FlowId a, sema::FlowId b) {
        return model.flows[a].name > model.flows[b].name;
    };
    // A heap, not a sorted list: sorting the ready flows at every step was quadratic, and
    // took most of lowering in a project of 2,500 flows.
    std::priority_queue<sema::FlowId, std::vector<sema::FlowId>, decltype(by_name)> ready(by_name);
    for (const auto& [id, count] : hard) {
        if (count == 0 && soft[id] == 0) ready.push(id);
    }
    std::vector<sema::FlowId> order;
    std::set<sema::FlowId> placed;
    auto release = [&](sema::FlowId id, std::map<sema::FlowId, std::size_t>& counts) {
        if (--counts[id] == 0 && hard[id] == 0 && soft[id] == 0) ready.push(id);
    };
    while (order.size() < flows.size()) {
        if (ready.empty()) {
            // Only transfer cycles are left: free the smallest name whose calls are placed.
            std::optional<sema::FlowId> next;
            for (const auto& [id, count] : hard) {
                if (count == 0 && !placed.contains(id) &&
                    (!next || model.flows[id].name < model.flows[*next].name))
                    next = id;
            }
            if (!next) break;  // unreachable: the checker rejected call cycles
            soft[*next] = 0;
            ready.push(*next);
        }
        sema::FlowId next = ready.top();
        ready.pop();
        if (!placed.insert(next).second) continue;
        order.push_back(next);
        for (sema::FlowId caller : hard_callers[next]) release(caller, hard);
        for (sema::FlowId caller : soft_callers[next]) {
            if (soft[caller] > 0) release(caller, soft);
        }
    }
    return order;
}

}  // namespace

bool SwitchSubjectNeedsTemporary(const sema::Expr& subject) {
    return !std::holds_alternative<sema::VarRef>(subject.node) &&
           !std::holds_alternative<sema::ContextRef>(subject.node) &&
           !std::holds_alternative<sema::AttributeRef>(subject.node);
}

FlowGraph PlanLowering(const sema::Model& model, unsigned jobs) {
    // Decided here once: an external shared flow is never built, by any target.
    std::vector<sema::FlowId> ids;
    for (std::size_t id = 0; id < model.flows.size(); ++id) {
        if (!model.flows[id].external) ids.push_back(static_cast<sema::FlowId>(id));
    }
    std::sort(ids.begin(), ids.end(), [&](sema::FlowId a, sema::FlowId b) {
        return model.flows[a].name < model.flows[b].name;
    });
    FlowGraph graph;
    graph.model = &model;
    graph.flows.resize(ids.size());
    ParallelFor(ids.size(), jobs,
                [&](std::size_t k) { graph.flows[k] = FlowPlanner(model, ids[k]).Run(); });
    std::unordered_map<sema::FlowId, std::size_t> index;
    for (std::size_t k = 0; k < graph.flows.size(); ++k) index[graph.flows[k].id] = k;
    for (const FlowPlan& caller : graph.flows) {  // by name, so each list is too
        for (sema::FlowId callee : caller.callees) {
            auto it = index.find(callee);
            if (it != index.end()) graph.flows[it->second].callers.push_back(caller.id);
        }
    }
    graph.order = DependencyOrder(model, graph.flows);
    return graph;
}

LoweredFlow LowerFlow(const FlowGraph& graph, std::size_t index) {
    return FlowLowering(*graph.model, graph.flows[index].id).Run();
}

FlowGraph Lower(const sema::Model& model, unsigned jobs) {
    FlowGraph graph = PlanLowering(model, jobs);
    graph.lowered.resize(graph.flows.size());
    ParallelFor(graph.flows.size(), jobs,
                [&](std::size_t k) { graph.lowered[k] = LowerFlow(graph, k); });
    return graph;
}

}  // namespace flowc::lower
