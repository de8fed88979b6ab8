// `flowc check PATH...`: load, parse and check the whole build; report every problem.
#include <fmt/format.h>

#include <cstdio>

#include "ast/ast_dump.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "driver/driver.h"
#include "lower/graph_dump.h"
#include "lower/lower.h"
#include "sema/model_dump.h"

namespace flowc {

int RunCheck(const CheckOptions& options) {
    RunStats stats(options.stats);
    // `--fix-imports` first, then the check proper reports what remains.
    DiagnosticEngine fix_problems;
    std::string fixed;
    if (options.fix_imports) {
        for (const ImportFix& fix : FixImports(options, fix_problems)) {
            fixed += fmt::format("added {} import{} to {}\n", fix.lines_added,
                                 fix.lines_added == 1 ? "" : "s", fix.path);
        }
        stats.Lap("fix imports");
    }
    DiagnosticEngine diags;
    SourceManager sources;
    ast::Program program;
    std::optional<sema::Model> model = LoadAndCheck(options, sources, diags, &stats, &program);
    for (const Diagnostic& d : fix_problems.Reported()) diags.Report(d);

    Print(stderr, RenderDiagnostics(diags, sources, options.diagnostics));
    std::fwrite(fixed.data(), 1, fixed.size(), stdout);
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
            dump += lower::DumpGraph(lower::Lower(*model, JobsFor(options)), sources);
        }
        std::fwrite(dump.data(), 1, dump.size(), stdout);
    } else if (model) {
        std::size_t shared = 0;
        std::size_t inqueue = 0;
        std::size_t inbound = 0;
        std::size_t actions = 0;
        for (const sema::Flow& flow : model->flows) {
            shared += flow.kind == sema::FlowKind::kShared;
            inqueue += flow.kind == sema::FlowKind::kInQueue;
            inbound += flow.kind == sema::FlowKind::kInbound;
            actions += flow.kind == sema::FlowKind::kDataAction;
        }
        std::string summary = fmt::format("checked {} file{}: {} shared flow{}, {} inbound flow{}",
                                          sources.size(), sources.size() == 1 ? "" : "s", shared,
                                          shared == 1 ? "" : "s", inbound, inbound == 1 ? "" : "s");
        // Said only when there are some: the summary of a v1 program stays as it was.
        if (inqueue > 0)
            summary += fmt::format(", {} in-queue flow{}", inqueue, inqueue == 1 ? "" : "s");
        if (actions > 0)
            summary += fmt::format(", {} data action{}", actions, actions == 1 ? "" : "s");
        summary += '\n';
        std::fwrite(summary.data(), 1, summary.size(), stdout);
    }
    stats.Lap("report");
    Print(stderr, stats.Text());
    return code;
}

}  // namespace flowc
