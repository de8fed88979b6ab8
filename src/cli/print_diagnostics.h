// Prints the engine's diagnostics to stderr in the chosen format and picks the exit code.
#pragma once

#include <string>

#include "base/source_file.h"
#include "cli/options.h"
#include "diag/engine.h"

namespace flowc {

void PrintDiagnostics(const DiagnosticEngine& diags, const SourceManager& sources,
                      const DiagnosticsOptions& options);
// What PrintDiagnostics prints.
std::string RenderDiagnostics(const DiagnosticEngine& diags, const SourceManager& sources,
                              const DiagnosticsOptions& options);
// Whether diagnostics are coloured: `auto` means stderr is a terminal, NO_COLOR is unset
// and TERM is not `dumb`.
bool UseColor(ColorMode mode);

// 0 when there are no errors, 66 when input could not be read, 70 for an internal error,
// otherwise 1.
int ExitCodeFor(const DiagnosticEngine& diags);

}  // namespace flowc
