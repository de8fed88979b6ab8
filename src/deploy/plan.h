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
    std::vector<Reference> references;
    Span span;  // the flow's declaration, for diagnostics
};

struct Bundle {
    std::string target;
    std::vector<BundleFlow> flows;  // deploy order: every shared flow before its callers
};

// Reads the build's in-memory files (one per flow plus manifest.json) through
// backend::Manifest. A malformed manifest is flowc's own bug: a kInternal failure.
Result<Bundle> ReadBundle(const std::vector<std::pair<std::string, std::string>>& files);

enum class Action : std::uint8_t { kCreate, kUpdate, kRepublish, kUnchanged };
std::string_view ActionName(Action action);

struct PlannedFlow {
    const BundleFlow* flow = nullptr;
    Action action = Action::kUnchanged;
    std::string remote_id;  // empty for create
    std::string reason;     // "calls Shared IVR Menu, which changed", "changed since ..."
};

// `remote` holds, per identifier, the org's flows with that flow's exact name and type (at
// most one; the caller refuses duplicates before planning).
std::vector<PlannedFlow> MakePlan(const Bundle& bundle,
                                  const std::map<std::string, FlowRecord>& records,
                                  const std::map<std::string, RemoteFlow>& remote);

}  // namespace flowc::deploy
