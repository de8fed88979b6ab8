// `flowc build PATH... -o DIR`: check, lower, generate, and write the files atomically.
// Nothing is written when any error was reported, for any target.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "backend/backend.h"
#include "cli/load_inputs.h"
#include "cli/options.h"
#include "cli/output_dir.h"
#include "cli/print_diagnostics.h"
#include "cli/run_stats.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {

int RunBuild(const BuildOptions& options) {
    RunStats stats(options.check.stats);
    DiagnosticEngine diags;
    SourceManager sources;
    ast::Program program = LoadInputs(options.check, sources, diags, stats.load());
    stats.Lap("load");
    std::optional<sema::Model> model = sema::Check(program, diags);
    stats.Lap("check");
    std::vector<std::string> targets =
        options.targets.empty() ? std::vector<std::string>{"genesys-json"} : options.targets;
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    std::vector<std::pair<std::string, backend::MemorySink>> staged;
    if (model) {
        lower::FlowGraph graph = lower::Lower(*model);
        stats.Lap("lower");
        for (const std::string& target : targets) {
            std::unique_ptr<backend::Backend> backend =
                target == "archy" ? backend::MakeArchyBackend() : backend::MakeGenesysJsonBackend();
            staged.emplace_back(target, backend::MemorySink{});
            backend->Generate(graph, staged.back().second, diags);
        }
        stats.Lap("generate");
    }
    std::vector<std::string> written;
    if (model && !diags.has_errors()) {
        for (const auto& [target, sink] : staged) {
            std::string dir =
                targets.size() == 1 ? options.output_dir : options.output_dir + "/" + target;
            if (!CommitToDirectory(sink.files(), dir, InputPaths(sources), diags,
                                   /*remove_stale=*/true)) {
                break;
            }
            written.push_back(fmt::format("{} flow{} and manifest.json to {}",
                                          sink.files().size() - 1,
                                          sink.files().size() == 2 ? "" : "s", dir));
        }
        std::uint64_t files = 0;
        std::uint64_t bytes = 0;
        for (const auto& [target, sink] : staged) {
            files += sink.files().size();
            for (const auto& file : sink.files()) bytes += file.second.size();
        }
        stats.Count("output files", files);
        stats.Count("output bytes", bytes);
        stats.Lap("write");
    }
    PrintDiagnostics(diags, sources, options.check.diagnostics);
    int code = ExitCodeFor(diags);
    if (code == exit_code::kOk) {
        for (const std::string& line : written) {
            std::string summary = "wrote " + line + "\n";
            std::fwrite(summary.data(), 1, summary.size(), stdout);
        }
    }
    stats.Lap("report");
    stats.Print();
    return code;
}

}  // namespace flowc
