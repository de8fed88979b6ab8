// What a deploy will do, decided before any write: the compiled bundle (the build's files and
// manifest), the state file's records and what the org holds, in; one action per flow, out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backend/manifest.h"
#include "base/span.h"
#include "deploy/marker.h"
#include "deploy/responses.h"
#include "deploy/result.h"
#include "deploy/state.h"

namespace flowc::deploy {

using backend::Reference;  // a placeholder in a genesys-json file to replace with a real id

struct BundleFlow {
    std::string identifier;  // stable key: the file stem and the state file's key
    std::string name;        // platform identity: (name, type)
    std::string type;
    std::string sha256;
    std::string bytes;
    std::vector<std::string> calls;                    // identifiers of the shared flows it calls
    std::vector<std::string> queues;                   // queue names it transfers to
    std::vector<backend::ManifestResource> resources;  // what of the org it names
    std::vector<std::string> transfers;  // identifiers of the build's flows it transfers to
    std::vector<Reference> references;
    Marker marker;  // what its description will say it is (ReadBundle computes it)
    Span span;      // the flow's declaration, for diagnostics
};

struct Bundle {
    std::string target;
    std::vector<BundleFlow> flows;  // deploy order: every shared flow before its callers
};

// Sets every flow's marker: its file's hash, and the hash of its callees' markers. The
// flows are in deploy order, so a callee's marker is known before its callers'.
void ComputeMarkers(Bundle& bundle);

// Reads the build's in-memory files (one per flow plus manifest.json) through
// backend::Manifest. A malformed manifest is flowc's own bug: a kInternal failure.
Result<Bundle> ReadBundle(const std::vector<std::pair<std::string, std::string>>& files);

enum class Action : std::uint8_t { kCreate, kUpdate, kRepublish, kUnchanged };
std::string_view ActionName(Action action);

struct PlannedFlow {
    const BundleFlow* flow = nullptr;
    Action action = Action::kUnchanged;
    std::string remote_id;       // empty for create
    std::string remote_version;  // its published version in the org, when it has one
    std::string reason;          // "calls Shared IVR Menu, which changed", "changed since ..."
    std::string locked_by;       // who has it checked out in Architect, when the listing says
};

// `remote` holds, per identifier, the org's flows with that flow's exact name and type (at
// most one; the caller refuses duplicates before planning). What a flow is comes from its
// marker in the org (its description's last line); the state file's records, a cache, add
// only the published version, which tells a hand edit in Architect.
std::vector<PlannedFlow> MakePlan(const Bundle& bundle,
                                  const std::map<std::string, FlowRecord>& records,
                                  const std::map<std::string, RemoteFlow>& remote);

}  // namespace flowc::deploy
