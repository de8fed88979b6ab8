#include "driver/internal/output_dir.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>

#include "backend/manifest.h"
#include "base/own_files.h"
#include "base/sha256.h"
#include "base/utf8.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

// The largest output file read back to prove that flowc wrote it (a flow's JSON or YAML).
constexpr std::size_t kMostBytesOfAnOutput = std::size_t{1} << 30;

// Guards every StagedDirectory's temporaries and created directories against the thread
// that cleans up on a signal (InterruptibleBuild), and holds that thread off during a commit.
std::mutex& RegistryMutex() {
    static std::mutex mutex;
    return mutex;
}
std::vector<StagedDirectory*>& Registry() {
    static std::vector<StagedDirectory*> registry;
    return registry;
}
// Set (under RegistryMutex) once a termination signal is being handled: nothing new is staged.
std::atomic<bool> interrupted{false};
// True on the thread that handles a signal, which holds RegistryMutex until the process ends.
thread_local bool holds_registry_for_good = false;

// What the record keeps instead of a SHA-256 for the manifest: device, inode, size, mtime and
// ctime in nanoseconds.
constexpr std::string_view kIdentityProof = "identity:";
std::string IdentityProof(const struct stat& st) {
    return fmt::format("{}{}:{}:{}:{}.{}:{}.{}", kIdentityProof, st.st_dev, st.st_ino, st.st_size,
                       st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec,
                       st.st_ctim.tv_nsec);
}

std::string Shown(const fs::path& path) { return SanitizeUtf8(path.string()); }

// True when `path` is a regular file (not a link) whose bytes are exactly `bytes`.
bool HoldsExactly(const fs::path& path, const std::string& bytes) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::uint64_t>(st.st_size) != bytes.size()) {
        return false;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return false;
    std::string existing(bytes.size(), '\0');
    std::size_t got = 0;
    while (got < existing.size()) {
        ssize_t n = ::read(fd, existing.data() + got, existing.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return got == bytes.size() && existing == bytes;
}

// Flushes the file system that holds `dir` (what a per-file fsync would do, once).
bool SyncDirectoryFilesystem(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::syncfs(fd) == 0 || errno == EINVAL || errno == EROFS;
    int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
}

// Flushes each of `files`: cheaper than syncfs for a few files when the file system holds
// other unsynced data (such as the previous build's output, seconds old).
bool SyncFiles(const std::vector<fs::path>& files) {
    for (const fs::path& file : files) {
        int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) return false;
        bool ok = ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
        int saved = errno;
        ::close(fd);
        errno = saved;
        if (!ok) return false;
    }
    return true;
}

// How long to wait for another flowc writing the same directory: $FLOWC_LOCK_WAIT seconds
// (0: not at all), 60 by default.
int LockWaitMilliseconds() {
    const char* text = std::getenv("FLOWC_LOCK_WAIT");
    if (text == nullptr || *text == '\0') return 60'000;
    char* end = nullptr;
    long seconds = std::strtol(text, &end, 10);
    if (*end != '\0' || seconds < 0) return 60'000;
    return static_cast<int>(std::min(seconds, 24L * 3600) * 1000);
}

// The termination signals this process does not ignore: a build started under `nohup` (or in
// the background by a shell, which ignores SIGINT) keeps ignoring what it was told to.
sigset_t& TakenSignals() {
    static sigset_t set;
    return set;
}

sigset_t NotIgnoredTerminationSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
        struct sigaction current {};
        if (::sigaction(signal, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        sigaddset(&set, signal);
    }
    return set;
}

std::atomic<bool> stopping{false};

// InterruptibleBuild's thread: the one thread that does not block the termination signals.
void* TakeSignals(void*) {
    // SIGINT as well: the one InterruptibleBuild's destructor sends to stop this thread.
    sigset_t set = TakenSignals();
    sigaddset(&set, SIGINT);
    for (;;) {
        int signal = 0;
        if (::sigwait(&set, &signal) != 0) continue;
        if (stopping.load()) return nullptr;
        if (!sigismember(&TakenSignals(), signal)) continue;  // ignored when the build began
        // Never released: the process ends below, and nothing may stage or commit meanwhile.
        RegistryMutex().lock();
        holds_registry_for_good = true;
        interrupted = true;
        for (StagedDirectory* dir : Registry()) dir->Abort();
        // End as the signal would have ended the process had flowc not caught it.
        std::signal(signal, SIG_DFL);
        sigset_t only;
        sigemptyset(&only);
        sigaddset(&only, signal);
        ::pthread_sigmask(SIG_UNBLOCK, &only, nullptr);
        ::raise(signal);
        ::_exit(128 + signal);
    }
}

}  // namespace

