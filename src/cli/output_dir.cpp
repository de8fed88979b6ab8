#include "cli/output_dir.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "base/utf8.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

bool WriteWhole(const fs::path& path, const std::string& bytes, std::string& error) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
        error = std::strerror(errno);
        return false;
    }
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    ok = std::fflush(file) == 0 && ok;
    if (!ok) error = std::strerror(errno);
    if (std::fclose(file) != 0 && ok) {
        error = std::strerror(errno);
        ok = false;
    }
    return ok;
}

// True when `path` is a regular file (not a link) whose bytes are exactly `bytes`.
bool HoldsExactly(const fs::path& path, const std::string& bytes) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::uint64_t>(st.st_size) != bytes.size()) {
        return false;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    std::string existing(bytes.size(), '\0');
    std::size_t got = 0;
    while (got < existing.size()) {
        ssize_t n = ::read(fd, existing.data() + got, existing.size() - got);
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
        int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return false;
        bool ok = ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
        int saved = errno;
        ::close(fd);
        errno = saved;
        if (!ok) return false;
    }
    return true;
}

// Files the previous build's manifest listed (so that we only ever remove our own output).
std::set<std::string> PreviouslyWritten(const fs::path& dir) {
    std::set<std::string> files;
    std::ifstream in(dir / "manifest.json");
    if (!in) return files;
    nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
    if (manifest.is_discarded() || manifest.value("format", "") != "flowc-manifest") return files;
    for (const auto& flow : manifest.value("flows", nlohmann::json::array())) {
        if (flow.is_object() && flow.contains("file") && flow["file"].is_string()) {
            std::string file = flow["file"];
            if (file.find('/') == std::string::npos && file != ".." && file != ".")
                files.insert(file);
        }
    }
    return files;
}

}  // namespace

// Blocks the terminating signals for its lifetime; a signal that arrives meanwhile is
// delivered (and ends the process as usual) when the commit is complete or rolled back.
class DeferTerminationSignals {
  public:
    DeferTerminationSignals() {
        sigset_t set;
        sigemptyset(&set);
        for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&set, signal);
        sigprocmask(SIG_BLOCK, &set, &previous_);
    }
    ~DeferTerminationSignals() { sigprocmask(SIG_SETMASK, &previous_, nullptr); }
    DeferTerminationSignals(const DeferTerminationSignals&) = delete;
    DeferTerminationSignals& operator=(const DeferTerminationSignals&) = delete;

  private:
    sigset_t previous_;
};

StagedDirectory::StagedDirectory(std::string dir, const std::vector<std::string>& inputs,
                                 DiagnosticEngine& diags)
    : root_(std::move(dir)),
      diags_(diags),
      suffix_(fmt::format(".flowc-tmp-{}", ::getpid())),
      defer_(std::make_unique<DeferTerminationSignals>()) {
    std::error_code ec;
    if (fs::exists(root_, ec) && !fs::is_directory(root_, ec)) {
        diags_.Report(
            MakeDiagnostic(
                Code::kOutputNotCreatable, Span{},
                fmt::format("cannot use `{}` as the output directory: it is not a directory",
                            SanitizeUtf8(root_.string())))
                .WithHelp("name a directory with `-o DIR`; it is created if missing"));
        failed_ = true;
        return;
    }
    // Inputs by identity (device and inode): a symbolic or hard link in the output directory
    // that leads to a source is caught as surely as the source's own path.
    for (const std::string& input : inputs) {
        struct stat st {};
        if (::stat(input.c_str(), &st) == 0) input_ids_.insert({st.st_dev, st.st_ino});
    }
}

// Created only when the first file is staged, and removed again by Abort, so that a build
// that fails leaves no trace, not even an empty directory.
bool StagedDirectory::EnsureDirectory() {
    if (directory_ready_) return true;
    std::error_code ec;
    fs::path missing;
    for (fs::path dir = fs::absolute(root_, ec); !dir.empty() && !fs::exists(dir, ec);
         dir = dir.parent_path()) {
        missing = dir;
        if (dir == dir.parent_path()) break;
    }
    fs::create_directories(root_, ec);
    if (ec) {
        diags_.Report(MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                                     fmt::format("cannot create output directory `{}`: {}",
                                                 SanitizeUtf8(root_.string()), ec.message())));
        failed_ = true;
        return false;
    }
    created_ = missing;
    // Temporaries of a build that was killed before it could clean up.
    for (const auto& entry : fs::directory_iterator(root_, ec)) {
        std::string name = entry.path().filename().string();
        if (name.size() > 1 && name[0] == '.' && name.find(".flowc-tmp-") != std::string::npos) {
            fs::remove(entry.path(), ec);
        }
    }
    directory_ready_ = true;
    return true;
}

