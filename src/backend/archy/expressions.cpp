#include "backend/archy/expressions.h"

#include <fmt/format.h>

namespace flowc::backend::archy {
namespace {

int Precedence(sema::BinaryOp op) {
    switch (op) {
        case sema::BinaryOp::kOr:
            return 1;
        case sema::BinaryOp::kAnd:
            return 2;
        case sema::BinaryOp::kEq:
        case sema::BinaryOp::kNotEq:
        case sema::BinaryOp::kLess:
        case sema::BinaryOp::kLessEq:
        case sema::BinaryOp::kGreater:
        case sema::BinaryOp::kGreaterEq:
            return 3;
        case sema::BinaryOp::kAdd:
        case sema::BinaryOp::kSub:
            return 4;
        case sema::BinaryOp::kMul:
        case sema::BinaryOp::kDiv:
            return 5;
        case sema::BinaryOp::kConcat:
        case sema::BinaryOp::kJoinAudio:
            return 9;  // a function call: never needs parentheses
    }
    return 0;
}

std::string_view Symbol(sema::BinaryOp op) {
    switch (op) {
        case sema::BinaryOp::kOr:
            return "or";
        case sema::BinaryOp::kAnd:
            return "and";
        case sema::BinaryOp::kEq:
            return "==";
        case sema::BinaryOp::kNotEq:
            return "!=";
        case sema::BinaryOp::kLess:
            return "<";
        case sema::BinaryOp::kLessEq:
            return "<=";
        case sema::BinaryOp::kGreater:
            return ">";
        case sema::BinaryOp::kGreaterEq:
            return ">=";
        case sema::BinaryOp::kAdd:
            return "+";
        case sema::BinaryOp::kSub:
            return "-";
        case sema::BinaryOp::kMul:
            return "*";
        case sema::BinaryOp::kDiv:
            return "/";
        case sema::BinaryOp::kConcat:
        case sema::BinaryOp::kJoinAudio:
            return "";
    }
    return "?";
}

int PrecedenceOf(const sema::Expr& expr) {
    if (const auto* b = std::get_if<sema::Binary>(&expr.node)) return Precedence(b->op);
    if (const auto* u = std::get_if<sema::Unary>(&expr.node); u && u->op == sema::UnaryOp::kNegate)
        return 6;
    return 10;
}

std::string Operand(const sema::Expr& expr, const sema::Model& model, const sema::Flow& flow,
                    int min) {
    std::string text = Expression(expr, model, flow);
    return PrecedenceOf(expr) < min ? "(" + text + ")" : text;
}

// The parts of `a + b + c` as audio, for one `Append(a, b, c)` (exports join so).
void AudioParts(const sema::Expr& expr, const sema::Model& model, const sema::Flow& flow,
                std::string& out) {
    if (const auto* join = std::get_if<sema::Binary>(&expr.node);
        join != nullptr && join->op == sema::BinaryOp::kJoinAudio) {
        AudioParts(*join->lhs, model, flow, out);
        AudioParts(*join->rhs, model, flow, out);
        return;
    }
    out += (out.empty() ? "" : ", ") + Expression(expr, model, flow);
}

// Architect's name for a built-in function that is written as one call with the same
// arguments (docs/archy.md, "Expressions", says which evidence backs each).
std::string_view ArchyFunction(sema::Builtin function) {
    switch (function) {
        case sema::Builtin::kLen:
            return "Length";
        case sema::Builtin::kToString:
            return "ToString";
        case sema::Builtin::kToInt:
            return "ToInt";
        case sema::Builtin::kContains:
            return "Contains";
        case sema::Builtin::kLower:
            return "Lower";
        case sema::Builtin::kUpper:
            return "Upper";
        case sema::Builtin::kTrim:
            return "Trim";
        case sema::Builtin::kSubstring:
            return "Substring";
        case sema::Builtin::kIndexOf:
            return "FindString";
        case sema::Builtin::kReplace:
            return "Replace";
        case sema::Builtin::kToDecimal:
            return "ToDecimal";
        case sema::Builtin::kNow:
            return "GetCurrentDateTimeUtc";
        case sema::Builtin::kAddMinutes:
            return "AddMinutes";
        case sema::Builtin::kAddHours:
            return "AddHours";
        case sema::Builtin::kAddDays:
            return "AddDays";
        case sema::Builtin::kPause:           // ToAudioBlank, written by the caller
        case sema::Builtin::kNoBargeIn:       // AudioPlaybackOptions, written by the caller
        case sema::Builtin::kIsSet:           // of the attribute's variable, written by the caller
        case sema::Builtin::kMinutesBetween:  // DateTimeDiff, written by the caller
        case sema::Builtin::kStartsWith:      // Left, written by the caller
        case sema::Builtin::kEndsWith:        // Right, written by the caller
            break;
    }
    return "";
}

// A prompt as audio: `ToAudio(Prompt.Welcome)` for a declared one (SDK), else its value's.
std::string PromptAudio(const sema::Expr& prompt, const sema::Model& model,
                        const sema::Flow& flow) {
    if (const auto* ref = std::get_if<sema::ResourceRef>(&prompt.node))
        return "ToAudio(" + ResourceLiteralName(model.resources[ref->resource]) + ")";
    return "ToAudio(" + Expression(prompt, model, flow) + ")";
}

}  // namespace

std::string VariableName(const sema::Flow& flow, sema::VarId var) {
    return (flow.kind == sema::FlowKind::kShared ? "Common." : "Flow.") + flow.vars[var].name;
}

std::string AttributeVariable(const sema::Flow& flow, const std::string& key) {
    return (flow.kind == sema::FlowKind::kShared ? "Common." : "Flow.") +
           std::string("flowcAttribute_") + key;
}

// Architect spells literals as the flow language does (escapes: an assumption, docs/archy.md).
std::string LiteralText(const sema::Literal& literal) { return sema::LiteralSource(literal); }

std::string ResourceLiteralName(const sema::Resource& resource) {
    if (resource.kind == sema::ResourceKind::kPrompt) return "Prompt." + resource.platform_name;
    return resource.platform_name;
}

// FindQueue, FindSkill, FindUserPrompt: SDK; FindEmergencyGroup: export; FindScheduleGroup:
// an assumption (docs/archy.md, "Org resources").
std::string ResourceLookup(const sema::Resource& resource) {
    std::string_view function;
    switch (resource.kind) {
        case sema::ResourceKind::kQueue:
            function = "FindQueue";
            break;
        case sema::ResourceKind::kSchedule:
            function = "FindScheduleGroup";
            break;
        case sema::ResourceKind::kEmergency:
            function = "FindEmergencyGroup";
            break;
        case sema::ResourceKind::kPrompt:
            function = "FindUserPrompt";
            break;
        case sema::ResourceKind::kSkill:
            function = "FindSkill";
            break;
    }
    return fmt::format("{}({})", function, LiteralText(sema::Literal{resource.platform_name}));
}

std::string Expression(const sema::Expr& expr, const sema::Model& model, const sema::Flow& flow) {
    return std::visit(
        [&](const auto& node) -> std::string {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, sema::Literal>) {
                return LiteralText(node);
            } else if constexpr (std::is_same_v<T, sema::VarRef>) {
                return VariableName(flow, node.var);
            } else if constexpr (std::is_same_v<T, sema::ContextRef>) {
                switch (node.property) {
                    case sema::CallProperty::kAni:
                        return "Call.Ani";
                    case sema::CallProperty::kDnis:
                        return "Call.CalledAddress";
                    case sema::CallProperty::kLanguage:
                        return "Call.Language";
                    case sema::CallProperty::kQueue:
                        return "Call.CurrentQueue";
                    case sema::CallProperty::kPositionInQueue:
                        return "Call.PositionInQueue";
                }
                return "Call.Ani";
            } else if constexpr (std::is_same_v<T, sema::AttributeRef>) {
                // An attribute the call does not have leaves the variable NOT_SET; the
                // language reads it as "" (`isSet` asks the question itself).
                std::string variable = AttributeVariable(flow, node.key);
                return fmt::format("If(IsSet({0}), {0}, \"\")", variable);
            } else if constexpr (std::is_same_v<T, sema::Unary>) {
                // `!`, as the exports write it (`"!IsNotSetOrEmpty(Flow.email)"`); Architect
                // has no `not(...)` function. The YAML writer quotes the leading `!`.
                if (node.op == sema::UnaryOp::kNot)
                    return "!(" + Expression(*node.operand, model, flow) + ")";
                return "-" + Operand(*node.operand, model, flow, 6);
            } else if constexpr (std::is_same_v<T, sema::Binary>) {
                if (node.op == sema::BinaryOp::kJoinAudio) {
                    std::string parts;
                    AudioParts(expr, model, flow, parts);
                    return "Append(" + parts + ")";
                }
                if (node.op == sema::BinaryOp::kConcat) {
                    return fmt::format("Append({}, {})", Expression(*node.lhs, model, flow),
                                       Expression(*node.rhs, model, flow));
                }
                int p = Precedence(node.op);
                std::string written =
                    fmt::format("{} {} {}", Operand(*node.lhs, model, flow, p), Symbol(node.op),
                                Operand(*node.rhs, model, flow, p + 1));
                // Architect's `/` always gives a decimal (`42 / 8` is 5.25, the scripting
                // SDK's table); the language's `int / int` is an `int`, truncated toward
                // zero, which is what ToInt does.
                if (node.op == sema::BinaryOp::kDiv && expr.type == sema::Type::kInt)
                    return "ToInt(" + written + ")";
                return written;
            } else if constexpr (std::is_same_v<T, sema::BuiltinCall>) {
                // ToAudioBlank takes a literal (E0812 checks); bargeIn `false` (exports).
                if (node.function == sema::Builtin::kPause)
                    return "ToAudioBlank(" + Expression(*node.args[0], model, flow) + ")";
                if (node.function == sema::Builtin::kNoBargeIn) {
                    return "AudioPlaybackOptions(" + Expression(*node.args[0], model, flow) +
                           ", false)";
                }
                if (node.function == sema::Builtin::kIsSet) {
                    const auto& attribute = std::get<sema::AttributeRef>(node.args[0]->node);
                    return "IsSet(" + AttributeVariable(flow, attribute.key) + ")";
                }
                if (node.function == sema::Builtin::kMinutesBetween) {
                    // DateTimeDiff(a, b) is the duration a - b; ToInt of a duration is its
                    // milliseconds; `/` gives a decimal, which ToInt truncates toward zero,
                    // as "whole minutes" does (the Archy scripting SDK's function table).
                    return fmt::format("ToInt(ToInt(DateTimeDiff({}, {})) / 60000)",
                                       Expression(*node.args[1], model, flow),
                                       Expression(*node.args[0], model, flow));
                }
                // Architect has no StartsWith or EndsWith (none in the SDK's function table,
                // none in an export): compare the prefix or suffix of the prefix's length.
                // `Left` and `Right` give the whole text when it is shorter. Parenthesized:
                // the call is one operand wherever it stands.
                if (node.function == sema::Builtin::kStartsWith ||
                    node.function == sema::Builtin::kEndsWith) {
                    std::string affix = Expression(*node.args[1], model, flow);
                    return fmt::format(
                        "({}({}, Length({})) == {})",
                        node.function == sema::Builtin::kStartsWith ? "Left" : "Right",
                        Expression(*node.args[0], model, flow), affix, affix);
                }
                std::string_view name = ArchyFunction(node.function);
                std::string out = std::string(name) + "(";
                for (std::size_t i = 0; i < node.args.size(); ++i)
                    out += (i ? ", " : "") + Expression(*node.args[i], model, flow);
                return out + ")";
            } else if constexpr (std::is_same_v<T, sema::ToDecimal>) {
                return "ToDecimal(" + Expression(*node.operand, model, flow) + ")";
            } else if constexpr (std::is_same_v<T, sema::Conditional>) {
                return fmt::format("If({}, {}, {})", Expression(*node.condition, model, flow),
                                   Expression(*node.when_true, model, flow),
                                   Expression(*node.when_false, model, flow));
            } else if constexpr (std::is_same_v<T, sema::ToAudio>) {
                if (node.operand->type == sema::Type::kPrompt)
                    return PromptAudio(*node.operand, model, flow);
                return "ToAudioTTS(" + Expression(*node.operand, model, flow) + ")";
            } else {
                static_assert(std::is_same_v<T, sema::ResourceRef>);
                return ResourceLookup(model.resources[node.resource]);
            }
        },
        expr.node);
}

}  // namespace flowc::backend::archy