struct InterruptibleBuild::State {
    sigset_t previous;
    pthread_t thread;
    bool started = false;
};

InterruptibleBuild::InterruptibleBuild() : state_(new State) {
    TakenSignals() = NotIgnoredTerminationSignals();
    sigset_t set = TakenSignals();
    sigaddset(&set, SIGINT);  // blocked even when ignored: it stops TakeSignals
    // Blocked here before any other thread starts, so that every thread inherits it and only
    // TakeSignals ever receives them.
    ::pthread_sigmask(SIG_BLOCK, &set, &state_->previous);
    stopping = false;
    state_->started = ::pthread_create(&state_->thread, nullptr, TakeSignals, nullptr) == 0;
}

InterruptibleBuild::~InterruptibleBuild() {
    if (state_->started) {
        stopping = true;
        ::pthread_kill(state_->thread, SIGINT);  // directed at that thread: wakes its sigwait
        ::pthread_join(state_->thread, nullptr);
    }
    // A signal that came meanwhile is delivered now, with its usual effect.
    ::pthread_sigmask(SIG_SETMASK, &state_->previous, nullptr);
    delete state_;
}

StagedDirectory::StagedDirectory(std::string dir, const std::vector<std::string>& inputs,
                                 DiagnosticEngine& diags)
    : dir_(dir), root_(std::move(dir)), diags_(diags) {
    {
        std::lock_guard<std::mutex> guard(RegistryMutex());
        Registry().push_back(this);
    }
    struct stat st {};
    if (::stat(root_.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
        diags_.Report(
            MakeDiagnostic(
                Code::kOutputNotCreatable, Span{},
                fmt::format("cannot use `{}` as the output directory: it is not a directory",
                            Shown(root_)))
                .WithHelp("name a directory with `-o DIR`; it is created if missing"));
        failed_ = true;
        return;
    }
    // Inputs by identity (device and inode): a symbolic or hard link in the output directory
    // that leads to a source is caught as surely as the source's own path.
    for (const std::string& input : inputs) {
        if (::stat(input.c_str(), &st) == 0) input_ids_.insert({st.st_dev, st.st_ino});
    }
}

StagedDirectory::~StagedDirectory() {
    Abort();
    std::lock_guard<std::mutex> guard(RegistryMutex());
    std::vector<StagedDirectory*>& registry = Registry();
    registry.erase(std::remove(registry.begin(), registry.end(), this), registry.end());
}

// Each missing directory is made with mkdir, so that this build knows which ones it made
// (another build may make the same ones at the same time): only those are removed again
// when the build fails, and only when empty.
bool StagedDirectory::CreateMissingDirectories() {
    std::error_code ec;
    fs::path absolute = fs::absolute(root_, ec);
    std::vector<fs::path> missing;
    for (fs::path dir = absolute; !dir.empty(); dir = dir.parent_path()) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) == 0) break;
        missing.push_back(dir);
        if (dir == dir.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0777) == 0) {
            created_.push_back(*it);
        } else if (errno != EEXIST) {
            diags_.Report(MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                                         fmt::format("cannot create output directory `{}`: {}",
                                                     Shown(root_), std::strerror(errno))));
            failed_ = true;
            return false;
        }
    }
    return true;
}

void StagedDirectory::RemoveCreatedDirectories() {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
        if (::rmdir(it->c_str()) != 0) break;  // not empty: someone else's files are there
    }
    created_.clear();
}

