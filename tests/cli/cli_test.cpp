// Runs the real `flowc` binary: exit codes, stdout/stderr separation, input errors.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using flowc::testing::Cli;
using flowc::testing::Result;

TEST_F(Cli, CleanFileExitsZeroWithSummaryOnStdout) {
    Write("a.flow", "inbound flow Main { hangup; }\nshared flow S { return; }\n");
    Result run = Flowc("check a.flow");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.err, "");
    EXPECT_EQ(run.out, "checked 1 file: 1 shared flow, 1 inbound flow\n");
}

TEST_F(Cli, ThreeSyntaxErrorsAreAllReportedWithExitOne) {
    Write("three.flow",
          "inbound flow Main {\n"
          "    play \"Welcome\"\n"
          "    if x = 1 { hangup; }\n"
          "    transfer;\n"
          "}\n");
    Result run = Flowc("check three.flow --color=always --color=never");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err,
              "three.flow:2:19: error[E0101]: expected `;` after this statement\n"
              "    2 |     play \"Welcome\"\n"
              "      |                   ^\n"
              "      = help: every simple statement ends with `;`\n"
              "three.flow:3:10: error[E0101]: expected `==` in a condition, found `=`\n"
              "    3 |     if x = 1 { hangup; }\n"
              "      |          ^\n"
              "      = help: use `==` to compare; `=` assigns\n"
              "three.flow:4:13: error[E0101]: expected an expression or `flow`, found `;`\n"
              "    4 |     transfer;\n"
              "      |             ^\n"
              "3 errors generated\n");
}

TEST_F(Cli, DirectoriesAreSearchedRecursivelyAndInOrder) {
    Write("proj/b.flow", "inbound flow B { hangup; }\n");
    Write("proj/sub/a.flow", "shared flow A { return; }\n");
    Write("proj/.hidden/x.flow", "this is not checked");
    Write("proj/notes.txt", "ignored");
    Result run = Flowc("check proj");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "checked 2 files: 1 shared flow, 1 inbound flow\n");
}

TEST_F(Cli, MissingFileExits66) {
    Result run = Flowc("check nope.flow");
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_EQ(run.err,
              "flowc: error[E0005]: cannot read `nope.flow`: no such file or directory\n"
              "1 error generated\n");
}

TEST_F(Cli, DirectoryWithoutFlowFilesExits66) {
    Write("empty/readme.md", "nothing here");
    Result run = Flowc("check empty");
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_EQ(run.err,
              "flowc: error[E0006]: directory `empty` contains no `.flow` files\n"
              "      = help: name the `.flow` files or the directory that holds them\n"
              "1 error generated\n");
}

TEST_F(Cli, MissingInputDoesNotHideErrorsInOtherFiles) {
    Write("bad.flow", "inbound flow B { hangup }\n");
    Result run = Flowc("check nope.flow bad.flow");
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_NE(run.err.find("bad.flow:1:24: error[E0101]"), std::string::npos) << run.err;
}

TEST_F(Cli, NineMebibyteFileIsRefusedWithoutReadingIt) {
    std::string big(9u << 20, ' ');
    Write("big.flow", big);
    Result run = Flowc("check big.flow");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.err,
              "flowc: error[E0003]: `big.flow` is 9437184 bytes, over the limit of 8388608 bytes\n"
              "      = help: raise the limit with `--max-file-size`, or split the file\n"
              "1 error generated\n");
    EXPECT_EQ(Flowc("check big.flow --max-file-size 10000000").exit_code, 0);
}

TEST_F(Cli, FifoIsRefused) {
    ASSERT_EQ(::mkfifo((dir_ / "pipe.flow").c_str(), 0600), 0);
    Result run = Flowc("check pipe.flow");
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_NE(run.err.find("not a regular file"), std::string::npos) << run.err;
}

TEST_F(Cli, JsonDiagnosticsAreOneDocumentOnStderr) {
    Write("a.flow", "inbound flow B { hangup }\n");
    Result run = Flowc("check a.flow --diagnostics-format=json");
    EXPECT_EQ(run.exit_code, 1);
    nlohmann::json doc = nlohmann::json::parse(run.err);
    EXPECT_EQ(doc["errors"], 1);
    EXPECT_EQ(doc["diagnostics"][0]["code"], "E0101");
    EXPECT_EQ(doc["diagnostics"][0]["line"], 1);
    EXPECT_EQ(doc["diagnostics"][0]["column"], 24);
}

