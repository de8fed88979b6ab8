// How genesys-json spells model expressions (docs/flow-json.md, "Values and expressions"):
// a literal is a plain JSON value; anything else is a string `${...}` in the language's own
// operator syntax, with variables as `local.x`, `input.x`, `output.x` and context values as
// `call.ani` or `contact.attributes.Key`. Decimal literals are written as their text, never through
// a double: `1.50` stays `1.50` and `12345678901234567890.25` keeps every digit.
#pragma once

#include <string>

#include "backend/json_writer.h"
#include "sema/model.h"

namespace flowc::backend::genesys {

// A literal as a JSON value; anything else as a `${...}` string.
void WriteValue(JsonWriter& w, const sema::Expr& expr, const sema::Flow& flow);
void WriteLiteral(JsonWriter& w, const sema::Literal& literal);
std::string ExpressionText(const sema::Expr& expr, const sema::Flow& flow);  // without `${}`
std::string VariableReference(sema::VarId var, const sema::Flow& flow);      // "local.x"
// A decimal literal's text in JSON's number syntax: the same digits, leading zeros of the
// integer part dropped (`007.50` is `7.50`), which JSON forbids.
std::string DecimalJson(const sema::DecimalText& decimal);

}  // namespace flowc::backend::genesys
