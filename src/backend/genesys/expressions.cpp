#include "backend/genesys/expressions.h"

#include <fmt/format.h>

#include "sema/model_dump.h"

namespace flowc::backend::genesys {
namespace {

int Precedence(sema::BinaryOp op) {
    switch (op) {
        case sema::BinaryOp::kOr:
            return 1;
        case sema::BinaryOp::kAnd:
            return 2;
        case sema::BinaryOp::kEq:
        case sema::BinaryOp::kNotEq:
            return 3;
        case sema::BinaryOp::kLess:
        case sema::BinaryOp::kLessEq:
        case sema::BinaryOp::kGreater:
        case sema::BinaryOp::kGreaterEq:
            return 4;
        case sema::BinaryOp::kAdd:
        case sema::BinaryOp::kSub:
        case sema::BinaryOp::kConcat:
        case sema::BinaryOp::kJoinAudio:
            return 5;
        case sema::BinaryOp::kMul:
        case sema::BinaryOp::kDiv:
            return 6;
    }
    return 0;
}

std::string_view Symbol(sema::BinaryOp op) {
    switch (op) {
        case sema::BinaryOp::kOr:
            return "||";
        case sema::BinaryOp::kAnd:
            return "&&";
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
        case sema::BinaryOp::kConcat:
        case sema::BinaryOp::kJoinAudio:
            return "+";
        case sema::BinaryOp::kSub:
            return "-";
        case sema::BinaryOp::kMul:
            return "*";
        case sema::BinaryOp::kDiv:
            return "/";
    }
    return "?";
}

constexpr int kAtom = 10;

int PrecedenceOf(const sema::Expr& expr) {
    if (const auto* b = std::get_if<sema::Binary>(&expr.node)) return Precedence(b->op);
    if (std::holds_alternative<sema::Unary>(expr.node)) return 7;
    if (std::holds_alternative<sema::Conditional>(expr.node)) return 0;
    return kAtom;
}

std::string Text(const sema::Expr& expr, const ValueScope& scope);

// The literal in JSON syntax (a string quoted and escaped), as it appears in `${...}`.
std::string LiteralText(const sema::Literal& literal) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, sema::DecimalText>) {
                return DecimalJson(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                std::string out;
                AppendJsonString(out, v);
                return out;
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else {
                return std::to_string(v);
            }
        },
        literal.value);
}

std::string Operand(const sema::Expr& expr, const ValueScope& scope, int min_precedence) {
    std::string text = Text(expr, scope);
    return PrecedenceOf(expr) < min_precedence ? "(" + text + ")" : text;
}

std::string Text(const sema::Expr& expr, const ValueScope& scope) {
    return std::visit(
        [&](const auto& node) -> std::string {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, sema::Literal>) {
                return LiteralText(node);
            } else if constexpr (std::is_same_v<T, sema::VarRef>) {
                return VariableReference(node.var, scope.flow);
            } else if constexpr (std::is_same_v<T, sema::ContextRef>) {
                switch (node.property) {
                    case sema::CallProperty::kAni:
                        return "call.ani";
                    case sema::CallProperty::kDnis:
                        return "call.dnis";
                    case sema::CallProperty::kLanguage:
                        return "call.language";
                    case sema::CallProperty::kQueue:
                        return "call.queue";
                    case sema::CallProperty::kPositionInQueue:
                        return "call.positionInQueue";
                }
                return "call.ani";
            } else if constexpr (std::is_same_v<T, sema::AttributeRef>) {
                return "contact.attributes." + node.key;
            } else if constexpr (std::is_same_v<T, sema::Unary>) {
                return std::string(node.op == sema::UnaryOp::kNot ? "!" : "-") +
                       Operand(*node.operand, scope, 7);
            } else if constexpr (std::is_same_v<T, sema::Binary>) {
                int p = Precedence(node.op);
                // Left-associative: a right operand of equal precedence needs parentheses.
                return fmt::format("{} {} {}", Operand(*node.lhs, scope, p), Symbol(node.op),
                                   Operand(*node.rhs, scope, p + 1));
            } else if constexpr (std::is_same_v<T, sema::BuiltinCall>) {
                std::string out = std::string(sema::BuiltinName(node.function)) + "(";
                for (std::size_t i = 0; i < node.args.size(); ++i) {
                    out += (i ? ", " : "") + Text(*node.args[i], scope);
                }
                return out + ")";
            } else if constexpr (std::is_same_v<T, sema::ToDecimal>) {
                return "toDecimal(" + Text(*node.operand, scope) + ")";
            } else if constexpr (std::is_same_v<T, sema::ToAudio>) {
                return "audio(" + Text(*node.operand, scope) + ")";
            } else if constexpr (std::is_same_v<T, sema::Conditional>) {
                // Right-associative: only a condition that is itself `? :` needs parentheses.
                return fmt::format("{} ? {} : {}", Operand(*node.condition, scope, 1),
                                   Text(*node.when_true, scope), Text(*node.when_false, scope));
            } else {
                static_assert(std::is_same_v<T, sema::ResourceRef>);
                // The checker lets a resource be only a whole value (FlowWriter lists those
                // for deploy); inside an expression it could only be its placeholder's text.
                const sema::Resource& resource = scope.model.resources[node.resource];
                std::string out;
                AppendJsonString(out,
                                 Placeholder(ReferenceKind(resource.kind), resource.platform_name));
                return out;
            }
        },
        expr.node);
}

}  // namespace

