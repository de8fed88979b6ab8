// The archy target's transfers and `hours`: where a failed transfer goes, what runs when a
// queue found at run time is missing, an `hours` arm written under several outputs, and an
// external shared flow that the target must never be asked to render.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "backend/registry.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

struct Built {
    std::optional<sema::Model> model;
    lower::FlowGraph graph;
};

std::unique_ptr<Built> Check(const std::string& source) {
    InMemoryLoader memory;
    memory.Add("main.flow", source);
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program = LoadProgram({"main.flow"}, memory, sources, diags, LoadOptions{});
    auto built = std::make_unique<Built>();
    built->model = sema::Check(program, diags);
    EXPECT_TRUE(built->model) << diags.error_count() << " errors";
    if (built->model) built->graph = lower::Lower(*built->model);
    return built;
}

// The task's actions of the one inbound flow `source` holds, and its declared variables.
struct Flow {
    YAML::Node actions;
    std::map<std::string, std::string> variables;  // name -> kind
};

Flow Build(const std::string& source) {
    std::unique_ptr<Built> built = Check(source);
    Flow flow;
    if (!built->model) return flow;
    backend::MemorySink sink;
    DiagnosticEngine diags;
    backend::GenerateAll(built->graph, "archy", sink, diags);
    EXPECT_FALSE(diags.has_errors());
    YAML::Node doc = YAML::Load(sink.files().at(0).second)["inboundCall"];
    flow.actions = doc["tasks"][0]["task"]["actions"];
    for (const auto& var : doc["variables"])
        flow.variables[var.begin()->second["name"].as<std::string>()] =
            var.begin()->first.as<std::string>();
    return flow;
}

std::vector<std::string> Keys(const YAML::Node& actions) {
    std::vector<std::string> keys;
    for (const auto& action : actions) keys.push_back(action.begin()->first.as<std::string>());
    return keys;
}

using KeyList = std::vector<std::string>;

TEST(ArchyTransfers, AnElseThatFallsThroughIsTheFailureOutputAndTheFlowGoesOn) {
    Flow flow = Build(
        "queue Sales = \"Sales\";\ninbound flow Main {\n"
        "    transfer Sales else { play \"Busy.\"; }\n    play \"Bye.\";\n}\n");
    EXPECT_EQ(Keys(flow.actions), (KeyList{"transferToAcd", "playAudio", "disconnect"}));
    const YAML::Node failure = flow.actions[0]["transferToAcd"]["outputs"]["failure"]["actions"];
    EXPECT_EQ(Keys(failure), (KeyList{"playAudio"}));
    EXPECT_EQ(flow.actions[0]["transferToAcd"]["name"].as<std::string>(), "Transfer to Sales");
}

TEST(ArchyTransfers, WithoutElseAFailedTransferEndsTheCall) {
    Flow flow = Build("inbound flow Main {\n    transfer number \"+15551234567\";\n}\n");
    EXPECT_EQ(Keys(flow.actions), (KeyList{"transferToNumber", "disconnect"}));
    EXPECT_FALSE(flow.actions[0]["transferToNumber"]["outputs"]);
    EXPECT_EQ(flow.actions[0]["transferToNumber"]["name"].as<std::string>(),
              "Transfer to +15551234567");
}

