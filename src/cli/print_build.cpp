// `flowc build PATH... -o DIR`: the driver builds (driver/build.cpp); this prints what it
// returns, diagnostics first, then what was written, then `--stats`. (Not `cmd_build.cpp`:
// that name's history is the pipeline's, now driver/build.cpp.)
#include <cstdio>

#include "cli/commands.h"
#include "cli/print.h"
#include "driver/driver.h"

namespace flowc {

int RunBuild(const BuildOptions& options) {
    RunStats stats(options.check.stats);
    BuildResult result = Build(options, stats);
    Print(stderr, result.err);
    Print(stdout, result.out);
    Print(stderr, stats.Text());
    return result.exit_code;
}

}  // namespace flowc