bool StagedDirectory::Lock() {
    if (lock_fd_ >= 0) return true;
    if (failed_) return false;
    const int wait_ms = LockWaitMilliseconds();
    constexpr int kPollMs = 10;
    int waited_ms = 0;
    for (int attempt = 0; attempt < 100 && lock_fd_ < 0; ++attempt) {
        {
            std::lock_guard<std::mutex> guard(RegistryMutex());
            if (interrupted || !CreateMissingDirectories()) {
                failed_ = true;
                return false;
            }
        }
        int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            diags_.Report(MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                                         fmt::format("cannot open output directory `{}`: {}",
                                                     Shown(root_), std::strerror(errno))));
            failed_ = true;
            return false;
        }
        // The directory's own descriptor is locked, so that the lock adds nothing to it. A
        // file system without locks (errors other than EWOULDBLOCK) is written unlocked.
        while (::flock(fd, LOCK_EX | LOCK_NB) != 0 && (errno == EINTR || errno == EWOULDBLOCK)) {
            if (errno == EINTR) continue;
            if (waited_ms >= wait_ms) {
                ::close(fd);
                diags_.Report(
                    MakeDiagnostic(Code::kOutputDirectoryBusy, Span{},
                                   fmt::format("another flowc is writing `{}`", Shown(root_)))
                        .WithNote(fmt::format("waited {} seconds for it to finish; nothing in "
                                              "the output directory was changed",
                                              wait_ms / 1000))
                        .WithHelp("run the builds into one directory one after the other, or "
                                  "give each its own `-o`; FLOWC_LOCK_WAIT sets the wait"));
                failed_ = true;
                return false;
            }
            ::usleep(kPollMs * 1000);
            waited_ms += kPollMs;
        }
        // The build that held the lock may have removed the directory (it made it, then
        // failed) while this one waited: then lock the directory that is there now.
        struct stat held {
        }, now{};
        if (::fstat(fd, &held) == 0 && ::stat(root_.c_str(), &now) == 0 &&
            held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
            lock_fd_ = fd;
        } else {
            ::close(fd);
        }
    }
    if (lock_fd_ < 0) {
        diags_.Report(MakeDiagnostic(
            Code::kOutputDirectoryBusy, Span{},
            fmt::format("another flowc is writing `{}`: it keeps removing and recreating it",
                        Shown(root_))));
        failed_ = true;
        return false;
    }
    // Temporaries of a build that was killed before it could clean up: regular files or
    // links carrying the marker, unlinked (a link is removed, never followed).
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_, ec)) {
        std::string name = entry.path().filename().string();
        struct stat st {};
        if (name.size() > 1 && name[0] == '.' && name.find(kTemporaryMarker) != std::string::npos &&
            ::lstat(entry.path().c_str(), &st) == 0 &&
            (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
            ::unlink(entry.path().c_str());
        }
    }
    return true;
}

bool StagedDirectory::IsInput(const fs::path& path) const {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && input_ids_.count({st.st_dev, st.st_ino}) != 0;
}

// The hashes of the files this build wrote, from its own manifest (backend/manifest.h).
void StagedDirectory::RecordHashes(const std::string& manifest) {
    if (auto hashes = backend::FileHashes(manifest)) written_ = std::move(*hashes);
}

bool StagedDirectory::HoldsOtherFiles() const {
    std::set<std::string> produced(names_.begin(), names_.end());
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_, ec)) {
        std::string name = entry.path().filename().string();
        if (!produced.contains(name) && name.find(kTemporaryMarker) == std::string::npos)
            return true;
    }
    return false;
}

