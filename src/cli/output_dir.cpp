#include "cli/output_dir.h"

#include <fmt/format.h>
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
    ok = (fsync(fileno(file)) == 0 || errno == EINVAL || errno == EROFS) && ok;
    if (std::fclose(file) != 0 && ok) {
        error = std::strerror(errno);
        ok = false;
    }
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
                       DiagnosticEngine& diags, bool remove_stale) {
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
    std::set<fs::path> input_paths;
    for (const std::string& input : inputs) input_paths.insert(fs::weakly_canonical(input, ec));
    for (const auto& [name, bytes] : files) {
        if (input_paths.count(fs::weakly_canonical(root / name, ec)) != 0) {
            diags.Report(
                MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                               fmt::format("refusing to write `{}`: it is one of the inputs",
                                           SanitizeUtf8((root / name).string())))
                    .WithHelp("write the output elsewhere with `-o`"));
            return false;
        }
    }
    std::set<std::string> stale = remove_stale ? PreviouslyWritten(root) : std::set<std::string>{};
    for (auto it = stale.begin(); it != stale.end();) {
        it = input_paths.count(fs::weakly_canonical(root / *it, ec)) != 0 ? stale.erase(it)
                                                                          : std::next(it);
    }
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
    auto cleanup = [&] {
        for (const fs::path& tmp : temporaries) fs::remove(tmp, ec);
    };
    for (const auto& [name, bytes] : files) {
        fs::path tmp = root / ("." + name + suffix);
        temporaries.push_back(tmp);
        std::string error;
        if (!WriteWhole(tmp, bytes, error)) {
            cleanup();
            diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                        fmt::format("cannot write `{}`: {}",
                                                    SanitizeUtf8((root / name).string()), error))
                             .WithNote("nothing in the output directory was changed"));
            return false;
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        fs::rename(temporaries[i], root / files[i].first, ec);
        if (ec) {
            std::string why = ec.message();  // before cleanup() reuses `ec`
            cleanup();
            diags.Report(
                MakeDiagnostic(Code::kOutputNotWritable, Span{},
                               fmt::format("cannot write `{}`: {}",
                                           SanitizeUtf8((root / files[i].first).string()), why)));
            return false;
        }
        stale.erase(files[i].first);
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
