// The checker's recipe: declare every flow, check every body, analyse paths, check the call
// graph. Each pass reports everything it finds and keeps going.
#include "sema/check.h"

#include "base/parallel.h"
#include "sema/internal/checker.h"

namespace flowc::sema {

namespace {

// Each flow's diagnostics go to an engine of its own and are merged in FlowId order, body
// checks first and path analyses second, as a serial run reports them; the engine sorts
// stably, so the output is the same for any number of jobs. `bodies`, when given, are the
// flows' declarations in FlowId order, whose bodies are freed once checked.
std::optional<Model> CheckProgram(const ast::Program& program, DiagnosticEngine& diags,
                                  const std::vector<ast::FlowDecl*>* bodies, unsigned jobs,
                                  const TargetLimits& limits) {
    Model model;
    internal::GlobalTable table = internal::DeclareFlows(program, model, diags);
    const std::size_t count = model.flows.size();
    std::vector<DiagnosticEngine> body_diags(count);
    std::vector<DiagnosticEngine> analysis_diags(count);
    std::vector<std::optional<std::vector<Variable>>> vars(count);
    ParallelFor(count, jobs, [&](std::size_t id) {
        // Bodies in files with errors were reported by the parser; checking them would only
        // add consequences of those errors.
        if (!table.entries[id].trusted) return;
        if (model.flows[id].external) return;  // no body: its signature is all there is
        vars[id] = internal::CheckFlowBody(table, static_cast<FlowId>(id), model, body_diags[id]);
        if (bodies && id < bodies->size()) (*bodies)[id]->body = ast::Block{};
    });
    for (std::size_t id = 0; id < count; ++id) {
        if (vars[id]) model.flows[id].vars = std::move(*vars[id]);
    }
    ParallelFor(count, jobs, [&](std::size_t id) {
        if (vars[id]) internal::AnalyzeFlow(model, model.flows[id], analysis_diags[id]);
    });
    for (const std::vector<DiagnosticEngine>* per_flow : {&body_diags, &analysis_diags}) {
        for (const DiagnosticEngine& flow_diags : *per_flow) {
            for (const Diagnostic& d : flow_diags.Reported()) diags.Report(d);
        }
    }
    internal::CheckCallGraph(model, diags, limits);
    if (diags.has_errors()) return std::nullopt;
    return model;
}

}  // namespace

std::optional<Model> Check(const ast::Program& program, DiagnosticEngine& diags, unsigned jobs,
                           const TargetLimits& limits) {
    return CheckProgram(program, diags, nullptr, jobs, limits);
}

std::optional<Model> Check(ast::Program&& program, DiagnosticEngine& diags, unsigned jobs,
                           const TargetLimits& limits) {
    // DeclareFlows numbers the flows in this order: files in load order, then declarations.
    std::vector<ast::FlowDecl*> bodies;
    for (ast::ParsedFile& file : program.files) {
        for (ast::FlowDecl& decl : file.ast.flows) bodies.push_back(&decl);
    }
    return CheckProgram(program, diags, &bodies, jobs, limits);
}

}  // namespace flowc::sema
