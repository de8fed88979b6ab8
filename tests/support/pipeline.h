// Runs the compiler's front end over in-memory files, for the diagnostics and render tests.
// As phases are added (imports, checking), this is the one place that grows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "diag/engine.h"
#include "sema/check.h"
#include "sema/model.h"

namespace flowc::testing {

struct VirtualFile {
    std::string name;
    std::string text;
    std::uint32_t first_line = 1;  // line of the test file where this virtual file starts
};

// Splits a test file on `// --- name.flow` marker lines. The first part is named `name`.
std::vector<VirtualFile> SplitTestFile(const std::string& name, const std::string& text);

// Loads the files (all of them roots, in order, from memory) with their imports, and runs
// every phase up to the checked model (`limits`: what the targets built for refuse).
std::optional<sema::Model> RunFrontEnd(const std::vector<VirtualFile>& files,
                                       SourceManager& sources, DiagnosticEngine& diags,
                                       const sema::TargetLimits& limits = {});

std::string ReadFileOrDie(const std::string& path);
void WriteFileOrDie(const std::string& path, const std::string& text);

}  // namespace flowc::testing
