// Expressions and literals.
#include <fmt/format.h>

#include <limits>

#include "syntax/internal/builder.h"

namespace flowc::syntax_internal {
namespace {

ast::BinaryOp BinaryOpFor(std::size_t type) {
    switch (type) {
        case P::STAR:
            return ast::BinaryOp::kMul;
        case P::SLASH:
            return ast::BinaryOp::kDiv;
        case P::PLUS:
            return ast::BinaryOp::kAdd;
        case P::MINUS:
            return ast::BinaryOp::kSub;
        case P::LT:
            return ast::BinaryOp::kLess;
        case P::LE:
            return ast::BinaryOp::kLessEq;
        case P::GT:
            return ast::BinaryOp::kGreater;
        case P::GE:
            return ast::BinaryOp::kGreaterEq;
        case P::EQ:
            return ast::BinaryOp::kEq;
        case P::NE:
            return ast::BinaryOp::kNotEq;
        case P::AND:
            return ast::BinaryOp::kAnd;
        case P::OR:
            return ast::BinaryOp::kOr;
        default:
            throw std::logic_error("binary operator without a mapping");
    }
}

ast::ExprPtr MakeExpr(Span span, auto node) {
    return std::make_unique<ast::Expr>(ast::Expr{span, std::move(node)});
}

}  // namespace

ast::ExprPtr AstBuilder::Placeholder(Span span) const { return MakeExpr(span, ast::IntLiteral{0}); }

std::string AstBuilder::DecodeString(antlr4::Token* token) {
    std::string text = token->getText();
    Span span = SpanOf(token);
    std::string out;
    // The token may lack its closing quote (already reported); decode what is there.
    std::size_t end = text.size() >= 2 && text.back() == '"' ? text.size() - 1 : text.size();
    for (std::size_t i = 1; i < end; ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        if (i + 1 >= end) break;
        char escaped = text[++i];
        switch (escaped) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            default: {
                auto begin = static_cast<std::uint32_t>(span.begin + i - 1);
                std::size_t length = 2;
                while (i + length - 1 < end &&
                       (static_cast<unsigned char>(text[i + length - 1]) & 0xC0) == 0x80) {
                    ++length;  // cover the whole code point after the backslash
                }
                sink_.Report(
                    Code::kUnknownEscape,
                    Span{span.file, begin, static_cast<std::uint32_t>(begin + length)},
                    fmt::format("unknown escape sequence `{}`", text.substr(i - 1, length)),
                    "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a "
                    "backslash");
                out += escaped;
            }
        }
    }
    return out;
}

std::optional<std::uint64_t> AstBuilder::ParseMagnitude(antlr4::Token* token) {
    std::uint64_t value = 0;
    for (char c : token->getText()) {
        auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
            value = std::numeric_limits<std::uint64_t>::max();
            break;
        }
        value = value * 10 + digit;
    }
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        sink_.Report(Code::kIntegerTooLarge, SpanOf(token),
                     fmt::format("integer literal `{}` does not fit in 64 bits", token->getText()),
                     "the largest `int` is 9223372036854775807");
        return std::nullopt;
    }
    return value;
}

ast::ExprPtr AstBuilder::BuildExpr(P::ExprContext* ctx) {
    Span span = SpanOf(ctx);
    if (auto* binary = dynamic_cast<P::BinaryExprContext*>(ctx)) return BuildBinaryChain(binary);
    if (!Enter(ctx->getStart())) return Placeholder(span);
    ast::ExprPtr out;
    if (auto* unary = dynamic_cast<P::UnaryExprContext*>(ctx)) {
        ast::UnaryOp op =
            unary->op->getType() == P::BANG ? ast::UnaryOp::kNot : ast::UnaryOp::kNegate;
        out = MakeExpr(span, ast::UnaryExpr{op, SpanOf(unary->op), BuildExpr(unary->operand)});
    } else if (auto* primary = dynamic_cast<P::PrimaryExprContext*>(ctx)) {
        out = BuildPrimary(primary->primary());
    } else if (auto* conditional = dynamic_cast<P::ConditionalExprContext*>(ctx)) {
        out = MakeExpr(span, ast::ConditionalExpr{BuildExpr(conditional->condition),
                                                  BuildExpr(conditional->whenTrue),
                                                  BuildExpr(conditional->whenFalse)});
    } else {
        throw std::logic_error("expression alternative without a builder");
    }
    Leave();
    return out;
}

