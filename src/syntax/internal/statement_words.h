// The words a statement can start with, for "did you mean" when a statement starts with a
// word that is none of them.
#pragma once

#include <string>
#include <string_view>

namespace flowc::syntax_internal {

// "did you mean `hangup`?", or how to write an assignment when no word is close.
std::string UnknownStatementHelp(std::string_view word);

}  // namespace flowc::syntax_internal
