// The second chance of a file that did not parse: before the parse with recovery, the slips
// people make most (an unclosed `{`, `and` for `&&`, `elif`, `=` in a condition, `==` in an
// assignment, assigning `call.` values) are reported once each, in the language's spelling,
// and mended in the token stream, so that the parser reports nothing that follows from them.
// Only a file that failed to parse is repaired: a valid file can never be changed by it.
#pragma once

#include <cstddef>
#include <string>

#include "FlowParser.h"
#include "syntax/internal/error_sink.h"

namespace flowc::syntax_internal {

// A token stream that can take the tokens a slip left out.
class RepairableTokenStream : public antlr4::CommonTokenStream {
  public:
    using antlr4::CommonTokenStream::CommonTokenStream;
    // Inserts an empty token of `type` at the position of the token at `index`.
    void InsertBefore(std::size_t index, std::size_t type, const std::string& text);
};

void RepairSlips(RepairableTokenStream& tokens, ErrorSink& sink);

}  // namespace flowc::syntax_internal
