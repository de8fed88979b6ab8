// The genesys-json target: one flow-model JSON per flow and a manifest (docs/flow-json.md).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "backend/backend.h"
#include "backend/genesys/expressions.h"
#include "base/parallel.h"
#include "lower/lower.h"

namespace flowc::backend {
namespace {

using nlohmann::ordered_json;
using namespace genesys;

constexpr std::string_view kFlowRef = "ref:flow:";
constexpr std::string_view kQueueRef = "ref:queue:";

std::string_view OperatorName(sema::BinaryOp op) {
    switch (op) {
        case sema::BinaryOp::kEq:
            return "equals";
        case sema::BinaryOp::kNotEq:
            return "notEquals";
        case sema::BinaryOp::kLess:
            return "lessThan";
        case sema::BinaryOp::kLessEq:
            return "lessThanOrEqual";
        case sema::BinaryOp::kGreater:
            return "greaterThan";
        case sema::BinaryOp::kGreaterEq:
            return "greaterThanOrEqual";
        default:
            return "";
    }
}

// `5 < x` is `x > 5`: the literal always goes to comparisonValue.
sema::BinaryOp Mirror(sema::BinaryOp op) {
    switch (op) {
        case sema::BinaryOp::kLess:
            return sema::BinaryOp::kGreater;
        case sema::BinaryOp::kLessEq:
            return sema::BinaryOp::kGreaterEq;
        case sema::BinaryOp::kGreater:
            return sema::BinaryOp::kLess;
        case sema::BinaryOp::kGreaterEq:
            return sema::BinaryOp::kLessEq;
        default:
            return op;
    }
}

bool IsReference(const sema::Expr& expr) {
    return std::holds_alternative<sema::VarRef>(expr.node) ||
           std::holds_alternative<sema::ContextRef>(expr.node) ||
           std::holds_alternative<sema::AttributeRef>(expr.node);
}

ordered_json Compare(const sema::Expr& subject, std::string_view op, ordered_json value,
                     const sema::Flow& flow) {
    return ordered_json{{"type", IsReference(subject) ? "variable" : "expression"},
                        {"value", "${" + ExpressionText(subject, flow) + "}"},
                        {"operator", op},
                        {"comparisonValue", std::move(value)}};
}

ordered_json TestJson(const sema::Expr& expr, const sema::Flow& flow) {
    const auto* binary = std::get_if<sema::Binary>(&expr.node);
    std::string_view op = binary ? OperatorName(binary->op) : "";
    if (binary && !op.empty() && std::holds_alternative<sema::Literal>(binary->rhs->node)) {
        return Compare(*binary->lhs, op, LiteralJson(std::get<sema::Literal>(binary->rhs->node)),
                       flow);
    }
    if (binary && !op.empty() && std::holds_alternative<sema::Literal>(binary->lhs->node)) {
        return Compare(*binary->rhs, OperatorName(Mirror(binary->op)),
                       LiteralJson(std::get<sema::Literal>(binary->lhs->node)), flow);
    }
    return ordered_json{{"type", IsReference(expr) ? "variable" : "expression"},
                        {"value", "${" + ExpressionText(expr, flow) + "}"},
                        {"operator", "isTrue"}};
}

ordered_json ConditionJson(const lower::Condition& condition, const lower::Node& node,
                           const sema::Flow& flow) {
    ordered_json list = ordered_json::array();
    if (const auto* key = std::get_if<lower::KeyPressed>(&condition)) {
        list.push_back({{"type", "dtmf"},
                        {"value", "${menu.key}"},
                        {"operator", "equals"},
                        {"comparisonValue", key->key}});
    } else if (const auto* test = std::get_if<lower::IsTrue>(&condition)) {
        // `a && b && c` becomes three conditions, all of which must hold.
        std::vector<const sema::Expr*> parts;
        std::vector<const sema::Expr*> pending{test->condition};
        while (!pending.empty()) {
            const sema::Expr* expr = pending.back();
            pending.pop_back();
            const auto* binary = std::get_if<sema::Binary>(&expr->node);
            if (binary && binary->op == sema::BinaryOp::kAnd) {
                pending.push_back(binary->rhs.get());
                pending.push_back(binary->lhs.get());
            } else {
                parts.push_back(expr);
            }
        }
        for (const sema::Expr* part : parts) list.push_back(TestJson(*part, flow));
    } else if (const auto* eq = std::get_if<lower::EqualsLiteral>(&condition)) {
        list.push_back(Compare(*eq->subject, "equals", LiteralJson(eq->value), flow));
    } else if (const auto* loop = std::get_if<lower::LoopContinues>(&condition)) {
        list.push_back({{"type", "loop"},
                        {"value", fmt::format("${{loop.{}.count}}", node.id)},
                        {"operator", "lessThan"},
                        {"comparisonValue", loop->count}});
    }
    return list;
}

struct Reference {
    std::string pointer;
    std::string kind;  // "flow" or "queue"
    std::string name;
};

class FlowWriter {
  public:
    FlowWriter(const lower::FlowGraph& graph, const lower::LoweredFlow& lowered)
        : model_(*graph.model), lowered_(lowered), flow_(model_.flows[lowered.id]) {}

