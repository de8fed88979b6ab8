// Puts a build's files into the output directory without ever leaving a half-written one:
// every file goes to a temporary name in the same directory first; only when all are
// written are they renamed into place, the manifest last. With `remove_stale`, files that
// the previous manifest listed and this build no longer produces are removed; nothing else
// is ever touched. A file that would replace one of `inputs` (the sources read) is refused:
// a build never overwrites what the user wrote.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "backend/backend.h"
#include "base/source_file.h"
#include "diag/engine.h"

namespace flowc {

// Files whose bytes are already in place are not rewritten (their mtimes stay).
struct CommitCounts {
    std::size_t written = 0;
    std::size_t unchanged = 0;
};

class DeferTerminationSignals;

// An output directory being written: each Write goes to a temporary beside its final name
// at once (so a build never holds all its output in memory), and Commit renames them all
// into place, in write order. From construction to Commit or Abort, SIGINT, SIGTERM, SIGHUP
// and SIGQUIT wait, so an interrupt never leaves a partial or temporary file behind.
// Problems (E0801, E0802) are reported to `diags`; then Commit fails and the directory holds
// exactly what it held before.
class StagedDirectory final : public backend::OutputSink {
  public:
    StagedDirectory(std::string dir, const std::vector<std::string>& inputs,
                    DiagnosticEngine& diags);
    ~StagedDirectory() override;
    StagedDirectory(const StagedDirectory&) = delete;
    StagedDirectory& operator=(const StagedDirectory&) = delete;

    void Write(const std::string& name, std::string bytes) override;
    // With `remove_stale`, files that the previous manifest listed and this build no longer
    // produces are removed; nothing else is ever touched.
    bool Commit(bool remove_stale, CommitCounts* counts = nullptr);
    // Removes the temporaries (also done by the destructor when not committed).
    void Abort();

    const std::vector<std::string>& names() const { return names_; }

  private:
    bool IsInput(const std::filesystem::path& path) const;
    bool EnsureDirectory();

    struct Staged {
        std::string name;
        std::filesystem::path temporary;
    };
    std::filesystem::path root_;
    DiagnosticEngine& diags_;
    std::string suffix_;
    std::unique_ptr<DeferTerminationSignals> defer_;
    std::set<std::pair<dev_t, ino_t>> input_ids_;
    std::vector<std::string> names_;  // every file written, changed or not
    std::vector<Staged> staged_;      // the changed ones, waiting for their rename
    std::filesystem::path created_;  // the outermost directory this build created, if any
    bool directory_ready_ = false;
    bool failed_ = false;
    bool committed_ = false;
};

// All of `files` through a StagedDirectory.
bool CommitToDirectory(const std::vector<std::pair<std::string, std::string>>& files,
                       const std::string& dir, const std::vector<std::string>& inputs,
                       DiagnosticEngine& diags, bool remove_stale,
                       CommitCounts* counts = nullptr);

// The paths of every source file read (command-line inputs and imports).
std::vector<std::string> InputPaths(const SourceManager& sources);

}  // namespace flowc
