// What of the org one statement names by itself (its nested blocks are statements of their
// own): the planner collects it from the statements a path reaches.
#pragma once

#include <vector>

#include "lower/flow_graph.h"
#include "sema/model.h"

namespace flowc::lower {

void AppendOrgReferences(const sema::Model& model, const sema::Stmt& stmt,
                         std::vector<OrgReference>& out);

}  // namespace flowc::lower
