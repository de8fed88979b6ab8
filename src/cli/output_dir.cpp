#include "cli/output_dir.h"

#include <fmt/format.h>
#include <fcntl.h>
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

#include "base/parallel.h"
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

}  // namespace

bool CommitToDirectory(const std::vector<std::pair<std::string, std::string>>& files,
                       const std::string& dir, const std::vector<std::string>& inputs,
                       DiagnosticEngine& diags, bool remove_stale, CommitCounts* counts,
                       unsigned jobs) {
    std::error_code ec;
    fs::path root(dir);
    if (fs::exists(root, ec) && !fs::is_directory(root, ec)) {
        diags.Report(
            MakeDiagnostic(
                Code::kOutputNotCreatable, Span{},
                fmt::format("cannot use `{}` as the output directory: it is not a directory",
                            SanitizeUtf8(dir)))
                .WithHelp("name a directory with `-o DIR`; it is created if missing"));
        return false;
    }
    fs::create_directories(root, ec);
    if (ec) {
        diags.Report(MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                                    fmt::format("cannot create output directory `{}`: {}",
                                                SanitizeUtf8(dir), ec.message())));
        return false;
    }
    // Inputs by identity (device and inode): a symbolic or hard link in the output directory
    // that leads to a source is caught as surely as the source's own path.
    std::set<std::pair<dev_t, ino_t>> input_ids;
    for (const std::string& input : inputs) {
        struct stat st {};
        if (::stat(input.c_str(), &st) == 0) input_ids.insert({st.st_dev, st.st_ino});
    }
    auto is_input = [&](const fs::path& path) {
        struct stat st {};
        return ::stat(path.c_str(), &st) == 0 && input_ids.count({st.st_dev, st.st_ino}) != 0;
    };
    // Only files whose bytes differ are rewritten: an unchanged output keeps its mtime, so
    // that make, rsync and editors see no change.
    enum class State : char { kChanged, kUnchanged, kInput };
    std::vector<State> states(files.size());
    ParallelFor(files.size(), jobs, [&](std::size_t i) {
        fs::path target = root / files[i].first;
        states[i] = is_input(target)                       ? State::kInput
                    : HoldsExactly(target, files[i].second) ? State::kUnchanged
                                                             : State::kChanged;
    });
    std::vector<std::size_t> changed;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (states[i] == State::kInput) {
            diags.Report(
                MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                               fmt::format("refusing to write `{}`: it is one of the inputs",
                                           SanitizeUtf8((root / files[i].first).string())))
                    .WithHelp("write the output elsewhere with `-o`"));
            return false;
        }
        if (states[i] == State::kChanged) changed.push_back(i);
    }
    std::set<std::string> stale = remove_stale ? PreviouslyWritten(root) : std::set<std::string>{};
    for (auto it = stale.begin(); it != stale.end();) {
        it = is_input(root / *it) ? stale.erase(it) : std::next(it);
    }
    for (const auto& file : files) stale.erase(file.first);
    if (counts != nullptr) *counts = {changed.size(), files.size() - changed.size()};
    if (changed.empty() && stale.empty()) return true;

    DeferTerminationSignals defer;
    // Temporaries of a build that was killed before it could clean up.
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        std::string name = entry.path().filename().string();
        if (name.size() > 1 && name[0] == '.' && name.find(".flowc-tmp-") != std::string::npos) {
            fs::remove(entry.path(), ec);
        }
    }
    std::string suffix = fmt::format(".flowc-tmp-{}", ::getpid());
    std::vector<fs::path> temporaries;
    for (std::size_t i : changed) temporaries.push_back(root / ("." + files[i].first + suffix));
    auto cleanup = [&] {
        for (const fs::path& tmp : temporaries) fs::remove(tmp, ec);
    };
    std::vector<std::string> errors(changed.size());
    ParallelFor(changed.size(), jobs, [&](std::size_t k) {
        if (!WriteWhole(temporaries[k], files[changed[k]].second, errors[k]) && errors[k].empty())
            errors[k] = "unknown error";
    });
    for (std::size_t k = 0; k < changed.size(); ++k) {
        if (errors[k].empty()) continue;
        cleanup();
        diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                    fmt::format("cannot write `{}`: {}",
                                                SanitizeUtf8((root / files[changed[k]].first).string()),
                                                errors[k]))
                         .WithNote("nothing in the output directory was changed"));
        return false;
    }
    // The new bytes reach the disk before any name points at them (one sync for the whole
    // directory rather than one per file), so a crash leaves old or new files, never empty.
    if (!SyncDirectoryFilesystem(root)) {
        std::string why = std::strerror(errno);
        cleanup();
        diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                    fmt::format("cannot write to `{}`: {}", SanitizeUtf8(dir), why))
                         .WithNote("nothing in the output directory was changed"));
        return false;
    }
    for (std::size_t k = 0; k < changed.size(); ++k) {
        const std::string& name = files[changed[k]].first;
        fs::rename(temporaries[k], root / name, ec);
        if (ec) {
            std::string why = ec.message();  // before cleanup() reuses `ec`
            cleanup();
            diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                        fmt::format("cannot write `{}`: {}",
                                                    SanitizeUtf8((root / name).string()), why)));
            return false;
        }
    }
    for (const std::string& old : stale) fs::remove(root / old, ec);
    return true;
}

std::vector<std::string> InputPaths(const SourceManager& sources) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        paths.push_back(sources.Get(static_cast<FileId>(i)).path());
    }
    return paths;
}

}  // namespace flowc
