// Builds the owned AST from a parse tree that had no syntax errors, with typed functions over
// the grammar's labelled accessors (kuzu's Transformer style). Literal-level mistakes the
// grammar cannot express (bad escapes, overflowing integers, unknown type names) are
// reported here with exact spans.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "FlowParser.h"
#include "ast/ast.h"
#include "syntax/internal/error_sink.h"

namespace flowc::syntax_internal {

using P = flowc_grammar::FlowParser;

class AstBuilder {
  public:
    AstBuilder(ErrorSink& sink, antlr4::BufferedTokenStream& tokens, std::uint32_t max_nesting)
        : sink_(sink), tokens_(tokens), max_nesting_(max_nesting) {}

    ast::File BuildFile(P::FileContext* ctx);

  private:
    // build_decls.cpp
    ast::FlowDecl BuildFlow(P::FlowDeclContext* ctx);
    std::optional<ast::FlowDecl> BuildDataAction(P::DataActionDeclContext* ctx);
    void BuildSignature(P::ParamListContext* params, P::OutputListContext* outputs,
                        ast::FlowDecl& flow);
    std::optional<ast::ResourceDecl> BuildResource(P::ResourceDeclContext* ctx);
    std::vector<ast::Attribute> BuildAttributes(const std::vector<P::AttributeContext*>& attrs);
    std::optional<std::string> DocCommentAbove(antlr4::Token* first);
    ast::TypeRef BuildType(P::NameContext* ctx);
    // `secure string` (v2): `modifier` is null or the word before the type.
    ast::TypeRef BuildType(P::NameContext* modifier, P::NameContext* ctx);
    // `collect secure x`: true for `secure`; another word is E0127.
    bool BuildCollectModifier(P::NameContext* modifier);
    ast::Identifier Ident(P::NameContext* ctx) const;

    // build_stmts.cpp
    ast::Block BuildBlock(P::BlockContext* ctx);
    // `ctx` is a `statement`, a `closedStatement`, a `timeoutArm` or a `block`: the grammar
    // splits statements in kinds for the dangling `else`, the AST does not.
    ast::StmtPtr BuildStmt(antlr4::ParserRuleContext* ctx);
    ast::StmtPtr BuildStmtInner(antlr4::ParserRuleContext* ctx, Span span);
    ast::StmtPtr BuildClosedStmt(antlr4::ParserRuleContext* ctx, Span span);
    ast::StmtPtr BuildIf(const std::vector<P::ExprContext*>& conds,
                         const std::vector<P::BlockContext*>& thens, P::BlockContext* otherwise,
                         antlr4::tree::TerminalNode* else_token, Span span);
    // `otherwise` (null when there is no `else`) is a `statement`, or a `timeoutArm` in a
    // timeout arm that is itself a call.
    ast::StmtPtr BuildCall(P::CallHeadContext* head, P::NameContext* timeout_word,
                           P::TimeoutArmContext* on_timeout, antlr4::tree::TerminalNode* else_token,
                           antlr4::ParserRuleContext* otherwise, Span span);
    // A `timeout` arm that takes an `else` of its own is E0130; when the call has none
    // (`otherwise` null), the arm's last `else` becomes the call's `else_token` and
    // `otherwise`.
    ast::StmtPtr BuildTimeoutArm(P::TimeoutArmContext* arm, antlr4::tree::TerminalNode*& else_token,
                                 antlr4::ParserRuleContext*& otherwise);
    ast::Count BuildCount(antlr4::Token* token, std::string_view what);

    // build_transfers.cpp; `otherwise` as for BuildCall.
    ast::StmtPtr BuildTransfer(P::TransferHeadContext* head, antlr4::tree::TerminalNode* else_token,
                               antlr4::ParserRuleContext* otherwise, Span span);
    ast::StmtPtr BuildHours(P::HoursStmtContext* ctx, Span span);
    ast::StmtPtr BuildWordStmt(P::WordHeadContext* head, antlr4::tree::TerminalNode* else_token,
                               antlr4::ParserRuleContext* otherwise, Span span);

    // build_exprs.cpp
    ast::ExprPtr BuildExpr(P::ExprContext* ctx);
    ast::ExprPtr BuildBinaryChain(P::BinaryExprContext* ctx);
    ast::ExprPtr BuildPrimary(P::PrimaryContext* ctx);
    ast::ExprPtr BuildLiteral(P::LiteralContext* ctx);
    std::string DecodeString(antlr4::Token* token);
    std::optional<std::uint64_t> ParseMagnitude(antlr4::Token* token);
    ast::ExprPtr Placeholder(Span span) const;

    // Nesting guard: false (and one report) once the AST would nest deeper than allowed.
    bool Enter(antlr4::Token* at);
    void Leave() { --depth_; }

    Span SpanOf(const antlr4::Token* token) const { return sink_.SpanOf(token); }
    Span SpanOf(antlr4::ParserRuleContext* ctx) const { return sink_.SpanOf(ctx); }

    ErrorSink& sink_;
    antlr4::BufferedTokenStream& tokens_;
    std::uint32_t max_nesting_;
    std::uint32_t depth_ = 0;
    bool reported_depth_ = false;
};

}  // namespace flowc::syntax_internal
