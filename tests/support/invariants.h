// Structural invariants of genesys-json output, checked by code on every golden case and
// every example: all transition targets exist, node ids are unique, every node is reachable
// from `start` and every path ends in `end` or a transfer (`transferToQueue`,
// `transferToNumber`, `transferToVoicemail`, `transferToFlow`); a transfer has no transition
// or only its failure transition (the default); an `evaluateScheduleGroup` has one `hours`
// transition per outcome it evaluates and no default; every other non-terminal node has exactly
// one default transition and it is last; returning ends return every output; a subflow's flowId
// names a shared flow in the manifest or is a listed reference (an external shared flow); the
// manifest's order is a valid dependency order, hashes match, every listed reference points at
// its placeholder and every placeholder in a file is listed exactly once.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace flowc::testing {

std::vector<std::string> CheckOutputInvariants(
    const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace flowc::testing