TEST_F(Cli, ColorOnlyWhenAskedOrOnATerminal) {
    Write("a.flow", "inbound flow B { hangup }\n");
    EXPECT_EQ(Flowc("check a.flow").err.find("\033["), std::string::npos);  // not a TTY
    EXPECT_NE(Flowc("check a.flow --color=always").err.find("\033[1;31m"), std::string::npos);
}

TEST_F(Cli, UsageErrorsExit64) {
    EXPECT_EQ(Flowc("").exit_code, 64);
    EXPECT_EQ(Flowc("check").exit_code, 64);
    EXPECT_EQ(Flowc("frobnicate x").exit_code, 64);
    EXPECT_EQ(Flowc("check a.flow --color=purple").exit_code, 64);
    EXPECT_EQ(Flowc("check a.flow --error-limit=-3").exit_code, 64);
}

TEST_F(Cli, ImportOfADirectoryIsReportedAtTheImport) {
    Write("lib.flow/x.flow", "shared flow X { return; }\n");
    Write("main.flow", "import \"lib.flow\";\ninbound flow Main { hangup; }\n");
    Result run = Flowc("check main.flow --no-snippets");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.err,
              "main.flow:1:8: error[E0202]: cannot read imported file `lib.flow`: it is a "
              "directory\n"
              "1 error generated\n");
}

