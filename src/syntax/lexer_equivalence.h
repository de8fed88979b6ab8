// The proof obligation of the hand-written lexer (syntax/internal/lexer.h): on any text it
// must produce the generated FlowLexer's tokens. For tests and the parse fuzzer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowc {

// The first token on which the two lexers differ (type, channel, code-point positions, line,
// column or text), described; nullopt when all tokens, EOF included, are the same. The line
// and column expected are SourceFile's (a lone CR ends a line; ANTLR's runtime ends lines at
// LF only). `text` must pass ParseFile's byte guards (valid UTF-8, no NUL byte).
std::optional<std::string> FirstLexerDifference(std::string_view text);

}  // namespace flowc
