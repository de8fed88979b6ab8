// Statements that start with a word which is a name elsewhere (v2): `language "es-us";`,
// `hold 30;`, `callback Q number e [name e] [else S]`. The grammar parses `word subject
// clauses* (; | else S)`; the builder reads the words and refuses what does not fit.
#include <fmt/format.h>

#include <array>
#include <vector>

#include "diag/suggest.h"
#include "syntax/internal/builder.h"
#include "syntax/internal/statement_words.h"

namespace flowc::syntax_internal {

ast::StmtPtr AstBuilder::BuildWordStmt(P::WordHeadContext* s,
                                       antlr4::tree::TerminalNode* else_token,
                                       antlr4::ParserRuleContext* otherwise, Span span) {
    auto make = [span](auto node) {
        return std::make_unique<ast::Stmt>(ast::Stmt{span, std::move(node)});
    };
    auto nothing = [span]() {
        return std::make_unique<ast::Stmt>(ast::Stmt{span, ast::Block{span, {}}});
    };
    std::string word = s->word->getText();
    Span word_span = SpanOf(s->word);
    if (word != "language" && word != "hold" && word != "callback") {
        sink_.Report(Code::kUnknownStatement, word_span,
                     fmt::format("`{}` does not start a statement", word),
                     UnknownStatementHelp(word));
        return nothing();
    }
    if (word != "callback") {
        bool clean = true;
        if (!s->clauses.empty()) {
            P::ClauseContext* extra = s->clauses.front();
            sink_.Report(Code::kUnknownStatement, SpanOf(extra->option),
                         fmt::format("`{}` takes one value, then `;`", word),
                         word == "language" ? "write `language \"es-us\";`" : "write `hold 30;`");
            clean = false;
        }
        if (otherwise != nullptr) {
            sink_.Report(Code::kUnknownStatement, SpanOf(else_token->getSymbol()),
                         fmt::format("`{}` has no `else`", word),
                         word == "language"
                             ? "the language is one of the flow's own `@language`s: it cannot fail"
                             : "hold music cannot fail; end the statement with `;`");
            clean = false;
        }
        if (!clean) return nothing();
        if (word == "language") return make(ast::LanguageStmt{BuildExpr(s->subject)});
        return make(ast::HoldStmt{BuildExpr(s->subject)});
    }

    ast::CallbackStmt out;
    out.queue = BuildExpr(s->subject);
    Span number_span;
    Span name_span;
    bool unknown_clause = false;
    for (P::ClauseContext* clause : s->clauses) {
        std::string clause_word = clause->option->getText();
        Span clause_span = SpanOf(clause->option);
        bool is_number = clause_word == "number";
        if (!is_number && clause_word != "name") {
            std::optional<std::string> meant = SuggestNameHelp(clause_word, {"number", "name"});
            sink_.Report(Code::kCallbackClause, clause_span,
                         fmt::format("`{}` is not a part of `callback`", clause_word),
                         meant.value_or("write `callback Sales number call.ani name "
                                        "callerName;` (`name` may be left out)"));
            unknown_clause = true;
            continue;
        }
        Span& seen = is_number ? number_span : name_span;
        if (seen.has_file()) {
            sink_.Report(MakeDiagnostic(Code::kCallbackClause, clause_span,
                                        fmt::format("`{}` given twice", clause_word))
                             .WithLabel(seen, "first given here")
                             .WithHelp("keep one of them"));
            continue;
        }
        seen = clause_span;
        if (clause->values.size() > 1) {
            sink_.Report(Code::kCallbackClause, SpanOf(clause->values[1]),
                         fmt::format("`{}` takes one value", clause_word),
                         "a callback goes to one number");
        }
        (is_number ? out.number : out.callback_name) = BuildExpr(clause->values[0]);
    }
    if (out.number == nullptr) {
        if (unknown_clause) return nothing();
        sink_.Report(Code::kCallbackClause, Join(word_span, SpanOf(s->subject)),
                     "`callback` without a `number`",
                     "say which number to call back: `callback Sales number call.ani;`");
        return nothing();
    }
    if (otherwise != nullptr) {
        out.else_span = SpanOf(else_token->getSymbol());
        out.otherwise = BuildStmt(otherwise);
    }
    return make(std::move(out));
}

}  // namespace flowc::syntax_internal