// Issue 16: `import ".env"` printed the client secret in a syntax error's snippet. A path that
// does not name a `.flow` file is refused from its text; the file's content never appears.
TEST_F(Cli, ImportOfAFileThatIsNotFlowSourceIsRefusedUnread) {
    Write(".env", "GENESYS_CLIENT_SECRET=canary-7d1e\n");
    Write("lib/x.flow", "shared flow X { return; }\n");
    Write("main.flow", "import \".env\";\nimport \"lib\";\ninbound flow Main { hangup; }\n");
    Result run = Flowc("check main.flow");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.err.find("canary-7d1e"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("main.flow:1:8: error[E0204]: `import \".env\";` does not name a "
                           "`.flow` file"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("main.flow:2:8: error[E0204]: `import \"lib\";`"), std::string::npos)
        << run.err;
}

TEST_F(Cli, ImportsSearchIncludeDirsThenStdlibThenFlowcPath) {
    Write("inc/a.flow", "shared flow A { return; }\n");
    Write("std/b.flow", "shared flow B { return; }\n");
    Write("env1/c.flow", "shared flow C { return; }\n");
    Write("env2/d.flow", "shared flow D { return; }\n");
    Write("env2/a.flow", "shared flow Shadowed { return; }\n");  // found later: not loaded
    Write("app/main.flow",
          "import \"a.flow\";\nimport \"b.flow\";\nimport \"c.flow\";\nimport \"d.flow\";\n"
          "inbound flow Main { call A(); call B(); call C(); call D(); hangup; }\n");
    Result run = Flowc("check app/main.flow -I inc --stdlib std");
    EXPECT_EQ(run.exit_code, 1);  // c.flow and d.flow are not found without FLOWC_PATH
    EXPECT_NE(run.err.find("cannot find imported file `c.flow`"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("        inc/c.flow\n        std/c.flow\n"), std::string::npos)
        << run.err;
    setenv("FLOWC_PATH", "env1:env2", 1);
    Result with_path = Flowc("check app/main.flow -I inc --stdlib std");
    unsetenv("FLOWC_PATH");
    EXPECT_EQ(with_path.exit_code, 0) << with_path.err;
    EXPECT_EQ(with_path.out, "checked 5 files: 4 shared flows, 1 inbound flow\n");
}

TEST_F(Cli, OneRunReportsEveryContractErrorAcrossFiles) {
    Write("proj/menu.flow",
          "shared flow SharedIvrMenu(callerPhone: string) -> <selectedOption: string, authResult: "
          "bool> {\n"
          "    if startsWith(callerPhone, \"+1\") { selectedOption = \"1\"; return; }\n"
          "    call Fallback() -> <selectedOption = option>;\n"
          "    authResult = false;\n"
          "}\n"
          "shared flow Fallback -> <option: string> { call SharedIvrMenu(callerPhone = \"\") -> "
          "<option = selectedOption>; }\n");
    Write("proj/sales.flow",
          "import \"menu.flow\";\n"
          "inbound flow Sales { call SharedIvrMenu(callerphone = call.ani) -> <c = "
          "selectedOption>; play c; }\n");
    Write("proj/support.flow",
          "import \"menu.flow\";\n"
          "inbound flow Support { call SharedIvrMenu() -> <c = selectedOptions>; play c; }\n");
    Result run = Flowc("check proj --no-snippets");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(
        run.err,
        "proj/menu.flow:2:62: error[E0501]: output `authResult` of `SharedIvrMenu` is not "
        "assigned on the path ending at this `return`\n"
        "proj/menu.flow:1:76: note: `authResult` declared here\n"
        "      = help: assign `authResult` on every path before the flow returns\n"
        "proj/menu.flow:3:10: error[E0601]: shared flows call each other in a cycle: "
        "SharedIvrMenu -> Fallback -> SharedIvrMenu\n"
        "proj/menu.flow:6:49: note: `Fallback` calls `SharedIvrMenu` here\n"
        "      = note: `SharedIvrMenu` would run itself forever; the platform cannot publish it\n"
        "      = help: break the cycle: move the shared part into a third shared flow that both "
        "call\n"
        "proj/sales.flow:2:41: error[E0402]: `SharedIvrMenu` has no parameter `callerphone`\n"
        "proj/menu.flow:1:1: note: `SharedIvrMenu` declared here\n"
        "      = help: names are case-sensitive: did you mean `callerPhone`?\n"
        "proj/support.flow:2:29: error[E0401]: call of `SharedIvrMenu` does not pass required "
        "parameter `callerPhone`\n"
        "proj/menu.flow:1:27: note: `callerPhone` declared here without a default\n"
        "      = help: pass it: `callerPhone = ...`\n"
        "proj/support.flow:2:53: error[E0405]: `SharedIvrMenu` has no output `selectedOptions`\n"
        "proj/menu.flow:1:1: note: `SharedIvrMenu` declared here\n"
        "      = help: did you mean `selectedOption`?\n"
        "5 errors generated\n");
    for (const char* code : {"E0401", "E0402", "E0405", "E0501", "E0601"}) {
        Result page = Flowc(std::string("explain ") + code);
        EXPECT_EQ(page.exit_code, 0) << code;
        EXPECT_EQ(page.out.rfind(std::string("# ") + code, 0), 0u) << page.out;
    }
}

TEST_F(Cli, BuildWritesOneFilePerFlowAndTheManifestLast) {
    Result run = Flowc("build '" FLOWC_SOURCE_DIR "/examples/seed-tutorial' -o out");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "wrote 2 flows and manifest.json to out\n");
    EXPECT_TRUE(fs::exists(dir_ / "out/SharedIvrMenu.json"));
    EXPECT_TRUE(fs::exists(dir_ / "out/InboundReuseSharedIvr.json"));
    nlohmann::json manifest = nlohmann::json::parse(Slurp(dir_ / "out/manifest.json"));
    EXPECT_EQ(manifest["order"],
              nlohmann::json::parse(R"(["SharedIvrMenu", "InboundReuseSharedIvr"])"));
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
        EXPECT_EQ(entry.path().filename().string().find(".flowc-tmp"), std::string::npos);
    }
}

TEST_F(Cli, BuildWithErrorsWritesNothing) {
    Write("bad.flow", "inbound flow Main { call Missing(); }\n");
    Result run = Flowc("build bad.flow -o out");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("error[E0301]"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Cli, BuildIntoAFileOrDevFullExits73) {
    Write("a.flow", "inbound flow Main { hangup; }\n");
    Write("taken", "not a directory");
    Result run = Flowc("build a.flow -o taken --no-snippets");
    EXPECT_EQ(run.exit_code, 73);
    EXPECT_EQ(
        run.err,
        "flowc: error[E0801]: cannot use `taken` as the output directory: it is not a directory\n"
        "      = help: name a directory with `-o DIR`; it is created if missing\n"
        "1 error generated\n");
    EXPECT_EQ(Slurp(dir_ / "taken"), "not a directory");
    EXPECT_EQ(Flowc("build a.flow -o /dev/full").exit_code, 73);
    EXPECT_EQ(Flowc("build a.flow -o /dev/full/sub").exit_code, 73);
}

TEST_F(Cli, BuildThatCannotWriteExits74AndKeepsWhatWasThere) {
    Write("a.flow", "inbound flow Main { hangup; }\n");
    Write("out/Main.json/keep.txt", "a directory where the output file should go");
    Result run = Flowc("build a.flow -o out --no-snippets");
    EXPECT_EQ(run.exit_code, 74);
    EXPECT_NE(run.err.find("error[E0802]: cannot write `out/Main.json`"), std::string::npos)
        << run.err;
    EXPECT_FALSE(fs::exists(dir_ / "out/manifest.json"));
    EXPECT_TRUE(fs::exists(dir_ / "out/Main.json/keep.txt"));
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
        EXPECT_EQ(entry.path().filename().string().find(".flowc-tmp"), std::string::npos);
    }
}

