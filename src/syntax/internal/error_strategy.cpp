#include "syntax/internal/error_strategy.h"

#include <fmt/format.h>

#include "ast/ast_dump.h"
#include "syntax/internal/statement_words.h"
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

bool IsNameToken(std::size_t type) {
    return type == P::IDENT || type == P::PROMPT || type == P::DIGITS || type == P::HOURS;
}

bool IsResourceKindWord(const std::string& word) {
    for (std::size_t kind = 0; kind < ast::kResourceKindCount; ++kind) {
        if (ast::ResourceKindName(static_cast<ast::ResourceKind>(kind)) == word) return true;
    }
    return false;
}

}  // namespace

// A top-level line that is not a declaration (a settings file's `NAME=value`, a stray word)
// parses as the start of a resource declaration of an unknown kind whose name is missing.
// "expected a name" there would be reported once per line and once more at the end of the
// file; instead say once that a declaration was expected, at the line's first word, and count
// every later error in such a line as a consequence.
bool FriendlyErrorStrategy::NotADeclaration(antlr4::Parser* parser, antlr4::Token* found) {
    antlr4::ParserRuleContext* context = parser->getContext();
    while (context != nullptr && context->getRuleIndex() == P::RuleName) {
        context = dynamic_cast<antlr4::ParserRuleContext*>(context->parent);
    }
    antlr4::Token* word = nullptr;
    if (auto* resource = dynamic_cast<P::ResourceDeclContext*>(context)) {
        if (resource->kind == nullptr) return false;
        word = resource->kind->getStart();
        if (IsResourceKindWord(word->getText())) return false;  // `queue = "...";`: no name
        if (not_a_declaration_reported_) {
            sink_.CountCascade();
            return true;
        }
        if (resource->resName != nullptr) return false;
    } else if (dynamic_cast<P::TopLevelContext*>(context) != nullptr) {
        // `NAME=value`: neither `name name` (a resource) nor `name flow` (an in-queue flow).
        word = context->getStart();
        if (word == nullptr || !IsNameToken(word->getType()) || word == found) return false;
        if (IsResourceKindWord(word->getText()) || word->getText() == "inqueue") return false;
        if (not_a_declaration_reported_) {
            sink_.CountCascade();
            return true;
        }
    } else {
        return false;
    }
    not_a_declaration_reported_ = true;
    std::string help =
        "a file holds `import`s, flows (`inbound flow Name { ... }`, `shared flow Name { ... }`) "
        "and org resources (`queue Name = \"...\";`)";
    if (found != nullptr && found->getType() == P::ASSIGN) {
        help += "; a `NAME=value` line belongs in a settings file, not in a `.flow` file";
    }
    sink_.Report(Code::kSyntaxError, sink_.SpanOf(word),
                 fmt::format("expected a declaration, found {}", DescribeToken(word)),
                 std::move(help));
    return true;
}

// `hangx;`: a statement that is one name and `;`. Neither an assignment nor a statement word
// (`language`, `hold`, `callback`) fits; the word is the mistake, so point at it.
bool FriendlyErrorStrategy::UnknownStatementWord(antlr4::Parser* parser, antlr4::Token* found) {
    if (found == nullptr || found->getType() != P::SEMI) return false;
    std::size_t rule = parser->getContext()->getRuleIndex();
    if (rule != P::RuleStatement && rule != P::RuleClosedStatement && rule != P::RuleTimeoutArm &&
        rule != P::RuleWordHead && rule != P::RuleBlock) {
        return false;
    }
    antlr4::TokenStream* tokens = parser->getTokenStream();
    // A failed prediction rewinds to the decision's start; a mismatch reports after the word.
    int at = found == tokens->LT(1) ? -1 : found == tokens->LT(2) ? 1 : 0;
    if (at == 0) return false;
    antlr4::Token* word = tokens->LT(at);
    antlr4::Token* before = tokens->LT(at == 1 ? -1 : -2);
    if (word == nullptr || !IsNameToken(word->getType())) return false;
    // A timeout arm starts after the `timeout` word.
    if (before != nullptr && before->getType() != P::SEMI && before->getType() != P::LBRACE &&
        before->getType() != P::RBRACE && before->getType() != P::FAT_ARROW &&
        rule != P::RuleTimeoutArm) {
        return false;
    }
    std::string text = word->getText();
    if (text == "language" || text == "hold" || text == "callback") {
        sink_.Report(Code::kUnknownStatement, sink_.After(word),
                     fmt::format("`{}` needs {}", text,
                                 text == "language" ? "a language"
                                 : text == "hold"   ? "a number of seconds"
                                                    : "a queue and a `number`"),
                     text == "language" ? "write `language \"es-us\";`"
                     : text == "hold"   ? "write `hold 30;`"
                                        : "write `callback Sales number call.ani;`");
        return true;
    }
    sink_.Report(Code::kUnknownStatement, sink_.SpanOf(word),
                 fmt::format("`{}` does not start a statement", text), UnknownStatementHelp(text));
    return true;
}

// `call Greet()` without its `;`, and `counter = 1;` on the next line: `counter` is read as the
// word before a timeout arm (E0123 when the arm parses), and `= 1;` is no arm. The fix is the
// `;`, so say that. Not for `timeout` itself, which often starts a line of its own.
bool FriendlyErrorStrategy::MissingSemicolonAfterCall(antlr4::Parser* parser) {
    antlr4::ParserRuleContext* context = parser->getContext();
    if (context == nullptr || context->getRuleIndex() != P::RuleTimeoutArm) return false;
    P::CallHeadContext* head = nullptr;
    P::NameContext* word = nullptr;
    if (auto* call = dynamic_cast<P::CallStmtContext*>(context->parent)) {
        head = call->head;
        word = call->timeoutWord;
    } else if (auto* arm = dynamic_cast<P::CallArmContext*>(context->parent)) {
        head = arm->head;
        word = arm->timeoutWord;
    }
    if (head == nullptr || head->getStop() == nullptr || word == nullptr) return false;
    if (word->getText() == "timeout" || word->getStart()->getLine() <= head->getStop()->getLine()) {
        return false;
    }
    if (!IsCascade(head->getStop())) MissingSemicolon(parser, head->getStop());
    return true;
}

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
    if (NotADeclaration(parser, found)) return;
    if (MissingSemicolonAfterCall(parser)) return;
    if (IsCascade(found)) return;
    if (UnknownStatementWord(parser, found)) return;
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
    if (NotADeclaration(parser, found)) return;
    if (IsCascade(found)) return;
    std::string message =
        fmt::format("expected {} before {}", DescribeExpected(expected, parser->getVocabulary()),
                    DescribeToken(found));
    // Point where the missing token belongs: right after the previous token.
    Span at = previous != nullptr ? sink_.After(previous) : sink_.SpanOf(found);
    sink_.Report(Code::kSyntaxError, at, std::move(message), HintFor(found, expected));
}

}  // namespace flowc::syntax_internal
