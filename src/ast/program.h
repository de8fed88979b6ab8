// A whole build: every parsed file (the command line's and everything they import) and the
// import edges between them. Lives in ast/ so that sema needs neither load nor syntax.
#pragma once

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
