// The syntax layer's whole public surface: source text in, owned AST out. No ANTLR type or
// header appears here or anywhere outside src/syntax/.
#pragma once

#include <cstdint>

#include "ast/ast.h"
#include "base/source_file.h"
#include "diag/engine.h"

namespace flowc {

struct ParseOptions {
    // Files larger than this are refused before lexing.
    std::uint64_t max_file_bytes = 8u << 20;
    // Deeper nesting of blocks and expressions is refused: ANTLR's recursive descent would
    // otherwise overflow the stack.
    std::uint32_t max_nesting = 256;
};

struct ParseResult {
    ast::File file;
    // False when any error was reported for this file; the AST then holds whatever could be
    // built and later phases must not trust it to be complete.
    bool ok = false;
    // The fast SLL parse failed and the file was parsed again with full LL. On a valid file
    // this means the grammar needs full context somewhere (docs/performance.md).
    bool sll_fallback = false;
};

// Never throws; every problem becomes a diagnostic. The lexer, token stream and parse tree
// live only inside this call.
ParseResult ParseFile(const SourceFile& source, DiagnosticEngine& diags,
                      const ParseOptions& options = {});

}  // namespace flowc
