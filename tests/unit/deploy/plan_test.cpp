#include "deploy/plan.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

namespace flowc::deploy {
namespace {

Bundle ThreeFlows() {
    Bundle bundle;
    bundle.target = "archy";
    bundle.flows.push_back({"Shared", "Shared Menu", "commonmodule", "h1", "", {}, {}, {}, {}});
    bundle.flows.push_back({"A", "Caller A", "inboundcall", "h2", "", {"Shared"}, {}, {}, {}});
    bundle.flows.push_back({"B", "Caller B", "inboundcall", "h3", "", {}, {}, {}, {}});
    return bundle;
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
    std::string warning;
    StateFile state = StateFile::Load(path, warning);
    EXPECT_TRUE(warning.empty());
    state.Put("org1", "archy", "A", {"Caller A", "inboundcall", "id1", "h", "v"});
    state.Put("org2", "archy", "A", {"Caller A", "inboundcall", "id9", "h", "v"});
    std::string error;
    ASSERT_TRUE(state.Save(error)) << error;
    StateFile again = StateFile::Load(path, warning);
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
    std::string warning;
    StateFile state = StateFile::Load(path, warning);
    EXPECT_NE(warning.find("not a flowc deploy state"), std::string::npos);
    EXPECT_TRUE(state.Records("o", "archy").empty());
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
        std::string warning;
        StateFile state = StateFile::Load(path, warning);
        EXPECT_NE(warning.find("not a flowc deploy state"), std::string::npos) << orgs;
        EXPECT_TRUE(state.Records("o", "archy").empty()) << orgs;
        state.Put("o", "archy", "A", {"A", "inboundcall", "id1", "h", "v"});
        std::string error;
        ASSERT_TRUE(state.Save(error)) << error;
        StateFile again = StateFile::Load(path, warning = "");
        EXPECT_TRUE(warning.empty()) << warning;
        EXPECT_EQ(again.Records("o", "archy").at("A").id, "id1");
    }
    std::string warning;
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        std::fputs(R"({"format":"flowc-deploy-state","version":2,"orgs":{}})", f);
        std::fclose(f);
    }
    StateFile::Load(path, warning);
    EXPECT_NE(warning.find("`version` is not 1"), std::string::npos);
    std::remove(path.c_str());
}

TEST(StateFile, DirectoryOrFifoIsNeverWritten) {
    namespace fs = std::filesystem;
    std::string dir = ::testing::TempDir() + "/flowc-state-special";
    fs::remove_all(dir);
    fs::create_directories(dir + "/state.json");
    ASSERT_EQ(::mkfifo((dir + "/fifo.json").c_str(), 0600), 0);
    for (const char* name : {"/state.json", "/fifo.json"}) {
        std::string warning;
        StateFile state = StateFile::Load(dir + name, warning);
        EXPECT_FALSE(state.unwritable().empty()) << name;
        EXPECT_FALSE(warning.empty()) << name;
        std::string error;
        EXPECT_FALSE(state.Save(error)) << name;
        EXPECT_NE(error.find(dir + name), std::string::npos) << error;
    }
    EXPECT_TRUE(fs::is_directory(dir + "/state.json"));
    EXPECT_TRUE(fs::is_fifo(dir + "/fifo.json"));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace flowc::deploy
