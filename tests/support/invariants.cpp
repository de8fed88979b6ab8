#include "support/invariants.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/sha256.h"

namespace flowc::testing {
namespace {

using nlohmann::json;

bool IsTransfer(const std::string& type) {
    return type == "transferToQueue" || type == "transferToNumber" ||
           type == "transferToVoicemail" || type == "transferToFlow";
}

// One `hours` transition per outcome the node evaluates (open, closed, holiday, and
// emergency when it has an emergency group), each outcome once, no default.
template <typename Fail>
void CheckHoursTransitions(const std::string& id, const json& node, const Fail& fail) {
    std::set<std::string> want{"open", "closed", "holiday"};
    if (node.contains("emergencyGroupId")) want.insert("emergency");
    std::set<std::string> seen;
    for (const json& t : node["transitions"]) {
        const json& conditions = t["conditions"];
        if (conditions.size() != 1 || conditions[0]["type"] != "hours" ||
            conditions[0]["value"] != "${hours." + id + ".outcome}") {
            fail("transition " + t["id"].dump() + " of " + id + " is not one hours outcome");
            continue;
        }
        std::string outcome = conditions[0]["comparisonValue"];
        if (!seen.insert(outcome).second) fail("outcome " + outcome + " of " + id + " twice");
    }
    if (seen != want) fail("node " + id + " does not branch on exactly its outcomes");
}

void CheckFlow(const std::string& file, const json& flow, std::vector<std::string>& failures) {
    auto fail = [&](const std::string& what) { failures.push_back(file + ": " + what); };
    std::map<std::string, const json*> nodes;
    for (const json& node : flow["nodes"]) {
        if (!nodes.emplace(node["id"].get<std::string>(), &node).second) {
            fail("duplicate node id " + node["id"].dump());
        }
    }
    if (!nodes.count("start")) fail("no start node");
    std::set<std::string> outputs;
    for (const json& output : flow["outputs"]) outputs.insert(output["name"].get<std::string>());
    for (const auto& [id, node] : nodes) {
        const json& transitions = (*node)["transitions"];
        std::string type = (*node)["type"];
        for (const json& t : transitions) {
            if (!nodes.count(t["target"].get<std::string>()))
                fail("transition to missing node " + t["target"].dump());
        }
        if (type == "evaluateScheduleGroup") {
            CheckHoursTransitions(id, *node, fail);
        } else if (type == "end" || IsTransfer(type)) {
            // A transfer has at most its failure transition, the default; `end` none.
            bool fails_over =
                IsTransfer(type) && transitions.size() == 1 && transitions[0]["conditions"].empty();
            if (!transitions.empty() && !fails_over)
                fail(fmt::format("node {} ({}) has {} transitions", id, type, transitions.size()));
        } else {
            if (transitions.empty()) fail(fmt::format("node {} ({}) has no transitions", id, type));
            std::size_t defaults = 0;
            for (std::size_t i = 0; i < transitions.size(); ++i) {
                if (!transitions[i]["conditions"].empty()) continue;
                ++defaults;
                if (i + 1 != transitions.size())
                    fail("default transition of " + id + " is not last");
            }
            if (defaults != 1)
                fail(fmt::format("node {} has {} default transitions", id, defaults));
        }
        if (type == "end" && (*node)["action"] == "return") {
            std::set<std::string> returned;
            for (const auto& [name, value] : (*node)["returnVariables"].items())
                returned.insert(name);
            if (returned != outputs) fail("end node " + id + " does not return every output");
        }
        if (type == "end" && (*node)["action"] == "return" && flow["type"] != "conversation") {
            fail("inbound flow returns at " + id);
        }
    }
    // Reachability from start; with every non-terminal node having a default transition (or,
    // for evaluateScheduleGroup, one for every outcome), every reachable path continues until
    // it reaches a terminal node.
    std::set<std::string> seen{"start"};
    std::vector<std::string> stack{"start"};
    while (!stack.empty() && nodes.count(stack.back())) {
        const json& node = *nodes[stack.back()];
        stack.pop_back();
        for (const json& t : node["transitions"]) {
            std::string target = t["target"];
            if (nodes.count(target) && seen.insert(target).second) stack.push_back(target);
        }
    }
    for (const auto& [id, node] : nodes) {
        if (!seen.count(id)) fail("node " + id + " is unreachable");
    }
}

// The JSON pointer of every placeholder (`ref:<kind>:<name>`) in a flow's document.
void CollectPlaceholders(const json& value, const std::string& pointer,
                         std::multiset<std::string>& out) {
    if (value.is_string() && value.get<std::string>().starts_with("ref:")) out.insert(pointer);
    if (value.is_object()) {
        for (const auto& [key, member] : value.items())
            CollectPlaceholders(member, pointer + "/" + key, out);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            CollectPlaceholders(value[i], pointer + "/" + std::to_string(i), out);
    }
}

}  // namespace

std::vector<std::string> CheckOutputInvariants(
    const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<std::string> failures;
    std::map<std::string, std::string> by_name(files.begin(), files.end());
    if (files.empty() || files.back().first != "manifest.json") {
        return {"manifest.json is not the last file written"};
    }
    json manifest = json::parse(by_name["manifest.json"]);
    std::map<std::string, json> flows;       // id -> manifest entry
    std::map<std::string, std::string> ids;  // platform name -> id (shared flows)
    for (const json& entry : manifest["flows"]) {
        std::string file = entry["file"];
        if (!by_name.count(file)) {
            failures.push_back("manifest lists missing file " + file);
            continue;
        }
        if (Sha256Hex(by_name[file]) != entry["sha256"])
            failures.push_back("sha256 mismatch for " + file);
        flows[entry["id"]] = entry;
        if (entry["type"] == "conversation") ids[entry["name"]] = entry["id"];
        json flow = json::parse(by_name[file]);
        CheckFlow(file, flow, failures);
        for (std::size_t i = 0; i < flow["nodes"].size(); ++i) {
            const json& node = flow["nodes"][i];
            if (node["type"] != "subflow") continue;
            std::string ref = node["flowId"];
            std::string name = ref.substr(std::string("ref:flow:").size());
            const json resources = entry.value("resources", json::array());
            bool external =
                std::any_of(resources.begin(), resources.end(), [&](const json& resource) {
                    return resource["kind"] == "commonModule" && resource["name"] == name;
                });
            if (!external && !ids.count(name) &&
                std::none_of(manifest["flows"].begin(), manifest["flows"].end(),
                             [&](const json& f) {
                                 return f["name"] == name && f["type"] == "conversation";
                             })) {
                failures.push_back(file + ": flowId " + ref +
                                   " names no shared flow in the manifest nor a reference");
            }
        }
    }
    if (files.size() != flows.size() + 1)
        failures.push_back("files written that the manifest does not list");
    std::set<std::string> done;
    for (const json& id : manifest["order"]) {
        if (!flows.count(id)) {
            failures.push_back("order names unknown flow " + id.dump());
            continue;
        }
        for (const json& callee : flows[id]["calls"]) {
            // A callee the manifest does not list is external (the org's), named among the
            // caller's resources as a commonModule.
            if (!flows.count(callee)) {
                const json resources = flows[id].value("resources", json::array());
                if (std::none_of(resources.begin(), resources.end(), [](const json& resource) {
                        return resource["kind"] == "commonModule";
                    }))
                    failures.push_back(
                        fmt::format("{} calls {}, which is neither built nor external", id.dump(),
                                    callee.dump()));
                continue;
            }
            if (!done.count(callee))
                failures.push_back(
                    fmt::format("{} comes before its callee {}", id.dump(), callee.dump()));
        }
        done.insert(id);
    }
    if (done.size() != flows.size())
        failures.push_back("order does not list every flow exactly once");
    // Every placeholder in a flow's file is listed once, at its own pointer, and nothing else.
    std::map<std::string, std::multiset<std::string>> listed;
    for (const json& ref : manifest["references"])
        listed[ref["file"].get<std::string>()].insert(ref["pointer"].get<std::string>());
    for (const auto& [id, entry] : flows) {
        std::string file = entry["file"];
        std::multiset<std::string> found;
        CollectPlaceholders(json::parse(by_name[file]), "", found);
        if (found != listed[file])
            failures.push_back(file + ": the manifest does not list each placeholder once");
    }
    for (const json& ref : manifest["references"]) {
        std::string file = ref["file"];
        if (!by_name.count(file)) continue;
        json flow = json::parse(by_name[file]);
        json::json_pointer pointer(ref["pointer"].get<std::string>());
        if (!flow.contains(pointer) || flow[pointer] != ref["placeholder"]) {
            failures.push_back(file + ": reference " + ref["pointer"].dump() +
                               " does not hold its placeholder");
        }
    }
    return failures;
}

}  // namespace flowc::testing
