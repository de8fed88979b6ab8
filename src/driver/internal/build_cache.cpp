#include "driver/internal/build_cache.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/own_files.h"
#include "base/sha256.h"
#include "load/source_loader.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFormat = "flowc-build-cache";
// 2: per-source interfaces, outputs grouped by directory; 3: each output's SHA-256
constexpr int kVersion = 3;
// A record is about 300 bytes per source plus its interface; far beyond any real project.
constexpr std::size_t kMostRecordBytes = std::size_t{256} << 20;

// $FLOWC_CACHE_DIR, else $XDG_CACHE_HOME/flowc, else ~/.cache/flowc: never the output
// directory (whose files are compared, committed and deployed) nor the project.
std::optional<fs::path> CacheDir() {
    if (const char* dir = std::getenv("FLOWC_CACHE_DIR"); dir != nullptr && *dir != '\0')
        return fs::path(dir);
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/')
        return fs::path(xdg) / "flowc";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
        return fs::path(home) / ".cache" / "flowc";
    return std::nullopt;
}

// One record per output directory, named by the hash of its absolute path.
std::optional<fs::path> CacheFile(const std::string& output_dir) {
    std::optional<fs::path> dir = CacheDir();
    if (!dir) return std::nullopt;
    std::error_code ec;
    fs::path absolute = fs::absolute(output_dir, ec).lexically_normal();
    if (ec) return std::nullopt;
    return *dir / "builds" / (Sha256Hex(absolute.string()).substr(0, 32) + ".json");
}

// Size and modification time in nanoseconds: what tells that a file was replaced.
std::optional<std::pair<std::int64_t, std::int64_t>> SizeAndMtime(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return std::make_pair(
        static_cast<std::int64_t>(st.st_size),
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec);
}

// The record for `output_dir`, parsed, or a discarded value.
json ReadRecord(const std::string& output_dir) {
    std::optional<fs::path> file = CacheFile(output_dir);
    if (!file) return json(json::value_t::discarded);
    OwnFileRead read = ReadOwnFile(file->string(), kMostRecordBytes);
    if (read.outcome != OwnFileOutcome::kOk) return json(json::value_t::discarded);
    json cache = json::parse(read.bytes, nullptr, /*allow_exceptions=*/false);
    if (cache.is_discarded() || !cache.is_object() || cache.value("format", "") != kFormat ||
        cache.value("version", 0) != kVersion) {
        return json(json::value_t::discarded);
    }
    return cache;
}

}  // namespace

std::string BuildCacheKey(const BuildOptions& options, const std::vector<std::string>& search_dirs,
                          bool color) {
    // flowc itself: a rebuilt or reinstalled binary has a new inode or change time (which,
    // unlike mtime, no installer can set back), so a changed compiler never replays an old
    // build.
    std::error_code ec;
    std::string exe = fs::read_symlink("/proc/self/exe", ec).string();
    json exe_stamp;
    struct stat st {};
    if (::stat(exe.c_str(), &st) == 0) {
        exe_stamp = json::array({static_cast<std::int64_t>(st.st_size),
                                 static_cast<std::uint64_t>(st.st_ino),
                                 static_cast<std::int64_t>(st.st_mtim.tv_sec),
                                 static_cast<std::int64_t>(st.st_mtim.tv_nsec),
                                 static_cast<std::int64_t>(st.st_ctim.tv_sec),
                                 static_cast<std::int64_t>(st.st_ctim.tv_nsec)});
    }
    const char* flowc_path = std::getenv("FLOWC_PATH");
    json key = {
        {"flowc", FLOWC_VERSION},
        {"exe", exe},
        {"exe_stamp", exe_stamp},
        {"cwd", fs::current_path(ec).string()},
        {"inputs", options.check.inputs},
        {"search", search_dirs},
        {"flowc_path", flowc_path ? flowc_path : ""},
        {"max_file_bytes", options.check.max_file_bytes},
        {"targets", options.targets},
        {"output", options.output_dir},
        {"format", options.check.diagnostics.format == DiagnosticsFormat::kJson ? "json" : "text"},
        {"color", color},
        {"snippets", options.check.diagnostics.snippets},
        {"error_limit", options.check.diagnostics.error_limit},
    };
    return key.dump();
}

