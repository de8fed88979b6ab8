// Paths as flowc prints them (no doubled separators, whatever the user typed) and the
// standard library flowc cannot find, against the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/cli_fixture.h"

namespace flowc::testing {
namespace {

constexpr const char* kSeed = "'" FLOWC_SOURCE_DIR "/examples/seed-tutorial'";
constexpr const char* kMissingImport = "import \"nowhere.flow\";\ninbound flow Main { hangup; }\n";

TEST_F(Cli, OutputDirectoriesArePrintedWithoutDoubledSeparators) {
    struct Case {
        std::string output;
        std::string targets;
        std::string printed;
    };
    const Case cases[] = {
        {"out/", "", "wrote 2 flows and manifest.json to out/\n"},
        {"out//", "", "wrote 2 flows and manifest.json to out/\n"},
        {"./out", "", "wrote 2 flows and manifest.json to ./out\n"},
        {"out/", " --target archy --target genesys-json",
         "wrote 2 flows and manifest.json to out/archy\n"
         "wrote 2 flows and manifest.json to out/genesys-json\n"},
        {"out//", " --target archy --target genesys-json",
         "wrote 2 flows and manifest.json to out/archy\n"
         "wrote 2 flows and manifest.json to out/genesys-json\n"},
        {"./out", " --target archy --target genesys-json",
         "wrote 2 flows and manifest.json to ./out/archy\n"
         "wrote 2 flows and manifest.json to ./out/genesys-json\n"},
    };
    for (const Case& c : cases) {
        fs::remove_all(dir_ / "out");
        Result run = Flowc(std::string("build ") + kSeed + " -o " + c.output + c.targets);
        EXPECT_EQ(run.exit_code, 0) << c.output << c.targets << ": " << run.err;
        EXPECT_EQ(run.out, c.printed) << c.output << c.targets;
        // The replay of the same build prints the same.
        EXPECT_EQ(Flowc(std::string("build ") + kSeed + " -o " + c.output + c.targets).out,
                  c.printed)
            << c.output << c.targets;
    }
}

TEST_F(Cli, MessagesAboutTheOutputDirectoryNameItWithoutDoubledSeparators) {
    Write("a.flow", "inbound flow Main { hangup; }\n");
    Write("taken", "not a directory");
    Result run = Flowc("build a.flow -o taken// --no-snippets");
    EXPECT_EQ(run.exit_code, 73);
    EXPECT_NE(run.err.find("output directory `taken/`"), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find("//"), std::string::npos) << run.err;
    Result doc = Flowc("doc a.flow -o .//a.flow --no-snippets");
    EXPECT_EQ(doc.exit_code, 73);
    EXPECT_NE(doc.err.find("refusing to write `./a.flow`: it is one of the inputs"),
              std::string::npos)
        << doc.err;
}

TEST_F(Cli, InputPathsInDiagnosticsHaveNoDoubledSeparators) {
    Write("src/sub/a.flow", "inbound flow Main { hangx; }\n");
    for (const std::string input : {"src//sub", "src/sub//", "src/sub/", "./src//sub/"}) {
        Result run = Flowc("check --no-snippets " + input);
        EXPECT_EQ(run.exit_code, 1) << input;
        std::string expected = (input.starts_with("./") ? "./" : "") +
                               std::string("src/sub/a.flow:1:21: error[E0119]");
        EXPECT_EQ(run.err.rfind(expected, 0), 0u) << input << ": " << run.err;
    }
    Result missing = Flowc("check --no-snippets src//nothing.flow");
    EXPECT_EQ(missing.exit_code, 66);
    EXPECT_NE(missing.err.find("`src/nothing.flow`"), std::string::npos) << missing.err;
}

// A copy of the binary outside its build directory has no bundled library beside it: an
// import that is not found says so, and where flowc looked.
TEST_F(Cli, MissingBundledStdlibIsNamedWithWhereItWasLookedFor) {
    fs::create_directories(dir_ / "copy/bin");
    fs::copy_file(FLOWC_BINARY, dir_ / "copy/bin/flowc");
    Write("a.flow", kMissingImport);
    std::string command = "cd '" + dir_.string() + "' && FLOWC_CACHE_DIR=.cache copy/bin/flowc " +
                          "check --no-snippets a.flow >stdout.txt 2>stderr.txt </dev/null";
    int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);
    fs::path bin = fs::canonical(dir_ / "copy/bin");
    EXPECT_EQ(Slurp(dir_ / "stderr.txt"),
              "a.flow:1:8: error[E0201]: cannot find imported file `nowhere.flow`\n"
              "      = note: looked for it at:\n"
              "        nowhere.flow\n"
              "      = note: the bundled standard library is missing (reinstall flowc, or name "
              "the library's directory with `--stdlib DIR`); flowc looked for it at:\n"
              "        " +
                  (bin.parent_path() / "share/flowc/stdlib").string() + "\n        " +
                  (bin / "stdlib").string() +
                  "\n"
                  "      = help: paths are relative to the importing file; add a search "
                  "directory with `-I DIR` or FLOWC_PATH\n"
                  "1 error generated\n");
    // With its library beside it (as installed), the copy finds it.
    fs::create_directories(dir_ / "copy/share/flowc");
    fs::copy(FLOWC_SOURCE_DIR "/stdlib", dir_ / "copy/share/flowc/stdlib",
             fs::copy_options::recursive);
    Write("b.flow", "import \"ivr/menu.flow\";\ninbound flow B { hangup; }\n");
    command = "cd '" + dir_.string() +
              "' && FLOWC_CACHE_DIR=.cache copy/bin/flowc check b.flow >stdout.txt 2>stderr.txt "
              "</dev/null";
    status = std::system(command.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << Slurp(dir_ / "stderr.txt");
}

TEST_F(Cli, MissingStdlibDirectoryGivenWithTheOptionIsNamed) {
    Write("a.flow", kMissingImport);
    Result run = Flowc("check --no-snippets a.flow --stdlib nowhere-lib");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("      = note: the standard library directory `nowhere-lib` "
                           "(`--stdlib`) does not exist\n"),
              std::string::npos)
        << run.err;
    // The build directory's binary has its library: no such note.
    Result bundled = Flowc("check --no-snippets a.flow");
    EXPECT_EQ(bundled.exit_code, 1);
    EXPECT_EQ(bundled.err.find("standard library"), std::string::npos) << bundled.err;
}

}  // namespace
}  // namespace flowc::testing
