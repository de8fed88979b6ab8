// The genesys-json target: each flow as a flow-model JSON document (docs/flow-json.md), with
// the placeholders a deploy resolves; the generation loop (GenerateAll) writes the manifest.
#include <fmt/format.h>

#include "backend/backend.h"
#include "backend/genesys/expressions.h"
#include "backend/json_writer.h"
#include "sema/secure.h"

namespace flowc::backend {
namespace {

using namespace genesys;

// The flow model's `type`, which the manifest repeats.
std::string_view FlowTypeOf(sema::FlowKind kind) {
    switch (kind) {
        case sema::FlowKind::kShared:
            return "conversation";
        case sema::FlowKind::kInbound:
            return "call";
        case sema::FlowKind::kInQueue:
            return "inqueue";
        case sema::FlowKind::kDataAction:
            return "";  // never built
    }
    return "";
}

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

// Opens one condition with the members every kind has; the caller may add
// `comparisonValue`, then closes it.
void BeginCondition(JsonWriter& w, std::string_view type, const std::string& value,
                    std::string_view op) {
    w.BeginObject();
    w.Key("type");
    w.String(type);
    w.Key("value");
    w.String(value);
    w.Key("operator");
    w.String(op);
}

std::string_view SubjectKind(const sema::Expr& expr) {
    return IsReference(expr) ? "variable" : "expression";
}

void WriteCompare(JsonWriter& w, const sema::Expr& subject, std::string_view op,
                  const sema::Literal& value, const ValueScope& scope) {
    BeginCondition(w, SubjectKind(subject), "${" + ExpressionText(subject, scope) + "}", op);
    w.Key("comparisonValue");
    WriteLiteral(w, value);
    w.EndObject();
}

void WriteTest(JsonWriter& w, const sema::Expr& expr, const ValueScope& scope) {
    const auto* binary = std::get_if<sema::Binary>(&expr.node);
    std::string_view op = binary ? OperatorName(binary->op) : "";
    if (binary && !op.empty() && std::holds_alternative<sema::Literal>(binary->rhs->node)) {
        WriteCompare(w, *binary->lhs, op, std::get<sema::Literal>(binary->rhs->node), scope);
        return;
    }
    if (binary && !op.empty() && std::holds_alternative<sema::Literal>(binary->lhs->node)) {
        WriteCompare(w, *binary->rhs, OperatorName(Mirror(binary->op)),
                     std::get<sema::Literal>(binary->lhs->node), scope);
        return;
    }
    BeginCondition(w, SubjectKind(expr), "${" + ExpressionText(expr, scope) + "}", "isTrue");
    w.EndObject();
}

void WriteConditions(JsonWriter& w, const lower::Condition& condition, const lower::Node& node,
                     const lower::LoweredFlow& lowered, const ValueScope& scope) {
    w.BeginArray();
    if (const auto* key = std::get_if<lower::KeyPressed>(&condition)) {
        BeginCondition(w, "dtmf", "${menu.key}", "equals");
        w.Key("comparisonValue");
        w.String(key->key);
        w.EndObject();
    } else if (const auto* test = std::get_if<lower::IsTrue>(&condition)) {
        // `a && b && c` becomes three conditions, all of which must hold.
        std::vector<const sema::Expr*> pending{test->condition};
        while (!pending.empty()) {
            const sema::Expr* expr = pending.back();
            pending.pop_back();
            const auto* binary = std::get_if<sema::Binary>(&expr->node);
            if (binary && binary->op == sema::BinaryOp::kAnd) {
                pending.push_back(binary->rhs.get());
                pending.push_back(binary->lhs.get());
            } else {
                WriteTest(w, *expr, scope);
            }
        }
    } else if (const auto* eq = std::get_if<lower::EqualsLiteral>(&condition)) {
        if (eq->temporary) {
            BeginCondition(w, "variable",
                           "${local." + lowered.temporaries[*eq->temporary].name + "}", "equals");
            w.Key("comparisonValue");
            WriteLiteral(w, eq->value);
            w.EndObject();
        } else {
            WriteCompare(w, *eq->subject, "equals", eq->value, scope);
        }
    } else if (const auto* loop = std::get_if<lower::LoopContinues>(&condition)) {
        BeginCondition(w, "loop", fmt::format("${{loop.{}.count}}", node.id), "lessThan");
        // A computed count is the one `maxIterations` took on entry, not evaluated again.
        w.Key("comparisonValue");
        if (std::holds_alternative<sema::Literal>(loop->count->node)) {
            WriteValue(w, *loop->count, scope);
        } else {
            w.String(fmt::format("${{loop.{}.maxIterations}}", node.id));
        }
        w.EndObject();
    } else if (const auto* hours = std::get_if<lower::HoursOutcomeIs>(&condition)) {
        BeginCondition(w, "hours", fmt::format("${{hours.{}.outcome}}", node.id), "equals");
        w.Key("comparisonValue");
        w.String(sema::HoursOutcomeName(hours->outcome));
        w.EndObject();
    } else if (std::holds_alternative<lower::CallbackFailed>(condition)) {
        BeginCondition(w, "callback", fmt::format("${{callback.{}.status}}", node.id), "equals");
        w.Key("comparisonValue");
        w.String("failed");
        w.EndObject();
    } else if (std::holds_alternative<lower::DataActionFailed>(condition) ||
               std::holds_alternative<lower::DataActionTimedOut>(condition)) {
        BeginCondition(w, "dataAction", fmt::format("${{dataAction.{}.status}}", node.id),
                       "equals");
        w.Key("comparisonValue");
        w.String(std::holds_alternative<lower::DataActionFailed>(condition) ? "failure"
                                                                            : "timeout");
        w.EndObject();
    }
    w.EndArray();
}

class FlowWriter {
  public:
    FlowWriter(const lower::FlowGraph& graph, const lower::LoweredFlow& lowered)
        : model_(*graph.model),
          lowered_(lowered),
          flow_(model_.flows[lowered.id]),
          scope_{model_, flow_} {}

