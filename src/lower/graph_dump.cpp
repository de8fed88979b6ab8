#include "lower/graph_dump.h"

#include <fmt/format.h>

#include "base/overloaded.h"
#include "lower/lower.h"
#include "sema/model_dump.h"

namespace flowc::lower {
namespace {

std::string_view KindName(NodeKind kind) {
    switch (kind) {
        case NodeKind::kStart:
            return "start";
        case NodeKind::kPlay:
            return "play";
        case NodeKind::kCollect:
            return "collect";
        case NodeKind::kMenu:
            return "menu";
        case NodeKind::kDecision:
            return "decision";
        case NodeKind::kSetVariable:
            return "setVariable";
        case NodeKind::kSetParticipantData:
            return "setParticipantData";
        case NodeKind::kLoop:
            return "loop";
        case NodeKind::kSubflow:
            return "subflow";
        case NodeKind::kTransfer:
            return "transfer";
        case NodeKind::kTransferNumber:
            return "transferNumber";
        case NodeKind::kTransferVoicemail:
            return "transferVoicemail";
        case NodeKind::kTransferFlow:
            return "transferFlow";
        case NodeKind::kHours:
            return "hours";
        case NodeKind::kSetLanguage:
            return "setLanguage";
        case NodeKind::kHold:
            return "hold";
        case NodeKind::kCallback:
            return "callback";
        case NodeKind::kDataAction:
            return "dataAction";
        case NodeKind::kEnd:
            return "end";
    }
    return "?";
}

std::string Quoted(std::string_view text) {
    return sema::LiteralSource(sema::Literal{std::string(text)});
}

class GraphDumper {
  public:
    GraphDumper(const sema::Model& model, const SourceManager& sources)
        : model_(model), sources_(sources) {}

    std::string Take() { return std::move(out_); }

    void DumpFlow(const FlowPlan& plan, const LoweredFlow& lowered) {
        lowered_ = &lowered;
        flow_ = &model_.flows.at(lowered.id);
        Line(0, fmt::format("flow {} {}", flow_->name, sema::FlowKindName(flow_->kind)));
        if (flow_->hold_music)
            Line(1, fmt::format("hold music {}", model_.resources.at(*flow_->hold_music).name));
        for (const Temporary& temporary : lowered.temporaries)
            Line(1,
                 fmt::format("temporary {}: {}", temporary.name, sema::TypeName(temporary.type)));
        if (!plan.callees.empty()) Line(1, fmt::format("callees {}", Names(plan.callees)));
        if (!plan.waits_in.empty()) Line(1, fmt::format("waits in {}", Names(plan.waits_in)));
        if (!plan.transfers_to.empty())
            Line(1, fmt::format("transfers to {}", Names(plan.transfers_to)));
        for (const Node& node : lowered.nodes) DumpNode(node);
    }

    void DumpOrder(const std::vector<sema::FlowId>& order) {
        Line(0, fmt::format("order {}", Names(order)));
    }

  private:
    std::string Names(const std::vector<sema::FlowId>& flows) const {
        std::string names;
        for (sema::FlowId id : flows) {
            names += names.empty() ? "" : ", ";
            names += model_.flows.at(id).name;
        }
        return names;
    }

    std::string At(Span span) const {
        if (!span.has_file() || span.file >= sources_.size()) return "";
        LineColumn at = sources_.Get(span.file).Locate(span.begin);
        return fmt::format(" @{}:{}", at.line, at.column);
    }

    std::string Text(const sema::Expr* expr) const {
        return expr ? sema::ExprText(*expr, *flow_, &model_) : "<none>";
    }

    const std::string& VarName(sema::VarId var) const { return flow_->vars.at(var).name; }

    void Line(int depth, std::string_view text) {
        out_.append(static_cast<std::size_t>(depth) * 2, ' ');
        out_ += text;
        out_ += '\n';
    }

