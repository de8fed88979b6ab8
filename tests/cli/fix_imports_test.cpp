// `flowc check --fix-imports` against the real binary: the examples migrated in one command,
// line endings and leading comments kept, a read-only file left alone, and `check` of one
// file agreeing with `check` of its directory (LANGUAGE.md, "imports say what a file uses").
#include <sys/stat.h>

#include <regex>
#include <set>

#include "cli/cli_fixture.h"

namespace flowc::testing {
namespace {

using FixImports = Cli;

// Every regular file below `root`, by path relative to it, with its bytes.
std::map<std::string, std::string> Tree(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        files[fs::relative(entry.path(), root).string()] = bytes.str();
    }
    return files;
}

// The diagnostics lines about `a.flow` (named `./a.flow` when found in `.`).
std::string LinesOfA(const std::string& err) {
    std::istringstream in(err);
    std::string line;
    std::string kept;
    while (std::getline(in, line)) {
        if (line.rfind("./a.flow:", 0) == 0) line.erase(0, 2);
        if (line.rfind("a.flow:", 0) == 0) kept += line + "\n";
    }
    return kept;
}

TEST_F(FixImports, PutsBackEveryImportOfTheExamples) {
    fs::copy(FLOWC_SOURCE_DIR "/examples", dir_ / "examples", fs::copy_options::recursive);
    std::size_t removed = 0;
    for (auto& [path, bytes] : Tree(dir_ / "examples")) {
        std::istringstream lines(bytes);
        std::string line;
        std::string stripped;
        while (std::getline(lines, line)) {
            if (line.rfind("import ", 0) != 0) stripped += line + "\n";
        }
        if (stripped == bytes) continue;
        removed += 1;
        Write("examples/" + path, stripped);
    }
    ASSERT_GE(removed, 4u);
    Result broken = Flowc("check examples");
    ASSERT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.err.find("[E0318]"), std::string::npos) << broken.err;

    Result fixed = Flowc("check --fix-imports examples");
    EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
    EXPECT_EQ(fixed.err, "");
    EXPECT_NE(fixed.out.find("added 1 import to examples/seed-tutorial/inbound.flow\n"),
              std::string::npos)
        << fixed.out;
    EXPECT_NE(fixed.out.find("added 6 imports to examples/contact-center/sales.flow\n"),
              std::string::npos)
        << fixed.out;
    EXPECT_EQ(Flowc("check examples").err, "");

    // The same output, byte for byte, as the original examples give.
    for (const char* target : {"genesys-json", "archy"}) {
        ASSERT_EQ(Flowc(std::string("build examples --no-cache --target ") + target + " -o fixed")
                      .exit_code,
                  0);
        ASSERT_EQ(Flowc(std::string("build '" FLOWC_SOURCE_DIR "/examples' --no-cache --target ") +
                        target + " -o original")
                      .exit_code,
                  0);
        EXPECT_EQ(Tree(dir_ / "fixed"), Tree(dir_ / "original")) << target;
        fs::remove_all(dir_ / "fixed");
        fs::remove_all(dir_ / "original");
    }

    // A second run has nothing to add and changes no file.
    std::map<std::string, std::string> before = Tree(dir_ / "examples");
    struct stat sales {};
    ASSERT_EQ(::stat((dir_ / "examples/contact-center/sales.flow").c_str(), &sales), 0);
    Result again = Flowc("check --fix-imports examples");
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_EQ(again.out.find("added"), std::string::npos) << again.out;
    EXPECT_EQ(Tree(dir_ / "examples"), before);
    struct stat after {};
    ASSERT_EQ(::stat((dir_ / "examples/contact-center/sales.flow").c_str(), &after), 0);
    EXPECT_EQ(after.st_ino, sales.st_ino) << "a file that needed nothing was replaced";
}

