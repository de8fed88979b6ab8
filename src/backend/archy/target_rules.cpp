#include "backend/archy/target_rules.h"

#include <fmt/format.h>

#include "backend/archy/flow_writer.h"

namespace flowc::backend::archy {
namespace {

constexpr std::int64_t kMaxBlankMs = 10000;  // ToAudioBlank's range (SDK: a literal, 0-10000)

// E0812 for each `pause` whose length is not a literal Architect's ToAudioBlank takes.
class PauseChecker {
  public:
    explicit PauseChecker(DiagnosticEngine& diags) : diags_(diags) {}
    bool ok() const { return ok_; }

    void Block(const sema::Block& block) {
        for (const sema::StmtPtr& stmt : block) {
            for (const sema::Expr* expr : OwnExpressions(*stmt)) Expr(*expr);
            std::visit([&](const auto& node) { Blocks(node); }, stmt->node);
        }
    }

  private:
    void Expr(const sema::Expr& expr) {
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, sema::Unary> ||
                              std::is_same_v<T, sema::ToDecimal> ||
                              std::is_same_v<T, sema::ToAudio>) {
                    Expr(*node.operand);
                } else if constexpr (std::is_same_v<T, sema::Binary>) {
                    Expr(*node.lhs);
                    Expr(*node.rhs);
                } else if constexpr (std::is_same_v<T, sema::BuiltinCall>) {
                    for (const sema::ExprPtr& arg : node.args) Expr(*arg);
                    if (node.function == sema::Builtin::kPause) Length(*node.args[0]);
                } else if constexpr (std::is_same_v<T, sema::Conditional>) {
                    Expr(*node.condition);
                    Expr(*node.when_true);
                    Expr(*node.when_false);
                }
            },
            expr.node);
    }

    void Length(const sema::Expr& length) {
        const auto* literal = std::get_if<sema::Literal>(&length.node);
        const auto* ms = literal ? std::get_if<std::int64_t>(&literal->value) : nullptr;
        if (ms != nullptr && *ms <= kMaxBlankMs) return;  // a negative one is E0417
        ok_ = false;
        diags_.Report(
            MakeDiagnostic(Code::kArchyPauseNotLiteral, length.span,
                           ms ? fmt::format("`pause({})` is longer than Architect's longest "
                                            "silence, 10000 ms",
                                            *ms)
                              : std::string("Architect needs the length of a `pause` as a "
                                            "literal number of milliseconds"))
                .WithNote("with `--target archy` a pause is `ToAudioBlank(ms)`, which takes a "
                          "literal from 0 to 10000")
                .WithHelp(ms ? "join several pauses: `pause(10000) + pause(5000)`"
                             : "write the length as a number, e.g. `pause(500)`; the "
                               "`genesys-json` target accepts an expression"));
    }

    void Blocks(const sema::Menu& s) {
        for (const sema::MenuChoice& choice : s.choices) Block(choice.body);
        Block(s.otherwise);
    }
    void Blocks(const sema::If& s) {
        for (const sema::IfBranch& branch : s.branches) Block(branch.body);
        if (s.otherwise) Block(*s.otherwise);
    }
    void Blocks(const sema::Switch& s) {
        for (const sema::SwitchCase& c : s.cases) Block(c.body);
        Block(s.otherwise);
    }
    void Blocks(const sema::Repeat& s) { Block(s.body); }
    void Blocks(const sema::Call& s) {
        if (!s.outcomes) return;
        Block(s.outcomes->failure);
        if (s.outcomes->timeout) Block(*s.outcomes->timeout);
    }
    void Blocks(const sema::Hours& s) {
        for (const sema::HoursArm& arm : s.arms) Block(arm.body);
    }
    template <typename T>
    void Blocks(const T& s) {
        if constexpr (requires { s.otherwise.get(); }) {
            if (s.otherwise) Block(*s.otherwise);
        }
    }

    DiagnosticEngine& diags_;
    bool ok_ = true;
};

// Architect names a user prompt in an expression as `Prompt.<name>` (archy-shapes item 10).
bool ReferableInArchy(std::string_view name) {
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (name.empty() || !letter(name[0])) return false;
    for (char c : name) {
        if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
    }
    return true;
}

