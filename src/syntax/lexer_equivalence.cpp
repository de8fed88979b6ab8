#include "syntax/lexer_equivalence.h"

#include <fmt/format.h>

#include "FlowLexer.h"
#include "base/source_file.h"
#include "base/utf8.h"
#include "syntax/internal/lexer.h"
#include "syntax/internal/offset_map.h"

namespace flowc {
namespace {

std::string Describe(antlr4::Token& token, std::size_t line, std::size_t column) {
    return fmt::format("type {} channel {} [{}, {}] {}:{} `{}`", token.getType(),
                       token.getChannel(), token.getStartIndex(),
                       static_cast<long long>(token.getStopIndex()), line, column, token.getText());
}

}  // namespace

std::optional<std::string> FirstLexerDifference(std::string_view text) {
    antlr4::ANTLRInputStream generated_input(text.data(), text.size());
    flowc_grammar::FlowLexer generated(&generated_input);
    generated.removeErrorListeners();
    antlr4::ANTLRInputStream hand_input(text.data(), text.size());
    syntax_internal::FlowTokenSource hand(text, &hand_input);
    // FlowLexer defines the tokens; lines are SourceFile's (ANTLR's runtime ends a line at LF
    // only, flowc also at a lone CR), so the expected line and column come from its line table.
    std::string_view body = text.starts_with(kUtf8Bom) ? text.substr(kUtf8Bom.size()) : text;
    SourceFile lines(0, "", std::string(body));
    syntax_internal::OffsetMap offsets(body);
    for (std::size_t i = 0;; ++i) {
        std::unique_ptr<antlr4::Token> want = generated.nextToken();
        std::unique_ptr<antlr4::Token> got = hand.nextToken();
        LineColumn at = lines.Locate(offsets.ByteOffset(want->getStartIndex()));
        std::string a = Describe(*want, at.line, at.column - 1);
        std::string b = Describe(*got, got->getLine(), got->getCharPositionInLine());
        if (a != b) return fmt::format("token {}: FlowLexer {}, hand-written {}", i, a, b);
        if (want->getType() == antlr4::Token::EOF) return std::nullopt;
    }
}

}  // namespace flowc
