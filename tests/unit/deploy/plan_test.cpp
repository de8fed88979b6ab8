#include "deploy/plan.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include "backend/backend.h"
#include "lower/lower.h"
#include "support/pipeline.h"

namespace flowc::deploy {
namespace {

Bundle ThreeFlows() {
    Bundle bundle;
    bundle.target = "archy";
    bundle.flows.push_back({"Shared", "Shared Menu", "commonmodule", "h1", "", {}, {}, {}, {}, {}});
    bundle.flows.push_back({"A", "Caller A", "inboundcall", "h2", "", {"Shared"}, {}, {}, {}, {}});
    bundle.flows.push_back({"B", "Caller B", "inboundcall", "h3", "", {}, {}, {}, {}, {}});
    return bundle;
}

// The build's bundle is flowc's own output: anything wrong with it is an internal failure.
TEST(Bundle, AMalformedBuildIsAnInternalFailure) {
    Result<Bundle> no_manifest = ReadBundle({{"A.yaml", "flow"}});
    ASSERT_FALSE(no_manifest.ok());
    EXPECT_EQ(no_manifest.failure().kind, FailureKind::kInternal);
    EXPECT_EQ(no_manifest.failure().message, "the build produced no manifest.json");
    Result<Bundle> bad_manifest = ReadBundle({{"manifest.json", "{"}});
    ASSERT_FALSE(bad_manifest.ok());
    EXPECT_EQ(bad_manifest.failure().kind, FailureKind::kInternal);
    EXPECT_EQ(bad_manifest.failure().message.rfind("the build's ", 0), 0u)
        << bad_manifest.failure().message;
}

// An external shared flow lives in the org: the build makes no file for it, so deploy plans
// only the flows that call it, which still name it among their calls.
TEST(Bundle, AnExternalFlowIsNeverPublishedAndItsCallersStillCallIt) {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model = testing::RunFrontEnd(
        {{"m.flow",
          "@name(\"CRM Lookup\")\nshared flow Crm(phone: string) -> <tier: string>;\n"
          "inbound flow Main { call Crm(phone = call.ani) -> <tier>; transfer \"Sales\"; }\n"}},
        sources, diags);
    ASSERT_TRUE(model) << diags.error_count();
    lower::FlowGraph graph = lower::Lower(*model);
    for (const char* target : {"archy", "genesys-json"}) {
        SCOPED_TRACE(target);
        backend::MemorySink sink;
        backend::GenerateAll(graph, target, sink, diags);
        Result<Bundle> bundle = ReadBundle(sink.files());
        ASSERT_TRUE(bundle.ok()) << bundle.failure().message;
        ASSERT_EQ(bundle->flows.size(), 1u);
        EXPECT_EQ(bundle->flows[0].identifier, "Main");
        EXPECT_EQ(bundle->flows[0].calls, std::vector<std::string>{"Crm"});
        auto plan = MakePlan(*bundle, {}, {});
        ASSERT_EQ(plan.size(), 1u);
        EXPECT_EQ(plan[0].action, Action::kCreate);
    }
}

TEST(Plan, EverythingNewIsCreate) {
    Bundle bundle = ThreeFlows();
    auto plan = MakePlan(bundle, {}, {});
    for (const PlannedFlow& p : plan) EXPECT_EQ(p.action, Action::kCreate);
}

TEST(Plan, ChangedSharedFlowRepublishesItsCallersOnly) {
    Bundle bundle = ThreeFlows();
    std::map<std::string, FlowRecord> records{
        {"Shared", {"Shared Menu", "commonmodule", "r1", "old", "1"}},
        {"A", {"Caller A", "inboundcall", "r2", "h2", "1"}},
        {"B", {"Caller B", "inboundcall", "r3", "h3", "1"}}};
    std::map<std::string, RemoteFlow> remote{{"Shared", {"r1", "Shared Menu", "", "1", ""}},
                                             {"A", {"r2", "Caller A", "", "1", ""}},
                                             {"B", {"r3", "Caller B", "", "1", ""}}};
    auto plan = MakePlan(bundle, records, remote);
    EXPECT_EQ(plan[0].action, Action::kUpdate);
    EXPECT_EQ(plan[1].action, Action::kRepublish);
    EXPECT_EQ(plan[1].reason, "calls Shared Menu, which changed");
    EXPECT_EQ(plan[2].action, Action::kUnchanged);
    records["Shared"].sha256 = "h1";
    plan = MakePlan(bundle, records, remote);
    for (const PlannedFlow& p : plan) EXPECT_EQ(p.action, Action::kUnchanged);
    remote["B"].version = "2";  // republished by hand
    EXPECT_EQ(MakePlan(bundle, records, remote)[2].action, Action::kUpdate);
    remote.erase("A");  // deleted in the org
    EXPECT_EQ(MakePlan(bundle, records, remote)[1].action, Action::kCreate);
}

TEST(Plan, NoStateMeansUpdateOfWhatExists) {
    Bundle bundle = ThreeFlows();
    std::map<std::string, RemoteFlow> remote{{"Shared", {"r1", "Shared Menu", "", "1", ""}}};
    auto plan = MakePlan(bundle, {}, remote);
    EXPECT_EQ(plan[0].action, Action::kUpdate);
    EXPECT_EQ(plan[0].remote_id, "r1");
}

TEST(StateFile, RoundTripPerOrgAndTarget) {
    std::string dir = ::testing::TempDir() + "/flowc-state-test";
    std::filesystem::remove_all(dir);
    std::string path = dir + "/.flowc/deploy-state.json";
    Result<StateFile> state = StateFile::Load(path);
    ASSERT_TRUE(state.ok()) << state.failure().message;
    state->Put("org1", "archy", "A", {"Caller A", "inboundcall", "id1", "h", "v"});
    state->Put("org2", "archy", "A", {"Caller A", "inboundcall", "id9", "h", "v"});
    Result<void> saved = state->Save();
    ASSERT_TRUE(saved.ok()) << saved.failure().message;
    Result<StateFile> loaded = StateFile::Load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.failure().message;
    const StateFile& again = *loaded;
    EXPECT_EQ(again.Records("org1", "archy").at("A").id, "id1");
    EXPECT_EQ(again.Records("org2", "archy").at("A").id, "id9");
    EXPECT_TRUE(again.Records("org1", "genesys-json").empty());
    std::filesystem::remove_all(dir);
}

TEST(StateFile, MalformedIsEmptyWithAWarning) {
    std::string path = ::testing::TempDir() + "/flowc-bad-state.json";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        std::fputs("{\"format\":1", f);
        std::fclose(f);
    }
    Result<StateFile> state = StateFile::Load(path);
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.failure().kind, FailureKind::kStateUnreadable);
    EXPECT_NE(state.failure().message.find("not a flowc deploy state"), std::string::npos);
    EXPECT_TRUE(StateFile::Empty(path).Records("o", "archy").empty());
    std::remove(path.c_str());
}

