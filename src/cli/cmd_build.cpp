// `flowc build PATH... -o DIR`: check, lower, generate, and write the files atomically.
// Nothing is written when any error was reported.
#include <fmt/format.h>

#include <cstdio>

#include "backend/backend.h"
#include "cli/load_inputs.h"
#include "cli/options.h"
#include "cli/output_dir.h"
#include "cli/print_diagnostics.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {

int RunBuild(const BuildOptions& options) {
    DiagnosticEngine diags;
    SourceManager sources;
    ast::Program program = LoadInputs(options.check, sources, diags);
    std::optional<sema::Model> model = sema::Check(program, diags);
    std::size_t written = 0;
    if (model) {
        lower::FlowGraph graph = lower::Lower(*model);
        std::unique_ptr<backend::Backend> target = backend::MakeGenesysJsonBackend();
        backend::MemorySink staged;
        target->Generate(graph, staged, diags);
        if (!diags.has_errors() && CommitToDirectory(staged.files(), options.output_dir, diags)) {
            written = staged.files().size();
        }
    }
    PrintDiagnostics(diags, sources, options.check.diagnostics);
    int code = ExitCodeFor(diags);
    if (code == exit_code::kOk) {
        std::string summary = fmt::format("wrote {} flow{} and manifest.json to {}\n", written - 1,
                                          written == 2 ? "" : "s", options.output_dir);
        std::fwrite(summary.data(), 1, summary.size(), stdout);
    }
    return code;
}

}  // namespace flowc
