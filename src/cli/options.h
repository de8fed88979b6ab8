// Options shared by the subcommands; the only place that knows CLI11 is main.cpp.
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
};

// Exit codes (sysexits.h where one fits); documented in `flowc --help` and README.md.
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kInputErrors = 1;
inline constexpr int kChangesPending = 2;
inline constexpr int kUsage = 64;
inline constexpr int kNoInput = 66;
inline constexpr int kInternal = 70;
inline constexpr int kCannotCreate = 73;
inline constexpr int kIoError = 74;
inline constexpr int kTransient = 75;
inline constexpr int kNotAuthorised = 77;
inline constexpr int kConfig = 78;
}  // namespace exit_code

struct BuildOptions {
    CheckOptions check;
    std::string output_dir;
    // One target writes into output_dir; several write into output_dir/<target>/.
    std::vector<std::string> targets;  // empty: genesys-json
};

struct DocOptions {
    CheckOptions check;
    std::string output_file;  // empty: stdout
    std::string title = "Shared flows";
};

int RunCheck(const CheckOptions& options);
int RunDoc(const DocOptions& options);
int RunBuild(const BuildOptions& options);
int RunExplain(const std::string& code);

}  // namespace flowc
