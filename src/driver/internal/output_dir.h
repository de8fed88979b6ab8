// Puts a build's files into the output directory, which belongs to the user:
// - every file goes to a new temporary beside its final name (O_EXCL, an unpredictable name,
//   never through a link); only when every target's files are written are they moved into
//   place, manifest last, all targets as one (CommitAll);
// - an output name taken by anything but a regular file (a directory, a FIFO, a socket, a
//   device, a symbolic link) or by one of the inputs is an error before anything is changed;
// - one flowc at a time writes a directory: the directory itself is locked (flock on its
//   descriptor, so nothing is added to it) from the first file staged to the end of the build;
// - a commit that fails half-way is rolled back (every replaced file comes back); one that is
//   killed leaves each file whole, old or new, the old manifest until every flow is in place,
//   and temporaries that the next build removes while it repairs the directory;
// - a file the build no longer produces is removed only when flowc can prove it wrote it:
//   the previous build's record (build_cache.h, outside the directory) names it with its
//   SHA-256 and its bytes still have that hash. Nothing named by a file inside the directory
//   (a forged or foreign manifest.json) is ever removed; a file the user edited is kept.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
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

// Name -> SHA-256 (hex) of the bytes flowc wrote there; for manifest.json, an "identity:"
// proof (device, inode, size, mtime, ctime) instead.
using OwnedFiles = std::map<std::string, std::string>;

// For the lifetime of a build, SIGINT, SIGTERM, SIGHUP and SIGQUIT go to a thread of their
// own instead of interrupting whatever runs: at once (during loading, checking or
// generation) it removes every StagedDirectory's temporaries and the directories the build
// created, then ends the process by that signal. It waits only for a CommitAll in progress,
// so a commit is never cut by a signal (SIGKILL aside). One per process at a time.
class InterruptibleBuild {
  public:
    InterruptibleBuild();
    ~InterruptibleBuild();
    InterruptibleBuild(const InterruptibleBuild&) = delete;
    InterruptibleBuild& operator=(const InterruptibleBuild&) = delete;

  private:
    struct State;
    State* state_;
};

// An output directory being written: each Write goes to a temporary at once (so a build
// never holds all its output in memory); CommitAll moves them into place. Problems (E0801,
// E0802, E0805) are reported to `diags`; then the commit fails and the directory holds what
// it held before.
class StagedDirectory final : public backend::OutputSink {
  public:
    StagedDirectory(std::string dir, const std::vector<std::string>& inputs,
                    DiagnosticEngine& diags);
    ~StagedDirectory() override;
    StagedDirectory(const StagedDirectory&) = delete;
    StagedDirectory& operator=(const StagedDirectory&) = delete;

    void Write(const std::string& name, std::string bytes) override;
    // Creates the directory if needed and takes its lock (waiting for another flowc for up to
    // $FLOWC_LOCK_WAIT seconds, default 60; E0805 after); the first Write does it otherwise.
    bool Lock();
    // Removes the temporaries and what this build created (also done by the destructor).
    void Abort();

    const std::string& dir() const { return dir_; }
    const std::vector<std::string>& names() const { return names_; }
    // Every file written, changed or not, with the SHA-256 the manifest gives it (and the
    // manifest's own): what the next build may remove as stale.
    const OwnedFiles& written() const { return written_; }
    // Whether the directory holds a file this build did not write (only then can anything
    // be stale, and the record that proves what is flowc's worth reading).
    bool HoldsOtherFiles() const;

  private:
    friend bool CommitAll(const std::vector<StagedDirectory*>&, const std::vector<OwnedFiles>*,
                          CommitCounts*);
    friend class InterruptibleBuild;
    struct Staged {
        std::string name;
        std::filesystem::path temporary;  // after the swap: the old file, until Finish
        bool swapped = false;             // the old file is at `temporary`
        bool placed = false;              // the new file is at its name
    };
    bool IsInput(const std::filesystem::path& path) const;
    bool CreateMissingDirectories();
    void RemoveCreatedDirectories();
    void RemoveTemporariesLocked();
    bool Place(std::string& failed_name, std::string& why);
    void Rollback();
    void Finish(const OwnedFiles* previously_owned);
    void RecordHashes(const std::string& manifest);

    std::string dir_;
    std::filesystem::path root_;
    DiagnosticEngine& diags_;
    std::set<std::pair<dev_t, ino_t>> input_ids_;
    std::vector<std::string> names_;  // every file written, changed or not
    OwnedFiles written_;
    std::vector<Staged> staged_;                  // the changed ones, waiting to be placed
    std::vector<std::filesystem::path> created_;  // directories this build made, outer first
    int lock_fd_ = -1;
    bool failed_ = false;
    bool committed_ = false;
};

// Moves every staged file of every directory into place, as one: either all of them are
// placed, or (on a failure) every file already replaced is put back, the temporaries are
// removed and the failure is reported naming the file. With `previously_owned` (one per
// directory), files listed there that this build did not write are removed when their bytes
// still have the listed hash (and they are not inputs). Termination signals wait for it.
bool CommitAll(const std::vector<StagedDirectory*>& dirs,
               const std::vector<OwnedFiles>* previously_owned, CommitCounts* counts);

}  // namespace flowc