TEST_F(Cli, FullDiskExits74AndLeavesNoPartialFile) {
    // A file size limit makes write() fail with EFBIG, as a full disk fails with ENOSPC;
    // SIGXFSZ is ignored so that the write fails instead of killing the process.
    Write("out/keep.txt", "already here");
    std::string command = "cd '" + dir_.string() +
                          "' && (trap '' XFSZ; ulimit -f 1; exec '" FLOWC_BINARY
                          "' build '" FLOWC_SOURCE_DIR
                          "/examples' -o out) >stdout.txt 2>stderr.txt";
    int status = std::system(command.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 74);
    EXPECT_NE(Slurp(dir_ / "stderr.txt").find("error[E0802]"), std::string::npos)
        << Slurp(dir_ / "stderr.txt");
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(dir_ / "out"))
        left.push_back(entry.path().filename());
    EXPECT_EQ(left, std::vector<std::string>{"keep.txt"});
}

TEST_F(Cli, BuildIntoADirectoryAnotherFlowcIsWritingWaitsThenExits75) {
    Write("a.flow", "inbound flow Main { hangup; }\n");
    fs::create_directories(dir_ / "out");
    // The lock another flowc would hold: flock on the directory itself.
    int held = ::open((dir_ / "out").c_str(), O_RDONLY | O_DIRECTORY);
    ASSERT_GE(held, 0);
    ASSERT_EQ(::flock(held, LOCK_EX), 0);
    Result busy = Flowc("build a.flow -o out --no-snippets", "FLOWC_LOCK_WAIT=0");
    EXPECT_EQ(busy.exit_code, 75);
    EXPECT_EQ(busy.err,
              "flowc: error[E0805]: another flowc is writing `out`\n"
              "      = note: waited 0 seconds for it to finish; nothing in the output directory "
              "was changed\n"
              "      = help: run the builds into one directory one after the other, or give "
              "each its own `-o`; FLOWC_LOCK_WAIT sets the wait\n"
              "1 error generated\n");
    EXPECT_TRUE(fs::is_empty(dir_ / "out"));
    ::close(held);
    Result free = Flowc("build a.flow -o out", "FLOWC_LOCK_WAIT=0");
    EXPECT_EQ(free.exit_code, 0) << free.err;
    EXPECT_TRUE(fs::exists(dir_ / "out/manifest.json"));
}

TEST_F(Cli, UnreadableSubdirectoryOfAnInputIsAnErrorNotASilentSkip) {
    Write("proj/a.flow", "inbound flow Main { hangup; }\n");
    Write("proj/sub/b.flow", "inbound flow Other { hangup; }\n");
    fs::permissions(dir_ / "proj/sub", fs::perms::none);
    // Permissions do not bind root: then flowc runs as nobody.
    std::string as_user =
        ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    std::string command = "cd '" + dir_.string() + "' && " + as_user +
                          "'" FLOWC_BINARY
                          "' check proj --no-snippets --color never "
                          ">stdout.txt 2>stderr.txt </dev/null";
    int status = std::system(command.c_str());
    fs::permissions(dir_ / "proj/sub", fs::perms::owner_all);
    EXPECT_EQ(WEXITSTATUS(status), 66);
    EXPECT_EQ(Slurp(dir_ / "stderr.txt"),
              "flowc: error[E0005]: cannot read `proj/sub`: Permission denied\n"
              "      = help: its `.flow` files would be left out of the build; make it "
              "readable, or move it out of the input directory\n"
              "1 error generated\n");
}

