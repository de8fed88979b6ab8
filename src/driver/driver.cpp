// The driver's entry points that are not the build (driver/build.cpp).
#include "driver/driver.h"

#include "base/parallel.h"
#include "driver/internal/load_inputs.h"
#include "sema/check.h"

namespace flowc {

unsigned JobsFor(const CheckOptions& options) {
    return options.jobs == 0 ? DefaultJobs() : options.jobs;
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
        model = sema::Check(*program, diags, JobsFor(options));
    } else {
        model = sema::Check(std::move(loaded), diags, JobsFor(options));
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
