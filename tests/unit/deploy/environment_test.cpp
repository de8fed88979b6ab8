#include "deploy/environment.h"

#include <gtest/gtest.h>

#include <set>

#include "backend/backend.h"
#include "deploy/plan.h"
#include "lower/lower.h"
#include "support/pipeline.h"

namespace flowc::deploy {
namespace {

// Every place a platform name can stand in the sources, each renamed, seen as deploy sees it:
// the manifest's resources and flows. The target's rules still apply to the new names (a
// prompt's name is letters, digits and `_` for Architect).
constexpr const char* kSources = R"(
queue Sales = "Sales";
schedule Hours = "Bank Hours";
emergency Storm = "Storm";
prompt Welcome = "Welcome";
skill French = "French";
@name("CRM Lookup")
shared flow Crm(phone: string) -> <tier: string>;
@name("Lookup Customer")
@integration("CRM")
data action Lookup(phone: string) -> <id: string>;
@name("Main Line")
@queues("Billing")
inbound flow Main {
    play Welcome;
    call Crm(phone = call.ani) -> <tier>;
    call Lookup(phone = call.ani) -> <id> else {
        hours Hours emergency Storm {
            open => { transfer "Support" skills French language French via "Queue Music" else {} }
            else => { transfer flow "After Hours" else { transfer voicemail "Voicemail" else {} } }
        }
    }
    callback "Callbacks" number call.ani;
    transfer Sales;
}
)";

std::set<std::pair<std::string, std::string>> Resources(const sema::Model& model) {
    lower::FlowGraph graph = lower::Lower(model);
    backend::MemorySink sink;
    DiagnosticEngine diags;
    backend::GenerateAll(graph, "archy", sink, diags);
    for (const Diagnostic& d : diags.Reported()) ADD_FAILURE() << d.message;
    Result<Bundle> bundle = ReadBundle(sink.files());
    std::set<std::pair<std::string, std::string>> out;
    EXPECT_TRUE(bundle.ok());
    if (!bundle) return out;
    for (const BundleFlow& flow : bundle->flows) {
        out.insert({"flow", flow.name});
        for (const std::string& queue : flow.queues) out.insert({"queue", queue});
        for (const backend::ManifestResource& resource : flow.resources) {
            out.insert({resource.kind, resource.name});
            if (!resource.integration.empty()) out.insert({"integration", resource.integration});
        }
    }
    return out;
}

TEST(Environment, EveryNameTheSourcesUseIsRenamed) {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model =
        testing::RunFrontEnd({{"main.flow", kSources}}, sources, diags);
    ASSERT_TRUE(model) << diags.error_count();
    Result<Environment> environment = ParseEnvironment(R"({"environments": {"dev": {
        "division": "Dev",
        "names": {
          "queue": {"Sales": "DEV Sales", "Billing": "DEV Billing", "Support": "DEV Support",
                    "Voicemail": "DEV Voicemail", "Callbacks": "DEV Callbacks"},
          "schedule": {"Bank Hours": "DEV Hours"}, "emergency": {"Storm": "DEV Storm"},
          "prompt": {"Welcome": "DEV_Welcome"}, "skill": {"French": "DEV French"},
          "flow": {"Main Line": "DEV Main", "CRM Lookup": "DEV CRM Lookup",
                   "Queue Music": "DEV Queue Music", "After Hours": "DEV After Hours"},
          "dataAction": {"Lookup Customer": "DEV Lookup"}, "integration": {"CRM": "DEV CRM"}
        }}}})",
                                                       "flowc.env.json", "dev");
    ASSERT_TRUE(environment.ok()) << environment.failure().message;
    EXPECT_TRUE(ApplyEnvironment(*environment, *model).empty());
    std::set<std::pair<std::string, std::string>> seen = Resources(*model);
    for (const auto& [kind, name] : seen) {
        EXPECT_EQ(name.rfind("DEV", 0), 0u) << kind << " `" << name << "` was not renamed";
    }
    for (const auto& expected :
         std::set<std::pair<std::string, std::string>>{{"queue", "DEV Sales"},
                                                       {"queue", "DEV Billing"},
                                                       {"queue", "DEV Support"},
                                                       {"queue", "DEV Voicemail"},
                                                       {"queue", "DEV Callbacks"},
                                                       {"schedule", "DEV Hours"},
                                                       {"emergency", "DEV Storm"},
                                                       {"prompt", "DEV_Welcome"},
                                                       {"skill", "DEV French"},
                                                       {"languageSkill", "DEV French"},
                                                       {"inqueueFlow", "DEV Queue Music"},
                                                       {"inboundFlow", "DEV After Hours"},
                                                       {"commonModule", "DEV CRM Lookup"},
                                                       {"dataAction", "DEV Lookup"},
                                                       {"integration", "DEV CRM"},
                                                       {"flow", "DEV Main"}}) {
        EXPECT_TRUE(seen.contains(expected)) << expected.first << " " << expected.second;
    }
    for (const sema::Flow& flow : model->flows) {
        if (flow.kind == sema::FlowKind::kInbound) {
            EXPECT_EQ(flow.division, "Dev");
        }
    }
}

TEST(Environment, ANameNoSourceUsesIsReturned) {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model =
        testing::RunFrontEnd({{"main.flow", kSources}}, sources, diags);
    ASSERT_TRUE(model);
    Result<Environment> environment = ParseEnvironment(
        R"({"environments": {"dev": {"names": {"queue": {"Salse": "X", "Sales": "Y"}}}}})",
        "flowc.env.json", "dev");
    ASSERT_TRUE(environment.ok());
    EXPECT_EQ(ApplyEnvironment(*environment, *model), std::vector<std::string>{"queue `Salse`"});
}

TEST(Environment, EveryMalformedFileIsAConfigurationFailure) {
    for (const char* text :
         {"", "[]", "{}", R"({"environments": []})", R"({"environments": {}, "x": 1})",
          R"({"environments": {"dev": 3}})", R"({"environments": {"dev": {"region": ""}}})",
          R"({"environments": {"dev": {"names": {"queue": {"A": 1}}}}})",
          R"({"environments": {"dev": {"names": {"queue": []}}}})",
          R"({"environments": {"dev": {"names": {"flows": {}}}}})",
          R"({"environments": {"dev": {"colour": "blue"}}})",
          R"({"environments": {"prod": {}}})"}) {
        Result<Environment> environment = ParseEnvironment(text, "flowc.env.json", "dev");
        ASSERT_FALSE(environment.ok()) << text;
        EXPECT_EQ(environment.failure().kind, FailureKind::kConfig) << text;
        EXPECT_NE(environment.failure().message.find("flowc.env.json"), std::string::npos)
            << environment.failure().message;
    }
}

}  // namespace
}  // namespace flowc::deploy