    // The flow's document, as `ordered_json::dump(2)` would write it, and a newline.
    std::string Write() {
        JsonWriter w;
        w.BeginObject();
        w.Key("name");
        w.String(flow_.display_name);
        w.Key("type");
        w.String(FlowTypeOf(flow_.kind));
        w.Key("description");
        w.String(flow_.description);
        w.Key("division");
        if (flow_.division) {
            w.String(*flow_.division);
        } else {
            w.Null();
        }
        w.Key("enabled");
        w.Bool(true);
        w.Key("queueIds");
        w.BeginArray();
        for (std::size_t i = 0; i < flow_.queues.size(); ++i) {
            WriteReference(w, "queue", flow_.queues[i], fmt::format("/queueIds/{}", i));
        }
        w.EndArray();
        Languages(w);
        if (flow_.kind == sema::FlowKind::kInQueue) {
            w.Key("holdMusic");  // a prompt; null: the platform's hold music
            if (flow_.hold_music) {
                WriteReference(w, "prompt", model_.resources[*flow_.hold_music].platform_name,
                               "/holdMusic");
            } else {
                w.Null();
            }
        }
        w.Key("inputs");
        Variables(w, flow_.params, true);
        w.Key("outputs");
        Variables(w, flow_.outputs, false);
        std::vector<sema::VarId> locals;
        for (sema::VarId var = 0; var < flow_.vars.size(); ++var) {
            if (flow_.vars[var].kind == sema::VarKind::kLocal) locals.push_back(var);
        }
        w.Key("variables");
        Variables(w, locals, false, lowered_.temporaries);
        w.Key("nodes");
        w.BeginArray();
        for (std::size_t i = 0; i < lowered_.nodes.size(); ++i) Node(w, lowered_.nodes[i], i);
        w.EndArray();
        w.EndObject();
        std::string text = w.Take();
        text += '\n';
        return text;
    }

    std::vector<Reference> TakeReferences() { return std::move(references_); }

  private:
    // Only what the flow declares (docs/flow-json.md): without `languages` a call flow
    // speaks `en-us` with the platform's default voice and a subflow works in every
    // language; without `errorPrompt` the platform's text is played.
    void Languages(JsonWriter& w) {
        if (!flow_.languages.empty()) {
            w.Key("languages");
            w.BeginArray();
            for (const sema::FlowLanguage& language : flow_.languages) {
                w.BeginObject();
                w.Key("code");
                w.String(language.code);
                if (language.voice) {
                    w.Key("voice");
                    w.String(*language.voice);
                }
                w.EndObject();
            }
            w.EndArray();
        }
        if (flow_.error_prompt) {
            w.Key("errorPrompt");
            w.String(*flow_.error_prompt);
        }
    }

