#include "support/invariants.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/sha256.h"

namespace flowc::testing {
namespace {

using nlohmann::json;

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
        bool terminal = type == "end" || type == "transferToQueue" || type == "transferToNumber";
        if (terminal != transitions.empty())
            fail(fmt::format("node {} ({}) has {} transitions", id, type, transitions.size()));
        std::size_t defaults = 0;
        for (std::size_t i = 0; i < transitions.size(); ++i) {
            const json& t = transitions[i];
            if (!nodes.count(t["target"].get<std::string>()))
                fail("transition to missing node " + t["target"].dump());
            if (t["conditions"].empty()) {
                ++defaults;
                if (i + 1 != transitions.size())
                    fail("default transition of " + id + " is not last");
            }
        }
        if (!terminal && defaults != 1)
            fail(fmt::format("node {} has {} default transitions", id, defaults));
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
    // Reachability from start; with every non-terminal node having a default transition,
    // every reachable path continues until it reaches a terminal node.
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
        for (const json& node : flow["nodes"]) {
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
                                   " names no shared flow in the manifest");
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
