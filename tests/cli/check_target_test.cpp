// `flowc check --target`: a pre-commit check catches what `build --target` would reject.
#include <gtest/gtest.h>

#include "cli/cli_fixture.h"

namespace {

using flowc::testing::Cli;
using flowc::testing::Result;

constexpr const char* kModuleCallsModule =
    "shared flow Inner() { return; }\n"
    "shared flow Outer() {\n    call Inner();\n    return;\n}\n"
    "inbound flow Main {\n    call Outer();\n    hangup;\n}\n";

TEST_F(Cli, CheckWithATargetReportsWhatBuildForItWould) {
    Write("a.flow", kModuleCallsModule);
    Result plain = Flowc("check a.flow");
    EXPECT_EQ(plain.exit_code, 0) << plain.err;
    Result check = Flowc("check a.flow --target archy");
    Result build = Flowc("build a.flow -o out --target archy");
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_EQ(build.exit_code, 1);
    EXPECT_NE(check.err.find("error[E0803]"), std::string::npos) << check.err;
    EXPECT_EQ(check.err, build.err);  // the same diagnostics, word for word
    EXPECT_EQ(check.out, "");         // no "checked ..." summary after an error
    // Repeatable, like build's; the other target accepts the call, the errors are archy's.
    Result both = Flowc("check a.flow --target genesys-json --target archy --target archy");
    EXPECT_EQ(both.exit_code, 1);
    EXPECT_EQ(both.err, check.err);
    Result json = Flowc("check a.flow --target genesys-json");
    EXPECT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(json.out, "checked 1 file: 2 shared flows, 1 inbound flow\n");
}

TEST_F(Cli, CheckWithAnUnknownTargetIsAUsageError) {
    Write("a.flow", "inbound flow Main { hangup; }\n");
    Result run = Flowc("check a.flow --target yaml");
    EXPECT_EQ(run.exit_code, 64);
    EXPECT_NE(run.err.find("--target"), std::string::npos) << run.err;
}

// E0601's help must not send an archy user to a third shared flow, which E0803 refuses.
TEST_F(Cli, CycleHelpDependsOnTheTargets) {
    Write("a.flow",
          "shared flow A() {\n    call B();\n    return;\n}\n"
          "shared flow B() {\n    call A();\n    return;\n}\n"
          "inbound flow Main {\n    call A();\n    hangup;\n}\n");
    const std::string third = "move the shared part into a third shared flow that both call";
    Result plain = Flowc("check a.flow");
    EXPECT_EQ(plain.exit_code, 1);
    EXPECT_NE(plain.err.find(third), std::string::npos) << plain.err;
    for (const char* command : {"check a.flow --target archy", "build a.flow -o out --target archy",
                                "build a.flow -o out --target archy --target genesys-json"}) {
        Result run = Flowc(command);
        EXPECT_EQ(run.exit_code, 1) << command;
        EXPECT_EQ(run.err.find(third), std::string::npos) << command << "\n" << run.err;
        EXPECT_NE(run.err.find("let the inbound flows call these shared flows one after another"),
                  std::string::npos)
            << command << "\n"
            << run.err;
    }
}

}  // namespace

// Data actions are the org's, not flows flowc writes: the summary counts them apart.
TEST_F(Cli, CheckSummaryCountsDataActionsApart) {
    Write("a.flow",
          "@integration(\"CRM\")\n"
          "data action Find(phone: string) -> <id: string>;\n"
          "@integration(\"CRM\")\n"
          "data action Note(id: string);\n"
          "inbound flow Main {\n"
          "    call Find(phone = call.ani) -> <id> else { hangup; }\n"
          "    call Note(id = id) else {}\n"
          "}\n");
    Result run = Flowc("check a.flow");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "checked 1 file: 0 shared flows, 1 inbound flow, 2 data actions\n");
    Write("b.flow",
          "@integration(\"CRM\")\n"
          "data action Find(phone: string) -> <id: string>;\n"
          "inbound flow Main { hangup; }\n");
    EXPECT_EQ(Flowc("check b.flow").out,
              "checked 1 file: 0 shared flows, 1 inbound flow, 1 data action\n");
}
