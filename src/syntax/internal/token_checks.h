// The pass between lexing and parsing: reports lexical errors (unterminated strings and
// comments, stray characters), repairs the token stream so each yields one error rather than
// a cascade, and refuses nesting deep enough to overflow ANTLR's recursive descent.
#pragma once

#include <cstdint>

#include "FlowParser.h"
#include "syntax/internal/error_sink.h"

namespace flowc::syntax_internal {

// Returns false when the file nests deeper than `max_nesting`; it must not be parsed then.
bool CheckTokens(antlr4::CommonTokenStream& tokens, ErrorSink& sink, std::uint32_t max_nesting);

}  // namespace flowc::syntax_internal
