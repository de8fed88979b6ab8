// Blocks and statements.
#include <fmt/format.h>

#include "syntax/internal/builder.h"

namespace flowc::syntax_internal {

bool AstBuilder::Enter(antlr4::Token* at) {
    if (depth_ >= max_nesting_) {
        if (!reported_depth_) {
            reported_depth_ = true;
            sink_.Report(Code::kNestingTooDeep, SpanOf(at),
                         fmt::format("nesting deeper than {} levels", max_nesting_),
                         "move inner logic into variables or a separate shared flow");
        }
        return false;
    }
    ++depth_;
    return true;
}

ast::Count AstBuilder::BuildCount(antlr4::Token* token, std::string_view what) {
    Span span = SpanOf(token);
    std::optional<std::uint64_t> value = ParseMagnitude(token);
    if (value && *value == 0) {
        sink_.Report(Code::kCountNotPositive, span, fmt::format("{} must be at least 1", what));
    }
    std::int64_t count = value ? static_cast<std::int64_t>(*value) : 1;
    return ast::Count{count, span};
}

ast::Block AstBuilder::BuildBlock(P::BlockContext* ctx) {
    ast::Block block{SpanOf(ctx), {}};
    if (!Enter(ctx->getStart())) return block;
    for (P::StatementContext* stmt : ctx->stmts) block.stmts.push_back(BuildStmt(stmt));
    Leave();
    return block;
}

ast::StmtPtr AstBuilder::BuildStmt(P::StatementContext* ctx) {
    Span span = SpanOf(ctx);
    if (!Enter(ctx->getStart())) {
        return std::make_unique<ast::Stmt>(ast::Stmt{span, ast::Block{span, {}}});
    }
    ast::StmtPtr stmt = BuildStmtInner(ctx, span);
    Leave();
    return stmt;
}

ast::StmtPtr AstBuilder::BuildStmtInner(P::StatementContext* ctx, Span span) {
    auto make = [span](auto node) {
        return std::make_unique<ast::Stmt>(ast::Stmt{span, std::move(node)});
    };
    if (auto* s = dynamic_cast<P::VarStmtContext*>(ctx)) {
        ast::VarStmt out{Ident(s->varName), std::nullopt, nullptr};
        if (s->type != nullptr) out.type = BuildType(s->modifier, s->type);
        if (s->init != nullptr) out.init = BuildExpr(s->init);
        if (s->type == nullptr && s->init == nullptr) {
            sink_.Report(
                Code::kVarWithoutType, span,
                fmt::format("`var {}` has neither a type nor an initial value", out.name.name),
                fmt::format("write `var {0}: string;` or `var {0} = \"...\";`", out.name.name));
        }
        return make(std::move(out));
    }
    if (auto* s = dynamic_cast<P::SetAttributeStmtContext*>(ctx)) {
        if (s->scope->getText() != "attributes") {
            sink_.Report(Code::kContactScope, SpanOf(s->scope),
                         fmt::format("unknown `contact` property `{}`", s->scope->getText()),
                         "participant data is written `contact.attributes.<Key>`");
        }
        return make(ast::SetAttributeStmt{Ident(s->key), BuildExpr(s->value)});
    }
    if (auto* s = dynamic_cast<P::AssignStmtContext*>(ctx)) {
        return make(ast::AssignStmt{Ident(s->target), BuildExpr(s->value)});
    }
    if (auto* s = dynamic_cast<P::PlayStmtContext*>(ctx)) {
        return make(ast::PlayStmt{BuildExpr(s->value)});
    }
    if (auto* s = dynamic_cast<P::CollectStmtContext*>(ctx)) {
        ast::CollectStmt out{Ident(s->target), BuildExpr(s->prompt),
                             BuildCount(s->count, "the number of `digits`"), ast::Count{1, {}},
                             BuildCollectModifier(s->modifier)};
        if (s->least != nullptr) {
            out.least_digits = BuildCount(s->least, "the fewest `digits`");
            if (out.least_digits.value > out.digits.value) {
                Span range = out.least_digits.span;
                range.end = out.digits.span.end;  // the whole `M..N`
                sink_.Report(
                    Code::kDigitsRangeEmpty, range,
                    fmt::format("`digits {}..{}` asks for at least {} and at most {} digits",
                                out.least_digits.value, out.digits.value, out.least_digits.value,
                                out.digits.value),
                    fmt::format("write the fewest first: `digits {}..{}`", out.digits.value,
                                out.least_digits.value));
            }
        }
        return make(std::move(out));
    }
    if (auto* s = dynamic_cast<P::MenuStmtContext*>(ctx)) {
        ast::MenuStmt out{BuildExpr(s->prompt), {}};
        for (P::MenuArmContext* arm : s->arms) {
            if (auto* choice = dynamic_cast<P::MenuChoiceArmContext*>(arm)) {
                out.arms.push_back(ast::MenuArm{DecodeString(choice->label), SpanOf(choice->label),
                                                BuildStmt(choice->body)});
            } else if (auto* other = dynamic_cast<P::MenuElseArmContext*>(arm)) {
                out.arms.push_back(
                    ast::MenuArm{std::nullopt, SpanOf(other->getStart()), BuildStmt(other->body)});
            }
        }
        return make(std::move(out));
    }
    if (auto* s = dynamic_cast<P::IfStmtContext*>(ctx)) {
        ast::IfStmt out;
        for (std::size_t i = 0; i < s->conds.size() && i < s->thens.size(); ++i) {
            out.branches.push_back(ast::IfBranch{BuildExpr(s->conds[i]), BuildBlock(s->thens[i])});
        }
        if (s->otherwise != nullptr) {
            out.otherwise = BuildBlock(s->otherwise);
            out.else_span = SpanOf(s->ELSE().back()->getSymbol());
        }
        return make(std::move(out));
    }
    if (auto* s = dynamic_cast<P::SwitchStmtContext*>(ctx)) {
        ast::SwitchStmt out{BuildExpr(s->subject), {}};
        for (P::SwitchArmContext* arm : s->arms) {
            if (auto* c = dynamic_cast<P::SwitchCaseArmContext*>(arm)) {
                ast::SwitchArm item;
                for (P::LiteralContext* value : c->values)
                    item.values.push_back(BuildLiteral(value));
                item.label_span = Join(SpanOf(c->getStart()), SpanOf(c->values.back()));
                item.body = BuildStmt(c->body);
                out.arms.push_back(std::move(item));
            } else if (auto* d = dynamic_cast<P::SwitchDefaultArmContext*>(arm)) {
                ast::SwitchArm item;
                item.is_default = true;
                item.label_span = SpanOf(d->getStart());
                item.body = BuildStmt(d->body);
                out.arms.push_back(std::move(item));
            }
        }
        return make(std::move(out));
    }
    if (auto* s = dynamic_cast<P::RepeatStmtContext*>(ctx)) {
        ast::ExprPtr count = BuildExpr(s->count);
        if (const auto* literal = std::get_if<ast::IntLiteral>(&count->node);
            literal != nullptr && literal->value == 0) {
            sink_.Report(Code::kCountNotPositive, count->span,
                         "a `repeat` count must be at least 1");
        }
        return make(ast::RepeatStmt{std::move(count), BuildBlock(s->body)});
    }
    if (dynamic_cast<P::BreakStmtContext*>(ctx)) return make(ast::BreakStmt{});
    if (auto* s = dynamic_cast<P::CallStmtContext*>(ctx)) {
        ast::CallStmt out;
        out.callee = Ident(s->callee);
        for (P::ArgumentContext* arg : s->args) {
            out.args.push_back(
                ast::Argument{Ident(arg->paramName), BuildExpr(arg->value), SpanOf(arg)});
        }
        for (P::BindingContext* bind : s->binds) {
            ast::Identifier local = Ident(bind->local);
            bool shorthand = bind->outputName == nullptr;
            ast::Identifier output = shorthand ? local : Ident(bind->outputName);
            out.bindings.push_back(ast::Binding{local, output, shorthand, SpanOf(bind)});
        }
        if (s->timeoutWord != nullptr) {
            out.timeout_span = SpanOf(s->timeoutWord);
            if (s->timeoutWord->getText() != "timeout") {
                sink_.Report(Code::kCallClause, out.timeout_span,
                             fmt::format("`{}` cannot follow a call", s->timeoutWord->getText()),
                             "a call ends with `;`, or, for a data action, with "
                             "`timeout { ... } else { ... }` or `else { ... }`");
            }
            out.on_timeout = std::make_unique<ast::Stmt>(
                ast::Stmt{SpanOf(s->onTimeout), BuildBlock(s->onTimeout)});
        }
        if (s->otherwise != nullptr) {
            out.else_span = SpanOf(s->ELSE()->getSymbol());
            out.otherwise = BuildStmt(s->otherwise);
        }
        return make(std::move(out));
    }
    if (auto* s = dynamic_cast<P::TransferStmtContext*>(ctx)) return BuildTransfer(s, span);
    if (auto* s = dynamic_cast<P::HoursStmtContext*>(ctx)) return BuildHours(s, span);
    if (auto* s = dynamic_cast<P::WordStmtContext*>(ctx)) return BuildWordStmt(s, span);
    if (dynamic_cast<P::HangupStmtContext*>(ctx)) return make(ast::HangupStmt{});
    if (dynamic_cast<P::ReturnStmtContext*>(ctx)) return make(ast::ReturnStmt{});
    if (auto* s = dynamic_cast<P::BlockStmtContext*>(ctx)) return make(BuildBlock(s->block()));
    // A statement that recovery gave up on (already reported) has no alternative.
    if (ctx->exception != nullptr) return make(ast::Block{span, {}});
    throw std::logic_error("statement alternative without a builder");
}

}  // namespace flowc::syntax_internal
