// The checker: the whole program's names, types and cross-file contracts
// (LANGUAGE.md, "Contracts checked across files"). Reports every error it can find.
#pragma once

#include <optional>
#include <string>

#include "ast/program.h"
#include "diag/engine.h"
#include "sema/model.h"

namespace flowc::sema {

// What the build's targets refuse that the language allows, so that the checker's help does
// not send users where a target would stop them. Filled by the driver from the targets
// (backend::Backend); empty: every target accepts the whole language.
struct TargetLimits {
    // Why a shared flow may not call another shared flow, or empty when it may.
    std::string shared_calls_refused;
};

// The checked model, or nullopt when any error was reported (by this or an earlier phase):
// lowering must never see a program with errors.
// `jobs`: flow bodies checked at once; the model and the diagnostics are the same for any
// number.
std::optional<Model> Check(const ast::Program& program, DiagnosticEngine& diags, unsigned jobs = 1,
                           const TargetLimits& limits = {});

// The same, freeing each flow's body in `program` as soon as it is checked: the model owns
// everything later phases read, and the syntax trees and the model need not both be whole
// at once. Declarations stay (they are what calls are checked against).
std::optional<Model> Check(ast::Program&& program, DiagnosticEngine& diags, unsigned jobs = 1,
                           const TargetLimits& limits = {});

}  // namespace flowc::sema
