// The checker's recipe: declare every flow, check every body, analyse paths, check the call
// graph. Each pass reports everything it finds and keeps going.
#include "sema/check.h"

#include "sema/internal/checker.h"

namespace flowc::sema {

std::optional<Model> Check(const ast::Program& program, DiagnosticEngine& diags) {
    Model model;
    internal::GlobalTable table = internal::DeclareFlows(program, model, diags);
    std::vector<bool> checked(model.flows.size(), false);
    for (FlowId id = 0; id < model.flows.size(); ++id) {
        // Bodies in files with errors were reported by the parser; checking them would only
        // add consequences of those errors.
        if (!table.entries[id].trusted) continue;
        internal::CheckFlowBody(table, id, model, diags);
        checked[id] = true;
    }
    for (FlowId id = 0; id < model.flows.size(); ++id) {
        if (checked[id]) internal::AnalyzeFlow(model.flows[id], diags);
    }
    std::vector<FlowId> order = internal::CheckCallGraph(model, diags);
    if (diags.has_errors()) return std::nullopt;
    for (FlowId id : order) {
        if (model.flows[id].kind == FlowKind::kShared) model.dependency_order.push_back(id);
    }
    return model;
}

}  // namespace flowc::sema
