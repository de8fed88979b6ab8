// How genesys-json spells model expressions (docs/flow-json.md, "Values and expressions"):
// a literal is a plain JSON value; anything else is a string `${...}` in the language's own
// operator syntax, with variables as `local.x`, `input.x`, `output.x` and context values as
// `call.ani` or `contact.attributes.Key`. An org resource is named by a placeholder,
// `ref:<kind>:<platform name>`, that deploy replaces with the object's id. Decimal literals are
// written as their text, never through a double: `1.50` stays `1.50` and `12345678901234567890.25`
// keeps every digit.
#pragma once

#include <string>

#include "backend/json_writer.h"
#include "sema/model.h"

namespace flowc::backend::genesys {

// What an expression's names refer to: the flow's variables and the build's resources.
struct ValueScope {
    const sema::Model& model;
    const sema::Flow& flow;
};

// A literal as a JSON value; anything else as a `${...}` string.
void WriteValue(JsonWriter& w, const sema::Expr& expr, const ValueScope& scope);
void WriteLiteral(JsonWriter& w, const sema::Literal& literal);
std::string ExpressionText(const sema::Expr& expr, const ValueScope& scope);  // without `${}`
std::string VariableReference(sema::VarId var, const sema::Flow& flow);       // "local.x"
// The manifest's kind of a resource's references: "queue", "scheduleGroup", ... (a skill
// given as a transfer's `language` is a "languageSkill", which only its use tells).
std::string_view ReferenceKind(sema::ResourceKind kind);
// The text a deploy replaces: "ref:queue:Sales".
std::string Placeholder(std::string_view kind, std::string_view name);
// A decimal literal's text in JSON's number syntax: the same digits, leading zeros of the
// integer part dropped (`007.50` is `7.50`), which JSON forbids.
std::string DecimalJson(const sema::DecimalText& decimal);

}  // namespace flowc::backend::genesys