TEST_F(Cli, StaleFilesAreRemovedOnlyWithFlowcsOwnRecordOfThem) {
    Write("v1/a.flow", "inbound flow Old { hangup; }\ninbound flow Kept { hangup; }\n");
    Write("v2/a.flow", "inbound flow Kept { hangup; }\n");
    // --no-cache builds record what they wrote, too.
    ASSERT_EQ(Flowc("build v1 -o out --no-cache").exit_code, 0);
    ASSERT_EQ(Flowc("build v2 -o out --no-cache").exit_code, 0);
    EXPECT_FALSE(fs::exists(dir_ / "out/Old.json"));
    // Without the record (another machine, a cleared cache) nothing is provably flowc's.
    ASSERT_EQ(Flowc("build v1 -o out").exit_code, 0);
    fs::remove_all(dir_ / ".cache");
    ASSERT_EQ(Flowc("build v2 -o out").exit_code, 0);
    EXPECT_TRUE(fs::exists(dir_ / "out/Old.json"));
    // A file flowc wrote and the user edited since is the user's now.
    ASSERT_EQ(Flowc("build v1 -o out").exit_code, 0);
    Write("out/Old.json", "edited by the user");
    ASSERT_EQ(Flowc("build v2 -o out").exit_code, 0);
    EXPECT_EQ(Slurp(dir_ / "out/Old.json"), "edited by the user");
}

TEST_F(Cli, BuildBothTargetsIntoSubdirectories) {
    Result run = Flowc("build '" FLOWC_SOURCE_DIR
                       "/examples/seed-tutorial' -o out --target archy --target genesys-json");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out,
              "wrote 2 flows and manifest.json to out/archy\n"
              "wrote 2 flows and manifest.json to out/genesys-json\n");
    EXPECT_TRUE(fs::exists(dir_ / "out/archy/SharedIvrMenu.yaml"));
    EXPECT_TRUE(fs::exists(dir_ / "out/genesys-json/SharedIvrMenu.json"));
    nlohmann::json manifest = nlohmann::json::parse(Slurp(dir_ / "out/archy/manifest.json"));
    EXPECT_EQ(manifest["target"], "archy");
    ASSERT_EQ(Flowc("build '" FLOWC_SOURCE_DIR "/examples/seed-tutorial' -o again --target archy")
                  .exit_code,
              0);
    EXPECT_EQ(Slurp(dir_ / "again/SharedIvrMenu.yaml"),
              Slurp(dir_ / "out/archy/SharedIvrMenu.yaml"));
    EXPECT_EQ(Slurp(dir_ / "again/InboundReuseSharedIvr.yaml"),
              Slurp(dir_ / "out/archy/InboundReuseSharedIvr.yaml"));
}

TEST_F(Cli, SharedFlowCallingSharedFlowIsRejectedOnlyForArchy) {
    Write("m.flow",
          "shared flow Outer -> <x: string> { call Inner() -> <y>; x = y; }\n"
          "shared flow Inner -> <y: string> { y = \"1\"; }\n"
          "inbound flow Main { call Outer() -> <x>; play x; hangup; }\n");
    Result archy = Flowc("build m.flow -o a --target archy --no-snippets");
    EXPECT_EQ(archy.exit_code, 1);
    EXPECT_EQ(archy.err.rfind(
                  "m.flow:1:41: error[E0803]: shared flow `Outer` calls shared flow `Inner`", 0),
              0u)
        << archy.err;
    EXPECT_FALSE(fs::exists(dir_ / "a"));
    Result both = Flowc("build m.flow -o b --target archy --target genesys-json");
    EXPECT_EQ(both.exit_code, 1);
    EXPECT_FALSE(fs::exists(dir_ / "b"));  // nothing is written for any target
    Result json = Flowc("build m.flow -o j");
    EXPECT_EQ(json.exit_code, 0) << json.err;
}

TEST_F(Cli, DocIntoABuildDirectoryRemovesNothing) {
    Write("a.flow",
          "/// Does a.\nshared flow A { return; }\ninbound flow Main { call A(); hangup; }\n");
    ASSERT_EQ(Flowc("build a.flow -o out").exit_code, 0);
    Result doc = Flowc("doc a.flow -o out/reference.md");
    EXPECT_EQ(doc.exit_code, 0) << doc.err;
    EXPECT_TRUE(fs::exists(dir_ / "out/A.json"));
    EXPECT_TRUE(fs::exists(dir_ / "out/Main.json"));
    EXPECT_NE(Slurp(dir_ / "out/reference.md").find("## A"), std::string::npos);
}

