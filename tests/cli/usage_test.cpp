// Usage errors against the real binary: each is one short line on stderr naming the option
// and what it takes (CLI11's own range messages ended in the largest double written out in
// full, 400 bytes), and exit 64, never 73 for a path that is empty.
#include "cli/cli_fixture.h"

namespace flowc::testing {
namespace {

// The whole of stderr is one line, under 200 characters, holding `expected`.
void ExpectOneShortLine(const Result& run, const std::string& expected) {
    EXPECT_EQ(run.exit_code, 64) << run.err;
    EXPECT_EQ(run.out, "");
    ASSERT_FALSE(run.err.empty());
    EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << run.err;
    EXPECT_LT(run.err.size(), 200u) << run.err;
    EXPECT_NE(run.err.find(expected), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find('\033'), std::string::npos) << run.err;
}

TEST_F(Cli, EveryNumericOptionSaysItsRangeInOneShortLine) {
    Write("a.flow", "inbound flow A { hangup; }\n");
    const std::string whole = "expected a whole number from ";
    for (const char* command : {"check", "build -o out", "doc", "deploy --target archy"}) {
        std::string base = std::string(command) + " a.flow ";
        ExpectOneShortLine(Flowc(base + "--max-file-size=0"),
                           "--max-file-size: " + whole + "1 to 18446744073709551615, got `0`");
        ExpectOneShortLine(Flowc(base + "--max-file-size=99999999999999999999999"),
                           "--max-file-size: " + whole + "1 to 18446744073709551615");
        ExpectOneShortLine(Flowc(base + "--error-limit=abc"),
                           "--error-limit: " + whole + "0 to 18446744073709551615, got `abc`");
        ExpectOneShortLine(Flowc(base + "--error-limit=-3"), "--error-limit: " + whole + "0 to");
        ExpectOneShortLine(Flowc(base + "-j 5000"), "--jobs: " + whole + "0 to 1024, got `5000`");
        ExpectOneShortLine(Flowc(base + "-j 1.5"), "--jobs: " + whole + "0 to 1024, got `1.5`");
    }
    for (const char* option : {"--poll-interval", "--poll-timeout", "--timeout"}) {
        for (const char* value : {"0", "-1", "abc", "1e300", "nan"}) {
            ExpectOneShortLine(
                Flowc(std::string("deploy --target archy a.flow ") + option + "=" + value),
                std::string(option) + ": expected a number of seconds above 0 and at most 604800");
        }
    }
    // In range, they still work.
    EXPECT_EQ(Flowc("check a.flow --max-file-size=100 --error-limit=0 -j 2").exit_code, 0);
}

TEST_F(Cli, AnUnknownCommandIsNamedWithTheCommandsThereAre) {
    const std::string commands = "the commands are check, build, doc, deploy, explain";
    ExpectOneShortLine(Flowc("frobnicate"), "unknown command `frobnicate`; " + commands);
    ExpectOneShortLine(Flowc("frobnicate x.flow -o out"), "unknown command `frobnicate`");
    ExpectOneShortLine(Flowc("buidl a.flow"), "unknown command `buidl`; did you mean `build`?");
    ExpectOneShortLine(Flowc(""), "a command is required: check, build, doc, deploy, explain");
    ExpectOneShortLine(Flowc("--frob"), "unknown option `--frob`; a command comes first");
    // What the terminal would run is escaped.
    ExpectOneShortLine(Flowc("\"$(printf 'fro\\033[2Jb')\""), "unknown command `fro\\x1b[2Jb`");
    EXPECT_EQ(Flowc("--version").exit_code, 0);
    EXPECT_EQ(Flowc("--help").exit_code, 0);
}

TEST_F(Cli, AnEmptyPathIsAUsageError) {
    Write("a.flow", "inbound flow A { hangup; }\n");
    const std::string empty = "expected a path, got an empty string";
    ExpectOneShortLine(Flowc("build a.flow -o ''"), "--output: " + empty);
    ExpectOneShortLine(Flowc("doc a.flow -o ''"), "--output: " + empty);
    ExpectOneShortLine(Flowc("check ''"), "paths: " + empty);
    ExpectOneShortLine(Flowc("build a.flow '' -o out"), "paths: " + empty);
    ExpectOneShortLine(Flowc("check a.flow -I ''"), "--include: " + empty);
    ExpectOneShortLine(Flowc("check a.flow --stdlib ''"), "--stdlib: " + empty);
    for (const char* option : {"--env-file", "--ca-bundle", "--api-base", "--state-file"}) {
        EXPECT_EQ(Flowc(std::string("deploy --target archy a.flow ") + option + " ''").exit_code,
                  64)
            << option;
    }
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

}  // namespace
}  // namespace flowc::testing
