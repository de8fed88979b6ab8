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

BundleFlow Flow(std::string identifier, std::string name, std::string type, std::string sha,
                std::vector<std::string> calls = {}) {
    BundleFlow flow;
    flow.identifier = std::move(identifier);
    flow.name = std::move(name);
    flow.type = std::move(type);
    flow.sha256 = std::move(sha);
    flow.calls = std::move(calls);
    return flow;
}

std::string Hex(char digit) { return std::string(64, digit); }

Bundle ThreeFlows() {
    Bundle bundle;
    bundle.target = "archy";
    bundle.flows.push_back(Flow("Shared", "Shared Menu", "commonmodule", Hex('1')));
    bundle.flows.push_back(Flow("A", "Caller A", "inboundcall", Hex('2'), {"Shared"}));
    bundle.flows.push_back(Flow("B", "Caller B", "inboundcall", Hex('3')));
    ComputeMarkers(bundle);
    return bundle;
}

RemoteFlow Remote(std::string id, const BundleFlow& flow, std::string version = "1") {
    RemoteFlow remote;
    remote.id = std::move(id);
    remote.name = flow.name;
    remote.version = std::move(version);
    remote.description = WithMarker("What the flow does.", flow.marker);
    return remote;
}

// What the org holds after a deploy of `bundle`.
std::map<std::string, RemoteFlow> Deployed(const Bundle& bundle) {
    std::map<std::string, RemoteFlow> remote;
    for (const BundleFlow& flow : bundle.flows)
        remote[flow.identifier] = Remote("r-" + flow.identifier, flow);
    return remote;
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

// Issue 21, point 5: CI has no state file; the markers in the org are enough.
TEST(Plan, TheMarkersInTheOrgNeedNoStateFile) {
    Bundle bundle = ThreeFlows();
    std::map<std::string, RemoteFlow> remote = Deployed(bundle);
    for (const PlannedFlow& p : MakePlan(bundle, {}, remote)) {
        EXPECT_EQ(p.action, Action::kUnchanged) << p.flow->name << ": " << p.reason;
    }
    Bundle edited = ThreeFlows();
    edited.flows[0].sha256 = Hex('9');
    ComputeMarkers(edited);
    auto plan = MakePlan(edited, {}, remote);
    EXPECT_EQ(plan[0].action, Action::kUpdate);
    EXPECT_EQ(plan[0].reason, "changed since the last deploy");
    EXPECT_EQ(plan[1].action, Action::kRepublish);
    EXPECT_EQ(plan[1].reason, "calls Shared Menu, which changed");
    EXPECT_EQ(plan[2].action, Action::kUnchanged);
}

// A deploy stopped after the shared flow and before its callers: the next one, from a clean
// checkout, still republishes them, because their markers name the old shared flow.
TEST(Plan, CallersOfASharedFlowPublishedByAStoppedDeployAreRepublished) {
    Bundle before = ThreeFlows();
    std::map<std::string, RemoteFlow> remote = Deployed(before);
    Bundle after = ThreeFlows();
    after.flows[0].sha256 = Hex('9');
    ComputeMarkers(after);
    remote["Shared"] = Remote("r-Shared", after.flows[0], "2");
    auto plan = MakePlan(after, {}, remote);
    EXPECT_EQ(plan[0].action, Action::kUnchanged);
    EXPECT_EQ(plan[1].action, Action::kRepublish);
    EXPECT_EQ(plan[1].reason, "a shared flow it calls changed since it was published");
    EXPECT_EQ(plan[2].action, Action::kUnchanged);
}

TEST(Plan, TheCacheTellsAHandEditAndDeletions) {
    Bundle bundle = ThreeFlows();
    std::map<std::string, RemoteFlow> remote = Deployed(bundle);
    std::map<std::string, FlowRecord> records;
    for (const BundleFlow& flow : bundle.flows) {
        records[flow.identifier] = {flow.name, flow.type, "r-" + flow.identifier, flow.sha256, "1"};
    }
    for (const PlannedFlow& p : MakePlan(bundle, records, remote)) {
        EXPECT_EQ(p.action, Action::kUnchanged) << p.flow->name;
    }
    remote["B"].version = "2";  // republished by hand in Architect
    auto plan = MakePlan(bundle, records, remote);
    EXPECT_EQ(plan[2].action, Action::kUpdate);
    EXPECT_EQ(plan[2].reason, "changed in the org since the last deploy");
    remote.erase("A");  // deleted in the org
    plan = MakePlan(bundle, records, remote);
    EXPECT_EQ(plan[1].action, Action::kCreate);
    EXPECT_EQ(plan[1].reason, "deleted from the org since the last deploy");
}

TEST(Plan, AFlowWithoutAMarkerIsUpdated) {
    Bundle bundle = ThreeFlows();
    std::map<std::string, RemoteFlow> remote = Deployed(bundle);
    remote["Shared"].description = "Made by hand in Architect.";
    remote["Shared"].locked_by = "Ann Agent";
    auto plan = MakePlan(bundle, {}, remote);
    EXPECT_EQ(plan[0].action, Action::kUpdate);
    EXPECT_EQ(plan[0].reason, "not deployed by flowc before");
    EXPECT_EQ(plan[0].remote_id, "r-Shared");
    EXPECT_EQ(plan[0].locked_by, "Ann Agent");
    EXPECT_EQ(plan[1].action, Action::kRepublish);
}

TEST(Marker, TheUsersTextStaysAboveIt) {
    Marker marker{Hex('a'), ""};
    EXPECT_EQ(MarkerLine(marker), "flowc: sha256=" + Hex('a'));
    std::string described = WithMarker("Routes the support line.\n", marker);
    EXPECT_EQ(described, "Routes the support line.\n\nflowc: sha256=" + Hex('a'));
    EXPECT_EQ(ReadMarker(described), marker);
    Marker next{Hex('b'), Hex('c')};
    std::string again = WithMarker(described, next);
    EXPECT_EQ(again,
              "Routes the support line.\n\nflowc: sha256=" + Hex('b') + " calls=" + Hex('c'));
    EXPECT_EQ(ReadMarker(again), next);
    EXPECT_EQ(WithMarker("", marker), MarkerLine(marker));
    EXPECT_EQ(ReadMarker(WithMarker("", marker)), marker);
}

TEST(Marker, OnlyAWholeMarkerOnTheLastLineCounts) {
    for (std::string text :
         {std::string(""), std::string("no marker"), "flowc: sha256=" + Hex('a') + "\nmore text",
          "flowc: sha256=" + Hex('a').substr(1), "flowc: sha256=" + Hex('A'),
          "flowc: sha256=" + Hex('a') + " calls=" + Hex('b').substr(2),
          "flowc: sha256=" + Hex('a') + " extra"}) {
        EXPECT_FALSE(ReadMarker(text)) << text;
        EXPECT_EQ(ReadMarker(WithMarker(text, {Hex('d'), ""})), (Marker{Hex('d'), ""})) << text;
    }
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
