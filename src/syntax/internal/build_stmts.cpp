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

ast::StmtPtr AstBuilder::BuildStmt(antlr4::ParserRuleContext* ctx) {
    Span span = SpanOf(ctx);
    if (!Enter(ctx->getStart())) {
        return std::make_unique<ast::Stmt>(ast::Stmt{span, ast::Block{span, {}}});
    }
    ast::StmtPtr stmt = BuildStmtInner(ctx, span);
    Leave();
    return stmt;
}

ast::StmtPtr AstBuilder::BuildIf(const std::vector<P::ExprContext*>& conds,
                                 const std::vector<P::BlockContext*>& thens,
                                 P::BlockContext* otherwise, antlr4::tree::TerminalNode* else_token,
                                 Span span) {
    ast::IfStmt out;
    for (std::size_t i = 0; i < conds.size() && i < thens.size(); ++i) {
        out.branches.push_back(ast::IfBranch{BuildExpr(conds[i]), BuildBlock(thens[i])});
    }
    if (otherwise != nullptr) {
        out.otherwise = BuildBlock(otherwise);
        out.else_span = SpanOf(else_token->getSymbol());
    }
    return std::make_unique<ast::Stmt>(ast::Stmt{span, std::move(out)});
}

ast::StmtPtr AstBuilder::BuildTimeoutArm(P::TimeoutArmContext* arm,
                                         antlr4::tree::TerminalNode*& else_token,
                                         antlr4::ParserRuleContext*& otherwise) {
    bool call_has_else = otherwise != nullptr;
    auto report = [this](std::string_view what, Span at) {
        sink_.Report(MakeDiagnostic(Code::kOpenTimeoutArm, at,
                                    fmt::format("{} after `timeout` must be in a block", what))
                         .WithNote("an `else` after it could be its own or the call's")
                         .WithHelp("put the timeout arm in a block: `timeout { ... }`"));
    };
    // `timeout transfer Q else hangup;` with no `else` after it most likely meant `timeout
    // transfer Q; else hangup;`: read so, the call does not also lack an `else` (E0430).
    auto take = [&](antlr4::tree::TerminalNode* own_else, antlr4::ParserRuleContext* own) {
        if (call_has_else || own == nullptr) return false;
        else_token = own_else;
        otherwise = own;
        return true;
    };
    if (auto* s = dynamic_cast<P::IfArmContext*>(arm)) {
        report("an `if`", Join(SpanOf(s->getStart()), SpanOf(s->conds.front())));
        if (take(s->otherwise != nullptr ? s->ELSE().back() : nullptr, s->otherwise)) {
            return BuildIf(s->conds, s->thens, nullptr, nullptr,
                           Join(SpanOf(s->getStart()), SpanOf(s->thens.back())));
        }
    } else if (auto* t = dynamic_cast<P::TransferArmContext*>(arm);
               t != nullptr && t->otherwise != nullptr) {
        report("a `transfer` with `else`", SpanOf(t->head));
        if (take(t->ELSE(), t->otherwise)) {
            return BuildTransfer(t->head, nullptr, nullptr, SpanOf(t->head));
        }
    } else if (auto* w = dynamic_cast<P::WordArmContext*>(arm);
               w != nullptr && w->otherwise != nullptr) {
        report(fmt::format("a `{}` with `else`", w->head->word->getText()), SpanOf(w->head));
        if (take(w->ELSE(), w->otherwise)) {
            return BuildWordStmt(w->head, nullptr, nullptr, SpanOf(w->head));
        }
    } else if (auto* c = dynamic_cast<P::CallArmContext*>(arm);
               c != nullptr && (c->timeoutWord != nullptr || c->otherwise != nullptr)) {
        // The call in the arm keeps its `else`: a data action call needs one.
        report(c->otherwise != nullptr ? "a call with `else`" : "a call with `timeout`",
               SpanOf(c->head));
    }
    return BuildStmt(arm);
}

ast::StmtPtr AstBuilder::BuildCall(P::CallHeadContext* head, P::NameContext* timeout_word,
                                   P::TimeoutArmContext* on_timeout,
                                   antlr4::tree::TerminalNode* else_token,
                                   antlr4::ParserRuleContext* otherwise, Span span) {
    ast::CallStmt out;
    out.callee = Ident(head->callee);
    for (P::ArgumentContext* arg : head->args) {
        out.args.push_back(
            ast::Argument{Ident(arg->paramName), BuildExpr(arg->value), SpanOf(arg)});
    }
    for (P::BindingContext* bind : head->binds) {
        ast::Identifier local = Ident(bind->local);
        bool shorthand = bind->outputName == nullptr;
        ast::Identifier output = shorthand ? local : Ident(bind->outputName);
        out.bindings.push_back(ast::Binding{local, output, shorthand, SpanOf(bind)});
    }
    if (timeout_word != nullptr || otherwise != nullptr)
        out.arms = std::make_unique<ast::CallArms>();
    if (timeout_word != nullptr) {
        out.arms->timeout_span = SpanOf(timeout_word);
        if (timeout_word->getText() != "timeout") {
            sink_.Report(Code::kCallClause, out.arms->timeout_span,
                         fmt::format("`{}` cannot follow a call", timeout_word->getText()),
                         "a call ends with `;`, or, for a data action, with "
                         "`timeout { ... } else { ... }` or `else { ... }`");
        }
        out.arms->on_timeout = BuildTimeoutArm(on_timeout, else_token, otherwise);
    }
    if (otherwise != nullptr) {
        out.arms->else_span = SpanOf(else_token->getSymbol());
        out.arms->otherwise = BuildStmt(otherwise);
    }
    return std::make_unique<ast::Stmt>(ast::Stmt{span, std::move(out)});
}

