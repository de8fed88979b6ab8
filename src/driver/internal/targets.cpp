#include "driver/internal/targets.h"

#include <algorithm>

#include "backend/registry.h"
#include "base/paths.h"

namespace flowc {

std::vector<std::string> TargetNamesOf(const std::vector<OutputTarget>& targets) {
    std::vector<std::string> names;
    for (const OutputTarget& target : targets) names.push_back(target.name);
    return names;
}

std::vector<OutputTarget> OutputTargets(const BuildOptions& options) {
    std::vector<std::string> names =
        options.targets.empty() ? std::vector<std::string>{std::string(backend::kDefaultTarget)}
                                : options.targets;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<OutputTarget> targets;
    for (const std::string& name : names) {
        targets.push_back({name, names.size() == 1 ? CollapseSeparators(options.output_dir)
                                                   : JoinPath(options.output_dir, name)});
    }
    return targets;
}

bool CommitTargets(const std::vector<std::unique_ptr<StagedDirectory>>& staged,
                   const std::vector<OwnedFiles>* previously_owned, RunStats& stats) {
    std::vector<StagedDirectory*> dirs;
    for (const auto& dir : staged) dirs.push_back(dir.get());
    CommitCounts total;
    bool committed = CommitAll(dirs, previously_owned, &total);
    stats.Count("output files rewritten", total.written);
    stats.Count("output files unchanged", total.unchanged);
    return committed;
}

}  // namespace flowc