TEST(ArchyTransfers, AQueueFoundAtRunTimeIsTransferredToOnlyWhenFound) {
    Flow flow = Build(
        "inbound flow Main {\n    transfer queue(call.dnis) else { play \"No such team.\"; }\n"
        "    play \"Bye.\";\n}\n");
    EXPECT_EQ(Keys(flow.actions),
              (KeyList{"updateData", "decision", "playAudio", "playAudio", "disconnect"}));
    const YAML::Node statement = flow.actions[0]["updateData"]["statements"][0]["queue"];
    const std::string found = statement["variable"].as<std::string>();
    EXPECT_EQ(flow.variables.at(found), "queueVariable");
    EXPECT_EQ(statement["value"]["exp"].as<std::string>(), "FindQueue(Call.CalledAddress)");
    const YAML::Node decision = flow.actions[1]["decision"];
    EXPECT_EQ(decision["condition"]["exp"].as<std::string>(), "IsSet(" + found + ")");
    EXPECT_FALSE(decision["outputs"]["no"]);  // not found: on to `else`
    const YAML::Node transfer = decision["outputs"]["yes"]["actions"][0]["transferToAcd"];
    EXPECT_EQ(transfer["targetQueue"]["exp"].as<std::string>(), found);
    EXPECT_FALSE(transfer["outputs"]);  // failed: out of the decision, on to `else`
    EXPECT_EQ(flow.actions[2]["playAudio"]["audio"]["tts"].as<std::string>(), "No such team.");
}

TEST(ArchyHours, AnArmOfSeveralOutcomesIsWrittenUnderEachWithTheSameVariables) {
    Flow flow = Build(
        "schedule H = \"Bank Hours\";\ninbound flow Main {\n    hours H {\n"
        "        open => play \"Open.\";\n"
        "        else => menu \"Press 1.\" { \"1\" => play \"One.\"; else => hangup; }\n"
        "    }\n    play \"Bye.\";\n}\n");
    EXPECT_EQ(Keys(flow.actions), (KeyList{"evaluateScheduleGroup", "playAudio", "disconnect"}));
    const YAML::Node action = flow.actions[0]["evaluateScheduleGroup"];
    EXPECT_EQ(action["name"].as<std::string>(), "Hours of Bank Hours");
    EXPECT_EQ(action["scheduleGroup"]["lit"]["name"].as<std::string>(), "Bank Hours");
    EXPECT_TRUE(action["emergencyGroup"]["noValue"].as<bool>());
    EXPECT_FALSE(action["outputs"]["emergency"]);  // no emergency group, no such outcome
    EXPECT_EQ(Keys(action["outputs"]["open"]["actions"]), (KeyList{"playAudio"}));
    std::set<std::string> keys;
    for (const char* outcome : {"closed", "holiday"}) {
        const YAML::Node menu = action["outputs"][outcome]["actions"][0]["collectInput"];
        ASSERT_TRUE(menu) << outcome;
        keys.insert(menu["inputData"]["var"].as<std::string>());
    }
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(flow.variables.at(*keys.begin()), "stringVariable");
}

TEST(ArchyExternalFlows, ACallIsByNameAndTheFlowIsNeverRendered) {
    std::unique_ptr<Built> built = Check(
        "@name(\"CRM Lookup\")\nshared flow Crm(phone: string) -> <tier: string>;\n"
        "inbound flow Main {\n    call Crm(phone = call.ani) -> <tier>;\n}\n");
    ASSERT_TRUE(built->model);
    std::unique_ptr<backend::Backend> archy = backend::MakeBackend("archy");
    const lower::FlowPlan* main = nullptr;
    for (const lower::FlowPlan& plan : built->graph.flows) {
        if (built->model->flows[plan.id].name == "Main") main = &plan;
    }
    ASSERT_TRUE(main);
    // Whether or not lowering plans the external flow, rendering it is a bug.
    lower::FlowPlan crm;
    while (!built->model->flows[crm.id].external) ++crm.id;
    YAML::Node doc = YAML::Load(archy->RenderFlow(built->graph, *main, {}).bytes);
    const YAML::Node call = doc["inboundCall"]["tasks"][0]["task"]["actions"][0];
    const YAML::Node version = call["callCommonModule"]["commonModule"]["CRM Lookup"];
    EXPECT_EQ(version["ver_latestPublished"]["inputs"]["Common.phone"]["exp"].as<std::string>(),
              "Call.Ani");
    EXPECT_EQ(version["ver_latestPublished"]["outputs"]["Common.tier"]["var"].as<std::string>(),
              "Flow.tier");
    EXPECT_THROW(archy->RenderFlow(built->graph, crm, {}), std::logic_error);
}

}  // namespace
}  // namespace flowc
