#include "support/archy_invariants.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace flowc::testing {
namespace {

struct Module {
    std::set<std::string> inputs;
    std::set<std::string> outputs;
};

void Walk(const YAML::Node& node,
          const std::function<void(const YAML::Node&, const std::string&)>& visit,
          const std::string& key = "") {
    visit(node, key);
    if (node.IsMap()) {
        for (const auto& item : node) Walk(item.second, visit, item.first.as<std::string>());
    } else if (node.IsSequence()) {
        for (const auto& item : node) Walk(item, visit, key);
    }
}

}  // namespace

std::vector<std::string> CheckArchyInvariants(
    const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<std::string> failures;
    std::map<std::string, YAML::Node> docs;
    std::map<std::string, Module> modules;   // by module name
    std::set<std::string> external_modules;  // common modules of the org the flows call
    for (const auto& [name, bytes] : files) {
        if (name == "manifest.json") {
            nlohmann::json manifest = nlohmann::json::parse(bytes, nullptr, false);
            if (manifest.is_object()) {
                for (const auto& flow : manifest["flows"]) {
                    for (const auto& resource : flow.value("resources", nlohmann::json::array()))
                        if (resource["kind"] == "commonModule")
                            external_modules.insert(resource["name"].get<std::string>());
                }
            }
            continue;
        }
        YAML::Node doc;
        try {
            doc = YAML::Load(bytes);
        } catch (const YAML::Exception& e) {
            failures.push_back(name + ": does not parse as YAML: " + e.what());
            continue;
        }
        if (!doc.IsMap() || doc.size() != 1) {
            failures.push_back(name + ": the document is not a one-key mapping");
            continue;
        }
        std::string kind = doc.begin()->first.as<std::string>();
        if (kind != "inboundCall" && kind != "commonModule" && kind != "inqueueCall")
            failures.push_back(name + ": top-level key " + kind);
        docs[name] = doc;
        if (kind == "commonModule") {
            Module module;
            for (const auto& var : doc[kind]["variables"]) {
                const YAML::Node body = var.begin()->second;
                std::string var_name = body["name"].as<std::string>();
                if (body["isInput"].as<bool>()) module.inputs.insert(var_name);
                if (body["isOutput"].as<bool>()) module.outputs.insert(var_name);
            }
            modules[doc[kind]["name"].as<std::string>()] = module;
        }
    }
    for (const auto& entry : docs) {
        // Named copies: clang 14 cannot capture structured bindings in lambdas.
        const std::string& name = entry.first;
        const YAML::Node& doc = entry.second;
        std::string kind = doc.begin()->first.as<std::string>();
        const YAML::Node flow = doc[kind];
        if (kind == "commonModule") {
            if (!flow["startUpTaskActions"].IsSequence())
                failures.push_back(name + ": module without startUpTaskActions");
            if (flow["tasks"] || flow["startUpRef"])
                failures.push_back(name + ": module with tasks or startUpRef");
        } else if (kind == "inqueueCall") {
            // One looping start-up task, as in every in-queue export.
            if (!flow["startUpTaskActions"].IsSequence())
                failures.push_back(name + ": in-queue flow without startUpTaskActions");
            if (flow["tasks"] || flow["startUpRef"] || flow["menus"])
                failures.push_back(name + ": in-queue flow with tasks, menus or startUpRef");
            if (!flow["settingsInQueueCall"]["holdMusic"])
                failures.push_back(name + ": in-queue flow without settingsInQueueCall.holdMusic");
        } else {
            std::set<std::string> targets;
            for (const auto& task : flow["tasks"]) {
                targets.insert("/inboundCall/tasks/task[" +
                               task["task"]["refId"].as<std::string>() + "]");
            }
            for (const auto& menu : flow["menus"]) {
                targets.insert("/inboundCall/menus/menu[" +
                               menu["menu"]["refId"].as<std::string>() + "]");
            }
            if (!targets.count(flow["startUpRef"].as<std::string>(""))) {
                failures.push_back(name + ": startUpRef resolves to no task or menu");
            }
        }
        std::multiset<std::string> ref_ids;
        std::set<std::string> declared;
        for (const auto& var : flow["variables"])
            declared.insert(var.begin()->second["name"].as<std::string>());
        Walk(flow, [&](const YAML::Node& node, const std::string& key) {
            // Every variable an action writes is declared (the translation adds some).
            if ((key == "variable" || key == "var") && node.IsScalar() &&
                !declared.count(node.as<std::string>())) {
                failures.push_back(name + ": " + key + " " + node.as<std::string>() +
                                   " is not declared");
            }
            // Architect's Switch action takes 1 to 64 cases, its default included.
            if (key == "switch" && node.IsMap()) {
                const YAML::Node first_true = node["evaluate"]["firstTrue"];
                std::size_t cases = first_true["cases"].size() + (first_true["default"] ? 1 : 0);
                if (first_true["cases"].size() == 0 || cases > 64)
                    failures.push_back(name + ": a switch of " + std::to_string(cases) + " cases");
            }
            if (key == "refId" && node.IsScalar()) ref_ids.insert(node.as<std::string>());
            if (node.IsScalar() && node.Tag() == "?") {  // plain, not quoted
                std::string lower = node.Scalar();
                std::transform(lower.begin(), lower.end(), lower.begin(),
                               [](unsigned char c) { return std::tolower(c); });
                if (lower == "yes" || lower == "no" || lower == "on" || lower == "off" ||
                    lower == "y" || lower == "n") {
                    failures.push_back(name + ": bare `" + node.Scalar() + "` under `" + key + "`");
                }
            }
            if (key == "callCommonModule" && node.IsMap()) {
                const YAML::Node target = node["commonModule"];
                std::string module_name = target.begin()->first.as<std::string>();
                if (external_modules.contains(module_name)) return;  // the org's: not built
                if (!modules.count(module_name)) {
                    failures.push_back(
                        name +
                        ": callCommonModule names no common module of the build: " + module_name);
                    return;
                }
                const YAML::Node version = target.begin()->second["ver_latestPublished"];
                std::set<std::string> inputs, outputs;
                for (const auto& item : version["inputs"])
                    inputs.insert(item.first.as<std::string>());
                for (const auto& item : version["outputs"])
                    outputs.insert(item.first.as<std::string>());
                if (inputs != modules[module_name].inputs)
                    failures.push_back(name + ": inputs of " + module_name + " differ");
                if (outputs != modules[module_name].outputs)
                    failures.push_back(name + ": outputs of " + module_name + " differ");
            }
        });
        for (const std::string& id : ref_ids) {
            if (ref_ids.count(id) > 1)
                failures.push_back(name + ": refId " + id + " is not unique");
        }
    }
    return failures;
}

}  // namespace flowc::testing