TEST_F(Cli, DocRefusesToOverwriteAnInput) {
    Write("a.flow", "shared flow A { return; }\n");
    Result doc = Flowc("doc a.flow -o ./a.flow");
    EXPECT_EQ(doc.exit_code, 73);
    EXPECT_NE(doc.err.find("refusing to write `./a.flow`: it is one of the inputs"),
              std::string::npos)
        << doc.err;
    EXPECT_EQ(Slurp(dir_ / "a.flow"), "shared flow A { return; }\n");
}

TEST_F(Cli, RebuildRemovesOnlyItsOwnStaleFiles) {
    Write("v1/a.flow", "inbound flow Old { hangup; }\ninbound flow Kept { hangup; }\n");
    Write("v2/a.flow", "inbound flow Kept { hangup; }\n");
    ASSERT_EQ(Flowc("build v1 -o out").exit_code, 0);
    Write("out/notes.txt", "mine");
    ASSERT_EQ(Flowc("build v2 -o out").exit_code, 0);
    EXPECT_FALSE(fs::exists(dir_ / "out/Old.json"));
    EXPECT_TRUE(fs::exists(dir_ / "out/Kept.json"));
    EXPECT_EQ(Slurp(dir_ / "out/notes.txt"), "mine");
}

TEST_F(Cli, BuildIsByteIdenticalWhateverTheArgumentOrderLocaleAndTimeZone) {
    std::string golden = FLOWC_SOURCE_DIR "/tests/golden/every_statement";
    std::string seed = FLOWC_SOURCE_DIR "/examples/seed-tutorial";
    ASSERT_EQ(
        Flowc("build '" + golden + "/support.flow' '" + golden + "/lib.flow' '" + seed + "' -o one")
            .exit_code,
        0);
    fs::create_directories(dir_ / "elsewhere");
    ASSERT_EQ(Flowc("build '" + seed + "' '" + golden + "/lib.flow' '" + golden +
                    "/support.flow' -o ../two --color=never")
                  .exit_code,
              0);  // run from the test directory; output path relative
    std::string env = "env TZ=Pacific/Kiritimati LANG=de_DE.UTF-8 LC_ALL=C.UTF-8 ";
    ASSERT_EQ(std::system(("cd '" + (dir_ / "elsewhere").string() + "' && " + env +
                           "'" FLOWC_BINARY "' build '" + golden + "' '" + seed +
                           "' -o ../three >/dev/null 2>&1")
                              .c_str()),
              0);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_ / "one"))
        names.push_back(entry.path().filename());
    EXPECT_EQ(names.size(), 5u);
    for (const std::string& name : names) {
        std::string one = Slurp(dir_ / "one" / name);
        EXPECT_EQ(one, Slurp(dir_.parent_path() / "two" / name)) << name;
        EXPECT_EQ(one, Slurp(dir_ / "three" / name)) << name;
    }
    fs::remove_all(dir_.parent_path() / "two");
}

TEST_F(Cli, CopiesOfExamplesInOtherDirectoriesBuildToTheSameBytes) {
    // Two checkouts at different paths, built from their own directories, in other time zones
    // and locales: every output file has the same SHA-256 (the manifest records them).
    for (const char* copy : {"a/checkout", "b/deeper/other-checkout"}) {
        fs::create_directories(dir_ / copy);
        fs::copy(FLOWC_SOURCE_DIR "/examples", dir_ / copy / "examples",
                 fs::copy_options::recursive);
    }
    ASSERT_EQ(std::system(("cd '" + (dir_ / "a/checkout").string() + "' && TZ=UTC LC_ALL=C '" +
                           FLOWC_BINARY "' build examples -o out >/dev/null 2>&1")
                              .c_str()),
              0);
    ASSERT_EQ(std::system(("cd '" + (dir_ / "b/deeper/other-checkout").string() +
                           "' && TZ=Asia/Kolkata LC_ALL=C.UTF-8 '" + FLOWC_BINARY +
                           "' build ./examples/contact-center examples/seed-tutorial/ "
                           "examples//claims-line -o out "
                           ">/dev/null 2>&1")
                              .c_str()),
              0);
    std::size_t compared = 0;
    for (const auto& entry : fs::directory_iterator(dir_ / "a/checkout/out")) {
        std::string name = entry.path().filename();
        EXPECT_EQ(Slurp(entry.path()), Slurp(dir_ / "b/deeper/other-checkout/out" / name)) << name;
        ++compared;
    }
    EXPECT_GE(compared, 19u);  // 18 flows and the manifest
}

