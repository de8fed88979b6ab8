// From command-line paths to a parsed Program: expands directories, reads each file once
// (size cap, unreadable input), parses it, and follows its imports transitively.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ast/program.h"
#include "base/source_file.h"
#include "diag/engine.h"
#include "load/source_loader.h"
#include "syntax/parse.h"

namespace flowc {

// Files named on the command line, plus every `*.flow` below each named directory (sorted,
// hidden directories skipped). A path reached twice is listed once. Missing paths, empty
// directories, subdirectories that cannot be read (E0005) and links to directories, which
// are not followed (E0806), are reported.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      DiagnosticEngine& diags);

// What loading cost, for `--stats`.
struct LoadStats {
    std::size_t files = 0;
    std::uint64_t bytes = 0;
    double read_seconds = 0;
    double parse_seconds = 0;  // UTF-8 guard, lexing, parsing and building the AST
    std::size_t sll_fallbacks = 0;
};

struct LoadOptions {
    // Where `import "x.flow"` looks after the importing file's own directory, in order:
    // `-I` directories, the standard library, then FLOWC_PATH entries.
    std::vector<std::string> search_dirs;
    ParseOptions parse;
    LoadStats* stats = nullptr;  // filled in when set
    unsigned jobs = 1;           // files parsed at once
    // When set, receives every import candidate that was looked at and absent: a file
    // created there later would change what the import finds.
    std::vector<std::string>* missing_probes = nullptr;
    // Notes for an import that is not found, about the search path itself (a standard
    // library directory that does not exist).
    std::vector<std::string> search_path_notes;
};

// Loads the roots and, breadth-first, everything they import. Each file (by identity, so
// `a/../b.flow` and `b.flow` are one) is read and parsed once; import cycles are fine.
ast::Program LoadProgram(const std::vector<std::string>& roots, const SourceLoader& loader,
                         SourceManager& sources, DiagnosticEngine& diags,
                         const LoadOptions& options);

// True for the codes that mean "input missing or unreadable" (exit code 66).
bool IsInputError(Code code);

}  // namespace flowc
