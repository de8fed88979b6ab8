#include "syntax/internal/statement_words.h"

#include <fmt/format.h>

#include <vector>

#include "diag/suggest.h"

namespace flowc::syntax_internal {

std::string UnknownStatementHelp(std::string_view word) {
    static const std::vector<std::string_view> kStatementWords = {
        "language", "hold",  "callback", "var",    "play",   "collect",
        "menu",     "if",    "switch",   "repeat", "break",  "call",
        "transfer", "hours", "hangup",   "return", "contact"};
    if (std::optional<std::string> help = SuggestNameHelp(word, kStatementWords)) return *help;
    return fmt::format(
        "to assign to `{0}`, write `{0} = ...;`; a statement starts with a word "
        "such as `var`, `play`, `menu`, `call`, `transfer` or `language`",
        word);
}

}  // namespace flowc::syntax_internal
