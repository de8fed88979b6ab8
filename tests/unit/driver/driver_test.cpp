// The driver in-process: it returns what the CLI prints and prints nothing itself.
#include "driver/driver.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "base/parallel.h"
#include "driver/internal/targets.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

class Driver : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("flowc_driver_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        ::setenv("FLOWC_CACHE_DIR", (dir_ / "cache").c_str(), 1);
    }
    void TearDown() override {
        ::unsetenv("FLOWC_CACHE_DIR");
        fs::remove_all(dir_);
    }

    // What `run` writes to the process's stdout and stderr (file descriptors 1 and 2).
    std::string Printed(const std::function<void()>& run) {
        fs::path captured = dir_ / "printed.txt";
        int file = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        std::fflush(stdout);
        std::fflush(stderr);
        int saved_out = ::dup(1), saved_err = ::dup(2);
        ::dup2(file, 1);
        ::dup2(file, 2);
        run();
        std::fflush(stdout);
        std::fflush(stderr);
        ::dup2(saved_out, 1);
        ::dup2(saved_err, 2);
        ::close(saved_out);
        ::close(saved_err);
        ::close(file);
        std::ifstream in(captured, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    BuildOptions SeedBuild(const std::string& output) {
        BuildOptions options;
        options.check.inputs = {FLOWC_SOURCE_DIR "/examples/seed-tutorial"};
        options.check.stdlib_dir = FLOWC_SOURCE_DIR "/stdlib";
        options.check.diagnostics.color = ColorMode::kNever;
        options.output_dir = (dir_ / output).string();
        return options;
    }

    fs::path dir_;
};

TEST_F(Driver, BuildReturnsWhatTheCliPrintsAndPrintsNothing) {
    ASSERT_EQ(Printed([] { std::fputs("seen", stderr); }), "seen");  // the capture works
    BuildOptions options = SeedBuild("out");
    BuildResult built, replayed;
    RunStats stats(true);
    EXPECT_EQ(Printed([&] { built = Build(options, stats); }), "");
    EXPECT_EQ(built.exit_code, 0) << built.err;
    EXPECT_EQ(built.out, "wrote 2 flows and manifest.json to " + (dir_ / "out").string() + "\n");
    EXPECT_EQ(built.err, "");
    EXPECT_TRUE(fs::exists(dir_ / "out/manifest.json"));
    EXPECT_NE(stats.Text().find("output files rewritten: 3"), std::string::npos) << stats.Text();
    // Nothing changed: the replay returns the same texts.
    RunStats replay_stats(true);
    EXPECT_EQ(Printed([&] { replayed = Build(options, replay_stats); }), "");
    EXPECT_EQ(replayed.exit_code, 0);
    EXPECT_EQ(replayed.out, built.out);
    EXPECT_NE(replay_stats.Text().find("replayed unchanged build: 1"), std::string::npos);
}

TEST_F(Driver, BuildWithErrorsReturnsTheDiagnosticsAndWritesNothing) {
    std::ofstream(dir_ / "bad.flow") << "inbound flow Main { call Missing(); }\n";
    BuildOptions options = SeedBuild("out");
    options.check.inputs = {(dir_ / "bad.flow").string()};
    options.check.diagnostics.snippets = false;
    BuildResult result;
    RunStats stats(false);
    EXPECT_EQ(Printed([&] { result = Build(options, stats); }), "");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_NE(result.err.find("error[E0301]"), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    EXPECT_EQ(stats.Text(), "");
}

TEST_F(Driver, LoadAndCheckKeepsTheSyntaxTreesOnlyWhenAsked) {
    CheckOptions options = SeedBuild("unused").check;
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program;
    std::optional<sema::Model> model;
    EXPECT_EQ(Printed([&] { model = LoadAndCheck(options, sources, diags, nullptr, &program); }),
              "");
    ASSERT_TRUE(model.has_value());
    EXPECT_EQ(model->flows.size(), 2u);
    EXPECT_EQ(program.files.size(), sources.size());
    EXPECT_EQ(ExitCodeFor(diags), 0);
}

TEST_F(Driver, JobsZeroMeansOnePerCore) {
    CheckOptions options;
    EXPECT_EQ(JobsFor(options), DefaultJobs());
    options.jobs = 3;
    EXPECT_EQ(JobsFor(options), 3u);
}

TEST_F(Driver, TargetDirectoriesHaveNoDoubledSeparators) {
    BuildOptions options;
    for (const auto& [given, single, archy] :
         {std::tuple{"out/", "out/", "out/archy"}, std::tuple{"out//", "out/", "out/archy"},
          std::tuple{"./out", "./out", "./out/archy"}, std::tuple{"out", "out", "out/archy"}}) {
        options.output_dir = given;
        options.targets = {};
        ASSERT_EQ(OutputTargets(options).size(), 1u);
        EXPECT_EQ(OutputTargets(options)[0].dir, single) << given;
        options.targets = {"genesys-json", "archy", "archy"};
        std::vector<OutputTarget> both = OutputTargets(options);
        ASSERT_EQ(both.size(), 2u);
        EXPECT_EQ(both[0].name, "archy");
        EXPECT_EQ(both[0].dir, archy) << given;
    }
}

}  // namespace
}  // namespace flowc