// `a + b + c + ...` is a left-deep tree as deep as the chain is long. Walking its left spine
// in a loop keeps this builder's own recursion bounded by the nesting limit.
ast::ExprPtr AstBuilder::BuildBinaryChain(P::BinaryExprContext* top) {
    std::vector<P::BinaryExprContext*> spine;
    P::ExprContext* leftmost = top;
    while (auto* binary = dynamic_cast<P::BinaryExprContext*>(leftmost)) {
        spine.push_back(binary);
        leftmost = binary->lhs;
    }
    // One level stays for the operands (Enter refuses a depth of max_nesting_).
    if (depth_ + spine.size() >= max_nesting_) {
        // The chain is as deep in the AST as it is long (every later pass recurses through it),
        // but what was written is a long expression, not a nested one. The nesting around it
        // takes at most about half of the room (CheckTokens allows max_nesting / 4 brackets,
        // at most two levels each), so it is the chain that does not fit.
        std::size_t room = max_nesting_ > depth_ + 1 ? max_nesting_ - depth_ - 1 : 0;
        if (!reported_depth_) {
            reported_depth_ = true;
            // At the first operator that does not fit, counted from the left as written.
            antlr4::Token* at = spine[spine.size() - 1 - room]->op;
            sink_.Report(Code::kExpressionTooLong, SpanOf(at),
                         fmt::format("expression too long: a chain of {} binary operators (at "
                                     "most {} here)",
                                     spine.size(), room),
                         "split the expression with intermediate variables");
        }
        return Placeholder(SpanOf(top));
    }
    std::uint32_t saved = depth_;
    depth_ += static_cast<std::uint32_t>(spine.size());
    ast::ExprPtr acc = BuildExpr(leftmost);
    for (std::size_t i = spine.size(); i-- > 0;) {
        depth_ = saved + static_cast<std::uint32_t>(i) + 1;
        P::BinaryExprContext* node = spine[i];
        ast::ExprPtr rhs = BuildExpr(node->rhs);
        acc = MakeExpr(SpanOf(node),
                       ast::BinaryExpr{BinaryOpFor(node->op->getType()), SpanOf(node->op),
                                       std::move(acc), std::move(rhs)});
    }
    depth_ = saved;
    return acc;
}

ast::ExprPtr AstBuilder::BuildPrimary(P::PrimaryContext* ctx) {
    Span span = SpanOf(ctx);
    if (auto* p = dynamic_cast<P::StringLiteralContext*>(ctx)) {
        return MakeExpr(span, ast::StringLiteral{DecodeString(p->value)});
    }
    if (auto* p = dynamic_cast<P::IntLiteralContext*>(ctx)) {
        std::optional<std::uint64_t> value = ParseMagnitude(p->value);
        return MakeExpr(span, ast::IntLiteral{value ? static_cast<std::int64_t>(*value) : 0});
    }
    if (auto* p = dynamic_cast<P::DecimalLiteralContext*>(ctx)) {
        return MakeExpr(span, ast::DecimalLiteral{p->value->getText()});
    }
    if (auto* p = dynamic_cast<P::BoolLiteralContext*>(ctx)) {
        return MakeExpr(span, ast::BoolLiteral{p->value->getType() == P::TRUE});
    }
    if (auto* p = dynamic_cast<P::CallPropertyContext*>(ctx)) {
        return MakeExpr(span, ast::CallProperty{Ident(p->property)});
    }
    if (auto* p = dynamic_cast<P::ContactAttributeContext*>(ctx)) {
        if (p->scope->getText() != "attributes") {
            sink_.Report(Code::kContactScope, SpanOf(p->scope),
                         fmt::format("unknown `contact` property `{}`", p->scope->getText()),
                         "participant data is read as `contact.attributes.<Key>`");
        }
        return MakeExpr(span, ast::ContactAttribute{Ident(p->key)});
    }
    if (auto* p = dynamic_cast<P::FunctionCallContext*>(ctx)) {
        ast::FunctionCall call{Ident(p->function), {}};
        for (P::ExprContext* arg : p->args) call.args.push_back(BuildExpr(arg));
        return MakeExpr(span, std::move(call));
    }
    if (auto* p = dynamic_cast<P::NameRefContext*>(ctx)) {
        return MakeExpr(span, ast::NameRef{Ident(p->ref)});
    }
    if (auto* p = dynamic_cast<P::ParenExprContext*>(ctx)) {
        ast::ExprPtr inner = BuildExpr(p->inner);
        inner->span = span;
        return inner;
    }
    throw std::logic_error("primary alternative without a builder");
}

ast::ExprPtr AstBuilder::BuildLiteral(P::LiteralContext* ctx) {
    Span span = SpanOf(ctx);
    antlr4::Token* value = ctx->value;
    bool negative = ctx->neg != nullptr;
    switch (value->getType()) {
        case P::STRING_LIT:
            return MakeExpr(span, ast::StringLiteral{DecodeString(value)});
        case P::TRUE:
            return MakeExpr(span, ast::BoolLiteral{true});
        case P::FALSE:
            return MakeExpr(span, ast::BoolLiteral{false});
        case P::DECIMAL_LIT:
            return MakeExpr(span, ast::DecimalLiteral{(negative ? "-" : "") + value->getText()});
        default: {
            std::optional<std::uint64_t> magnitude = ParseMagnitude(value);
            std::int64_t v = magnitude ? static_cast<std::int64_t>(*magnitude) : 0;
            return MakeExpr(span, ast::IntLiteral{negative ? -v : v});
        }
    }
}

}  // namespace flowc::syntax_internal
