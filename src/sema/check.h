// The checker: the whole program's names, types and cross-file contracts
// (LANGUAGE.md, "Contracts checked across files"). Reports every error it can find.
#pragma once

#include <optional>

#include "ast/program.h"
#include "diag/engine.h"
#include "sema/model.h"

namespace flowc::sema {

// The checked model, or nullopt when any error was reported (by this or an earlier phase):
// lowering must never see a program with errors.
std::optional<Model> Check(const ast::Program& program, DiagnosticEngine& diags);

}  // namespace flowc::sema
