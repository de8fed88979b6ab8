#include "deploy/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/sha256.h"

namespace flowc::deploy {

std::string_view ActionName(Action action) {
    switch (action) {
        case Action::kCreate:
            return "create";
        case Action::kUpdate:
            return "update";
        case Action::kRepublish:
            return "republish";
        case Action::kUnchanged:
            return "unchanged";
    }
    return "?";
}

void ComputeMarkers(Bundle& bundle) {
    std::map<std::string, const Marker*> markers;
    for (BundleFlow& flow : bundle.flows) {
        flow.marker.sha256 = flow.sha256;
        flow.marker.calls.clear();
        std::vector<std::string> callees = flow.calls;
        std::sort(callees.begin(), callees.end());
        std::string below;
        for (const std::string& callee : callees) {
            auto it = markers.find(callee);
            if (it == markers.end()) continue;  // external, or a data action: the org's
            below += fmt::format("{} {}\n", callee, MarkerLine(*it->second));
        }
        if (!below.empty()) flow.marker.calls = Sha256Hex(below);
        markers[flow.identifier] = &flow.marker;
    }
}

Result<Bundle> ReadBundle(const std::vector<std::pair<std::string, std::string>>& files) {
    auto internal = [](std::string message) {
        return Failure{FailureKind::kInternal, std::move(message), "", 0};
    };
    std::map<std::string, const std::string*> by_path;
    for (const auto& [path, bytes] : files) by_path[path] = &bytes;
    auto manifest_it = by_path.find("manifest.json");
    if (manifest_it == by_path.end()) return internal("the build produced no manifest.json");
    std::string manifest_problem;  // backend::Manifest's own way of saying what is wrong
    std::optional<backend::Manifest> manifest =
        backend::Manifest::Parse(*manifest_it->second, manifest_problem);
    if (!manifest) return internal("the build's " + manifest_problem);
    Bundle bundle;
    bundle.target = manifest->target;
    std::map<std::string, BundleFlow> flows;
    std::map<std::string, std::string> identifier_by_file;
    for (backend::ManifestFlow& entry : manifest->flows) {
        BundleFlow flow;
        flow.identifier = std::move(entry.id);
        flow.name = std::move(entry.name);
        flow.type = std::move(entry.type);
        flow.sha256 = std::move(entry.sha256);
        flow.calls = std::move(entry.calls);
        flow.queues = std::move(entry.queues);
        flow.resources = std::move(entry.resources);
        flow.transfers = std::move(entry.transfers);
        auto file = by_path.find(entry.file);
        if (file == by_path.end() || flow.identifier.empty()) {
            return internal("the manifest names a flow file the build did not produce");
        }
        flow.bytes = *file->second;
        identifier_by_file[entry.file] = flow.identifier;
        flows[flow.identifier] = std::move(flow);
    }
    for (backend::Reference& ref : manifest->references) {
        auto owner = identifier_by_file.find(ref.file);
        if (owner == identifier_by_file.end()) continue;
        flows[owner->second].references.push_back(std::move(ref));
    }
    for (const std::string& identifier : manifest->order) {
        auto it = flows.find(identifier);
        if (it == flows.end()) continue;
        bundle.flows.push_back(std::move(it->second));
        flows.erase(it);
    }
    if (!flows.empty()) {
        return internal("the manifest's order leaves out flow `" + flows.begin()->first + "`");
    }
    ComputeMarkers(bundle);
    return bundle;
}

std::vector<PlannedFlow> MakePlan(const Bundle& bundle,
                                  const std::map<std::string, FlowRecord>& records,
                                  const std::map<std::string, RemoteFlow>& remote) {
    std::vector<PlannedFlow> plan;
    std::map<std::string, std::string> changed;  // identifier -> name, for callers' reasons
    for (const BundleFlow& flow : bundle.flows) {
        PlannedFlow planned{&flow, Action::kUnchanged, "", "", "", ""};
        auto found = remote.find(flow.identifier);
        auto record = records.find(flow.identifier);
        if (found == remote.end()) {
            planned.action = Action::kCreate;
            planned.reason = record == records.end() ? "not in the org"
                                                     : "deleted from the org since the last deploy";
        } else {
            const RemoteFlow& there = found->second;
            planned.remote_id = there.id;
            planned.remote_version = there.version;
            planned.locked_by = there.locked_by;
            std::optional<Marker> marker = ReadMarker(there.description);
            bool recorded = record != records.end() && record->second.id == there.id;
            if (recorded && !record->second.version.empty() &&
                record->second.version != there.version) {
                planned.action = Action::kUpdate;
                planned.reason = "changed in the org since the last deploy";
            } else if (!marker) {
                planned.action = Action::kUpdate;
                planned.reason = recorded ? "its description has no flowc marker yet"
                                          : "not deployed by flowc before";
            } else if (marker->sha256 != flow.marker.sha256) {
                planned.action = Action::kUpdate;
                planned.reason = "changed since the last deploy";
            } else {
                // The platform snapshots a shared flow into its callers when they are
                // published: one that changes in this run, or changed since (a deploy that
                // stopped between them), republishes its callers.
                for (const std::string& callee : flow.calls) {
                    if (auto it = changed.find(callee); it != changed.end()) {
                        planned.action = Action::kRepublish;
                        planned.reason = fmt::format("calls {}, which changed", it->second);
                        break;
                    }
                }
                if (planned.action == Action::kUnchanged && marker->calls != flow.marker.calls) {
                    planned.action = Action::kRepublish;
                    planned.reason = "a shared flow it calls changed since it was published";
                }
            }
        }
        if (planned.action != Action::kUnchanged) changed[flow.identifier] = flow.name;
        plan.push_back(std::move(planned));
    }
    return plan;
}

}  // namespace flowc::deploy