StagedDirectory::~StagedDirectory() { Abort(); }

bool StagedDirectory::IsInput(const fs::path& path) const {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && input_ids_.count({st.st_dev, st.st_ino}) != 0;
}

void StagedDirectory::Write(const std::string& name, std::string bytes) {
    if (failed_) return;
    fs::path target = root_ / name;
    if (IsInput(target)) {
        diags_.Report(MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                                     fmt::format("refusing to write `{}`: it is one of the inputs",
                                                 SanitizeUtf8(target.string())))
                          .WithHelp("write the output elsewhere with `-o`"));
        failed_ = true;
        return;
    }
    names_.push_back(name);
    // Only files whose bytes differ are rewritten: an unchanged output keeps its mtime, so
    // that make, rsync and editors see no change.
    if (HoldsExactly(target, bytes)) return;
    if (!EnsureDirectory()) return;
    fs::path tmp = root_ / ("." + name + suffix_);
    staged_.push_back({name, tmp});
    std::string error;
    if (!WriteWhole(tmp, bytes, error)) {
        diags_.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                     fmt::format("cannot write `{}`: {}",
                                                 SanitizeUtf8(target.string()), error))
                          .WithNote("nothing in the output directory was changed"));
        failed_ = true;
    }
}

bool StagedDirectory::Commit(bool remove_stale, CommitCounts* counts) {
    if (failed_ || committed_ || !EnsureDirectory()) {
        Abort();
        return false;
    }
    std::error_code ec;
    std::set<std::string> stale = remove_stale ? PreviouslyWritten(root_) : std::set<std::string>{};
    for (auto it = stale.begin(); it != stale.end();) {
        it = IsInput(root_ / *it) ? stale.erase(it) : std::next(it);
    }
    for (const std::string& name : names_) stale.erase(name);
    if (counts != nullptr) *counts = {staged_.size(), names_.size() - staged_.size()};
    // The new bytes reach the disk before any name points at them (for many files one sync
    // of the whole file system rather than one per file), so a crash leaves old or new
    // files, never empty ones.
    constexpr std::size_t kMostFilesSyncedOneByOne = 16;
    std::vector<fs::path> temporaries;
    for (const Staged& file : staged_) temporaries.push_back(file.temporary);
    bool synced = staged_.size() <= kMostFilesSyncedOneByOne ? SyncFiles(temporaries)
                                                             : SyncDirectoryFilesystem(root_);
    if (!staged_.empty() && !synced) {
        std::string why = std::strerror(errno);
        Abort();
        diags_.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                     fmt::format("cannot write to `{}`: {}",
                                                 SanitizeUtf8(root_.string()), why))
                          .WithNote("nothing in the output directory was changed"));
        return false;
    }
    for (const Staged& file : staged_) {
        fs::rename(file.temporary, root_ / file.name, ec);
        if (ec) {
            std::string why = ec.message();  // before Abort() reuses `ec`
            Abort();
            diags_.Report(
                MakeDiagnostic(Code::kOutputNotWritable, Span{},
                               fmt::format("cannot write `{}`: {}",
                                           SanitizeUtf8((root_ / file.name).string()), why)));
            return false;
        }
    }
    staged_.clear();
    for (const std::string& old : stale) fs::remove(root_ / old, ec);
    committed_ = true;
    created_.clear();
    defer_.reset();
    return true;
}

void StagedDirectory::Abort() {
    std::error_code ec;
    for (const Staged& file : staged_) fs::remove(file.temporary, ec);
    staged_.clear();
    if (!committed_ && !created_.empty()) fs::remove_all(created_, ec);
    created_.clear();
    defer_.reset();
}

bool CommitToDirectory(const std::vector<std::pair<std::string, std::string>>& files,
                       const std::string& dir, const std::vector<std::string>& inputs,
                       DiagnosticEngine& diags, bool remove_stale, CommitCounts* counts) {
    StagedDirectory staged(dir, inputs, diags);
    for (const auto& [name, bytes] : files) staged.Write(name, bytes);
    return staged.Commit(remove_stale, counts);
}

std::vector<std::string> InputPaths(const SourceManager& sources) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        paths.push_back(sources.Get(static_cast<FileId>(i)).path());
    }
    return paths;
}

}  // namespace flowc