    ordered_json Write() {
        ordered_json doc;
        doc["name"] = flow_.display_name;
        doc["type"] = flow_.kind == sema::FlowKind::kShared ? "conversation" : "call";
        doc["description"] = flow_.description;
        doc["division"] = flow_.division ? ordered_json(*flow_.division) : ordered_json(nullptr);
        doc["enabled"] = true;
        ordered_json queues = ordered_json::array();
        for (std::size_t i = 0; i < flow_.queues.size(); ++i) {
            queues.push_back(std::string(kQueueRef) + flow_.queues[i]);
            references_.push_back({fmt::format("/queueIds/{}", i), "queue", flow_.queues[i]});
        }
        doc["queueIds"] = std::move(queues);
        doc["inputs"] = Variables(flow_.params, true);
        doc["outputs"] = Variables(flow_.outputs, false);
        std::vector<sema::VarId> locals;
        for (sema::VarId var = 0; var < flow_.vars.size(); ++var) {
            if (flow_.vars[var].kind == sema::VarKind::kLocal) locals.push_back(var);
        }
        doc["variables"] = Variables(locals, false);
        ordered_json nodes = ordered_json::array();
        for (std::size_t i = 0; i < lowered_.nodes.size(); ++i)
            nodes.push_back(NodeJson(lowered_.nodes[i], i));
        doc["nodes"] = std::move(nodes);
        return doc;
    }

    const std::vector<Reference>& references() const { return references_; }

  private:
    ordered_json Variables(const std::vector<sema::VarId>& vars, bool with_defaults) {
        ordered_json list = ordered_json::array();
        for (std::size_t i = 0; i < vars.size(); ++i) {
            const sema::Variable& v = flow_.vars[vars[i]];
            ordered_json item{{"name", v.name}, {"type", sema::TypeName(v.type)}};
            if (with_defaults) {
                const sema::ExprPtr& value = flow_.param_defaults[i];
                item["required"] = value == nullptr;
                if (value) item["default"] = ValueJson(*value, flow_);
            }
            list.push_back(std::move(item));
        }
        return list;
    }

    ordered_json NodeJson(const lower::Node& node, std::size_t index) {
        ordered_json out;
        out["id"] = node.id;
        switch (node.kind) {
            case lower::NodeKind::kStart:
                out["type"] = "start";
                break;
            case lower::NodeKind::kPlay:
                out["type"] = "play";
                break;
            case lower::NodeKind::kCollect:
                out["type"] = "collect";
                break;
            case lower::NodeKind::kMenu:
                out["type"] = "menu";
                break;
            case lower::NodeKind::kDecision:
                out["type"] = "decision";
                break;
            case lower::NodeKind::kSetVariable:
                out["type"] = "setVariable";
                break;
            case lower::NodeKind::kSetParticipantData:
                out["type"] = "setParticipantData";
                break;
            case lower::NodeKind::kLoop:
                out["type"] = "loop";
                break;
            case lower::NodeKind::kSubflow:
                out["type"] = "subflow";
                break;
            case lower::NodeKind::kTransfer:
                out["type"] = "transferToQueue";
                break;
            case lower::NodeKind::kEnd:
                out["type"] = "end";
                break;
        }
        out["name"] = node.name;
        switch (node.kind) {
            case lower::NodeKind::kPlay:
            case lower::NodeKind::kMenu:
                out["prompt"] = ValueJson(*node.prompt, flow_);
                break;
            case lower::NodeKind::kCollect:
                out["prompt"] = ValueJson(*node.prompt, flow_);
                out["variable"] = flow_.vars[node.variable].name;
                out["maxDigits"] = node.count;
                break;
            case lower::NodeKind::kSetVariable:
                out["variable"] = flow_.vars[node.variable].name;
                out["value"] = ValueJson(*node.value, flow_);
                break;
            case lower::NodeKind::kSetParticipantData:
                out["attributes"] = ordered_json{{node.attribute, ValueJson(*node.value, flow_)}};
                break;
            case lower::NodeKind::kLoop:
                out["maxIterations"] = node.count;
                break;
            case lower::NodeKind::kSubflow: {
                const sema::Flow& callee = model_.flows[node.callee];
                out["flowId"] = std::string(kFlowRef) + callee.display_name;
                out["flowName"] = callee.display_name;
                references_.push_back(
                    {fmt::format("/nodes/{}/flowId", index), "flow", callee.display_name});
                ordered_json inputs = ordered_json::object();
                for (const lower::SubflowInput& input : node.inputs) {
                    if (input.value == nullptr) continue;  // the callee's default applies
                    inputs[callee.vars[callee.params[input.param]].name] =
                        ValueJson(*input.value, flow_);
                }
                out["inputVariables"] = std::move(inputs);
                ordered_json outputs = ordered_json::object();
                for (const sema::OutputBinding& binding : node.outputs) {
                    outputs[flow_.vars[binding.var].name] =
                        callee.vars[callee.outputs[binding.output]].name;
                }
                out["outputVariables"] = std::move(outputs);
                break;
            }
            case lower::NodeKind::kTransfer:
                out["queueId"] = std::string(kQueueRef) + node.queue;
                out["queueName"] = node.queue;
                references_.push_back(
                    {fmt::format("/nodes/{}/queueId", index), "queue", node.queue});
                break;
            case lower::NodeKind::kEnd:
                out["action"] = node.action == lower::EndAction::kReturn ? "return" : "hangup";
                if (node.action == lower::EndAction::kReturn) {
                    ordered_json returns = ordered_json::object();
                    for (sema::VarId var : flow_.outputs) {
                        returns[flow_.vars[var].name] = "${" + VariableReference(var, flow_) + "}";
                    }
                    out["returnVariables"] = std::move(returns);
                }
                break;
            case lower::NodeKind::kStart:
            case lower::NodeKind::kDecision:
                break;
        }
        ordered_json transitions = ordered_json::array();
        for (const lower::Transition& t : node.transitions) {
            transitions.push_back({{"id", t.id},
                                   {"target", t.target},
                                   {"conditions", ConditionJson(t.condition, node, flow_)}});
        }
        out["transitions"] = std::move(transitions);
        return out;
    }

