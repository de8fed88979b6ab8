// Puts a build's files into the output directory without ever leaving a half-written one:
// every file goes to a temporary name in the same directory first; only when all are
// written are they renamed into place, the manifest last. With `remove_stale`, files that
// the previous manifest listed and this build no longer produces are removed; nothing else
// is ever touched.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "diag/engine.h"

namespace flowc {

// False (with E0801 or E0802 reported) when the directory cannot be created or a file
// cannot be written; the directory then holds exactly what it held before.
bool CommitToDirectory(const std::vector<std::pair<std::string, std::string>>& files,
                       const std::string& dir, DiagnosticEngine& diags, bool remove_stale);

}  // namespace flowc
