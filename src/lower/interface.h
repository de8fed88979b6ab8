// What the other files of a build can see of one source file, written back as flow source:
// its imports, its resources (kind, name, platform name), and for each of its flows the
// kind, name, platform name, parameters (with their defaults), outputs, whether it is
// external, and the shared flows it calls. Nothing else of a file
// reaches another file's checking, lowering or generated output, so an incremental build
// checks an edited file against these stubs instead of parsing the files that did not
// change, and an edit whose stub is unchanged cannot change what the other files produce.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lower/flow_graph.h"

namespace flowc::lower {

// A file's stub: its imports, then its resources, its shared flows and data actions, then its
// inbound flows.
// Only the resources, shared flows and data actions can be named from other files, so only they
// (`text[declarations_begin, declarations_end)`) are needed to check another file; the whole stub
// tells whether an edit kept the file's interface.
struct FileInterface {
    std::string text;
    std::size_t declarations_begin = 0;
    std::size_t declarations_end = 0;
    std::string_view declarations() const {
        return std::string_view(text).substr(declarations_begin,
                                             declarations_end - declarations_begin);
    }
};

// One stub per file of the build, indexed by FileId. `imports[file]` are the file's import
// paths as written, in order. Every stub parses and checks without a diagnostic when the
// build it comes from did, and gives the same flow headers and call edges.
std::vector<FileInterface> InterfaceSources(const FlowGraph& graph, std::size_t file_count,
                                            const std::vector<std::vector<std::string>>& imports);

}  // namespace flowc::lower
