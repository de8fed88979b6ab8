// `flowc build` after an edit: re-checks and regenerates only the sources that changed
// since the last build into the same directory (build_cache.h). The files that did not change
// are not read as they are: their shared flows' declarations, recorded as flow source
// (lower/interface.h), are parsed instead, all together as one small file.
//
// It is taken only when it cannot differ from a full build: the last build printed nothing
// on stderr, the edited files load, check and generate without a single diagnostic, the
// same files are loaded in the same order, and every edited file's interface is what it was
// (so no other file's checking or output can change). Then the edited files' outputs are
// staged as a full build stages them, the manifest's other entries are kept from the last
// build, and nothing else is touched. Otherwise the caller builds in full, which reports
// whatever there is to report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/driver.h"
#include "driver/internal/build_cache.h"
#include "driver/internal/targets.h"
#include "driver/options.h"
#include "driver/run_stats.h"

namespace flowc {

// What to print when the build was done incrementally; nullopt: build in full.
std::optional<BuildResult> BuildIncrementally(const BuildOptions& options,
                                              const PreviousBuild& previous,
                                              const std::vector<std::string>& search_dirs,
                                              const std::vector<OutputTarget>& targets,
                                              unsigned jobs, RunStats& stats);

}  // namespace flowc