TEST_F(FixImports, AddsSortedLinesOnceAfterTheLastImport) {
    Write("lib/a.flow", "shared flow A { return; }\n");
    Write("lib/b.flow", "shared flow B { return; }\n");
    Write("lib/c.flow", "import \"b.flow\";\nshared flow C { call B(); }\n");
    Write("app/main.flow",
          "import \"../lib/c.flow\";  // the menu\n"
          "\n"
          "inbound flow Main {\n    call C();\n    call B();\n    call A();\n    call B();\n"
          "    hangup;\n}\n");
    Result run = Flowc("check --fix-imports app lib");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out,
              "added 2 imports to app/main.flow\n"
              "checked 4 files: 3 shared flows, 1 inbound flow\n");
    EXPECT_EQ(Slurp(dir_ / "app/main.flow"),
              "import \"../lib/c.flow\";  // the menu\n"
              "import \"../lib/a.flow\";\n"
              "import \"../lib/b.flow\";\n"
              "\n"
              "inbound flow Main {\n    call C();\n    call B();\n    call A();\n    call B();\n"
              "    hangup;\n}\n");
    EXPECT_EQ(Slurp(dir_ / "lib/c.flow"), "import \"b.flow\";\nshared flow C { call B(); }\n");
}

TEST_F(FixImports, FindsFlowsOfTheSearchPathButFixesOnlyTheBuild) {
    Write("vendor/menu.flow", "shared flow VendorMenu { return; }\n");
    const std::string untouched = "inbound flow Elsewhere { call VendorMenu(); hangup; }\n";
    Write("vendor/other/elsewhere.flow", untouched);  // lacks an import, but is not in the build
    Write("app/main.flow", "inbound flow Main { call VendorMenu(); hangup; }\n");
    Result run = Flowc("check --fix-imports -I vendor app");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out,
              "added 1 import to app/main.flow\nchecked 2 files: 1 shared flow, 1 inbound flow\n");
    EXPECT_EQ(Slurp(dir_ / "app/main.flow"),
              "import \"menu.flow\";\n\ninbound flow Main { call VendorMenu(); hangup; }\n");
    EXPECT_EQ(Slurp(dir_ / "vendor/other/elsewhere.flow"), untouched);
}

TEST_F(FixImports, KeepsCrlfLineEndings) {
    Write("lib.flow", "shared flow Lib { return; }\r\n");
    Write("main.flow", "inbound flow Main {\r\n    call Lib();\r\n    hangup;\r\n}\r\n");
    Result run = Flowc("check --fix-imports main.flow lib.flow");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(Slurp(dir_ / "main.flow"),
              "import \"lib.flow\";\r\n\r\ninbound flow Main {\r\n    call Lib();\r\n"
              "    hangup;\r\n}\r\n");
}

TEST_F(FixImports, PutsImportsBelowALeadingCommentAndAboveADocComment) {
    Write("lib.flow", "shared flow Lib { return; }\n");
    Write("main.flow",
          "// Main line of the bank.\n// Owned by the IVR team.\n\n"
          "/// Answers every call.\ninbound flow Main { call Lib(); hangup; }\n");
    Result run = Flowc("check --fix-imports . --dump-model");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(Slurp(dir_ / "main.flow"),
              "// Main line of the bank.\n// Owned by the IVR team.\n\n"
              "import \"lib.flow\";\n\n"
              "/// Answers every call.\ninbound flow Main { call Lib(); hangup; }\n");
    // The doc comment still describes the flow.
    EXPECT_NE(run.out.find("Answers every call."), std::string::npos) << run.out;
}

