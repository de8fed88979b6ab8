// The rules Architect adds to the language's, which it enforces only when publishing: checked
// for `--target archy` over the whole program, from lowering's plan, without rendering.
#pragma once

#include "diag/engine.h"
#include "lower/flow_graph.h"

namespace flowc::backend::archy {

// Reports each variable name Architect rejects (E0804), each call of a shared flow from a
// shared flow that a path reaches (E0803, common modules cannot call each other), each
// `pause` whose length is not a literal up to 10000 ms (E0812) and each prompt whose platform
// name `Prompt.<name>` cannot spell (E0813); true when there is none.
bool CheckTargetRules(const lower::FlowGraph& program, DiagnosticEngine& diags);

}  // namespace flowc::backend::archy