    void Variables(JsonWriter& w, const std::vector<sema::VarId>& vars, bool with_defaults,
                   const std::vector<lower::Temporary>& temporaries = {}) {
        w.BeginArray();
        for (std::size_t i = 0; i < vars.size(); ++i) {
            const sema::Variable& v = flow_.vars[vars[i]];
            w.BeginObject();
            w.Key("name");
            w.String(v.name);
            w.Key("type");
            // A secure value is text the platform keeps secret: `string`, marked `secure`.
            w.String(sema::IsSecure(v.type) ? "string" : sema::TypeName(v.type));
            if (with_defaults) {
                const sema::ExprPtr& value = flow_.param_defaults[i];
                w.Key("required");
                w.Bool(value == nullptr);
                if (value) {
                    w.Key("default");
                    Value(w, *value, [i] { return fmt::format("/inputs/{}/default", i); });
                }
            }
            if (sema::IsSecure(v.type)) {
                w.Key("secure");
                w.Bool(true);
            }
            w.EndObject();
        }
        for (const lower::Temporary& temporary : temporaries) {  // locals lowering added
            w.BeginObject();
            w.Key("name");
            w.String(temporary.name);
            w.Key("type");
            w.String(sema::TypeName(temporary.type));
            w.EndObject();
        }
        w.EndArray();
    }

    static std::string_view TypeOf(lower::NodeKind kind) {
        switch (kind) {
            case lower::NodeKind::kStart:
                return "start";
            case lower::NodeKind::kPlay:
                return "play";
            case lower::NodeKind::kCollect:
                return "collect";
            case lower::NodeKind::kMenu:
                return "menu";
            case lower::NodeKind::kDecision:
                return "decision";
            case lower::NodeKind::kSetVariable:
                return "setVariable";
            case lower::NodeKind::kSetParticipantData:
                return "setParticipantData";
            case lower::NodeKind::kLoop:
                return "loop";
            case lower::NodeKind::kSubflow:
                return "subflow";
            case lower::NodeKind::kTransfer:
                return "transferToQueue";
            case lower::NodeKind::kTransferVoicemail:
                return "transferToVoicemail";
            case lower::NodeKind::kTransferFlow:
                return "transferToFlow";
            case lower::NodeKind::kHours:
                return "evaluateScheduleGroup";
            case lower::NodeKind::kTransferNumber:
                return "transferToNumber";
            case lower::NodeKind::kSetLanguage:
                return "setLanguage";
            case lower::NodeKind::kHold:
                return "hold";
            case lower::NodeKind::kCallback:
                return "createCallback";
            case lower::NodeKind::kDataAction:
                return "dataAction";
            case lower::NodeKind::kEnd:
                return "end";
        }
        return "";
    }

    // A value where an org resource may stand: a resource is written as its placeholder and
    // listed for deploy at `pointer()` (under `kind`, when its use decides the kind). The
    // pointer is made only for a resource: most values are not one.
    template <typename Pointer>
    void Value(JsonWriter& w, const sema::Expr& expr, const Pointer& pointer,
               std::string_view kind = {}) {
        if (expr.type == sema::Type::kAudio) {
            Audio(w, expr, pointer());
            return;
        }
        if (const auto* ref = std::get_if<sema::ResourceRef>(&expr.node)) {
            const sema::Resource& resource = model_.resources[ref->resource];
            WriteReference(w, kind.empty() ? ReferenceKind(resource.kind) : kind,
                           resource.platform_name, pointer());
            return;
        }
        WriteValue(w, expr, scope_);
    }

    // An audio value (docs/flow-json.md, "Audio"): its parts in order, and whether the
    // caller's keys interrupt it (`noBargeIn` is only ever the outermost call).
    void Audio(JsonWriter& w, const sema::Expr& expr, const std::string& pointer) {
        const sema::Expr* whole = &expr;
        const auto* call = std::get_if<sema::BuiltinCall>(&expr.node);
        bool barge_in = call == nullptr || call->function != sema::Builtin::kNoBargeIn;
        if (!barge_in) whole = call->args[0].get();
        w.BeginObject();
        w.Key("audio");
        w.BeginArray();
        std::size_t parts = 0;
        AudioParts(w, *whole, pointer + "/audio", parts);
        w.EndArray();
        w.Key("bargeIn");
        w.Bool(barge_in);
        w.EndObject();
    }