TEST_F(Cli, UnchangedRebuildIsReplayedWithItsWarningsAndTouchesNothing) {
    Write("inc/lib.flow", "shared flow Lib() -> <x: int> { x = 1; }\n");
    Write("a.flow",
          "import \"lib.flow\";\ninbound flow A {\n    var unused = 1;\n    call Lib() -> <x>;\n"
          "    play toString(x);\n}\n");
    Result first = Flowc("build a.flow -I inc -o out");
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_NE(first.err.find("W0702"), std::string::npos) << first.err;
    auto stamp = fs::last_write_time(dir_ / "out/A.json");

    Result replay = Flowc("build a.flow -I inc -o out --stats");
    EXPECT_EQ(replay.exit_code, 0);
    EXPECT_EQ(replay.out, first.out);
    EXPECT_TRUE(replay.err.starts_with(first.err)) << replay.err;  // the warning, replayed
    EXPECT_NE(replay.err.find("replayed unchanged build: 1"), std::string::npos) << replay.err;
    EXPECT_EQ(fs::last_write_time(dir_ / "out/A.json"), stamp);

    // Whatever changed is seen: a source, an output, a file where an import looked first,
    // an option, or --no-cache.
    Write("a.flow",
          "import \"lib.flow\";\ninbound flow A {\n    call Lib() -> <x>;\n    play toString(x + "
          "1);\n}\n");
    Result edited = Flowc("build a.flow -I inc -o out --stats");
    EXPECT_EQ(edited.exit_code, 0) << edited.err;
    EXPECT_EQ(edited.err.find("replayed"), std::string::npos) << edited.err;
    EXPECT_EQ(edited.err.find("W0702"), std::string::npos) << edited.err;
    std::string built = Slurp(dir_ / "out/A.json");
    EXPECT_NE(built.find("x + 1"), std::string::npos);

    Write("out/A.json", "tampered");
    Result repaired = Flowc("build a.flow -I inc -o out --stats");
    EXPECT_EQ(repaired.err.find("replayed"), std::string::npos) << repaired.err;
    EXPECT_EQ(Slurp(dir_ / "out/A.json"), built);

    Write("lib.flow", "shared flow Lib() -> <x: int> { x = 2; }\n");  // found before inc/
    Result shadowed = Flowc("build a.flow -I inc -o out --stats");
    EXPECT_EQ(shadowed.err.find("replayed"), std::string::npos) << shadowed.err;
    EXPECT_NE(Slurp(dir_ / "out/Lib.json").find("\"value\": 2"), std::string::npos)
        << Slurp(dir_ / "out/Lib.json");

    EXPECT_NE(Flowc("build a.flow -I inc -o out --stats").err.find("replayed"), std::string::npos);
    EXPECT_EQ(Flowc("build a.flow -I inc -o out --stats --color=always").err.find("replayed"),
              std::string::npos);
    EXPECT_EQ(Flowc("build a.flow -I inc -o out --stats --no-cache").err.find("replayed"),
              std::string::npos);
}

TEST_F(Cli, OutputsWhoseBytesAreUnchangedAreNotRewritten) {
    Write("a.flow", "inbound flow A { play \"a\"; }\ninbound flow B { play \"b\"; }\n");
    ASSERT_EQ(Flowc("build a.flow -o out --no-cache").exit_code, 0);
    auto a = fs::last_write_time(dir_ / "out/A.json");
    auto b = fs::last_write_time(dir_ / "out/B.json");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    Write("a.flow", "inbound flow A { play \"a\"; }\ninbound flow B { play \"changed\"; }\n");
    Result second = Flowc("build a.flow -o out --no-cache --stats");
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.err.find("output files rewritten: 2"), std::string::npos) << second.err;
    EXPECT_NE(second.err.find("output files unchanged: 1"), std::string::npos) << second.err;
    EXPECT_EQ(fs::last_write_time(dir_ / "out/A.json"), a);
    EXPECT_NE(fs::last_write_time(dir_ / "out/B.json"), b);
}