TEST_F(FixImports, LeavesAReadOnlyFileAsItWasAndExits74) {
    Write("lib.flow", "shared flow Lib { return; }\n");
    const std::string locked = "inbound flow Locked { call Lib(); hangup; }\n";
    Write("locked.flow", locked);
    Write("open.flow", "inbound flow Open { call Lib(); hangup; }\n");
    ASSERT_EQ(::chmod((dir_ / "locked.flow").c_str(), 0444), 0);
    Result run = Flowc("check --fix-imports .");
    EXPECT_EQ(run.exit_code, 74) << run.err;
    EXPECT_NE(run.err.find("error[E0807]: cannot add imports to `./locked.flow`: it is read-only"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("import \"lib.flow\";"), std::string::npos) << run.err;
    // What remains is reported by the check that follows.
    EXPECT_NE(run.err.find("./locked.flow:1:28: error[E0318]"), std::string::npos) << run.err;
    EXPECT_EQ(run.out.find("locked.flow"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("added 1 import to ./open.flow\n"), std::string::npos) << run.out;
    EXPECT_EQ(Slurp(dir_ / "locked.flow"), locked);
    struct stat st {};
    ASSERT_EQ(::stat((dir_ / "locked.flow").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0444u);
    for (const auto& entry : fs::directory_iterator(dir_)) {
        EXPECT_EQ(entry.path().filename().string().find(".flowc-tmp-"), std::string::npos)
            << entry.path();
    }
}

TEST_F(FixImports, KeepsTheFilesPermissions) {
    Write("lib.flow", "shared flow Lib { return; }\n");
    Write("main.flow", "inbound flow Main { call Lib(); hangup; }\n");
    ASSERT_EQ(::chmod((dir_ / "main.flow").c_str(), 0640), 0);
    ASSERT_EQ(Flowc("check --fix-imports .").exit_code, 0);
    struct stat st {};
    ASSERT_EQ(::stat((dir_ / "main.flow").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
}

// What a file means does not depend on which other files are in the build.
TEST_F(FixImports, CheckOfAFileAgreesWithCheckOfItsDirectory) {
    Write("menu.flow",
          "shared flow Menu(prompt: string) -> <choice: string> { choice = prompt; }\n");
    Write("other.flow",
          "import \"menu.flow\";\ninbound flow Other { call Menu(prompt = \"x\"); }\n");
    Write("helpers.flow", "shared flow Helper { return; }\n");
    Write("a.flow",
          "import \"menu.flow\";\n"
          "inbound flow A {\n"
          "    call Menu(promt = \"Press 1.\") -> <choice>;\n"
          "    var unused = 1;\n"
          "    call Helper();\n"
          "}\n");
    Result alone = Flowc("check --no-snippets a.flow");
    Result all = Flowc("check --no-snippets .");
    EXPECT_EQ(alone.exit_code, 1);
    EXPECT_EQ(all.exit_code, 1);
    // `Helper` is unknown to a.flow either way: in the directory's build it is declared in a
    // file a.flow does not import, and reported at the same place.
    EXPECT_NE(alone.err.find("a.flow:5:10: error[E0301]"), std::string::npos) << alone.err;
    EXPECT_NE(all.err.find("a.flow:5:10: error[E0318]"), std::string::npos) << all.err;
    auto without_helper = [](const std::string& lines) {
        return std::regex_replace(lines, std::regex("a\\.flow:5:10: error\\[E03(01|18)\\][^\n]*\n"),
                                  "");
    };
    EXPECT_EQ(without_helper(LinesOfA(alone.err)), without_helper(LinesOfA(all.err)))
        << alone.err << all.err;

    // Once a.flow imports what it uses, it means the same in both builds.
    Write("a.flow",
          "import \"menu.flow\";\nimport \"helpers.flow\";\n"
          "inbound flow A {\n"
          "    call Menu(promt = \"Press 1.\") -> <choice>;\n"
          "    var unused = 1;\n"
          "    call Helper();\n"
          "}\n");
    alone = Flowc("check --no-snippets a.flow");
    all = Flowc("check --no-snippets .");
    EXPECT_EQ(alone.exit_code, all.exit_code);
    std::string in_alone = LinesOfA(alone.err);
    std::string in_all = LinesOfA(all.err);
    EXPECT_FALSE(in_alone.empty());
    EXPECT_EQ(in_alone, in_all) << alone.err << all.err;
}

}  // namespace
}  // namespace flowc::testing
