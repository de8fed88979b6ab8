#include "driver/internal/load_inputs.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "base/paths.h"
#include "base/utf8.h"
#include "driver/driver.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

BundledStdlib LookForBundledStdlib() {
    BundledStdlib found;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    std::vector<fs::path> candidates;
    if (!ec) {
        fs::path bin = exe.parent_path();
        candidates.push_back(bin / "../share/flowc/stdlib");
        candidates.push_back(bin / "stdlib");
        // A build directory (CMakeCache.txt beside build/flowc) runs with the sources' library;
        // a copied or installed binary never reaches into a source tree that happens to exist.
        if (fs::is_regular_file(bin / "CMakeCache.txt", ec))
            candidates.push_back(fs::path(FLOWC_SOURCE_DIR) / "stdlib");
    }
    for (const fs::path& candidate : candidates) {
        std::string shown = candidate.lexically_normal().string();
        found.tried.push_back(shown);
        if (fs::is_directory(candidate, ec)) {
            found.dir = shown;
            break;
        }
    }
    return found;
}

// What an import that is not found adds about a standard library directory that is not
// there: without it, the list of places looked at just lacks the library, and nothing says
// why.
std::vector<std::string> StdlibNotes(const CheckOptions& options) {
    std::error_code ec;
    if (!options.stdlib_dir.empty()) {
        if (fs::is_directory(options.stdlib_dir, ec)) return {};
        return {fmt::format("the standard library directory `{}` (`--stdlib`) does not exist",
                            PrintableText(CollapseSeparators(options.stdlib_dir)))};
    }
    const BundledStdlib& bundled = FindBundledStdlib();
    if (!bundled.dir.empty()) return {};
    std::string where;
    for (const std::string& tried : bundled.tried)
        where += fmt::format("\n        {}", PrintableText(tried));
    return {
        "the bundled standard library is missing (reinstall flowc, or name the library's "
        "directory with `--stdlib DIR`); flowc looked for it at:" +
        where};
}

}  // namespace

const BundledStdlib& FindBundledStdlib() {
    static const BundledStdlib bundled = LookForBundledStdlib();
    return bundled;
}

std::vector<std::string> SearchDirs(const CheckOptions& options) {
    std::vector<std::string> dirs = options.include_dirs;
    std::string stdlib = options.stdlib_dir.empty() ? FindBundledStdlib().dir : options.stdlib_dir;
    if (!stdlib.empty()) dirs.push_back(stdlib);
    if (const char* env = std::getenv("FLOWC_PATH")) {
        std::string list = env;
        std::size_t start = 0;
        while (start <= list.size()) {
            std::size_t end = list.find(':', start);
            if (end == std::string::npos) end = list.size();
            if (end > start) dirs.push_back(list.substr(start, end - start));
            start = end + 1;
        }
    }
    return dirs;
}

ast::Program LoadInputs(const CheckOptions& options, SourceManager& sources,
                        DiagnosticEngine& diags, LoadStats* stats) {
    return LoadRoots(ExpandInputs(options.inputs, diags), options, SearchDirs(options), sources,
                     diags, stats, nullptr);
}

ast::Program LoadRoots(const std::vector<std::string>& roots, const CheckOptions& options,
                       const std::vector<std::string>& search_dirs, SourceManager& sources,
                       DiagnosticEngine& diags, LoadStats* stats, std::vector<std::string>* missing,
                       const SourceLoader* loader) {
    LoadOptions load_options;
    load_options.missing_probes = missing;
    load_options.search_dirs = search_dirs;
    load_options.search_path_notes = StdlibNotes(options);
    load_options.parse.max_file_bytes = options.max_file_bytes;
    load_options.stats = stats;
    load_options.jobs = JobsFor(options);
    DiskLoader disk;
    return LoadProgram(roots, loader ? *loader : disk, sources, diags, load_options);
}

}  // namespace flowc