void StagedDirectory::Write(const std::string& name, std::string bytes) {
    if (failed_) return;
    fs::path target = root_ / name;
    if (IsInput(target)) {
        diags_.Report(MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                                     fmt::format("refusing to write `{}`: it is one of the inputs",
                                                 Shown(target)))
                          .WithHelp("write the output elsewhere with `-o`"));
        failed_ = true;
        return;
    }
    // Locked before the comparison below, which must see what no other flowc is changing.
    if (!Lock()) return;
    struct stat st {};
    if (::lstat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        diags_.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                     fmt::format("cannot write `{}`: it is {}, not a regular file",
                                                 Shown(target), KindOfFile(st.st_mode)))
                          .WithNote("nothing in the output directory was changed")
                          .WithHelp("move it out of the way, or write the output elsewhere "
                                    "with `-o`"));
        failed_ = true;
        return;
    }
    names_.push_back(name);
    if (name == "manifest.json") RecordHashes(bytes);
    // Only files whose bytes differ are rewritten: an unchanged output keeps its mtime, so
    // that make, rsync and editors see no change.
    if (HoldsExactly(target, bytes)) return;
    std::string temporary;
    int fd = -1;
    {
        std::lock_guard<std::mutex> guard(RegistryMutex());
        if (interrupted) {
            failed_ = true;
            return;
        }
        fd = CreateTemporaryBeside(target.string(), temporary);
        if (fd >= 0) staged_.push_back({name, temporary});
    }
    if (fd < 0 || !WriteAllAndClose(fd, bytes, /*sync=*/false)) {
        diags_.Report(MakeDiagnostic(
                          Code::kOutputNotWritable, Span{},
                          fmt::format("cannot write `{}`: {}", Shown(target), std::strerror(errno)))
                          .WithNote("nothing in the output directory was changed"));
        failed_ = true;
    }
}

// Each new file is swapped with the old one (renameat2 RENAME_EXCHANGE), so that the old one
// stays at the temporary name until the whole commit succeeded: a failure puts it back, and
// at no moment is the name missing.
bool StagedDirectory::Place(std::string& failed_name, std::string& why) {
    for (Staged& file : staged_) {
        fs::path target = root_ / file.name;
        if (::renameat2(AT_FDCWD, file.temporary.c_str(), AT_FDCWD, target.c_str(),
                        RENAME_EXCHANGE) == 0) {
            file.swapped = file.placed = true;
            continue;
        }
        if (errno == ENOENT && ::renameat2(AT_FDCWD, file.temporary.c_str(), AT_FDCWD,
                                           target.c_str(), RENAME_NOREPLACE) == 0) {
            file.placed = true;
            continue;
        }
        // A file system without renameat2's flags: an ordinary rename, which cannot be undone.
        if ((errno == EINVAL || errno == ENOSYS) &&
            ::rename(file.temporary.c_str(), target.c_str()) == 0) {
            file.placed = true;
            file.temporary.clear();
            continue;
        }
        failed_name = Shown(target);
        why = std::strerror(errno);
        return false;
    }
    return true;
}

void StagedDirectory::Rollback() {
    for (auto it = staged_.rbegin(); it != staged_.rend(); ++it) {
        if (!it->placed || it->temporary.empty()) continue;
        fs::path target = root_ / it->name;
        if (it->swapped) {
            ::renameat2(AT_FDCWD, it->temporary.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE);
        } else {
            ::rename(target.c_str(), it->temporary.c_str());
        }
        it->placed = it->swapped = false;
    }
}

void StagedDirectory::Finish(const OwnedFiles* previously_owned) {
    for (const Staged& file : staged_) {
        if (file.swapped) ::unlink(file.temporary.c_str());  // the old bytes
    }
    staged_.clear();
    created_.clear();
    committed_ = true;
    // The manifest is proven flowc's by its identity and times rather than a hash: it is the
    // one file every build rewrites, and hashing megabytes of it made an incremental build
    // of one file 13% slower. A user's edit changes its mtime and ctime (which no one can set
    // back), a replacement its inode.
    struct stat manifest {};
    if (::lstat((root_ / "manifest.json").c_str(), &manifest) == 0 && S_ISREG(manifest.st_mode) &&
        std::find(names_.begin(), names_.end(), "manifest.json") != names_.end()) {
        written_["manifest.json"] = IdentityProof(manifest);
    }
    if (previously_owned == nullptr) return;
    std::set<std::string> produced(names_.begin(), names_.end());
    for (const auto& [name, sha256] : *previously_owned) {
        if (produced.contains(name) || name.empty() || name == "." || name == ".." ||
            name.find('/') != std::string::npos || name.find('\0') != std::string::npos) {
            continue;
        }
        fs::path path = root_ / name;
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || IsInput(path)) continue;
        // Edited since flowc wrote it: the user's file now, kept.
        if (sha256.starts_with(kIdentityProof)) {
            if (IdentityProof(st) != sha256) continue;
        } else {
            OwnFileRead read = ReadOwnFile(path.string(), kMostBytesOfAnOutput);
            if (read.outcome != OwnFileOutcome::kOk || Sha256Hex(read.bytes) != sha256) continue;
        }
        ::unlink(path.c_str());
    }
}

