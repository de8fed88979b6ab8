// The no-op fast path of `flowc build`. After a successful build, flowc records in its cache
// directory ($FLOWC_CACHE_DIR, $XDG_CACHE_HOME/flowc or ~/.cache/flowc; one file per output
// directory, never inside it): what decided the build (flowc's own binary, the working
// directory, every option), the SHA-256 of every source read (imports included), every
// import candidate that was absent, and the size and mtime of every file written, with what
// the build printed. A later build with the same inputs reads and hashes the sources,
// checks the rest with stat(), and replays the output instead of parsing anything. Any
// difference, or a cache that cannot be read, means an ordinary build; the cache never
// decides what a build writes, only whether one is needed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "cli/options.h"

namespace flowc {

struct BuildRecord {
    std::string key;                       // BuildCacheKey()
    std::vector<std::string> roots;        // the expanded command-line inputs
    std::vector<std::string> missing;      // import candidates looked at and absent
    std::vector<std::string> output_dirs;  // one per target
    std::vector<std::vector<std::string>> output_files;  // per dir, the names written
    std::string printed_stdout;
    std::string printed_stderr;
};

// Everything but the sources that decides what a build writes and prints.
std::string BuildCacheKey(const BuildOptions& options, const std::vector<std::string>& search_dirs,
                          bool color);

// When the recorded build into `output_dir` had this key and these roots, and no source,
// import candidate or output changed since, prints what it printed and returns true.
bool ReplayUnchangedBuild(const std::string& output_dir, const std::string& key,
                          const std::vector<std::string>& roots);

// Records a successful build; a cache that cannot be written is left out silently (the
// next build is then a full one). Returns whether it was written.
bool RecordBuild(const std::string& output_dir, const BuildRecord& record,
                 const SourceManager& sources);

}  // namespace flowc