    void AudioParts(JsonWriter& w, const sema::Expr& expr, const std::string& pointer,
                    std::size_t& parts) {
        if (const auto* join = std::get_if<sema::Binary>(&expr.node);
            join != nullptr && join->op == sema::BinaryOp::kJoinAudio) {
            AudioParts(w, *join->lhs, pointer, parts);
            AudioParts(w, *join->rhs, pointer, parts);
            return;
        }
        const std::string part = fmt::format("{}/{}", pointer, parts++);
        w.BeginObject();
        const auto* call = std::get_if<sema::BuiltinCall>(&expr.node);
        if (const auto* audio = std::get_if<sema::ToAudio>(&expr.node)) {
            bool spoken = audio->operand->type == sema::Type::kString;
            w.Key(spoken ? "tts" : "prompt");
            Value(w, *audio->operand, [&] { return part + (spoken ? "/tts" : "/prompt"); });
        } else if (call != nullptr && call->function == sema::Builtin::kPause) {
            w.Key("pause");
            WriteValue(w, *call->args[0], scope_);
        } else {  // an audio variable or parameter
            w.Key("value");
            WriteValue(w, expr, scope_);
        }
        w.EndObject();
    }

    // The pointer to a member of the node at `index`, for Value.
    static auto Member(std::size_t index, std::string_view member) {
        return [index, member] { return fmt::format("/nodes/{}/{}", index, member); };
    }

    void WriteReference(JsonWriter& w, std::string_view kind, const std::string& name,
                        std::string pointer) {
        std::string placeholder = Placeholder(kind, name);
        w.String(placeholder);
        references_.push_back(
            {"", std::move(pointer), std::string(kind), name, std::move(placeholder)});
    }

    // A queue known by name before the call is a reference with its name beside it, as a
    // literal's always was; a `queue` value is the id it holds; `queue(e)` is only a name,
    // which the platform looks up when the call gets there.
    void Queue(JsonWriter& w, const sema::QueueTarget& target, std::size_t index) {
        const std::string* name = nullptr;
        if (const auto* named = std::get_if<sema::QueueByName>(&target)) {
            name = &named->platform_name;
        } else if (const auto* lookup = std::get_if<sema::QueueLookup>(&target)) {
            w.Key("queueName");
            WriteValue(w, *lookup->name, scope_);
            return;
        } else if (const auto* ref =
                       std::get_if<sema::ResourceRef>(&std::get<sema::ExprPtr>(target)->node)) {
            name = &model_.resources[ref->resource].platform_name;
        }
        w.Key("queueId");
        if (name == nullptr) {
            WriteValue(w, *std::get<sema::ExprPtr>(target), scope_);
            return;
        }
        WriteReference(w, "queue", *name, fmt::format("/nodes/{}/queueId", index));
        w.Key("queueName");
        w.String(*name);
    }

