#include "backend/archy/target_rules.h"

#include <fmt/format.h>

namespace flowc::backend::archy {
namespace {

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
    bool ok = true;
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
