// The fast paths of `flowc build`. After a successful build, flowc records in its cache
// directory ($FLOWC_CACHE_DIR, $XDG_CACHE_HOME/flowc or ~/.cache/flowc; one file per output
// directory, never inside it): what decided the build (flowc's own binary, the working
// directory, every option), the SHA-256 and the interface (lower/interface.h) of every source
// read (imports included), every import candidate that was absent, and the size and mtime of
// every file written, with what the build printed. A later build with the same inputs reads
// and hashes the sources and checks the rest with stat(): when nothing changed it replays the
// output instead of parsing anything; when some sources changed, incremental_build.h may
// rebuild just those. Any other difference, or a cache that cannot be read, means an ordinary
// build; the cache never decides what a build writes, only how much of it must be redone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "driver/internal/output_dir.h"
#include "driver/options.h"
#include "lower/interface.h"

namespace flowc {

struct CachedSource {
    std::string path;                // as the build named it (SourceFile::path())
    std::string sha256;              // of its text, without a byte-order mark
    lower::FileInterface interface;  // lower::InterfaceSources()
};

struct BuildRecord {
    std::string key;                                     // BuildCacheKey()
    std::vector<std::string> roots;                      // the expanded command-line inputs
    std::vector<CachedSource> sources;                   // every file read, in load order
    std::vector<std::string> missing;                    // import candidates looked at and absent
    std::vector<std::string> output_dirs;                // one per target
    std::vector<std::vector<std::string>> output_files;  // per dir, the names written
    std::vector<OwnedFiles> output_sha256;               // per dir, what they hold (may be empty)
    // per dir and file, the size and mtime (ns) recorded (FindPreviousBuild only)
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> output_stamps;
    std::string printed_stdout;
    std::string printed_stderr;
};

// Everything but the sources that decides what a build writes and prints.
std::string BuildCacheKey(const BuildOptions& options, const std::vector<std::string>& search_dirs,
                          bool color);

// The recorded build into `output_dir`, when it had this key and these roots and none of its
// outputs and absent import candidates changed since; `changed` lists (as indexes into
// `record.sources`) the sources whose bytes differ now. nullopt also when a source cannot be
// read any more.
struct PreviousBuild {
    BuildRecord record;
    std::vector<std::size_t> changed;
};
std::optional<PreviousBuild> FindPreviousBuild(const std::string& output_dir,
                                               const std::string& key,
                                               const std::vector<std::string>& roots);

// Whether every output the record lists still has the recorded size and mtime (checked again
// once the output directories are locked: another build may have written them meanwhile).
bool OutputsAsRecorded(const BuildRecord& record);

// What the last recorded build into `output_dir` wrote into each of `dirs` (whatever its key):
// the proof, kept outside the directories, of which files there are flowc's. Empty for a
// directory with no record (no cache directory, a record that cannot be read).
std::vector<OwnedFiles> OwnedOutputs(const std::string& output_dir,
                                     const std::vector<std::string>& dirs);

// The record's sources for a full build: path and hash of every file read, with its stub.
std::vector<CachedSource> CachedSources(const SourceManager& sources,
                                        std::vector<lower::FileInterface> interfaces);

// Records a successful build (also with --no-cache, under an empty key that nothing replays,
// so that the record of what flowc wrote stays true); a cache that cannot be written is left
// out silently (the next build is then a full one, and removes no stale file). Returns
// whether it was written. A record that is not a regular file, too large or malformed is
// never an error: the build is a full one.
bool RecordBuild(const std::string& output_dir, const BuildRecord& record);

}  // namespace flowc
