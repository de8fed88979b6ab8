// How tokens and sets of expected tokens are named in syntax errors: "`;`", "a name",
// "an expression", "end of file", never ANTLR's internal names.
#pragma once

#include <string>

#include "FlowParser.h"

namespace flowc::syntax_internal {

std::string DescribeToken(const antlr4::Token* token);
std::string DescribeExpected(const antlr4::misc::IntervalSet& expected,
                             const antlr4::dfa::Vocabulary& vocabulary);
bool IsKeyword(std::size_t token_type);
bool CanEndOperand(std::size_t token_type);

}  // namespace flowc::syntax_internal