    const sema::Model& model_;
    const lower::LoweredFlow& lowered_;
    const sema::Flow& flow_;
    std::vector<Reference> references_;
};

class GenesysJsonBackend final : public Backend {
  public:
    explicit GenesysJsonBackend(unsigned jobs) : jobs_(jobs) {}
    std::string_view name() const override { return "genesys-json"; }

    void Generate(lower::FlowGraph& graph, OutputSink& out, DiagnosticEngine&,
                  const std::vector<bool>* only) const override {
        const sema::Model& model = *graph.model;
        ordered_json flows = ordered_json::array();
        ordered_json references = ordered_json::array();
        // Each flow's document is independent: render a batch in parallel, hand it to the
        // sink in order, and let it go, so that memory does not grow with the project.
        struct Rendered {
            std::string bytes;
            std::string sha256;
            std::vector<Reference> references;
        };
        const std::size_t batch = std::max<std::size_t>(1, jobs_) * 16;
        lower::FlowBatches batches(graph, jobs_);
        for (std::size_t first = 0; first < graph.flows.size(); first += batch) {
            std::size_t count = std::min(batch, graph.flows.size() - first);
            std::span<const lower::LoweredFlow> lowered_flows = batches.Get(first, count);
            std::vector<Rendered> rendered(count);
            ParallelFor(count, jobs_, [&](std::size_t k) {
                if (only && !(*only)[lowered_flows[k].id]) return;
                FlowWriter writer(graph, lowered_flows[k]);
                rendered[k].bytes = writer.Write().dump(2) + "\n";
                rendered[k].sha256 = Sha256Hex(rendered[k].bytes);
                rendered[k].references = writer.references();
            });
            for (std::size_t k = 0; k < count; ++k) {
                const lower::LoweredFlow& lowered = lowered_flows[k];
                const sema::Flow& flow = model.flows[lowered.id];
                std::string file = SafeFileStem(flow.name) + ".json";
                ordered_json calls = ordered_json::array();
                for (sema::FlowId callee : lowered.callees)
                    calls.push_back(model.flows[callee].name);
                flows.push_back(
                    {{"id", flow.name},
                     {"name", flow.display_name},
                     {"type", flow.kind == sema::FlowKind::kShared ? "conversation" : "call"},
                     {"file", file},
                     {"sha256", std::move(rendered[k].sha256)},
                     {"calls", std::move(calls)},
                     {"queues", flow.queues}});
                for (const Reference& ref : rendered[k].references) {
                    references.push_back(
                        {{"file", file},
                         {"pointer", ref.pointer},
                         {"kind", ref.kind},
                         {"name", ref.name},
                         {"placeholder",
                          std::string(ref.kind == "flow" ? kFlowRef : kQueueRef) + ref.name}});
                }
                if (!only || (*only)[lowered.id]) out.Write(file, std::move(rendered[k].bytes));
            }
        }
        batches.Finish();
        ordered_json order = ordered_json::array();
        for (sema::FlowId id : graph.order) order.push_back(model.flows[id].name);
        ordered_json manifest{{"format", "flowc-manifest"}, {"version", 1},
                              {"target", "genesys-json"},   {"flows", std::move(flows)},
                              {"order", std::move(order)},  {"references", std::move(references)}};
        out.Write("manifest.json", manifest.dump(2) + "\n");  // last: it vouches for the rest
    }

  private:
    unsigned jobs_;
};

}  // namespace

std::unique_ptr<Backend> MakeGenesysJsonBackend(unsigned jobs) {
    return std::make_unique<GenesysJsonBackend>(jobs);
}

}  // namespace flowc::backend