ast::StmtPtr AstBuilder::BuildStmtInner(antlr4::ParserRuleContext* ctx, Span span) {
    // By rule first: a failed dynamic_cast walks the class hierarchy, and statements are the
    // most numerous contexts, so each one is tested only against its own rule's alternatives
    // (the closed ones first: most statements are closed).
    switch (ctx->getRuleIndex()) {
        case P::RuleStatement:
            if (auto* s = dynamic_cast<P::ClosedStmtContext*>(ctx))
                return BuildClosedStmt(s->closed, span);
            if (auto* s = dynamic_cast<P::IfStmtContext*>(ctx)) {
                return BuildIf(s->conds, s->thens, s->otherwise,
                               s->otherwise != nullptr ? s->ELSE().back() : nullptr, span);
            }
            if (auto* s = dynamic_cast<P::CallStmtContext*>(ctx)) {
                return BuildCall(s->head, s->timeoutWord, s->onTimeout, s->ELSE(), s->otherwise,
                                 span);
            }
            if (auto* s = dynamic_cast<P::TransferStmtContext*>(ctx)) {
                return BuildTransfer(s->head, s->ELSE(), s->otherwise, span);
            }
            if (auto* s = dynamic_cast<P::WordStmtContext*>(ctx)) {
                return BuildWordStmt(s->head, s->ELSE(), s->otherwise, span);
            }
            break;
        case P::RuleTimeoutArm:
            if (auto* s = dynamic_cast<P::ClosedArmContext*>(ctx))
                return BuildClosedStmt(s->closed, span);
            if (auto* s = dynamic_cast<P::IfArmContext*>(ctx)) {
                return BuildIf(s->conds, s->thens, s->otherwise,
                               s->otherwise != nullptr ? s->ELSE().back() : nullptr, span);
            }
            if (auto* s = dynamic_cast<P::TransferArmContext*>(ctx)) {
                return BuildTransfer(s->head, s->ELSE(), s->otherwise, span);
            }
            if (auto* s = dynamic_cast<P::WordArmContext*>(ctx)) {
                return BuildWordStmt(s->head, s->ELSE(), s->otherwise, span);
            }
            if (auto* s = dynamic_cast<P::CallArmContext*>(ctx)) {
                return BuildCall(s->head, s->timeoutWord, s->onTimeout, s->ELSE(), s->otherwise,
                                 span);
            }
            break;
        default:
            return BuildClosedStmt(ctx, span);
    }
    // None matched: what recovery left (an empty statement) or a bug, which the closed
    // statements' builder tells apart.
    return BuildClosedStmt(ctx, span);
}

ast::StmtPtr AstBuilder::BuildClosedStmt(antlr4::ParserRuleContext* ctx, Span span) {
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
                             BuildCount(s->count, "the number of `digits`"), 1,
                             BuildCollectModifier(s->modifier)};
        if (s->least != nullptr) {
            ast::Count least = BuildCount(s->least, "the fewest `digits`");
            out.least_digits = least.value;
            if (least.value > out.digits.value) {
                Span range = least.span;
                range.end = out.digits.span.end;  // the whole `M..N`
                sink_.Report(
                    Code::kDigitsRangeEmpty, range,
                    fmt::format("`digits {}..{}` asks for at least {} and at most {} digits",
                                least.value, out.digits.value, least.value, out.digits.value),
                    fmt::format("write the fewest first: `digits {}..{}`", out.digits.value,
                                least.value));
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
    if (auto* s = dynamic_cast<P::HoursStmtContext*>(ctx)) return BuildHours(s, span);
    if (dynamic_cast<P::HangupStmtContext*>(ctx)) return make(ast::HangupStmt{});
    if (dynamic_cast<P::ReturnStmtContext*>(ctx)) return make(ast::ReturnStmt{});
    if (auto* s = dynamic_cast<P::BlockStmtContext*>(ctx)) return make(BuildBlock(s->block()));
    if (auto* s = dynamic_cast<P::BlockContext*>(ctx)) return make(BuildBlock(s));
    // A statement that recovery gave up on (already reported) has no alternative.
    if (ctx->exception != nullptr) return make(ast::Block{span, {}});
    throw std::logic_error("statement alternative without a builder");
}

}  // namespace flowc::syntax_internal