TEST_F(Cli, AnyNumberOfJobsGivesTheSameBytesAndDiagnostics) {
    std::string gen = "python3 '" FLOWC_SOURCE_DIR "/bench/gen.py' '" + (dir_ / "gen").string() +
                      "' --files 24 --seed 3 >/dev/null";
    ASSERT_EQ(std::system(gen.c_str()), 0);
    for (const char* jobs : {"1", "2", "7"}) {
        Result run = Flowc(std::string("build gen/flow --target archy --target genesys-json -j ") +
                           jobs + " --no-cache -o out" + jobs);
        ASSERT_EQ(run.exit_code, 0) << run.err;
    }
    std::size_t compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / "out1")) {
        if (!entry.is_regular_file()) continue;
        fs::path relative = fs::relative(entry.path(), dir_ / "out1");
        std::string one = Slurp(entry.path());
        EXPECT_EQ(one, Slurp(dir_ / "out2" / relative)) << relative;
        EXPECT_EQ(one, Slurp(dir_ / "out7" / relative)) << relative;
        ++compared;
    }
    EXPECT_GT(compared, 100u);
    // Errors in several files come out the same, in the same order, whatever the jobs.
    for (int i = 0; i < 6; ++i) {
        Write("bad/f" + std::to_string(i) + ".flow", "inbound flow F" + std::to_string(i) +
                                                         " { play nope" + std::to_string(i) +
                                                         "; var x = ; }\n");
    }
    Result one = Flowc("check bad -j 1");
    Result four = Flowc("check bad -j 4");
    EXPECT_EQ(one.exit_code, 1);
    EXPECT_EQ(one.err, four.err);
    EXPECT_NE(one.err.find("f5.flow"), std::string::npos) << one.err;
    // So do the checker's errors and warnings (types, names, calls, definite assignment,
    // unused variables) across files parsed on several threads.
    for (int i = 0; i < 12; ++i) {
        std::string n = std::to_string(i);
        Write("sem/f" + n + ".flow",
              "shared flow S" + n + "(p: int) -> <o: string> {\n    var unused" + n +
                  " = 1;\n    if p { play \"x\"; }\n}\n"
                  "@queues(\"Q\")\ninbound flow I" +
                  n + " {\n    call S" + std::to_string((i + 1) % 12) +
                  "(p = \"x\") -> <o>;\n    play missing" + n + ";\n    call Nope" + n +
                  "();\n    var w = 2;\n    transfer \"Q\";\n}\n");
    }
    Result serial = Flowc("check sem -j 1");
    for (const char* jobs : {"2", "7"}) {
        Result parallel = Flowc(std::string("check sem -j ") + jobs);
        EXPECT_EQ(parallel.exit_code, serial.exit_code);
        EXPECT_EQ(parallel.err, serial.err) << jobs;
    }
    EXPECT_EQ(serial.exit_code, 1);
    for (const char* code : {"E0301", "W0702", "f11.flow"})
        EXPECT_NE(serial.err.find(code), std::string::npos) << code << "\n" << serial.err;
}

TEST_F(Cli, HelpAndVersion) {
    Result help = Flowc("--help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Exit codes:"), std::string::npos);
    EXPECT_NE(help.out.find("66  an input file or directory is missing or unreadable"),
              std::string::npos);
    Result version = Flowc("--version");
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_EQ(version.out.rfind("flowc ", 0), 0u);
}

TEST_F(Cli, ExplainPrintsTheDocPage) {
    Result run = Flowc("explain e0101");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.out.rfind("# E0101", 0), 0u) << run.out;
    EXPECT_EQ(Flowc("explain E4242").exit_code, 64);
    Result list = Flowc("explain --list");
    EXPECT_NE(list.out.find("E0004  blocks or expressions nest too deeply"), std::string::npos);
}

TEST_F(Cli, ExplainOfARenumberedCodeShowsTheNewPage) {
    for (char digit = '1'; digit <= '8'; ++digit) {
        std::string old_code = std::string("E070") + digit;
        std::string new_code = std::string("E090") + digit;
        Result run = Flowc("explain " + old_code);
        EXPECT_EQ(run.exit_code, 0);
        EXPECT_EQ(
            run.out.rfind("note: " + old_code + " is now " + new_code + "\n\n# " + new_code, 0), 0u)
            << run.out;
    }
    Result warning = Flowc("explain W0701");  // the warnings of that range keep their numbers
    EXPECT_EQ(warning.out.rfind("# W0701", 0), 0u) << warning.out;
}

TEST_F(Cli, DumpAstGoesToStdout) {
    Write("a.flow", "inbound flow B { hangup; }\n");
    Result run = Flowc("check --dump-ast a.flow");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.out,
              "File\n"
              "  Flow inbound B [1:14-1:15] [1:1-1:27] head=[1:1-1:15]\n"
              "    Block [1:16-1:27]\n"
              "      Hangup [1:18-1:25]\n");
}

}  // namespace
