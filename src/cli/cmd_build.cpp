// `flowc build PATH... -o DIR`: check, lower, generate, and write the files atomically.
// Nothing is written when any error was reported, for any target. When nothing changed
// since the last build into DIR, the recorded output is replayed instead (build_cache.h);
// when a few files changed, only they may be rebuilt (incremental_build.h).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "backend/registry.h"
#include "base/parallel.h"
#include "cli/build_cache.h"
#include "cli/incremental_build.h"
#include "cli/load_inputs.h"
#include "cli/options.h"
#include "cli/output_dir.h"
#include "cli/print_diagnostics.h"
#include "cli/run_stats.h"
#include "load/load.h"
#include "lower/interface.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

// Passes files on, adding up their sizes for --stats.
class CountingSink final : public backend::OutputSink {
  public:
    CountingSink(backend::OutputSink& next, std::uint64_t& bytes) : next_(next), bytes_(bytes) {}
    void Write(const std::string& path, std::string bytes) override {
        bytes_ += bytes.size();
        next_.Write(path, std::move(bytes));
    }

  private:
    backend::OutputSink& next_;
    std::uint64_t& bytes_;
};

// Each target once, sorted; with more than one, each in a directory of its own under DIR.
std::vector<OutputTarget> OutputTargets(const BuildOptions& options) {
    std::vector<std::string> names =
        options.targets.empty() ? std::vector<std::string>{std::string(backend::kDefaultTarget)}
                                : options.targets;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<OutputTarget> targets;
    for (const std::string& name : names) {
        targets.push_back(
            {name, names.size() == 1 ? options.output_dir : options.output_dir + "/" + name});
    }
    return targets;
}

}  // namespace

int RunBuild(const BuildOptions& options) {
    // Ctrl-C ends the build at once, whatever phase it is in, with nothing left behind; only
    // the commit is waited for.
    InterruptibleBuild interrupts;
    RunStats stats(options.check.stats);
    const unsigned jobs = options.check.jobs == 0 ? DefaultJobs() : options.check.jobs;
    DiagnosticEngine diags;
    std::vector<std::string> roots = ExpandInputs(options.check.inputs, diags);
    const std::vector<std::string> search_dirs = SearchDirs(options.check);
    std::string cache_key =
        options.use_cache
            ? BuildCacheKey(options, search_dirs, UseColor(options.check.diagnostics.color))
            : std::string();
    const std::vector<OutputTarget> targets = OutputTargets(options);
    if (options.use_cache && diags.error_count() == 0 && diags.warning_count() == 0) {
        if (std::optional<PreviousBuild> previous =
                FindPreviousBuild(options.output_dir, cache_key, roots)) {
            if (previous->changed.empty()) {
                ReplayOutput(previous->record);
                stats.Count("replayed unchanged build", 1);
                stats.Lap("replay");
                stats.Print();
                return exit_code::kOk;
            }
            stats.Lap("cache lookup");
            if (std::optional<int> code =
                    BuildIncrementally(options, *previous, search_dirs, targets, jobs, stats)) {
                stats.Print();
                return *code;
            }
            // What follows is a full build; its figures start afresh.
            stats = RunStats(options.check.stats);
            stats.Count("incremental build given up", 1);
        }
    }
    stats.Lap("cache lookup");

    SourceManager sources;
    std::vector<std::string> missing;
    ast::Program program =
        LoadRoots(roots, options.check, search_dirs, sources, diags, stats.load(), &missing);
    stats.Lap("load");
    std::vector<std::vector<std::string>> imports;
    if (options.use_cache) {
        imports.resize(sources.size());
        for (const ast::ParsedFile& file : program.files) {
            for (const ast::Import& import : file.ast.imports)
                imports[file.id].push_back(import.path);
        }
    }
    std::optional<sema::Model> model = sema::Check(std::move(program), diags, jobs);
    // The model owns everything later phases read; the syntax trees can go before the flow
    // graph is built, which keeps the peak down (diagnostics only need `sources`).
    program = ast::Program{};
    stats.Lap("check");
    // Each target's files go to temporaries in its directory as they are generated; they
    // replace the old files only when no target reported an error.
    std::vector<std::unique_ptr<StagedDirectory>> staged;
    std::vector<std::string> dirs;
    std::uint64_t output_bytes = 0;
    std::vector<lower::FileInterface> interfaces;
    if (model && !diags.has_errors()) {
        // Lowered batch by batch while it is generated: the whole graph would take about six
        // times the source's size in memory.
        lower::FlowGraph graph = lower::PlanLowering(*model, jobs);
        std::vector<std::string> inputs = InputPaths(sources);
        for (const OutputTarget& target : targets) {
            dirs.push_back(target.dir);
            staged.push_back(std::make_unique<StagedDirectory>(dirs.back(), inputs, diags));
            if (diags.has_errors()) break;
            CountingSink counted(*staged.back(), output_bytes);
            backend::GenerateAll(graph, target.name, counted, diags, nullptr, jobs);
        }
        if (options.use_cache && !diags.has_errors())
            interfaces = lower::InterfaceSources(graph, sources.size(), imports);
        stats.Lap("lower, generate and stage");
    }
    BuildRecord record;
    record.key = cache_key;
    record.roots = roots;
    record.missing = std::move(missing);
    CommitCounts total;
    std::string printed;
    if (model && !diags.has_errors()) {
        std::vector<StagedDirectory*> to_commit;
        for (const auto& dir : staged) to_commit.push_back(dir.get());
        // Read while every directory is locked (the first Write took the lock), so that no
        // other build's record can change under it; only when something may be stale.
        bool others = std::any_of(staged.begin(), staged.end(),
                                  [](const auto& dir) { return dir->HoldsOtherFiles(); });
        std::vector<OwnedFiles> owned =
            others ? OwnedOutputs(options.output_dir, dirs) : std::vector<OwnedFiles>(dirs.size());
        if (CommitAll(to_commit, &owned, &total)) {
            for (std::size_t i = 0; i < staged.size(); ++i) {
                const std::vector<std::string>& names = staged[i]->names();
                record.output_dirs.push_back(dirs[i]);
                record.output_files.push_back(names);
                record.output_sha256.push_back(staged[i]->written());
                printed += fmt::format("wrote {} flow{} and manifest.json to {}\n",
                                       names.size() - 1, names.size() == 2 ? "" : "s", dirs[i]);
            }
        }
        stats.Count("output files rewritten", total.written);
        stats.Count("output files unchanged", total.unchanged);
        stats.Count("output bytes", output_bytes);
        stats.Lap("commit");
    }
    record.printed_stderr = RenderDiagnostics(diags, sources, options.check.diagnostics);
    std::fwrite(record.printed_stderr.data(), 1, record.printed_stderr.size(), stderr);
    std::fflush(stderr);
    int code = BuildExitCode(diags);
    if (code == exit_code::kOk) {
        std::fwrite(printed.data(), 1, printed.size(), stdout);
        record.printed_stdout = std::move(printed);
        // Recorded also with --no-cache (under a key nothing replays): the record is what
        // proves, to the next build, which files in the directory are flowc's.
        if (options.use_cache) record.sources = CachedSources(sources, std::move(interfaces));
        RecordBuild(options.output_dir, record);
    }
    // Only now are the directories unlocked: the next build into them reads this record.
    staged.clear();  // also removes the temporaries of a build that failed
    stats.Lap("report");
    stats.Print();
    return code;
}

}  // namespace flowc