std::string VariableReference(sema::VarId var, const sema::Flow& flow) {
    const sema::Variable& v = flow.vars[var];
    switch (v.kind) {
        case sema::VarKind::kParam:
            return "input." + v.name;
        case sema::VarKind::kOutput:
            return "output." + v.name;
        case sema::VarKind::kLocal:
            return "local." + v.name;
    }
    return "local." + v.name;
}

std::string DecimalJson(const sema::DecimalText& decimal) {
    std::string_view text = decimal.text;
    std::string out;
    if (text.starts_with('-')) {
        out += '-';
        text.remove_prefix(1);
    }
    // Keep one digit before the point (or of a whole number): `0.5`, `0`.
    std::size_t digits = std::min(text.find('.'), text.size());
    std::size_t zeros = 0;
    while (zeros + 1 < digits && text[zeros] == '0') ++zeros;
    out += text.substr(zeros);
    return out;
}

void WriteLiteral(JsonWriter& w, const sema::Literal& literal) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, sema::DecimalText>) {
                w.Number(DecimalJson(v));
            } else if constexpr (std::is_same_v<T, std::string>) {
                w.String(v);
            } else if constexpr (std::is_same_v<T, bool>) {
                w.Bool(v);
            } else {
                w.Int(v);
            }
        },
        literal.value);
}

std::string_view ReferenceKind(sema::ResourceKind kind) {
    switch (kind) {
        case sema::ResourceKind::kQueue:
            return "queue";
        case sema::ResourceKind::kSchedule:
            return "scheduleGroup";
        case sema::ResourceKind::kEmergency:
            return "emergencyGroup";
        case sema::ResourceKind::kPrompt:
            return "prompt";
        case sema::ResourceKind::kSkill:
            return "skill";
    }
    return "queue";
}

std::string Placeholder(std::string_view kind, std::string_view name) {
    return fmt::format("ref:{}:{}", kind, name);
}

std::string ExpressionText(const sema::Expr& expr, const ValueScope& scope) {
    return Text(expr, scope);
}

void WriteValue(JsonWriter& w, const sema::Expr& expr, const ValueScope& scope) {
    if (const auto* literal = std::get_if<sema::Literal>(&expr.node)) {
        // A literal text that looks like an expression is written as one, so it stays text.
        if (const auto* s = std::get_if<std::string>(&literal->value);
            s && s->find("${") != std::string::npos) {
            w.String("${" + LiteralText(*literal) + "}");
            return;
        }
        WriteLiteral(w, *literal);
        return;
    }
    w.String("${" + Text(expr, scope) + "}");
}

}  // namespace flowc::backend::genesys