    // The members of each kind of node, between its name and its transitions.
    void Body(JsonWriter&, const lower::StartNode&, std::size_t) {}
    void Body(JsonWriter&, const lower::DecisionNode&, std::size_t) {}
    void Body(JsonWriter& w, const lower::PlayNode& node, std::size_t index) {
        w.Key("prompt");
        Value(w, *node.prompt, Member(index, "prompt"));
    }
    void Body(JsonWriter& w, const lower::MenuNode& node, std::size_t index) {
        w.Key("prompt");
        Value(w, *node.prompt, Member(index, "prompt"));
    }
    void Body(JsonWriter& w, const lower::CollectNode& node, std::size_t index) {
        w.Key("prompt");
        Value(w, *node.prompt, Member(index, "prompt"));
        w.Key("variable");
        w.String(flow_.vars[node.variable].name);
        if (node.min_digits != 1) {
            w.Key("minDigits");
            w.Int(node.min_digits);
        }
        w.Key("maxDigits");
        w.Int(node.max_digits);
        if (node.secure) {
            w.Key("secure");
            w.Bool(true);
        }
    }
    void Body(JsonWriter& w, const lower::SetVariableNode& node, std::size_t index) {
        w.Key("variable");
        w.String(node.temporary ? lowered_.temporaries[*node.temporary].name
                                : flow_.vars[node.variable].name);
        w.Key("value");
        Value(w, *node.value, Member(index, "value"));
    }
    void Body(JsonWriter& w, const lower::SetParticipantDataNode& node, std::size_t) {
        w.Key("attributes");
        w.BeginObject();
        w.Key(node.attribute);
        WriteValue(w, *node.value, scope_);  // a `string`, never a resource
        w.EndObject();
    }
    void Body(JsonWriter& w, const lower::LoopNode& node, std::size_t) {
        // Evaluated once, when the loop is entered (docs/flow-json.md).
        w.Key("maxIterations");
        WriteValue(w, *node.max_passes, scope_);
    }
    void Body(JsonWriter& w, const lower::SetLanguageNode& node, std::size_t) {
        w.Key("language");
        w.String(node.code);
    }
    // A callee of the build and an external shared flow of the org alike: deploy resolves
    // the reference by the flow's platform name.
    void Body(JsonWriter& w, const lower::SubflowNode& node, std::size_t index) {
        const sema::Flow& callee = model_.flows[node.callee];
        w.Key("flowId");
        WriteReference(w, "flow", callee.display_name, fmt::format("/nodes/{}/flowId", index));
        w.Key("flowName");
        w.String(callee.display_name);
        // A shared flow applies its own defaults to the inputs left out.
        CallVariables(w, callee, node.inputs, node.outputs, /*write_defaults=*/false, index);
    }
    // The org's data action, named by its integration and name (deploy resolves neither
    // yet: the manifest lists it under `resources`); inputs and outputs as a subflow's.
    void Body(JsonWriter& w, const lower::DataActionNode& node, std::size_t index) {
        const sema::Flow& action = model_.flows[node.action];
        w.Key("integration");
        w.String(action.integration);
        w.Key("dataActionName");
        w.String(action.display_name);
        if (action.timeout_seconds) {
            w.Key("timeoutSeconds");
            w.Int(*action.timeout_seconds);
        }
        // The org's data action knows nothing of the declaration's defaults: write them.
        CallVariables(w, action, node.inputs, node.outputs, /*write_defaults=*/true, index);
    }
    // Keys are unique here (the callee's parameters; the caller's variables bound once
    // each), as they were in the ordered_json objects this replaced. Identifiers need no
    // escaping in a JSON pointer.
    void CallVariables(JsonWriter& w, const sema::Flow& callee,
                       const std::vector<lower::SubflowInput>& inputs,
                       const std::vector<sema::OutputBinding>& outputs, bool write_defaults,
                       std::size_t index) {
        w.Key("inputVariables");
        w.BeginObject();
        for (const lower::SubflowInput& input : inputs) {
            const sema::Expr* value = input.value;
            if (value == nullptr && write_defaults) {
                value = callee.param_defaults[input.param].get();
            }
            if (value == nullptr) continue;
            const std::string& param = callee.vars[callee.params[input.param]].name;
            w.Key(param);
            Value(w, *value,
                  [&] { return fmt::format("/nodes/{}/inputVariables/{}", index, param); });
        }
        w.EndObject();
        w.Key("outputVariables");
        w.BeginObject();
        for (const sema::OutputBinding& binding : outputs) {
            w.Key(flow_.vars[binding.var].name);
            w.String(callee.vars[callee.outputs[binding.output]].name);
        }
        w.EndObject();
    }
    void Body(JsonWriter& w, const lower::TransferNode& node, std::size_t index) {
        const sema::Transfer& transfer = *node.transfer;
        Queue(w, transfer.queue, index);
        if (transfer.options->priority) {
            w.Key("priority");
            WriteValue(w, *transfer.options->priority, scope_);
        }
        if (!transfer.options->skills.empty()) {
            w.Key("skills");
            w.BeginArray();
            for (std::size_t i = 0; i < transfer.options->skills.size(); ++i) {
                Value(w, *transfer.options->skills[i],
                      [&] { return fmt::format("/nodes/{}/skills/{}", index, i); });
            }
            w.EndArray();
        }
        if (transfer.options->language) {
            w.Key("languageSkill");
            Value(w, *transfer.options->language, Member(index, "languageSkill"), "languageSkill");
        }
        if (transfer.options->via) {
            w.Key("inQueueFlowId");
            WriteReference(w, "flow", *transfer.options->via,
                           fmt::format("/nodes/{}/inQueueFlowId", index));
            w.Key("inQueueFlowName");
            w.String(*transfer.options->via);
        }
    }
    void Body(JsonWriter& w, const lower::TransferVoicemailNode& node, std::size_t index) {
        Queue(w, *node.queue, index);
    }
    void Body(JsonWriter& w, const lower::TransferFlowNode& node, std::size_t index) {
        const auto* built = std::get_if<sema::FlowId>(&node.transfer->target);
        const std::string& name = built ? model_.flows[*built].display_name
                                        : std::get<std::string>(node.transfer->target);
        w.Key("flowId");
        WriteReference(w, "flow", name, fmt::format("/nodes/{}/flowId", index));
        w.Key("flowName");
        w.String(name);
    }
    void Body(JsonWriter& w, const lower::HoursNode& node, std::size_t index) {
        w.Key("scheduleGroupId");
        Value(w, *node.group, Member(index, "scheduleGroupId"));
        if (node.emergency == nullptr) return;
        w.Key("emergencyGroupId");
        Value(w, *node.emergency, Member(index, "emergencyGroupId"));
    }
    void Body(JsonWriter& w, const lower::TransferNumberNode& node, std::size_t) {
        w.Key("number");
        WriteValue(w, *node.number, scope_);
    }
    void Body(JsonWriter& w, const lower::HoldNode& node, std::size_t) {
        w.Key("seconds");
        WriteValue(w, *node.seconds, scope_);
    }
    void Body(JsonWriter& w, const lower::CallbackNode& node, std::size_t index) {
        const sema::Callback& callback = *node.callback;
        Queue(w, callback.queue, index);
        w.Key("callbackNumber");
        WriteValue(w, *callback.contact->number, scope_);
        if (callback.contact->name) {
            w.Key("callbackName");
            WriteValue(w, *callback.contact->name, scope_);
        }
    }
    void Body(JsonWriter& w, const lower::EndNode& node, std::size_t) {
        static constexpr std::string_view kActions[] = {"return", "hangup", "restart"};
        w.Key("action");
        w.String(kActions[static_cast<std::size_t>(node.action)]);
        if (node.action != lower::EndAction::kReturn) return;
        w.Key("returnVariables");
        w.BeginObject();
        for (sema::VarId var : flow_.outputs) {
            w.Key(flow_.vars[var].name);
            w.String("${" + VariableReference(var, flow_) + "}");
        }
        w.EndObject();
    }

