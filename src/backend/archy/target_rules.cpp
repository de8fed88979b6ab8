#include "backend/archy/target_rules.h"

#include <fmt/format.h>

namespace flowc::backend::archy {

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
