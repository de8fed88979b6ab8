// The one printer for diagnostics: text for people (clang/rustc style) and JSON for tools.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "diag/diagnostic.h"

namespace flowc {

struct RenderOptions {
    bool color = false;
    bool snippets = true;          // false: one line per fact, for build logs
    std::size_t error_limit = 20;  // errors printed before stopping; 0 = no limit
};

// Text: each entry starts `path:line:col: severity[CODE]: message`, then the source line
// with carets under the span, secondary labels, `= note:` and `= help:` lines; last comes a
// count such as "2 errors generated". `diagnostics` must already be sorted (engine order).
std::string RenderText(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                       const RenderOptions& options);

// One JSON document: {"diagnostics": [...], "errors": N, "warnings": M}.
std::string RenderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources);

// "2 errors and 1 warning generated"; empty when there is nothing to count.
std::string CountLine(std::size_t errors, std::size_t warnings);

}  // namespace flowc