    void DumpNode(const Node& node) {
        Line(1, fmt::format("node {} {} {}{}", node.id, KindName(node.kind()), Quoted(node.name),
                            At(node.span)));
        DumpFields(node);
        for (const Transition& t : node.transitions) {
            Line(2, fmt::format("-> {} [{}] {}", t.target, t.id, ConditionText(t.condition)));
        }
    }

    // The fields each kind sets: the one place that knows which kind has which fields.
    void DumpFields(const Node& node) {
        std::visit(
            Overloaded{
                [](const StartNode&) {},
                [&](const PlayNode& n) { Line(2, fmt::format("prompt {}", Text(n.prompt))); },
                [&](const CollectNode& n) {
                    Line(2, fmt::format("prompt {}", Text(n.prompt)));
                    Line(2, fmt::format("variable {}", VarName(n.variable)));
                    if (n.min_digits == 1) {
                        Line(2, fmt::format("digits {}", n.max_digits));
                    } else {
                        Line(2, fmt::format("digits {}..{}", n.min_digits, n.max_digits));
                    }
                    if (n.secure) Line(2, "secure");
                },
                [&](const MenuNode& n) { Line(2, fmt::format("prompt {}", Text(n.prompt))); },
                [](const DecisionNode&) {},
                [&](const SetVariableNode& n) {
                    if (n.temporary) {
                        Line(2, fmt::format("temporary {}",
                                            lowered_->temporaries.at(*n.temporary).name));
                    } else {
                        Line(2, fmt::format("variable {}", VarName(n.variable)));
                    }
                    Line(2, fmt::format("value {}", Text(n.value)));
                },
                [&](const SetParticipantDataNode& n) {
                    Line(2, fmt::format("attribute {}", n.attribute));
                    Line(2, fmt::format("value {}", Text(n.value)));
                },
                [&](const LoopNode& n) { Line(2, fmt::format("count {}", Text(n.max_passes))); },
                [&](const SubflowNode& n) { DumpSubflow(n); },
                [&](const DataActionNode& n) { DumpCall(n.action, n.inputs, n.outputs); },
                [&](const TransferNode& n) {
                    DumpQueue(n.transfer->queue);
                    const sema::Transfer& t = *n.transfer;
                    if (t.options->priority)
                        Line(2, fmt::format("priority {}", Text(t.options->priority.get())));
                    for (const sema::ExprPtr& skill : t.options->skills)
                        Line(2, fmt::format("skill {}", Text(skill.get())));
                    if (t.options->language)
                        Line(2, fmt::format("language {}", Text(t.options->language.get())));
                    if (t.options->via_flow) {
                        Line(2, fmt::format("via flow {}",
                                            model_.flows.at(*t.options->via_flow).name));
                    } else if (t.options->via) {
                        Line(2, fmt::format("via {}", Quoted(*t.options->via)));
                    }
                },
                [&](const TransferNumberNode& n) {
                    Line(2, fmt::format("number {}", Text(n.number)));
                },
                [&](const TransferVoicemailNode& n) { DumpQueue(*n.queue); },
                [&](const TransferFlowNode& n) {
                    if (const auto* flow = std::get_if<sema::FlowId>(&n.transfer->target)) {
                        Line(2, fmt::format("flow {}", model_.flows.at(*flow).name));
                    } else {
                        Line(2, fmt::format("flow named {}",
                                            Quoted(std::get<std::string>(n.transfer->target))));
                    }
                },
                [&](const HoursNode& n) {
                    Line(2, fmt::format("schedule {}", Text(n.group)));
                    if (n.emergency) Line(2, fmt::format("emergency {}", Text(n.emergency)));
                },
                [&](const SetLanguageNode& n) {
                    Line(2, fmt::format("language {}", Quoted(n.code)));
                },
                [&](const HoldNode& n) { Line(2, fmt::format("seconds {}", Text(n.seconds))); },
                [&](const CallbackNode& n) {
                    DumpQueue(n.callback->queue);
                    Line(2, fmt::format("number {}", Text(n.callback->contact->number.get())));
                    if (n.callback->contact->name)
                        Line(2, fmt::format("name {}", Text(n.callback->contact->name.get())));
                },
                [&](const EndNode& n) {
                    static constexpr std::string_view kActions[] = {
                        "action return", "action hangup", "action restart"};
                    Line(2, kActions[static_cast<std::size_t>(n.action)]);
                },
            },
            node.body);
    }

