// Structural invariants of genesys-json output, checked by code on every golden case and
// every example: all transition targets exist, node ids are unique, every node is reachable
// from `start` and every path ends in `end` or a transfer (`transferToQueue`, `transferToNumber`),
// every non-terminal node has exactly one default transition and it is last, returning ends return
// every output, flowId references name a shared flow in the manifest, the manifest's order is a
// valid dependency order, hashes match, and every listed reference points at its placeholder.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace flowc::testing {

std::vector<std::string> CheckOutputInvariants(
    const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace flowc::testing
