// The one generation loop: every target's flows go through it, a batch at a time.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "backend/backend.h"
#include "backend/background_writer.h"
#include "backend/manifest.h"
#include "backend/registry.h"
#include "base/file_names.h"
#include "base/parallel.h"
#include "base/sha256.h"
#include "lower/lower.h"

namespace flowc::backend {

void GenerateAll(const lower::FlowGraph& program, std::string_view target, OutputSink& out,
                 DiagnosticEngine& diags, const std::vector<bool>* only, unsigned jobs) {
    std::unique_ptr<Backend> backend = MakeBackend(target);
    if (!backend) throw std::logic_error(fmt::format("no target `{}` is registered", target));
    if (!backend->CheckTargetRules(program, diags)) return;
    const sema::Model& model = *program.model;
    jobs = std::max(1u, jobs);
    auto rendered_here = [&](sema::FlowId id) { return !only || (*only)[id]; };
    Manifest manifest;
    manifest.target = std::string(target);
    // Each flow's file is independent: lower and render a batch in parallel, hand it to the
    // sink in order on another thread while the next batch is made, and let it go, so that
    // memory does not grow with the project.
    const std::size_t batch = std::size_t{jobs} * 16;
    const bool lower_here = backend->ReadsNodes() && program.lowered.empty();
    static const lower::LoweredFlow kNoNodes;
    std::vector<lower::LoweredFlow> nodes;  // the batch's, when lowered here
    BackgroundWriter files_out(out);
    for (std::size_t first = 0; first < program.flows.size(); first += batch) {
        const std::size_t count = std::min(batch, program.flows.size() - first);
        if (lower_here) {
            nodes.assign(count, lower::LoweredFlow{});
            ParallelFor(count, jobs, [&](std::size_t k) {
                if (rendered_here(program.flows[first + k].id))
                    nodes[k] = lower::LowerFlow(program, first + k);
            });
        }
        std::vector<RenderedFlow> rendered(count);
        std::vector<std::string> hashes(count);
        ParallelFor(count, jobs, [&](std::size_t k) {
            const lower::FlowPlan& flow = program.flows[first + k];
            if (!rendered_here(flow.id)) return;
            const lower::LoweredFlow& flow_nodes = !backend->ReadsNodes() ? kNoNodes
                                                   : lower_here           ? nodes[k]
                                                                : program.lowered[first + k];
            rendered[k] = backend->RenderFlow(program, flow, flow_nodes);
            hashes[k] = Sha256Hex(rendered[k].bytes);
        });
        std::vector<std::pair<std::string, std::string>> files;
        for (std::size_t k = 0; k < count; ++k) {
            const lower::FlowPlan& plan = program.flows[first + k];
            const sema::Flow& flow = model.flows[plan.id];
            std::string file = SafeFileStem(flow.name) + std::string(backend->FileExtension());
            std::vector<std::string> calls;
            for (sema::FlowId callee : plan.callees) calls.push_back(model.flows[callee].name);
            std::vector<ManifestResource> resources;
            for (const lower::OrgReference& ref : plan.references) {
                resources.push_back({std::string(lower::OrgReferenceKindName(ref.kind)), ref.name,
                                     ref.integration});
            }
            std::vector<std::string> transfers;
            for (sema::FlowId to : plan.transfers_to) transfers.push_back(model.flows[to].name);
            manifest.flows.push_back({flow.name, flow.display_name,
                                      std::string(backend->FlowType(flow.kind)), file,
                                      std::move(hashes[k]), std::move(calls), flow.queues,
                                      std::move(resources), std::move(transfers)});
            for (Reference& ref : rendered[k].references) {
                ref.file = file;
                manifest.references.push_back(std::move(ref));
            }
            if (rendered_here(plan.id))
                files.emplace_back(std::move(file), std::move(rendered[k].bytes));
        }
        files_out.Write(std::move(files));
    }
    files_out.Finish();
    for (sema::FlowId id : program.order) manifest.order.push_back(model.flows[id].name);
    out.Write("manifest.json", manifest.Write());  // last: it vouches for the rest
}

}  // namespace flowc::backend
