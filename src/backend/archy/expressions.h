// Model expressions in Architect's expression syntax (docs/archy.md, "Expressions").
#pragma once

#include <string>

#include "sema/model.h"

namespace flowc::backend::archy {

// How a flow names its variables: `Flow.x` in an inbound flow, `Common.x` in a module.
std::string VariableName(const sema::Flow& flow, sema::VarId var);
// The variable a `contact.attributes.Key` read is fetched into before the action.
std::string AttributeVariable(const sema::Flow& flow, const std::string& key);
std::string Expression(const sema::Expr& expr, const sema::Flow& flow);
std::string LiteralText(const sema::Literal& literal);

}  // namespace flowc::backend::archy