// Every document of the right header but a wrong shape is refused whole at load, so that
// Records and Put never meet a value of the wrong type (they threw, after the first publish).
TEST(StateFile, WrongShapeIsEmptyWithAWarning) {
    std::string path = ::testing::TempDir() + "/flowc-shape-state.json";
    const char* head = R"({"format":"flowc-deploy-state","version":1,"orgs":)";
    for (std::string orgs :
         {R"([])", R"({"o":[1,2,3]})", R"({"o":{"archy":[1,2,3]}})", R"({"o":{"archy":{"A":7}}})",
          R"({"o":{"archy":{"A":{"id":1}}}})", R"({"o":{"archy":{"A":{"name":null}}}})",
          R"({"x":{"genesys-json":"s"}})"}) {
        {
            std::FILE* f = std::fopen(path.c_str(), "w");
            std::fputs((head + orgs + "}").c_str(), f);
            std::fclose(f);
        }
        Result<StateFile> loaded = StateFile::Load(path);
        ASSERT_FALSE(loaded.ok()) << orgs;
        EXPECT_EQ(loaded.failure().kind, FailureKind::kStateUnreadable) << orgs;
        EXPECT_NE(loaded.failure().message.find("not a flowc deploy state"), std::string::npos)
            << orgs;
        StateFile state = StateFile::Empty(path);
        EXPECT_TRUE(state.Records("o", "archy").empty()) << orgs;
        state.Put("o", "archy", "A", {"A", "inboundcall", "id1", "h", "v"});
        Result<void> saved = state.Save();
        ASSERT_TRUE(saved.ok()) << saved.failure().message;
        Result<StateFile> again = StateFile::Load(path);
        ASSERT_TRUE(again.ok()) << again.failure().message;
        EXPECT_EQ(again->Records("o", "archy").at("A").id, "id1");
    }
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        std::fputs(R"({"format":"flowc-deploy-state","version":2,"orgs":{}})", f);
        std::fclose(f);
    }
    Result<StateFile> version_2 = StateFile::Load(path);
    ASSERT_FALSE(version_2.ok());
    EXPECT_NE(version_2.failure().message.find("`version` is not 1"), std::string::npos);
    std::remove(path.c_str());
}

TEST(StateFile, DirectoryOrFifoIsNeverWritten) {
    namespace fs = std::filesystem;
    std::string dir = ::testing::TempDir() + "/flowc-state-special";
    fs::remove_all(dir);
    fs::create_directories(dir + "/state.json");
    ASSERT_EQ(::mkfifo((dir + "/fifo.json").c_str(), 0600), 0);
    for (const char* name : {"/state.json", "/fifo.json"}) {
        Result<StateFile> loaded = StateFile::Load(dir + name);
        ASSERT_FALSE(loaded.ok()) << name;
        EXPECT_EQ(loaded.failure().kind, FailureKind::kStateUnwritable) << name;
        EXPECT_FALSE(loaded.failure().message.empty()) << name;
        Result<void> saved = StateFile::Empty(dir + name).Save();
        ASSERT_FALSE(saved.ok()) << name;
        EXPECT_EQ(saved.failure().kind, FailureKind::kStateUnwritable) << name;
        EXPECT_NE(saved.failure().message.find(dir + name), std::string::npos)
            << saved.failure().message;
    }
    EXPECT_TRUE(fs::is_directory(dir + "/state.json"));
    EXPECT_TRUE(fs::is_fifo(dir + "/fifo.json"));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace flowc::deploy
