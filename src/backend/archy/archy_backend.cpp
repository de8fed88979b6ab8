// The archy target: Archy YAML, the format in which Genesys Cloud imports flows
// (docs/archy.md). The flow writer (flow_writer.h, statements.cpp) renders each flow; the
// rules Architect adds are target_rules.h's.
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "backend/archy/flow_writer.h"
#include "backend/archy/target_rules.h"
#include "backend/backend.h"

namespace flowc::backend {
namespace {

class ArchyBackend final : public Backend {
  public:
    std::string_view FileExtension() const override { return ".yaml"; }
    std::string_view FlowType(sema::FlowKind kind) const override {
        switch (kind) {
            case sema::FlowKind::kShared:
                return "commonmodule";
            case sema::FlowKind::kInbound:
                return "inboundcall";
            case sema::FlowKind::kInQueue:
                return "inqueuecall";
            case sema::FlowKind::kDataAction:
                return "";  // never built
        }
        return "";
    }
    bool ReadsNodes() const override { return false; }
    PublishMethod publish_method() const override { return PublishMethod::kArchyJob; }
    std::string_view SharedCallsRefused() const override {
        return "with `--target archy` every shared flow becomes a common module, and a common "
               "module cannot call another";
    }
    RenderedFlow RenderFlow(const lower::FlowGraph& program, const lower::FlowPlan& flow,
                            const lower::LoweredFlow&) const override {
        // An external shared flow lives in the org: the build never renders it.
        if (program.model->flows[flow.id].external) {
            throw std::logic_error(
                fmt::format("the archy target was asked to render external "
                            "shared flow `{}`",
                            program.model->flows[flow.id].name));
        }
        return {archy::FlowWriter(*program.model, flow).Write(), {}};
    }

    bool CheckTargetRules(const lower::FlowGraph& program, DiagnosticEngine& diags) const override {
        return archy::CheckTargetRules(program, diags);
    }
};

}  // namespace

std::unique_ptr<Backend> MakeArchyBackend() { return std::make_unique<ArchyBackend>(); }

}  // namespace flowc::backend
