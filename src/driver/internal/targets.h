// A build's targets: the directory each writes (DIR itself for one target, DIR/<target>/
// for several, spelled without doubled separators), staged and then committed as one by the
// full and the incremental build alike.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "driver/internal/output_dir.h"
#include "driver/options.h"
#include "driver/run_stats.h"

namespace flowc {

struct OutputTarget {
    std::string name;  // genesys-json, archy
    std::string dir;
};

// Each target once, sorted.
std::vector<OutputTarget> OutputTargets(const BuildOptions& options);
std::vector<std::string> TargetNamesOf(const std::vector<OutputTarget>& targets);

// Commits every directory's staged files as one (CommitAll) and counts the output files
// rewritten and left as they were in `stats`. False when the commit failed or a directory
// had refused a file (the problem is in the directories' diagnostics, and the directories
// hold what they held).
bool CommitTargets(const std::vector<std::unique_ptr<StagedDirectory>>& staged,
                   const std::vector<OwnedFiles>* previously_owned, RunStats& stats);

}  // namespace flowc
