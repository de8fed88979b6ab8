// The driver's entry points that are not the build (driver/build.cpp).
#include "driver/driver.h"

#include <algorithm>

#include "backend/registry.h"
#include "base/parallel.h"
#include "driver/internal/load_inputs.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {

unsigned JobsFor(const CheckOptions& options) {
    return options.jobs == 0 ? DefaultJobs() : options.jobs;
}

sema::TargetLimits LimitsOf(const std::vector<std::string>& targets) {
    sema::TargetLimits limits;
    for (const std::string& name : targets) {
        std::unique_ptr<backend::Backend> target = backend::MakeBackend(name);
        if (target && limits.shared_calls_refused.empty())
            limits.shared_calls_refused = std::string(target->SharedCallsRefused());
    }
    return limits;
}

std::optional<sema::Model> LoadAndCheck(const CheckOptions& options, SourceManager& sources,
                                        DiagnosticEngine& diags, RunStats* stats,
                                        ast::Program* program) {
    ast::Program loaded =
        LoadInputs(options, sources, diags, stats != nullptr ? stats->load() : nullptr);
    if (stats != nullptr) stats->Lap("load");
    std::optional<sema::Model> model;
    if (program != nullptr) {
        *program = std::move(loaded);
        model = sema::Check(*program, diags, JobsFor(options), LimitsOf(options.targets));
    } else {
        model = sema::Check(std::move(loaded), diags, JobsFor(options), LimitsOf(options.targets));
    }
    if (model && !options.targets.empty()) {
        // The targets' rules read only the plan: nothing is rendered.
        lower::FlowGraph plan = lower::PlanLowering(*model, JobsFor(options));
        std::vector<std::string> names = options.targets;
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        bool ok = true;
        for (const std::string& name : names) {
            std::unique_ptr<backend::Backend> target = backend::MakeBackend(name);
            if (target) ok = target->CheckTargetRules(plan, diags) && ok;
        }
        if (!ok) model.reset();
    }
    if (stats != nullptr) stats->Lap("check");
    return model;
}

std::vector<std::string> InputPaths(const SourceManager& sources) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        paths.push_back(sources.Get(static_cast<FileId>(i)).path());
    }
    return paths;
}

}  // namespace flowc
