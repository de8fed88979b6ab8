// Lowering: the checked model to the flow graph. Takes only the model (never the AST).
#pragma once

#include <vector>

#include "lower/flow_graph.h"
#include "sema/model.h"

namespace flowc::lower {

// Every path ends in an `end` node or a transfer; every subflow node has a default
// transition; every returning `end` of a shared flow returns every output; nodes no path
// reaches (unreachable statements) are dropped. `model` must outlive the graph.
// `jobs`: flows lowered at once; the graph is the same for any number.
FlowGraph Lower(const sema::Model& model, unsigned jobs = 1);

// Whether a `switch` on `subject` evaluates it once into a Temporary: when it is not already
// a variable or a call or contact value. Every target follows this decision.
bool SwitchSubjectNeedsTemporary(const sema::Expr& subject);

// The same graph, planned but not lowered: every flow's FlowPlan and the order, in the same
// order as Lower()'s, and no nodes (`lowered` is empty).
FlowGraph PlanLowering(const sema::Model& model, unsigned jobs = 1);

// The nodes of `graph.flows[index]`, as Lower() makes them.
LoweredFlow LowerFlow(const FlowGraph& graph, std::size_t index);

}  // namespace flowc::lower
