// A stable, indented text dump of an AST, used by `flowc check --dump-ast` and as a test
// oracle. Every node shows its span as [line:col-line:col] (end exclusive).
#pragma once

#include <string>

#include "ast/ast.h"
#include "base/source_file.h"

namespace flowc::ast {

std::string Dump(const File& file, const SourceFile& source);

std::string_view TypeName(TypeKind kind);
// The spellings of the language: `queue`, `schedule` ...; `open`, `closed` ...
std::string_view ResourceKindName(ResourceKind kind);
std::string_view HoursOutcomeName(HoursOutcome outcome);
std::string_view OperatorText(UnaryOp op);
std::string_view OperatorText(BinaryOp op);

}  // namespace flowc::ast
