// `flowc build PATH... -o DIR`: the driver builds (driver/build.cpp); this prints what it
// returns, diagnostics first, then what was written, then `--stats`.
#include <cstdio>

#include "cli/options.h"
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
