// A stable text dump of the checked model, used by `flowc check --dump-model` and as a test
// oracle (tests/unit/sema/). Flows, variables and callees are named by their identifiers,
// never by index, so that the text depends on the program only; statements show where they
// start as @line:col.
#pragma once

#include <string>

#include "base/source_file.h"
#include "sema/model.h"

namespace flowc::sema {

std::string DumpModel(const Model& model, const SourceManager& sources);

// An expression on one line, in the flow language's spelling with every binary operation in
// parentheses and implicit conversions shown as `decimal(...)`: `(x + decimal(n))`. Names
// the variables of `flow`, the flow the expression belongs to.
// A resource shows its identifier when `model` is given, else `resource#<id>`.
std::string ExprText(const Expr& expr, const Flow& flow, const Model* model = nullptr);

std::string_view CallPropertyName(CallProperty property);  // `ani`
std::string_view BuiltinName(Builtin function);            // `startsWith`
std::string_view OperatorText(UnaryOp op);                 // `!`
std::string_view OperatorText(BinaryOp op);                // `&&`

}  // namespace flowc::sema
