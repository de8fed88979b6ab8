// `flowc check PATH...`: load and parse every input, report every problem.
#include <fmt/format.h>

#include <cstdio>

#include "ast/ast_dump.h"
#include "cli/options.h"
#include "cli/print_diagnostics.h"
#include "load/load.h"
#include "syntax/parse.h"

namespace flowc {

int RunCheck(const CheckOptions& options) {
    DiagnosticEngine diags;
    SourceManager sources;
    std::vector<std::string> paths = ExpandInputs(options.inputs, diags);
    ParseOptions parse_options;
    parse_options.max_file_bytes = options.max_file_bytes;
    LoadOptions load_options{options.max_file_bytes};
    std::size_t shared = 0;
    std::size_t inbound = 0;
    std::string dump;
    for (const std::string& path : paths) {
        std::optional<FileId> id = ReadSourceFile(path, sources, diags, load_options);
        if (!id) continue;
        ParseResult parsed = ParseFile(sources.Get(*id), diags, parse_options);
        for (const ast::FlowDecl& flow : parsed.file.flows) {
            ++(flow.kind == ast::FlowKind::kShared ? shared : inbound);
        }
        if (options.dump_ast) dump += ast::Dump(parsed.file, sources.Get(*id));
    }
    PrintDiagnostics(diags, sources, options.diagnostics);
    int code = ExitCodeFor(diags);
    if (options.dump_ast) {
        std::fwrite(dump.data(), 1, dump.size(), stdout);
    } else if (code == exit_code::kOk) {
        std::string summary =
            fmt::format("checked {} file{}: {} shared flow{}, {} inbound flow{}\n", sources.size(),
                        sources.size() == 1 ? "" : "s", shared, shared == 1 ? "" : "s", inbound,
                        inbound == 1 ? "" : "s");
        std::fwrite(summary.data(), 1, summary.size(), stdout);
    }
    return code;
}

}  // namespace flowc
