// Lowering: the checked model to the flow graph. Takes only the model (never the AST).
#pragma once

#include "lower/flow_graph.h"
#include "sema/model.h"

namespace flowc::lower {

// Every path ends in an `end` or `transfer` node; every subflow node has a default
// transition; every returning `end` of a shared flow returns every output; nodes no path
// reaches (unreachable statements) are dropped. `model` must outlive the graph.
// `jobs`: flows lowered at once; the graph is the same for any number.
FlowGraph Lower(const sema::Model& model, unsigned jobs = 1);

}  // namespace flowc::lower
