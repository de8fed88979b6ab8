#include "deploy/plan.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

namespace flowc::deploy {
namespace {

using nlohmann::json;

std::string StringAt(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::vector<std::string> Strings(const json& object, const char* key) {
    std::vector<std::string> out;
    auto it = object.find(key);
    if (it == object.end() || !it->is_array()) return out;
    for (const json& item : *it) {
        if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace

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

std::optional<Bundle> ReadBundle(const std::vector<std::pair<std::string, std::string>>& files,
                                 std::string& error) {
    std::map<std::string, const std::string*> by_path;
    for (const auto& [path, bytes] : files) by_path[path] = &bytes;
    auto manifest_it = by_path.find("manifest.json");
    if (manifest_it == by_path.end()) {
        error = "the build produced no manifest.json";
        return std::nullopt;
    }
    json manifest = json::parse(*manifest_it->second, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object() || !manifest.contains("flows") ||
        !manifest["flows"].is_array()) {
        error = "the build's manifest.json is malformed";
        return std::nullopt;
    }
    Bundle bundle;
    bundle.target = StringAt(manifest, "target");
    std::map<std::string, BundleFlow> flows;
    for (const json& entry : manifest["flows"]) {
        BundleFlow flow;
        flow.identifier = StringAt(entry, "id");
        flow.name = StringAt(entry, "name");
        flow.type = StringAt(entry, "type");
        flow.sha256 = StringAt(entry, "sha256");
        flow.calls = Strings(entry, "calls");
        flow.queues = Strings(entry, "queues");
        auto file = by_path.find(StringAt(entry, "file"));
        if (file == by_path.end() || flow.identifier.empty()) {
            error = "the manifest names a flow file the build did not produce";
            return std::nullopt;
        }
        flow.bytes = *file->second;
        flows[flow.identifier] = std::move(flow);
    }
    if (auto refs = manifest.find("references"); refs != manifest.end() && refs->is_array()) {
        std::map<std::string, std::string> identifier_by_file;
        for (const json& entry : manifest["flows"]) {
            identifier_by_file[StringAt(entry, "file")] = StringAt(entry, "id");
        }
        for (const json& ref : *refs) {
            auto owner = identifier_by_file.find(StringAt(ref, "file"));
            if (owner == identifier_by_file.end()) continue;
            flows[owner->second].references.push_back(
                {StringAt(ref, "pointer"), StringAt(ref, "kind"), StringAt(ref, "name")});
        }
    }
    for (const std::string& identifier : Strings(manifest, "order")) {
        auto it = flows.find(identifier);
        if (it == flows.end()) continue;
        bundle.flows.push_back(std::move(it->second));
        flows.erase(it);
    }
    if (!flows.empty()) {
        error = "the manifest's order leaves out flow `" + flows.begin()->first + "`";
        return std::nullopt;
    }
    return bundle;
}

std::vector<PlannedFlow> MakePlan(const Bundle& bundle,
                                  const std::map<std::string, FlowRecord>& records,
                                  const std::map<std::string, RemoteFlow>& remote) {
    std::vector<PlannedFlow> plan;
    std::map<std::string, std::string> changed;  // identifier -> name, for callers' reasons
    for (const BundleFlow& flow : bundle.flows) {
        PlannedFlow planned{&flow, Action::kUnchanged, "", ""};
        auto found = remote.find(flow.identifier);
        auto record = records.find(flow.identifier);
        if (found == remote.end()) {
            planned.action = Action::kCreate;
            planned.reason = record == records.end() ? "not in the org"
                                                     : "deleted from the org since the last deploy";
        } else {
            planned.remote_id = found->second.id;
            if (record == records.end() || record->second.id != found->second.id) {
                planned.action = Action::kUpdate;
                planned.reason = "not deployed from here before";
            } else if (record->second.sha256 != flow.sha256) {
                planned.action = Action::kUpdate;
                planned.reason = "changed since the last deploy";
            } else if (!record->second.version.empty() &&
                       record->second.version != found->second.version) {
                planned.action = Action::kUpdate;
                planned.reason = "changed in the org since the last deploy";
            } else {
                for (const std::string& callee : flow.calls) {
                    if (auto it = changed.find(callee); it != changed.end()) {
                        planned.action = Action::kRepublish;
                        planned.reason = fmt::format("calls {}, which changed", it->second);
                        break;
                    }
                }
            }
        }
        if (planned.action != Action::kUnchanged) changed[flow.identifier] = flow.name;
        plan.push_back(std::move(planned));
    }
    return plan;
}

}  // namespace flowc::deploy
