// ANTLR's default recovery with our own wording: each syntax error names what was expected
// and what was found, points where the fix goes, and adds a hint for the common slips.
#pragma once

#include "FlowParser.h"
#include "syntax/internal/error_sink.h"

namespace flowc::syntax_internal {

class FriendlyErrorStrategy : public antlr4::DefaultErrorStrategy {
  public:
    explicit FriendlyErrorStrategy(ErrorSink& sink) : sink_(sink) {}

  protected:
    void reportNoViableAlternative(antlr4::Parser* parser,
                                   const antlr4::NoViableAltException& e) override;
    void reportInputMismatch(antlr4::Parser* parser,
                             const antlr4::InputMismatchException& e) override;
    void reportFailedPredicate(antlr4::Parser* parser,
                               const antlr4::FailedPredicateException& e) override;
    void reportUnwantedToken(antlr4::Parser* parser) override;
    void reportMissingToken(antlr4::Parser* parser) override;

  private:
    void Unexpected(antlr4::Parser* parser, antlr4::Token* found,
                    const antlr4::misc::IntervalSet& expected);
    void MissingSemicolon(antlr4::Parser* parser, antlr4::Token* previous);
    // An error within a few tokens of the previous one, on the same line, is almost always a
    // consequence of it (recovery resynchronised badly): counted, not reported.
    bool IsCascade(antlr4::Token* found);
    // A top-level line that is no declaration; see the definition.
    bool NotADeclaration(antlr4::Parser* parser, antlr4::Token* found);
    bool UnknownStatementWord(antlr4::Parser* parser, antlr4::Token* found);
    bool MissingSemicolonAfterCall(antlr4::Parser* parser);

    ErrorSink& sink_;
    std::size_t last_line_ = 0;
    std::size_t last_index_ = 0;
    bool not_a_declaration_reported_ = false;
};

}  // namespace flowc::syntax_internal