    void DumpQueue(const sema::QueueTarget& queue) {
        if (const auto* named = std::get_if<sema::QueueByName>(&queue)) {
            Line(2, fmt::format("queue named {}", Quoted(named->platform_name)));
        } else if (const auto* value = std::get_if<sema::ExprPtr>(&queue)) {
            Line(2, fmt::format("queue {}", Text(value->get())));
        } else {
            Line(2, fmt::format("queue found by name {}",
                                Text(std::get<sema::QueueLookup>(queue).name.get())));
        }
    }

    void DumpSubflow(const SubflowNode& node) { DumpCall(node.callee, node.inputs, node.outputs); }

    void DumpCall(sema::FlowId callee_id, const std::vector<SubflowInput>& inputs,
                  const std::vector<sema::OutputBinding>& outputs) {
        const sema::Flow& callee = model_.flows.at(callee_id);
        Line(2, fmt::format("callee {}", callee.name));
        for (const SubflowInput& input : inputs) {
            const std::string& param = callee.vars.at(callee.params.at(input.param)).name;
            if (input.value) {
                Line(2, fmt::format("input {} = {}", param, Text(input.value)));
                continue;
            }
            const sema::Expr* fallback = callee.param_defaults.at(input.param).get();
            Line(2, fmt::format("input {} = {} (default)", param,
                                fallback ? sema::ExprText(*fallback, callee, &model_) : "<none>"));
        }
        for (const sema::OutputBinding& binding : outputs) {
            Line(2, fmt::format("output {} <- {}", VarName(binding.var),
                                callee.vars.at(callee.outputs.at(binding.output)).name));
        }
    }

    std::string ConditionText(const Condition& condition) const {
        return std::visit(
            Overloaded{
                [](const DefaultCondition&) { return std::string("default"); },
                [](const KeyPressed& c) { return fmt::format("key {}", Quoted(c.key)); },
                [&](const IsTrue& c) { return fmt::format("if {}", Text(c.condition)); },
                [&](const EqualsLiteral& c) {
                    std::string subject =
                        c.temporary ? lowered_->temporaries.at(*c.temporary).name : Text(c.subject);
                    return fmt::format("when {} == {}", subject, sema::LiteralSource(c.value));
                },
                [&](const LoopContinues& c) {
                    return fmt::format("while passes < {}", Text(c.count));
                },
                [](const HoursOutcomeIs& c) {
                    return fmt::format("when {}", sema::HoursOutcomeName(c.outcome));
                },
                [](const CallbackFailed&) { return std::string("when the callback fails"); },
                [](const DataActionFailed&) { return std::string("when the data action fails"); },
                [](const DataActionTimedOut&) {
                    return std::string("when the data action times out");
                },
            },
            condition);
    }

    const sema::Model& model_;
    const SourceManager& sources_;
    const LoweredFlow* lowered_ = nullptr;
    const sema::Flow* flow_ = nullptr;
    std::string out_;
};

}  // namespace

std::string DumpGraph(const FlowGraph& graph, const SourceManager& sources) {
    GraphDumper dumper(*graph.model, sources);
    // A planned graph has no nodes yet: lower it (the same nodes, LowerFlow's contract).
    FlowGraph lowered_graph;
    const FlowGraph* whole = &graph;
    if (graph.lowered.size() != graph.flows.size()) {
        lowered_graph = Lower(*graph.model);
        whole = &lowered_graph;
    }
    for (std::size_t k = 0; k < whole->flows.size(); ++k)
        dumper.DumpFlow(whole->flows[k], whole->lowered[k]);
    dumper.DumpOrder(whole->order);
    return dumper.Take();
}

}  // namespace flowc::lower