bool CheckPromptNames(const sema::Model& model, DiagnosticEngine& diags) {
    bool ok = true;
    for (const sema::Resource& resource : model.resources) {
        if (resource.kind != sema::ResourceKind::kPrompt ||
            ReferableInArchy(resource.platform_name))
            continue;
        ok = false;
        diags.Report(
            MakeDiagnostic(Code::kArchyPromptName, resource.head_span,
                           fmt::format("Architect cannot name the prompt `{}`: prompt names are "
                                       "letters, digits and `_`, starting with a letter",
                                       resource.platform_name))
                .WithNote("with `--target archy` a prompt is written `Prompt.<name>`")
                .WithHelp("rename the prompt in the org (e.g. `Welcome_Greeting`) and here; the "
                          "`genesys-json` target accepts this name"));
    }
    return ok;
}

// E0915: Architect's `createCallback` has no outputs (SDK), so nothing can branch on a
// callback that was not created.
bool CheckCallbacks(const sema::Block& block, DiagnosticEngine& diags) {
    bool ok = true;
    auto nested = [&](const sema::Block& inner) { ok = CheckCallbacks(inner, diags) && ok; };
    for (const sema::StmtPtr& stmt : block) {
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, sema::Callback>) {
                    if (!node.otherwise) return;
                    ok = false;
                    diags.Report(
                        MakeDiagnostic(Code::kArchyCallbackElse, node.else_span,
                                       "Architect's Create Callback action has no failure "
                                       "output to run `else` from")
                            .WithNote("with `--target archy` a callback that cannot be created "
                                      "goes on with the next action")
                            .WithHelp("remove the `else` arm; the `genesys-json` target "
                                      "accepts it"));
                    nested(*node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::Menu>) {
                    for (const sema::MenuChoice& c : node.choices) nested(c.body);
                    nested(node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::If>) {
                    for (const sema::IfBranch& b : node.branches) nested(b.body);
                    if (node.otherwise) nested(*node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::Switch>) {
                    for (const sema::SwitchCase& c : node.cases) nested(c.body);
                    nested(node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::Repeat>) {
                    nested(node.body);
                } else if constexpr (std::is_same_v<T, sema::Hours>) {
                    for (const sema::HoursArm& arm : node.arms) nested(arm.body);
                } else if constexpr (std::is_same_v<T, sema::Call>) {
                    if (!node.outcomes) return;
                    nested(node.outcomes->failure);
                    if (node.outcomes->timeout) nested(*node.outcomes->timeout);
                } else if constexpr (requires { node.otherwise; }) {
                    if (node.otherwise) nested(*node.otherwise);
                }
            },
            stmt->node);
    }
    return ok;
}

}  // namespace

bool CheckTargetRules(const lower::FlowGraph& program, DiagnosticEngine& diags) {
    const sema::Model& model = *program.model;
    bool ok = CheckPromptNames(model, diags);
    for (const lower::FlowPlan& plan : program.flows) {
        const sema::Flow& flow = model.flows[plan.id];
        for (const sema::Variable& var : flow.vars) {
            if (!var.name.empty() && var.name[0] == '_') {
                ok = false;
                diags.Report(
                    MakeDiagnostic(Code::kArchyNameRejected, var.decl_span,
                                   fmt::format("Architect rejects the name `{}`: variable names "
                                               "start with a letter",
                                               var.name))
                        .WithHelp("rename it; the `genesys-json` target accepts it"));
            }
        }
        PauseChecker pauses(diags);
        pauses.Block(flow.body);
        ok = ok && pauses.ok();
        ok = CheckCallbacks(flow.body, diags) && ok;
        if (flow.kind != sema::FlowKind::kShared) continue;
        for (const sema::Call* call : plan.calls) {
            ok = false;
            const sema::Flow& callee = model.flows[call->callee];
            diags.Report(
                MakeDiagnostic(
                    Code::kModuleCallsModule, call->callee_span,
                    fmt::format("shared flow `{}` calls shared flow `{}`, but a common module "
                                "cannot call another common module",
                                flow.name, callee.name))
                    .WithLabel(callee.head_span, fmt::format("`{}` declared here", callee.name))
                    .WithNote("with `--target archy` every shared flow becomes a common module")
                    .WithHelp(
                        fmt::format("call `{}` from the inbound flows instead, before or after "
                                    "`{}`; the `genesys-json` target accepts this call",
                                    callee.name, flow.name)));
        }
    }
    return ok;
}

}  // namespace flowc::backend::archy
