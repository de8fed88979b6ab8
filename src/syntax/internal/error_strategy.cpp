#include "syntax/internal/error_strategy.h"

#include <fmt/format.h>

#include "syntax/internal/token_names.h"

namespace flowc::syntax_internal {
namespace {

using P = flowc_grammar::FlowParser;

// A hint for slips people make often; empty when none applies.
std::optional<std::string> HintFor(const antlr4::Token* found,
                                   const antlr4::misc::IntervalSet& expected) {
    if (found == nullptr) return std::nullopt;
    std::size_t type = found->getType();
    if (type == P::ASSIGN && (expected.contains(static_cast<std::size_t>(P::EQ)) ||
                              expected.contains(static_cast<std::size_t>(P::LBRACE)))) {
        return "use `==` to compare; `=` assigns";
    }
    if (IsKeyword(type) && expected.contains(static_cast<std::size_t>(P::IDENT))) {
        return fmt::format("`{}` is a keyword and cannot be used as a name", found->getText());
    }
    if (type == P::STRING_LIT && expected.contains(static_cast<std::size_t>(P::SEMI))) {
        return "strings are joined with `+`";
    }
    if (type == antlr4::Token::EOF && expected.contains(static_cast<std::size_t>(P::RBRACE))) {
        return "a `{` earlier in the file has no matching `}`";
    }
    if (type == P::ELSE && expected.contains(static_cast<std::size_t>(P::STRING_LIT))) {
        return "`else` is the last arm of a `menu`";
    }
    return std::nullopt;
}

}  // namespace

bool FriendlyErrorStrategy::IsCascade(antlr4::Token* found) {
    if (found != nullptr && sink_.InSuppressedRegion(sink_.SpanOf(found))) {
        sink_.CountCascade();  // follows from a stray character or open string on this line
        return true;
    }
    if (found == nullptr) return false;
    bool cascade = last_line_ == found->getLine() && found->getTokenIndex() >= last_index_ &&
                   found->getTokenIndex() <= last_index_ + 8;
    last_line_ = found->getLine();
    last_index_ = found->getTokenIndex();
    if (cascade) sink_.CountCascade();
    return cascade;
}

void FriendlyErrorStrategy::Unexpected(antlr4::Parser* parser, antlr4::Token* found,
                                       const antlr4::misc::IntervalSet& expected) {
    // A `;` that could end the statement, and the offending token on a later line: the fix is
    // almost always a `;` at the end of the previous line, so say that and point there.
    antlr4::Token* previous = parser->getTokenStream()->LT(-1);
    if (expected.contains(static_cast<std::size_t>(P::SEMI)) && previous != nullptr &&
        found != nullptr && found->getLine() > previous->getLine()) {
        if (!IsCascade(previous)) MissingSemicolon(parser, previous);
        return;
    }
    if (IsCascade(found)) return;
    std::string wanted = DescribeExpected(expected, parser->getVocabulary());
    std::string message = wanted.empty()
                              ? fmt::format("unexpected {}", DescribeToken(found))
                              : fmt::format("expected {}, found {}", wanted, DescribeToken(found));
    sink_.Report(Code::kSyntaxError, sink_.SpanOf(found), std::move(message),
                 HintFor(found, expected));
}

void FriendlyErrorStrategy::MissingSemicolon(antlr4::Parser* parser, antlr4::Token* previous) {
    bool in_import = parser->getContext()->getRuleIndex() == P::RuleImportDecl;
    sink_.Report(Code::kSyntaxError, sink_.After(previous),
                 in_import ? "expected `;` after the import" : "expected `;` after this statement",
                 "every simple statement ends with `;`");
}

void FriendlyErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                      const antlr4::NoViableAltException& e) {
    Unexpected(parser, e.getOffendingToken(), e.getExpectedTokens());
}

void FriendlyErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                                const antlr4::InputMismatchException& e) {
    Unexpected(parser, e.getOffendingToken(), e.getExpectedTokens());
}

void FriendlyErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                  const antlr4::FailedPredicateException& e) {
    Unexpected(parser, e.getOffendingToken(), parser->getExpectedTokens());
}

void FriendlyErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    Unexpected(parser, parser->getCurrentToken(), getExpectedTokens(parser));
}

void FriendlyErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    antlr4::misc::IntervalSet expected = getExpectedTokens(parser);
    antlr4::Token* previous = parser->getTokenStream()->LT(-1);
    antlr4::Token* found = parser->getCurrentToken();
    if (expected.contains(static_cast<std::size_t>(P::SEMI)) && expected.size() == 1 &&
        previous != nullptr) {
        if (!IsCascade(previous)) MissingSemicolon(parser, previous);
        return;
    }
    if (IsCascade(found)) return;
    std::string message =
        fmt::format("expected {} before {}", DescribeExpected(expected, parser->getVocabulary()),
                    DescribeToken(found));
    // Point where the missing token belongs: right after the previous token.
    Span at = previous != nullptr ? sink_.After(previous) : sink_.SpanOf(found);
    sink_.Report(Code::kSyntaxError, at, std::move(message), HintFor(found, expected));
}

}  // namespace flowc::syntax_internal