std::optional<PreviousBuild> FindPreviousBuild(const std::string& output_dir,
                                               const std::string& key,
                                               const std::vector<std::string>& roots) {
    json cache = ReadRecord(output_dir);
    try {
        if (cache.is_discarded() || key.empty() || cache.value("key", "") != key ||
            cache.at("roots") != json(roots)) {
            return std::nullopt;
        }
        PreviousBuild previous;
        BuildRecord& record = previous.record;
        record.key = key;
        record.roots = roots;
        DiskLoader loader;
        for (const json& missing : cache.at("missing")) {
            record.missing.push_back(missing.get<std::string>());
            if (loader.Identity(record.missing.back())) return std::nullopt;
        }
        for (const json& dir : cache.at("outputs")) {
            record.output_dirs.push_back(dir.at("dir").get<std::string>());
            record.output_files.emplace_back();
            record.output_sha256.emplace_back();
            record.output_stamps.emplace_back();
            for (const json& output : dir.at("files")) {
                const std::string& name =
                    record.output_files.back().emplace_back(output.at("name").get<std::string>());
                record.output_sha256.back()[name] = output.at("sha256").get<std::string>();
                auto stamp = SizeAndMtime((fs::path(record.output_dirs.back()) / name).string());
                if (!stamp || stamp->first != output.at("size").get<std::int64_t>() ||
                    stamp->second != output.at("mtime_ns").get<std::int64_t>()) {
                    return std::nullopt;
                }
                record.output_stamps.back().push_back(*stamp);
            }
        }
        for (const json& source : cache.at("sources")) {
            CachedSource& cached = record.sources.emplace_back();
            cached.path = source.at("path").get<std::string>();
            cached.sha256 = source.at("sha256").get<std::string>();
            cached.interface.text = source.at("interface").get<std::string>();
            cached.interface.declarations_begin =
                source.at("declarations").at(0).get<std::size_t>();
            cached.interface.declarations_end = source.at("declarations").at(1).get<std::size_t>();
            if (cached.interface.declarations_begin > cached.interface.declarations_end ||
                cached.interface.declarations_end > cached.interface.text.size()) {
                return std::nullopt;
            }
            std::optional<std::string> sha256 = Sha256HexOfSource(cached.path);
            if (!sha256) return std::nullopt;
            if (*sha256 != cached.sha256) previous.changed.push_back(record.sources.size() - 1);
        }
        record.printed_stderr = cache.at("stderr").get<std::string>();
        record.printed_stdout = cache.at("stdout").get<std::string>();
        return previous;
    } catch (const json::exception&) {
        return std::nullopt;  // a cache of another shape: build
    }
}

bool OutputsAsRecorded(const BuildRecord& record) {
    if (record.output_stamps.size() != record.output_dirs.size()) return false;
    for (std::size_t d = 0; d < record.output_dirs.size(); ++d) {
        if (record.output_stamps[d].size() != record.output_files[d].size()) return false;
        for (std::size_t f = 0; f < record.output_files[d].size(); ++f) {
            auto stamp = SizeAndMtime(
                (fs::path(record.output_dirs[d]) / record.output_files[d][f]).string());
            if (!stamp || *stamp != record.output_stamps[d][f]) return false;
        }
    }
    return true;
}

std::vector<OwnedFiles> OwnedOutputs(const std::string& output_dir,
                                     const std::vector<std::string>& dirs) {
    std::vector<OwnedFiles> owned(dirs.size());
    json cache = ReadRecord(output_dir);
    if (cache.is_discarded()) return owned;
    try {
        for (const json& dir : cache.at("outputs")) {
            auto it = std::find(dirs.begin(), dirs.end(), dir.at("dir").get<std::string>());
            if (it == dirs.end()) continue;
            OwnedFiles& files = owned[static_cast<std::size_t>(it - dirs.begin())];
            for (const json& output : dir.at("files")) {
                std::string sha256 = output.at("sha256").get<std::string>();
                if (!sha256.empty()) files[output.at("name").get<std::string>()] = sha256;
            }
        }
    } catch (const json::exception&) {
        return std::vector<OwnedFiles>(dirs.size());  // a record of another shape proves nothing
    }
    return owned;
}

std::vector<CachedSource> CachedSources(const SourceManager& sources,
                                        std::vector<lower::FileInterface> interfaces) {
    std::vector<CachedSource> cached(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const SourceFile& source = sources.Get(static_cast<FileId>(i));
        cached[i].path = source.path();
        cached[i].sha256 = Sha256Hex(source.text());
        if (i < interfaces.size()) cached[i].interface = std::move(interfaces[i]);
    }
    return cached;
}

bool RecordBuild(const std::string& output_dir, const BuildRecord& record) {
    json cache = {{"format", kFormat},
                  {"version", kVersion},
                  {"key", record.key},
                  {"roots", record.roots},
                  {"missing", record.missing}};
    json files = json::array();
    for (const CachedSource& source : record.sources) {
        files.push_back(
            {{"path", source.path},
             {"sha256", source.sha256},
             {"interface", source.interface.text},
             {"declarations",
              {source.interface.declarations_begin, source.interface.declarations_end}}});
    }
    cache["sources"] = std::move(files);
    json outputs = json::array();
    for (std::size_t d = 0; d < record.output_dirs.size(); ++d) {
        json dir_files = json::array();
        for (const std::string& name : record.output_files[d]) {
            auto stamp = SizeAndMtime((fs::path(record.output_dirs[d]) / name).string());
            if (!stamp) return false;
            std::string sha256;
            if (d < record.output_sha256.size()) {
                auto it = record.output_sha256[d].find(name);
                if (it != record.output_sha256[d].end()) sha256 = it->second;
            }
            dir_files.push_back({{"name", name},
                                 {"size", stamp->first},
                                 {"mtime_ns", stamp->second},
                                 {"sha256", std::move(sha256)}});
        }
        outputs.push_back({{"dir", record.output_dirs[d]}, {"files", std::move(dir_files)}});
    }
    cache["outputs"] = std::move(outputs);
    cache["stdout"] = record.printed_stdout;
    cache["stderr"] = record.printed_stderr;

    std::optional<fs::path> target = CacheFile(output_dir);
    if (!target) return false;
    std::error_code ec;
    fs::create_directories(target->parent_path(), ec);
    if (ec) return false;
    std::string bytes = cache.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    std::string error;
    return WriteOwnFile(target->string(), bytes, SpecialTarget::kRefuse, error);
}

}  // namespace flowc
