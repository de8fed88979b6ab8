// From command-line paths to SourceFiles: expands directories, reads files with the size cap,
// strips a UTF-8 byte-order mark, and reports unreadable input. Import resolution will live
// here too (loading is where a fake file system is needed in tests).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/source_file.h"
#include "diag/engine.h"

namespace flowc {

struct LoadOptions {
    std::uint64_t max_file_bytes = 8u << 20;
};

// Files named on the command line, plus every `*.flow` below each named directory (sorted,
// hidden directories skipped, symlinked directories not followed). A path reached twice is
// listed once. Missing paths and empty directories are reported.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      DiagnosticEngine& diags);

// Reads one file into `sources`; nullopt (and a diagnostic) when it cannot be read or is over
// the size cap. Refuses FIFOs and devices, which could block or never end.
std::optional<FileId> ReadSourceFile(const std::string& path, SourceManager& sources,
                                     DiagnosticEngine& diags, const LoadOptions& options);

// True when the only errors are about unreadable or missing input (exit code 66).
bool IsInputError(Code code);

}  // namespace flowc
