// Resolves and types one flow body: scopes and names, expression types, call contracts
// (LANGUAGE.md contracts 1-3) and structural rules (contract 7), building the model's body.
#pragma once

#include <string>
#include <vector>

#include "sema/internal/checker.h"
#include "sema/secure.h"

namespace flowc::sema::internal {

class FlowChecker {
  public:
    FlowChecker(const GlobalTable& table, FlowId id, Model& model, DiagnosticEngine& diags);
    void Run();
    // The flow's variables: its parameters and outputs, then the locals the body declared.
    std::vector<Variable> TakeVariables() { return std::move(vars_); }

  private:
    // flow_scopes.cpp: `@holdMusic(P)` of an in-queue flow, P a `prompt` resource.
    void CheckHoldMusic();

    // flow_statements.cpp
    void CheckBlockInto(const ast::Block& block, Block& out);  // opens a scope
    void CheckStmt(const ast::Stmt& stmt, Block& out);
    void CheckPhoneNumber(const Expr& number);
    void CheckMenu(const ast::MenuStmt& menu, Span span, Block& out);
    void CheckSwitch(const ast::SwitchStmt& sw, Span span, Block& out);
    void CheckArm(const ast::Stmt& body, Block& out);

    // flow_transfers.cpp
    void CheckTransfer(const ast::TransferStmt& transfer, Span span, Block& out);
    QueueTarget CheckQueueTarget(const ast::TransferStmt& transfer);
    // A queue named by a literal, a `queue` value or `queue(e)` (E0415 unless
    // `lookup_allowed`); `statement` ("transfer") and `what` word the errors.
    QueueTarget CheckQueueTarget(const ast::Expr& target, bool lookup_allowed,
                                 std::string_view statement, std::string_view what);
    // A value of resource kind `kind` (`what`: "the queue to transfer to"): a resource, or a
    // parameter or variable of its type. An unknown name is E0320 with "did you mean"
    // among the resources of that kind; a resource of another kind E0321.
    ExprPtr CheckResource(const ast::Expr& expr, ResourceKind kind, std::string_view what);
    FailurePath CheckOtherwise(const ast::TransferStmt& transfer);
    void ReportTransferFlowTarget(const ast::Identifier& name, std::optional<FlowId> found);
    void CheckHours(const ast::HoursStmt& hours, Span span, Block& out);
    // flow_inqueue.cpp: `hold`, `callback`, and what an in-queue flow does not allow.
    void CheckHold(const ast::HoldStmt& hold, Span span, Block& out);
    void CheckCallback(const ast::CallbackStmt& callback, Span span, Block& out);
    // E0913 when this is an in-queue flow (`what`: "`return`"); false when reported.
    bool AllowedInQueue(Span at, std::string_view what, std::string_view help);
    std::optional<std::int64_t> ConstantInt(const Expr& expr);
    std::optional<FlowId> CheckVia(const ast::Expr& via);

    // flow_calls.cpp
    void CheckCall(const ast::CallStmt& call, Span span, Block& out);
    void CheckOutcomes(const ast::CallStmt& call, Span span, const Flow* callee, Call& out);
    void CheckArguments(const ast::CallStmt& call, FlowId callee, Call& out);
    void CheckBindings(const ast::CallStmt& call, std::optional<FlowId> callee, Call& out);
    // E0318 when `target`, named by `name`, is declared in a file this one does not import.
    void ReportIfNotVisible(const ast::Identifier& name, const Flow& target);
    // E0318 when what `name` names (declared in `declared_in`, at `declared_at`) is not
    // visible in this flow's file.
    void ReportIfNotVisible(const ast::Identifier& name, FileId declared_in, Span declared_at);

    // flow_languages.cpp
    // The statement's language code (lower case); nullopt when reported.
    std::optional<std::string> CheckLanguage(const ast::LanguageStmt& statement, Span span);
    // E0327 when `callee` declares languages and one of this flow's is not among them.
    void CheckCallLanguages(const ast::CallStmt& call, const Flow& callee);
    // An `int` expression; a negative literal is E0107.
    ExprPtr CheckRepeatCount(const ast::Expr& count);

    // flow_expressions.cpp
    ExprPtr CheckExpr(const ast::Expr& expr);
    ExprPtr CheckBinary(const ast::BinaryExpr& binary, Span span);
    ExprPtr CheckSecureBinary(const ast::BinaryExpr& binary, ExprPtr lhs, ExprPtr rhs, Span span);
    ExprPtr CheckBuiltin(const ast::FunctionCall& call, Span span);
    ExprPtr CheckConditional(const ast::ConditionalExpr& conditional, Span span);
    bool CheckNumberLiteral(const Expr& arg, bool decimal);
    bool CheckIsSetArgument(const Expr& arg);
    // `lhs + rhs` as audio (either side audio or a prompt); E0418 for a `noBargeIn` part.
    ExprPtr JoinAudio(ExprPtr lhs, ExprPtr rhs, Span span);
    // E0417 for a negative literal length; false when reported.
    bool CheckPauseLength(const Expr& length);
    // What `play`, `menu` and `collect` say: `audio` or `string` (a prompt becomes audio).
    ExprPtr CheckPrompt(const ast::Expr& prompt, std::string_view what);
    // `expr` as a value of `target`: int widens to decimal; anything else that differs is
    // reported with `code` and `what` ("the value of `x`") and yields an error-typed expr.
    ExprPtr Coerce(ExprPtr expr, Type target, Code code, const std::string& what,
                   std::optional<Span> declared_at = std::nullopt);

    // flow_secure.cpp: the secure-value rule (sema/secure.h) applied to checked expressions.
    // E0440 when `expr` is secure and `sink` may not receive it (`what` names the place, e.g.
    // "the prompt of `play`"); the expression becomes error-typed so that later checks stay
    // silent. False when reported.
    bool CheckSink(ExprPtr& expr, Sink sink, std::string_view what);
    void ReportLeak(Span at, Sink sink, std::string_view what,
                    std::optional<Span> declared_at = std::nullopt);

    // flow_scopes.cpp
    void PushScope() { scopes_.emplace_back(); }
    void PopScope() { scopes_.pop_back(); }
    std::optional<VarId> Visible(const std::string& name) const;
    std::optional<VarId> Lookup(const ast::Identifier& name);  // reports unknown names
    VarId Declare(const ast::Identifier& name, Type type);
    std::vector<std::string_view> VisibleNames() const;

    const GlobalTable& table_;
    FlowId id_;
    Model& model_;
    Flow& flow_;
    DiagnosticEngine& diags_;
    // The flow's variables while its body is checked. Not `flow_.vars`, which the checkers of
    // other flows, on other threads, read the signature from (a push_back could move it).
    std::vector<Variable> vars_;
    std::vector<std::vector<std::pair<std::string, VarId>>> scopes_;
    int loop_depth_ = 0;
    // Where the operands of the statement being checked go, for the values that `Coerce`
    // passes on (a transfer's number is used in a transfer, an assigned value is stored).
    Sink statement_sink_ = Sink::kPlainStore;
};

ExprPtr MakeExpr(Type type, Span span, auto node) {
    auto expr = std::make_unique<Expr>();
    expr->type = type;
    expr->span = span;
    expr->node = std::move(node);
    return expr;
}

}  // namespace flowc::sema::internal
