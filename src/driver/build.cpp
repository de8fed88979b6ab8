// `flowc build PATH... -o DIR` as a recipe: check, lower, generate, and write the files
// atomically.
// Nothing is written when any error was reported, for any target. When nothing changed
// since the last build into DIR, the recorded output is replayed instead (build_cache.h);
// when a few files changed, only they may be rebuilt (incremental_build.h).
#include <fmt/format.h>

#include <algorithm>

#include "backend/registry.h"
#include "base/exit_codes.h"
#include "driver/driver.h"
#include "driver/internal/build_cache.h"
#include "driver/internal/incremental_build.h"
#include "driver/internal/load_inputs.h"
#include "driver/internal/output_dir.h"
#include "driver/internal/targets.h"
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

// What every way of building decides first: the inputs, the search path, the cache key
// (empty with --no-cache), the targets and the threads.
struct BuildPlan {
    const std::vector<std::string>& roots;
    const std::vector<std::string>& search_dirs;
    const std::string& cache_key;
    const std::vector<OutputTarget>& targets;
    unsigned jobs;
};

// Load, check, lower and generate every flow into staged directories; commit them when no
// target reported an error; record the build.
BuildResult FullBuild(const BuildOptions& options, const BuildPlan& plan, DiagnosticEngine& diags,
                      RunStats& stats);

}  // namespace

BuildResult Build(const BuildOptions& options, RunStats& stats) {
    // Ctrl-C ends the build at once, whatever phase it is in, with nothing left behind; only
    // the commit is waited for.
    InterruptibleBuild interrupts;
    const unsigned jobs = JobsFor(options.check);
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
                stats.Count("replayed unchanged build", 1);
                stats.Lap("replay");
                return {exit_code::kOk, previous->record.printed_stdout,
                        previous->record.printed_stderr};
            }
            stats.Lap("cache lookup");
            if (std::optional<BuildResult> result =
                    BuildIncrementally(options, *previous, search_dirs, targets, jobs, stats)) {
                return *result;
            }
            // What follows is a full build; its figures start afresh.
            stats = RunStats(options.check.stats);
            stats.Count("incremental build given up", 1);
        }
    }
    stats.Lap("cache lookup");
    return FullBuild(options, {roots, search_dirs, cache_key, targets, jobs}, diags, stats);
}

namespace {

BuildResult FullBuild(const BuildOptions& options, const BuildPlan& plan, DiagnosticEngine& diags,
                      RunStats& stats) {
    const auto& [roots, search_dirs, cache_key, targets, jobs] = plan;
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
    std::optional<sema::Model> model =
        sema::Check(std::move(program), diags, jobs, LimitsOf(TargetNamesOf(targets)));
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
    std::string printed;
    if (model && !diags.has_errors()) {
        // Read while every directory is locked (the first Write took the lock), so that no
        // other build's record can change under it; only when something may be stale.
        bool others = std::any_of(staged.begin(), staged.end(),
                                  [](const auto& dir) { return dir->HoldsOtherFiles(); });
        std::vector<OwnedFiles> owned =
            others ? OwnedOutputs(options.output_dir, dirs) : std::vector<OwnedFiles>(dirs.size());
        if (CommitTargets(staged, &owned, stats)) {
            for (std::size_t i = 0; i < staged.size(); ++i) {
                const std::vector<std::string>& names = staged[i]->names();
                record.output_dirs.push_back(dirs[i]);
                record.output_files.push_back(names);
                record.output_sha256.push_back(staged[i]->written());
                printed += fmt::format("wrote {} flow{} and manifest.json to {}\n",
                                       names.size() - 1, names.size() == 2 ? "" : "s", dirs[i]);
            }
        }
        stats.Count("output bytes", output_bytes);
        stats.Lap("commit");
    }
    record.printed_stderr = RenderDiagnostics(diags, sources, options.check.diagnostics);
    BuildResult result{BuildExitCode(diags), std::string(), record.printed_stderr};
    if (result.exit_code == exit_code::kOk) {
        result.out = printed;
        record.printed_stdout = std::move(printed);
        // Recorded also with --no-cache (under a key nothing replays): the record is what
        // proves, to the next build, which files in the directory are flowc's.
        if (options.use_cache) record.sources = CachedSources(sources, std::move(interfaces));
        RecordBuild(options.output_dir, record);
    }
    // Only now are the directories unlocked: the next build into them reads this record.
    staged.clear();  // also removes the temporaries of a build that failed
    stats.Lap("report");
    return result;
}

}  // namespace
}  // namespace flowc
