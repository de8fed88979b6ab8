// `flowc check PATH...`: load, parse and check the whole build; report every problem.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "ast/ast_dump.h"
#include "base/parallel.h"
#include "cli/load_inputs.h"
#include "cli/options.h"
#include "cli/print_diagnostics.h"
#include "cli/run_stats.h"
#include "load/load.h"
#include "lower/graph_dump.h"
#include "lower/lower.h"
#include "sema/check.h"
#include "sema/model_dump.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

// The bundled standard library: installed beside the binary (share/flowc/stdlib), or the
// source tree's when running from a build directory.
std::string BundledStdlib() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    std::vector<fs::path> candidates;
    if (!ec) {
        candidates.push_back(exe.parent_path() / "../share/flowc/stdlib");
        candidates.push_back(exe.parent_path() / "stdlib");
    }
    candidates.push_back(fs::path(FLOWC_SOURCE_DIR) / "stdlib");
    for (const fs::path& candidate : candidates) {
        if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
    }
    return {};
}

}  // namespace

std::vector<std::string> SearchDirs(const CheckOptions& options) {
    std::vector<std::string> dirs = options.include_dirs;
    std::string stdlib = options.stdlib_dir.empty() ? BundledStdlib() : options.stdlib_dir;
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
    load_options.parse.max_file_bytes = options.max_file_bytes;
    load_options.stats = stats;
    load_options.jobs = options.jobs == 0 ? DefaultJobs() : options.jobs;
    DiskLoader disk;
    return LoadProgram(roots, loader ? *loader : disk, sources, diags, load_options);
}

int RunCheck(const CheckOptions& options) {
    RunStats stats(options.stats);
    DiagnosticEngine diags;
    SourceManager sources;
    ast::Program program = LoadInputs(options, sources, diags, stats.load());
    stats.Lap("load");
    const unsigned jobs = options.jobs == 0 ? DefaultJobs() : options.jobs;
    std::optional<sema::Model> model = sema::Check(program, diags, jobs);
    stats.Lap("check");

    PrintDiagnostics(diags, sources, options.diagnostics);
    int code = ExitCodeFor(diags);
    if (options.dump_ast || options.dump_model || options.dump_graph) {
        // In pipeline order; the model and the graph only of a program without errors.
        std::string dump;
        if (options.dump_ast) {
            for (const ast::ParsedFile& file : program.files)
                dump += ast::Dump(file.ast, sources.Get(file.id));
        }
        if (model && options.dump_model) dump += sema::DumpModel(*model, sources);
        if (model && options.dump_graph) {
            dump += lower::DumpGraph(lower::Lower(*model, jobs), sources);
        }
        std::fwrite(dump.data(), 1, dump.size(), stdout);
    } else if (model) {
        std::size_t shared = 0;
        for (const sema::Flow& flow : model->flows) shared += flow.kind == sema::FlowKind::kShared;
        std::size_t inbound = model->flows.size() - shared;
        std::string summary =
            fmt::format("checked {} file{}: {} shared flow{}, {} inbound flow{}\n", sources.size(),
                        sources.size() == 1 ? "" : "s", shared, shared == 1 ? "" : "s", inbound,
                        inbound == 1 ? "" : "s");
        std::fwrite(summary.data(), 1, summary.size(), stdout);
    }
    stats.Lap("report");
    stats.Print();
    return code;
}

}  // namespace flowc
