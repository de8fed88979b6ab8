// `flowc build PATH... -o DIR`: check, lower, generate, and write the files atomically.
// Nothing is written when any error was reported, for any target. When nothing changed
// since the last build into DIR, the recorded output is replayed instead (build_cache.h).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "backend/backend.h"
#include "base/parallel.h"
#include "cli/build_cache.h"
#include "cli/load_inputs.h"
#include "cli/options.h"
#include "cli/output_dir.h"
#include "cli/print_diagnostics.h"
#include "cli/run_stats.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {

int RunBuild(const BuildOptions& options) {
    RunStats stats(options.check.stats);
    const unsigned jobs = options.check.jobs == 0 ? DefaultJobs() : options.check.jobs;
    DiagnosticEngine diags;
    std::vector<std::string> roots = ExpandInputs(options.check.inputs, diags);
    std::string cache_key = BuildCacheKey(options, SearchDirs(options.check),
                                          UseColor(options.check.diagnostics.color));
    if (options.use_cache && diags.error_count() == 0 && diags.warning_count() == 0 &&
        ReplayUnchangedBuild(options.output_dir, cache_key, roots)) {
        stats.Count("replayed unchanged build", 1);
        stats.Lap("replay");
        stats.Print();
        return exit_code::kOk;
    }
    stats.Lap("cache lookup");

    SourceManager sources;
    std::vector<std::string> missing;
    ast::Program program =
        LoadRoots(roots, options.check, sources, diags, stats.load(), &missing);
    stats.Lap("load");
    std::optional<sema::Model> model = sema::Check(program, diags);
    stats.Lap("check");
    std::vector<std::string> targets =
        options.targets.empty() ? std::vector<std::string>{"genesys-json"} : options.targets;
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    std::vector<std::pair<std::string, backend::MemorySink>> staged;
    if (model) {
        lower::FlowGraph graph = lower::Lower(*model, jobs);
        stats.Lap("lower");
        for (const std::string& target : targets) {
            std::unique_ptr<backend::Backend> backend =
                target == "archy" ? backend::MakeArchyBackend(jobs)
                                  : backend::MakeGenesysJsonBackend(jobs);
            staged.emplace_back(target, backend::MemorySink{});
            backend->Generate(graph, staged.back().second, diags);
        }
        stats.Lap("generate");
    }
    BuildRecord record;
    record.key = cache_key;
    record.roots = roots;
    record.missing = std::move(missing);
    CommitCounts total;
    std::string printed;
    if (model && !diags.has_errors()) {
        for (const auto& [target, sink] : staged) {
            std::string dir =
                targets.size() == 1 ? options.output_dir : options.output_dir + "/" + target;
            CommitCounts counts;
            if (!CommitToDirectory(sink.files(), dir, InputPaths(sources), diags,
                                   /*remove_stale=*/true, &counts, jobs)) {
                break;
            }
            total.written += counts.written;
            total.unchanged += counts.unchanged;
            record.output_dirs.push_back(dir);
            record.output_files.emplace_back();
            for (const auto& file : sink.files()) record.output_files.back().push_back(file.first);
            printed += fmt::format("wrote {} flow{} and manifest.json to {}\n",
                                   sink.files().size() - 1, sink.files().size() == 2 ? "" : "s",
                                   dir);
        }
        std::uint64_t files = 0;
        std::uint64_t bytes = 0;
        for (const auto& [target, sink] : staged) {
            files += sink.files().size();
            for (const auto& file : sink.files()) bytes += file.second.size();
        }
        stats.Count("output files", files);
        stats.Count("output files rewritten", total.written);
        stats.Count("output files unchanged", total.unchanged);
        stats.Count("output bytes", bytes);
        stats.Lap("write");
    }
    record.printed_stderr = RenderDiagnostics(diags, sources, options.check.diagnostics);
    std::fwrite(record.printed_stderr.data(), 1, record.printed_stderr.size(), stderr);
    std::fflush(stderr);
    int code = ExitCodeFor(diags);
    if (code == exit_code::kOk) {
        std::fwrite(printed.data(), 1, printed.size(), stdout);
        record.printed_stdout = std::move(printed);
        if (options.use_cache) RecordBuild(options.output_dir, record, sources);
    }
    stats.Lap("report");
    stats.Print();
    return code;
}

}  // namespace flowc
