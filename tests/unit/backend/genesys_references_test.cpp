// genesys-json names every org resource, external shared flow and in-queue flow by a
// placeholder that deploy replaces: each use is one reference of the manifest, of the kind its
// use decides, at the JSON pointer that holds its placeholder; a `queue` value held in a
// variable and a queue found by name at run time are no reference. Also: the invariants the
// golden tests check on this output fail when it is broken.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "backend/registry.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"
#include "support/invariants.h"

namespace flowc {
namespace {

constexpr const char* kSource = R"(
queue Sales = "Sales Queue";
skill Spanish = "Spanish";
schedule Office = "Office Hours";
emergency Storm = "Storm Group";
prompt Welcome = "Welcome_Greeting";

@name("CRM Lookup")
shared flow Crm(q: queue) -> <tier: string>;

@queues("Sales Queue")
inbound flow Main {
    var q: queue = Sales;
    var greeting: prompt = Welcome;
    call Crm(q = Sales) -> <tier>;
    hours Office emergency Storm {
        open => transfer Sales skills Spanish language Spanish via "Hold" else {}
        else => transfer voicemail q;
    }
    transfer queue(tier) else transfer flow "Elsewhere";
}
)";

std::vector<std::pair<std::string, std::string>> Build() {
    InMemoryLoader memory;
    memory.Add("refs.flow", kSource);
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program = LoadProgram({"refs.flow"}, memory, sources, diags, LoadOptions{});
    std::optional<sema::Model> model = sema::Check(program, diags);
    EXPECT_TRUE(model) << diags.error_count();
    if (!model) return {};
    backend::MemorySink sink;
    backend::GenerateAll(lower::Lower(*model), "genesys-json", sink, diags);
    EXPECT_FALSE(diags.has_errors());
    return sink.files();
}

TEST(GenesysReferences, EachUseOfAResourceIsOneReferenceAtItsPlaceholder) {
    std::vector<std::pair<std::string, std::string>> files = Build();
    ASSERT_FALSE(files.empty());
    std::string error;
    std::optional<backend::Manifest> manifest =
        backend::Manifest::Parse(files.back().second, error);
    ASSERT_TRUE(manifest) << error;

    using Ref = backend::Reference;
    std::vector<Ref> expected = {
        {"Main.json", "/queueIds/0", "queue", "Sales Queue", "ref:queue:Sales Queue"},
        {"Main.json", "/nodes/1/value", "queue", "Sales Queue", "ref:queue:Sales Queue"},
        {"Main.json", "/nodes/2/value", "prompt", "Welcome_Greeting",
         "ref:prompt:Welcome_Greeting"},
        {"Main.json", "/nodes/3/flowId", "flow", "CRM Lookup", "ref:flow:CRM Lookup"},
        {"Main.json", "/nodes/3/inputVariables/q", "queue", "Sales Queue", "ref:queue:Sales Queue"},
        {"Main.json", "/nodes/4/scheduleGroupId", "scheduleGroup", "Office Hours",
         "ref:scheduleGroup:Office Hours"},
        {"Main.json", "/nodes/4/emergencyGroupId", "emergencyGroup", "Storm Group",
         "ref:emergencyGroup:Storm Group"},
        {"Main.json", "/nodes/5/queueId", "queue", "Sales Queue", "ref:queue:Sales Queue"},
        {"Main.json", "/nodes/5/skills/0", "skill", "Spanish", "ref:skill:Spanish"},
        {"Main.json", "/nodes/5/languageSkill", "languageSkill", "Spanish",
         "ref:languageSkill:Spanish"},
        {"Main.json", "/nodes/5/inQueueFlowId", "flow", "Hold", "ref:flow:Hold"},
        {"Main.json", "/nodes/7/flowId", "flow", "Elsewhere", "ref:flow:Elsewhere"},
    };
    EXPECT_EQ(manifest->references, expected);

    nlohmann::json main;
    for (const auto& [path, bytes] : files) {
        if (path == "Main.json") main = nlohmann::json::parse(bytes);
    }
    for (const Ref& ref : manifest->references) {
        EXPECT_EQ(main.at(nlohmann::json::json_pointer(ref.pointer)), ref.placeholder)
            << ref.pointer;
    }
    // The queue found by name and the voicemail of the queue in `q` carry no placeholder.
    const nlohmann::json& lookup = main["nodes"][6];
    EXPECT_EQ(lookup["type"], "transferToQueue");
    EXPECT_EQ(lookup["queueName"], "${local.tier}");
    EXPECT_FALSE(lookup.contains("queueId"));
    const nlohmann::json& voicemail = main["nodes"].back();
    EXPECT_EQ(voicemail["type"], "transferToVoicemail");
    EXPECT_EQ(voicemail["queueId"], "${local.q}");
    EXPECT_FALSE(voicemail.contains("queueName"));

    for (const std::string& failure : testing::CheckOutputInvariants(files))
        ADD_FAILURE() << failure;
}

TEST(GenesysReferences, AnUnlistedPlaceholderBreaksTheInvariants) {
    std::vector<std::pair<std::string, std::string>> files = Build();
    ASSERT_FALSE(files.empty());
    // Drop one listed reference: its placeholder is then in the file but not in the manifest.
    nlohmann::ordered_json manifest = nlohmann::ordered_json::parse(files.back().second);
    manifest["references"].erase(manifest["references"].begin() + 4);
    files.back().second = manifest.dump(2) + "\n";
    std::vector<std::string> failures = testing::CheckOutputInvariants(files);
    EXPECT_NE(std::find(failures.begin(), failures.end(),
                        "Main.json: the manifest does not list each placeholder once"),
              failures.end());
}

// The invariants the golden tests rely on for the v2 nodes can fail: a transfer has no
// transition or only its failure, and `hours` branches on exactly the outcomes it evaluates.
TEST(GenesysReferences, TheInvariantsCatchBrokenTransfersAndHours) {
    std::vector<std::pair<std::string, std::string>> files = Build();
    ASSERT_FALSE(files.empty());
    auto main = std::find_if(files.begin(), files.end(),
                             [](const auto& file) { return file.first == "Main.json"; });
    ASSERT_NE(main, files.end());
    nlohmann::ordered_json flow = nlohmann::ordered_json::parse(main->second);
    nlohmann::ordered_json& hours = flow["nodes"][4];
    nlohmann::ordered_json& transfer = flow["nodes"][5];
    ASSERT_EQ(hours["type"], "evaluateScheduleGroup");
    ASSERT_EQ(transfer["type"], "transferToQueue");
    hours["transitions"].erase(hours["transitions"].end() - 1);  // the emergency outcome
    transfer["transitions"].push_back(transfer["transitions"][0]);
    main->second = flow.dump(2) + "\n";
    std::vector<std::string> failures = testing::CheckOutputInvariants(files);
    for (const char* expected :
         {"Main.json: node s3 does not branch on exactly its outcomes",
          "Main.json: node s3.arm0.s0 (transferToQueue) has 2 transitions"}) {
        EXPECT_NE(std::find(failures.begin(), failures.end(), expected), failures.end())
            << expected;
    }
}

}  // namespace
}  // namespace flowc
