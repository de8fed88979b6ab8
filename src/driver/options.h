// What the driver is asked to do: the options of the commands that read sources. main.cpp
// fills them from the command line (CLI11 lives only there); the driver never parses them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flowc {

enum class ColorMode { kAuto, kAlways, kNever };
enum class DiagnosticsFormat { kText, kJson };

struct DiagnosticsOptions {
    ColorMode color = ColorMode::kAuto;
    DiagnosticsFormat format = DiagnosticsFormat::kText;
    std::size_t error_limit = 20;
    bool snippets = true;
};

struct CheckOptions {
    std::vector<std::string> inputs;
    DiagnosticsOptions diagnostics;
    std::uint64_t max_file_bytes = 8u << 20;
    std::vector<std::string> include_dirs;  // -I, searched in order after the importing file's dir
    std::string stdlib_dir;                 // --stdlib; empty: the bundled one
    bool dump_ast = false;
    bool dump_model = false;   // --dump-model: the checked model (sema/model_dump.h)
    bool dump_graph = false;   // --dump-graph: the lowered flow graph (lower/graph_dump.h)
    bool fix_imports = false;  // check --fix-imports: add the import lines files lack first
    bool stats = false;        // --stats: time per phase on stderr
    unsigned jobs = 0;         // -j: threads for parsing, rendering and writing; 0: every core
    // `check --target` (and deploy's target): their rules are checked as `build` checks
    // them, and the checker's help never suggests what they refuse. Empty: the language's
    // rules only.
    std::vector<std::string> targets;
};

struct BuildOptions {
    CheckOptions check;
    std::string output_dir;
    // One target writes into output_dir; several write into output_dir/<target>/.
    std::vector<std::string> targets;  // empty: genesys-json
    bool use_cache = true;             // --no-cache: always a full build
};

}  // namespace flowc
