// Model expressions in Architect's expression syntax (docs/archy.md, "Expressions").
#pragma once

#include <string>

#include "sema/model.h"

namespace flowc::backend::archy {

// How a flow names its variables: `Flow.x` in an inbound flow, `Common.x` in a module.
std::string VariableName(const sema::Flow& flow, sema::VarId var);
// The variable a `contact.attributes.Key` read is fetched into before the action.
std::string AttributeVariable(const sema::Flow& flow, const std::string& key);
// `model` names the org resources an expression refers to; `flow` its variables.
std::string Expression(const sema::Expr& expr, const sema::Model& model, const sema::Flow& flow);
std::string LiteralText(const sema::Literal& literal);
// The name a `lit: {name: ...}` value gives a resource: its platform name, for a user prompt
// with Architect's `Prompt.` prefix (docs/archy.md, "Org resources").
std::string ResourceLiteralName(const sema::Resource& resource);
// A resource looked up at run time, where Architect takes an expression (`FindQueue("Sales")`).
std::string ResourceLookup(const sema::Resource& resource);

}  // namespace flowc::backend::archy
