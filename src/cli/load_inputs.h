// The front end as the commands run it: command-line paths and search directories in,
// the parsed program out.
#pragma once

#include "ast/program.h"
#include "base/source_file.h"
#include "cli/options.h"
#include "diag/engine.h"
#include "load/load.h"

namespace flowc {

ast::Program LoadInputs(const CheckOptions& options, SourceManager& sources,
                        DiagnosticEngine& diags, LoadStats* stats = nullptr);

}  // namespace flowc
