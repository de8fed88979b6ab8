// The engine's diagnostics as the user reads them (text or JSON), and the exit code they
// call for. Rendering only: the CLI prints.
#pragma once

#include <string>

#include "base/source_file.h"
#include "diag/engine.h"
#include "driver/options.h"

namespace flowc {

std::string RenderDiagnostics(const DiagnosticEngine& diags, const SourceManager& sources,
                              const DiagnosticsOptions& options);
// Whether diagnostics are coloured: `auto` means stderr is a terminal, NO_COLOR is unset
// and TERM is not `dumb`.
bool UseColor(ColorMode mode);

// 0 when there are no errors, 66 when input could not be read, 70 for an internal error,
// otherwise 1.
int ExitCodeFor(const DiagnosticEngine& diags);

// The exit code of a build: ExitCodeFor, except 75 (transient) when the output directory
// was locked by another flowc.
int BuildExitCode(const DiagnosticEngine& diags);

}  // namespace flowc
