// Options shared by the subcommands; the only place that knows CLI11 is main.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/exit_codes.h"
#include "deploy/deploy.h"

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
    bool dump_model = false;  // --dump-model: the checked model (sema/model_dump.h)
    bool dump_graph = false;  // --dump-graph: the lowered flow graph (lower/graph_dump.h)
    bool stats = false;       // --stats: time per phase on stderr
    unsigned jobs = 0;        // -j: threads for parsing, rendering and writing; 0: every core
};

struct BuildOptions {
    CheckOptions check;
    std::string output_dir;
    // One target writes into output_dir; several write into output_dir/<target>/.
    std::vector<std::string> targets;  // empty: genesys-json
    bool use_cache = true;             // --no-cache: always a full build
};

struct DocOptions {
    CheckOptions check;
    std::string output_file;  // empty: stdout
    std::string title = "Shared flows";
};

struct DeployCommandOptions {
    CheckOptions check;
    std::string target;     // archy or genesys-json; required
    std::string env_file;   // --env-file; empty: .env in the working directory, if present
    std::string api_base;   // --api-base
    std::string ca_bundle;  // --ca-bundle
    deploy::DeployOptions deploy;
};

int RunCheck(const CheckOptions& options);
int RunDoc(const DocOptions& options);
int RunBuild(const BuildOptions& options);
int RunExplain(const std::string& code);
int RunDeploy(const DeployCommandOptions& options);

}  // namespace flowc
