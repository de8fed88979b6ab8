#include "syntax/lexer_equivalence.h"

#include <fmt/format.h>

#include "FlowLexer.h"
#include "syntax/internal/lexer.h"

namespace flowc {
namespace {

std::string Describe(antlr4::Token& token) {
    return fmt::format("type {} channel {} [{}, {}] {}:{} `{}`", token.getType(),
                       token.getChannel(), token.getStartIndex(),
                       static_cast<long long>(token.getStopIndex()), token.getLine(),
                       token.getCharPositionInLine(), token.getText());
}

}  // namespace

std::optional<std::string> FirstLexerDifference(std::string_view text) {
    antlr4::ANTLRInputStream generated_input(text.data(), text.size());
    flowc_grammar::FlowLexer generated(&generated_input);
    generated.removeErrorListeners();
    antlr4::ANTLRInputStream hand_input(text.data(), text.size());
    syntax_internal::FlowTokenSource hand(text, &hand_input);
    for (std::size_t i = 0;; ++i) {
        std::unique_ptr<antlr4::Token> want = generated.nextToken();
        std::unique_ptr<antlr4::Token> got = hand.nextToken();
        std::string a = Describe(*want);
        std::string b = Describe(*got);
        if (a != b) return fmt::format("token {}: FlowLexer {}, hand-written {}", i, a, b);
        if (want->getType() == antlr4::Token::EOF) return std::nullopt;
    }
}

}  // namespace flowc
