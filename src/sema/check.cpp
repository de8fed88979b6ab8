// The checker's recipe: declare every flow, check every body, analyse paths, check the call
// graph. Each pass reports everything it finds and keeps going.
#include "sema/check.h"

#include "sema/internal/checker.h"

namespace flowc::sema {

namespace {

// `bodies`, when given, are the flows' declarations in FlowId order, whose bodies are freed
// once checked.
std::optional<Model> CheckProgram(const ast::Program& program, DiagnosticEngine& diags,
                                  const std::vector<ast::FlowDecl*>* bodies) {
    Model model;
    internal::GlobalTable table = internal::DeclareFlows(program, model, diags);
    std::vector<bool> checked(model.flows.size(), false);
    for (FlowId id = 0; id < model.flows.size(); ++id) {
        // Bodies in files with errors were reported by the parser; checking them would only
        // add consequences of those errors.
        if (!table.entries[id].trusted) continue;
        internal::CheckFlowBody(table, id, model, diags);
        checked[id] = true;
        if (bodies && id < bodies->size()) (*bodies)[id]->body = ast::Block{};
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

}  // namespace

std::optional<Model> Check(const ast::Program& program, DiagnosticEngine& diags) {
    return CheckProgram(program, diags, nullptr);
}

std::optional<Model> Check(ast::Program&& program, DiagnosticEngine& diags) {
    // DeclareFlows numbers the flows in this order: files in load order, then declarations.
    std::vector<ast::FlowDecl*> bodies;
    for (ast::ParsedFile& file : program.files) {
        for (ast::FlowDecl& decl : file.ast.flows) bodies.push_back(&decl);
    }
    return CheckProgram(program, diags, &bodies);
}

}  // namespace flowc::sema
