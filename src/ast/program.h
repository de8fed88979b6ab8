// A whole build: every parsed file (the command line's and everything they import) and the
// import edges between them. Lives in ast/ so that sema needs neither load nor syntax.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"

namespace flowc::ast {

struct ParsedFile {
    FileId id = kNoFile;
    File ast;
    // False when the file had errors: its declarations are known but not trusted, and its
    // bodies are not checked (their errors were already reported).
    bool ok = false;
    // False when not even the declarations could be built (a syntax error).
    bool has_declarations = false;
    // Where the file is, so that the checker can write the `import` line another file needs
    // to reach it (without asking load): its absolute, normalised path with `/` separators.
    std::string location;
    // When the file lies in a search directory (`-I`, the standard library, FLOWC_PATH; the
    // first that holds it), its path below that directory as an import names it
    // (`hours/service_status.flow`); empty otherwise.
    std::string search_path;
};

struct ImportEdge {
    FileId from = kNoFile;
    Span at;  // the import's string literal
    FileId to = kNoFile;
};

struct Program {
    std::vector<ParsedFile> files;  // in load order: command-line files first, then imports
    std::vector<ImportEdge> imports;
};

}  // namespace flowc::ast
