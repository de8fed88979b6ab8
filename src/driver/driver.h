// The driver: flowc's pipeline as recipes (load -> check -> lower -> generate -> stage ->
// commit), with the build cache, the incremental build and the output directory's staging
// behind them. It never prints and never parses a command line: the CLI (src/cli/) hands it
// options and prints what it returns, diagnostics rendered as text or JSON, and exit codes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/program.h"
#include "base/source_file.h"
#include "diag/engine.h"
#include "driver/options.h"
#include "driver/report.h"
#include "driver/run_stats.h"
#include "sema/check.h"
#include "sema/model.h"

namespace flowc {

// The threads `-j` asks for: 0 means one per core.
unsigned JobsFor(const CheckOptions& options);

// What `targets` (registry names; empty: none) refuse of the language, for the checker.
sema::TargetLimits LimitsOf(const std::vector<std::string>& targets);

// Loads the command line's inputs with their imports and checks them (`check`, `doc`,
// `deploy`), with the rules of `options.targets` too (nullopt when one is broken, as when
// the language's is). The syntax trees are kept in `program` when it is given
// (`--dump-ast`).
std::optional<sema::Model> LoadAndCheck(const CheckOptions& options, SourceManager& sources,
                                        DiagnosticEngine& diags, RunStats* stats = nullptr,
                                        ast::Program* program = nullptr);

// `check --fix-imports`: loads and checks as `check` does, then adds to every file the
// import lines its E0318 diagnostics name (sorted, after its last import or at its top),
// replacing each file atomically and leaving every other file alone. A file that cannot be
// rewritten (read-only, say) is reported in `diags` (E0807) and left as it was. The CLI
// checks again afterwards and reports what remains.
struct ImportFix {
    std::string path;  // as loaded (the command line's spelling, or the import's)
    std::size_t lines_added = 0;
};
std::vector<ImportFix> FixImports(const CheckOptions& options, DiagnosticEngine& diags);

// What a build leaves for the CLI to print: `err` first (diagnostics), then `out`.
struct BuildResult {
    int exit_code = 0;
    std::string out;
    std::string err;
};

// `flowc build`: a replay of the last build into the directory when nothing changed, an
// incremental build when little did, a full build otherwise (driver/build.cpp).
BuildResult Build(const BuildOptions& options, RunStats& stats);

// `doc -o FILE`: replaced atomically when it is a regular file (or missing), written into
// when it is a device or a FIFO (`-o /dev/stdout`), which is never renamed over; never one of
// `inputs`. A missing directory above it is created. Problems go to `diags` (E0801, E0802);
// the file is then as it was.
void WriteOutputFile(const std::string& file, const std::string& bytes,
                     const std::vector<std::string>& inputs, DiagnosticEngine& diags);

// The paths of every source file read (command-line inputs and imports).
std::vector<std::string> InputPaths(const SourceManager& sources);

}  // namespace flowc
