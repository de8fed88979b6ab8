// How genesys-json spells model expressions (docs/flow-json.md, "Values and expressions"):
// a literal is a plain JSON value; anything else is a string `${...}` in the language's own
// operator syntax, with variables as `local.x`, `input.x`, `output.x` and context values as
// `call.ani` or `contact.attributes.Key`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sema/model.h"

namespace flowc::backend::genesys {

nlohmann::ordered_json ValueJson(const sema::Expr& expr, const sema::Flow& flow);
std::string ExpressionText(const sema::Expr& expr, const sema::Flow& flow);  // without `${}`
std::string VariableReference(sema::VarId var, const sema::Flow& flow);      // "local.x"
nlohmann::ordered_json LiteralJson(const sema::Literal& literal);

}  // namespace flowc::backend::genesys
