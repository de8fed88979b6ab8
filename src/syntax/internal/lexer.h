// A hand-written lexer for the generated parser: the same tokens as grammar/Flow.g4's lexer
// rules (types, channels, code-point positions, lines and columns, EOF), without ANTLR's
// lexer ATN, whose DFA walk and locks took more than half of parsing (docs/performance.md).
// The generated FlowLexer stays the definition: a test lexes the examples, the standard
// library, every diagnostics test, a generated project, every code point and random input
// with both and compares every token, and the parse fuzzer does the same.
#pragma once

#include <string_view>

#include "antlr4-runtime.h"

namespace flowc::syntax_internal {

class FlowTokenSource final : public antlr4::TokenSource {
  public:
    // `text` is valid UTF-8 without NUL bytes (ParseFile's byte guards); `input` holds the
    // same text, for the tokens' getText().
    FlowTokenSource(std::string_view text, antlr4::CharStream* input);

    std::unique_ptr<antlr4::Token> nextToken() override;
    size_t getLine() const override { return line_; }
    size_t getCharPositionInLine() override { return column_; }
    antlr4::CharStream* getInputStream() override { return input_; }
    std::string getSourceName() override { return input_->getSourceName(); }
    antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

  private:
    // Consumes one code point (updating the line, column and code-point index).
    void Advance();
    char32_t Peek(std::size_t byte_offset, std::size_t* length = nullptr) const;
    std::size_t Lex();  // the type of the token starting at pos_, consumed

    std::string_view text_;
    antlr4::CharStream* input_;
    std::size_t pos_ = 0;    // byte offset
    std::size_t index_ = 0;  // code-point index (ANTLR's token positions)
    std::size_t line_ = 1;
    std::size_t column_ = 0;
    std::size_t channel_ = 0;
};

}  // namespace flowc::syntax_internal
