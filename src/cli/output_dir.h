// Puts a build's files into the output directory without ever leaving a half-written one:
// every file goes to a temporary name in the same directory first; only when all are
// written are they renamed into place, the manifest last. With `remove_stale`, files that
// the previous manifest listed and this build no longer produces are removed; nothing else
// is ever touched. A file that would replace one of `inputs` (the sources read) is refused:
// a build never overwrites what the user wrote.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/source_file.h"
#include "diag/engine.h"

namespace flowc {

// False (with E0801 or E0802 reported) when the directory cannot be created, a file would
// replace an input, or a file cannot be written; the directory then holds exactly what it
// held before. SIGINT, SIGTERM and SIGHUP wait until the files are all in place or all
// removed, so an interrupt never leaves a partial or temporary file behind.
// Files whose bytes are already in place are not rewritten (their mtimes stay).
struct CommitCounts {
    std::size_t written = 0;
    std::size_t unchanged = 0;
};
bool CommitToDirectory(const std::vector<std::pair<std::string, std::string>>& files,
                       const std::string& dir, const std::vector<std::string>& inputs,
                       DiagnosticEngine& diags, bool remove_stale,
                       CommitCounts* counts = nullptr, unsigned jobs = 1);

// The paths of every source file read (command-line inputs and imports).
std::vector<std::string> InputPaths(const SourceManager& sources);

}  // namespace flowc