void StagedDirectory::RemoveTemporariesLocked() {
    for (const Staged& file : staged_) {
        if (!file.placed && !file.temporary.empty()) ::unlink(file.temporary.c_str());
    }
    staged_.clear();
}

void StagedDirectory::Abort() {
    // Called by the signal thread with RegistryMutex held, by everyone else without it.
    std::unique_lock<std::mutex> guard(RegistryMutex(), std::defer_lock);
    if (!holds_registry_for_good) guard.lock();
    if (!committed_) {
        RemoveTemporariesLocked();
        RemoveCreatedDirectories();
    }
    if (lock_fd_ >= 0 && !holds_registry_for_good) {
        ::close(lock_fd_);
        lock_fd_ = -1;
    }
}

bool CommitAll(const std::vector<StagedDirectory*>& dirs,
               const std::vector<OwnedFiles>* previously_owned, CommitCounts* counts) {
    std::lock_guard<std::mutex> guard(RegistryMutex());
    CommitCounts total;
    bool ok = !interrupted;
    for (StagedDirectory* dir : dirs) {
        ok = ok && !dir->failed_ && !dir->committed_ && dir->lock_fd_ >= 0;
        total.written += dir->staged_.size();
        total.unchanged += dir->names_.size() - dir->staged_.size();
    }
    // The new bytes reach the disk before any name points at them (for many files one sync
    // of the whole file system rather than one per file), so a crash leaves old or new
    // files, never empty ones.
    constexpr std::size_t kMostFilesSyncedOneByOne = 16;
    for (StagedDirectory* dir : dirs) {
        if (!ok || dir->staged_.empty()) continue;
        std::vector<fs::path> temporaries;
        for (const StagedDirectory::Staged& file : dir->staged_)
            temporaries.push_back(file.temporary);
        bool synced = temporaries.size() <= kMostFilesSyncedOneByOne
                          ? SyncFiles(temporaries)
                          : SyncDirectoryFilesystem(dir->root_);
        if (!synced) {
            dir->diags_.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                              fmt::format("cannot write to `{}`: {}",
                                                          Shown(dir->root_), std::strerror(errno)))
                                   .WithNote("nothing in the output directory was changed"));
            ok = false;
        }
    }
    std::size_t placed = 0;
    for (; ok && placed < dirs.size(); ++placed) {
        std::string name, why;
        if (!dirs[placed]->Place(name, why)) {
            dirs[placed]->diags_.Report(
                MakeDiagnostic(Code::kOutputNotWritable, Span{},
                               fmt::format("cannot write `{}`: {}", name, why))
                    .WithNote("every file already replaced was put back: the output "
                              "directories hold what they held before"));
            // The directory that failed is rolled back too (it may be half placed).
            ++placed;
            ok = false;
            break;
        }
    }
    if (!ok) {
        for (std::size_t i = placed; i-- > 0;) dirs[i]->Rollback();
        for (StagedDirectory* dir : dirs) {
            dir->RemoveTemporariesLocked();
            dir->RemoveCreatedDirectories();
        }
        return false;
    }
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        dirs[i]->Finish(previously_owned != nullptr && i < previously_owned->size()
                            ? &(*previously_owned)[i]
                            : nullptr);
    }
    if (counts != nullptr) *counts = total;
    return true;
}

}  // namespace flowc
