// The front end as the commands run it: command-line paths and search directories in,
// the parsed program out.
#pragma once

#include <string>
#include <vector>

#include "ast/program.h"
#include "base/source_file.h"
#include "diag/engine.h"
#include "driver/options.h"
#include "load/load.h"

namespace flowc {

ast::Program LoadInputs(const CheckOptions& options, SourceManager& sources,
                        DiagnosticEngine& diags, LoadStats* stats = nullptr);

// The same in steps, for `build`'s cache: the search path, then the expanded inputs, then
// loading them (recording in `missing` the import candidates that were absent), from the
// disk unless `loader` is given.
std::vector<std::string> SearchDirs(const CheckOptions& options);
ast::Program LoadRoots(const std::vector<std::string>& roots, const CheckOptions& options,
                       const std::vector<std::string>& search_dirs, SourceManager& sources,
                       DiagnosticEngine& diags, LoadStats* stats, std::vector<std::string>* missing,
                       const SourceLoader* loader = nullptr);

// Where the bundled standard library is: installed beside the binary
// (`<bin>/../share/flowc/stdlib`, `<bin>/stdlib`), or the source tree's when the binary runs
// from its CMake build directory. `tried` lists every place looked at, in order; `dir` is
// empty when none exists.
struct BundledStdlib {
    std::string dir;
    std::vector<std::string> tried;
};
const BundledStdlib& FindBundledStdlib();

}  // namespace flowc