    void Node(JsonWriter& w, const lower::Node& node, std::size_t index) {
        w.BeginObject();
        w.Key("id");
        w.String(node.id);
        w.Key("type");
        w.String(TypeOf(node.kind()));
        w.Key("name");
        w.String(node.name);
        std::visit([&](const auto& body) { Body(w, body, index); }, node.body);
        w.Key("transitions");
        w.BeginArray();
        for (const lower::Transition& t : node.transitions) {
            w.BeginObject();
            w.Key("id");
            w.String(t.id);
            w.Key("target");
            w.String(t.target);
            w.Key("conditions");
            WriteConditions(w, t.condition, node, lowered_, scope_);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }

    const sema::Model& model_;
    const lower::LoweredFlow& lowered_;
    const sema::Flow& flow_;
    ValueScope scope_;
    std::vector<Reference> references_;
};

class GenesysJsonBackend final : public Backend {
  public:
    std::string_view FileExtension() const override { return ".json"; }
    std::string_view FlowType(sema::FlowKind kind) const override { return FlowTypeOf(kind); }
    bool ReadsNodes() const override { return true; }
    PublishMethod publish_method() const override { return PublishMethod::kFlowsApi; }
    bool CheckTargetRules(const lower::FlowGraph&, DiagnosticEngine&) const override {
        return true;  // the flow model takes every checked program
    }
    RenderedFlow RenderFlow(const lower::FlowGraph& program, const lower::FlowPlan&,
                            const lower::LoweredFlow& nodes) const override {
        FlowWriter writer(program, nodes);
        RenderedFlow rendered;
        rendered.bytes = writer.Write();
        rendered.references = writer.TakeReferences();
        return rendered;
    }
};

}  // namespace

std::unique_ptr<Backend> MakeGenesysJsonBackend() { return std::make_unique<GenesysJsonBackend>(); }

}  // namespace flowc::backend
