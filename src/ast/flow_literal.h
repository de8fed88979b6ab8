// A string as flow source: the one quoter for every place that prints a literal the way a
// `.flow` file writes it (AST dumps, interface stubs, documentation, archy expressions).
#pragma once

#include <string>
#include <string_view>

namespace flowc::ast {

// `say "hi"` -> `"say \"hi\""`: the escapes of LANGUAGE.md (`\" \\ \n \t`).
std::string QuoteFlowString(std::string_view text);

}  // namespace flowc::ast
