// `flowc check --dump-model` and `--dump-graph` against the real binary: stdout only, in
// pipeline order with `--dump-ast`, nothing for a program with errors, listed by `--help`.
// The dumps' content is tested by the file tests in tests/unit/sema/ and tests/unit/lower/.
#include "cli/cli_fixture.h"

namespace flowc::testing {
namespace {

constexpr const char* kFlow = "inbound flow B {\n    play \"Hi\";\n}\n";

constexpr const char* kModel =
    "flow B inbound a.flow @1:1\n"
    "  body\n"
    "    play @2:5\n"
    "      literal \"Hi\": string\n"
    "  end @3:1\n";

constexpr const char* kGraph =
    "flow B inbound\n"
    "  node start start \"Start\"\n"
    "    -> s0 [start.next] default\n"
    "  node s0 play \"Play\"\n"
    "    prompt \"Hi\"\n"
    "    -> end [s0.next] default\n"
    "  node end end \"End of flow\"\n"
    "    action hangup\n"
    "order B\n";

TEST_F(Cli, DumpModelAndGraphGoToStdoutInPipelineOrder) {
    Write("a.flow", kFlow);
    Result model = Flowc("check --dump-model a.flow");
    EXPECT_EQ(model.exit_code, 0) << model.err;
    EXPECT_EQ(model.out, kModel);
    EXPECT_EQ(model.err, "");

    Result graph = Flowc("check --dump-graph a.flow");
    EXPECT_EQ(graph.exit_code, 0) << graph.err;
    EXPECT_EQ(graph.out, kGraph);
    EXPECT_EQ(graph.err, "");

    Result ast = Flowc("check --dump-ast a.flow");
    Result all = Flowc("check --dump-graph --dump-ast --dump-model a.flow");
    EXPECT_EQ(all.exit_code, 0) << all.err;
    EXPECT_EQ(all.out, ast.out + kModel + kGraph);
}

TEST_F(Cli, DumpsOfAProgramWithErrorsPrintOnlyTheDiagnostics) {
    Write("a.flow", "inbound flow B {\n    play missing;\n}\n");
    for (const char* dump : {"--dump-model", "--dump-graph"}) {
        Result run = Flowc(std::string("check ") + dump + " a.flow");
        EXPECT_EQ(run.exit_code, 1) << dump;
        EXPECT_EQ(run.out, "") << dump;
        EXPECT_NE(run.err.find("a.flow:2:10: error["), std::string::npos) << dump << run.err;
    }
}

TEST_F(Cli, CheckHelpListsEveryDump) {
    Result run = Flowc("check --help");
    EXPECT_EQ(run.exit_code, 0);
    for (const char* option : {"--dump-ast", "--dump-model", "--dump-graph"})
        EXPECT_NE(run.out.find(option), std::string::npos) << option << "\n" << run.out;
}

}  // namespace
}  // namespace flowc::testing
