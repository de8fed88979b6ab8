// Lowering: the checked model to the flow graph. Takes only the model (never the AST).
#pragma once

#include <span>
#include <vector>

#include "lower/flow_graph.h"
#include "sema/model.h"

namespace flowc::lower {

// Every path ends in an `end` or `transfer` node; every subflow node has a default
// transition; every returning `end` of a shared flow returns every output; nodes no path
// reaches (unreachable statements) are dropped. `model` must outlive the graph.
// `jobs`: flows lowered at once; the graph is the same for any number.
FlowGraph Lower(const sema::Model& model, unsigned jobs = 1);

// Whether a `switch` on `subject` evaluates it once into a Temporary: when it is not already
// a variable or a call or contact value. Every target follows this decision.
bool SwitchSubjectNeedsTemporary(const sema::Expr& subject);

// The same graph, planned but not lowered (`graph.lowered` is false): `flows` hold their ids,
// in the same order, and nothing else until a backend reads them through FlowBatches, so
// that the nodes of the whole program (six times its source in memory) never exist at once.
FlowGraph PlanLowering(const sema::Model& model);

// The flows of a graph, a batch at a time, in order. For a lowered graph, its own flows; for
// a planned one, each batch is lowered when asked for (on `jobs` threads), its callees are
// recorded in the graph, and its nodes live until the next batch.
class FlowBatches {
  public:
    FlowBatches(FlowGraph& graph, unsigned jobs);
    std::span<const LoweredFlow> Get(std::size_t first, std::size_t count);
    // After the last batch: fills in `graph.order` of a planned graph.
    void Finish();

  private:
    FlowGraph& graph_;
    unsigned jobs_;
    std::vector<LoweredFlow> batch_;
};

}  // namespace flowc::lower
