// A stable text dump of the lowered flow graph, used by `flowc check --dump-graph` and as a
// test oracle (tests/unit/lower/): per flow, by name, its temporaries, callees and nodes in
// order, each with its kind, id, the fields its kind sets and its transitions; then the
// deploy order. The text names flows and variables by their identifiers and is independent
// of how nodes are stored, so that it can prove a change of representation kept the graph.
#pragma once

#include <string>

#include "base/source_file.h"
#include "lower/flow_graph.h"

namespace flowc::lower {

// `graph` must be lowered (not from PlanLowering()).
std::string DumpGraph(const FlowGraph& graph, const SourceManager& sources);

}  // namespace flowc::lower
