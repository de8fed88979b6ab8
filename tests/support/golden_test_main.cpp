// Golden tests of `flowc build` output: one gtest per tests/golden/<case>/, registered from
// the argument list. A case holds its .flow sources (or `source.txt` naming a directory of
// the repository, such as an example project), expected/ with every file the genesys-json
// build must write and expected-archy/ with the archy build's, each compared byte for byte
// after its target's structural invariants are checked.
// FLOWC_UPDATE_GOLDEN=1 rewrites expected/ on purpose.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "backend/registry.h"
#include "diag/render.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"
#include "support/archy_invariants.h"
#include "support/invariants.h"
#include "support/pipeline.h"

namespace fs = std::filesystem;
using namespace flowc;
using namespace flowc::testing;

namespace {

std::string FirstDifference(const std::string& expected, const std::string& actual) {
    std::istringstream a(expected), b(actual);
    std::string la, lb;
    for (int line = 1;; ++line) {
        bool more_a = static_cast<bool>(std::getline(a, la));
        bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) return "files differ only in their last newline";
        if (la != lb || more_a != more_b) {
            return "first difference at line " + std::to_string(line) +
                   ":\n  expected: " + (more_a ? la : "<end of file>") +
                   "\n  actual:   " + (more_b ? lb : "<end of file>");
        }
    }
}

class GoldenTest : public ::testing::Test {
  public:
    explicit GoldenTest(fs::path dir) : dir_(std::move(dir)) {}

    void TestBody() override {
        fs::path sources = dir_;
        if (fs::exists(dir_ / "source.txt")) {
            std::string relative = ReadFileOrDie((dir_ / "source.txt").string());
            relative.erase(relative.find_last_not_of(" \n") + 1);
            sources = fs::path(FLOWC_SOURCE_DIR) / relative;
        }
        DiagnosticEngine diags;
        SourceManager sources_manager;
        std::vector<std::string> roots = ExpandInputs({sources.string()}, diags);
        LoadOptions options;
        options.search_dirs.push_back(std::string(FLOWC_SOURCE_DIR) + "/stdlib");
        DiskLoader loader;
        ast::Program program = LoadProgram(roots, loader, sources_manager, diags, options);
        std::optional<sema::Model> model = sema::Check(program, diags);
        ASSERT_TRUE(model) << RenderText(diags.Sorted(), sources_manager, RenderOptions{});
        lower::FlowGraph graph = lower::Lower(*model);
        backend::MemorySink json;
        backend::GenerateAll(graph, "genesys-json", json, diags);
        for (const std::string& failure : CheckOutputInvariants(json.files()))
            ADD_FAILURE() << failure;
        Compare(json, dir_ / "expected");

        backend::MemorySink yaml;
        backend::GenerateAll(graph, "archy", yaml, diags);
        ASSERT_FALSE(diags.has_errors())
            << RenderText(diags.Sorted(), sources_manager, RenderOptions{});
        for (const std::string& failure : CheckArchyInvariants(yaml.files()))
            ADD_FAILURE() << failure;
        Compare(yaml, dir_ / "expected-archy");
    }

    void Compare(const backend::MemorySink& sink, const fs::path& expected_dir) {
        const char* update = std::getenv("FLOWC_UPDATE_GOLDEN");
        if (update != nullptr && std::string(update) == "1") {
            fs::remove_all(expected_dir);
            fs::create_directories(expected_dir);
            for (const auto& [name, bytes] : sink.files())
                WriteFileOrDie((expected_dir / name).string(), bytes);
            return;
        }
        ASSERT_TRUE(fs::is_directory(expected_dir))
            << expected_dir << " is missing; run with FLOWC_UPDATE_GOLDEN=1 to create it";
        std::vector<std::string> expected_files;
        for (const auto& entry : fs::directory_iterator(expected_dir)) {
            expected_files.push_back(entry.path().filename().string());
        }
        std::sort(expected_files.begin(), expected_files.end());
        std::vector<std::string> actual_files;
        for (const auto& [name, bytes] : sink.files()) actual_files.push_back(name);
        std::sort(actual_files.begin(), actual_files.end());
        EXPECT_EQ(expected_files, actual_files) << "the set of files changed";
        for (const auto& [name, bytes] : sink.files()) {
            fs::path expected = expected_dir / name;
            if (!fs::exists(expected)) continue;
            std::string want = ReadFileOrDie(expected.string());
            EXPECT_TRUE(want == bytes)
                << name << " differs from " << expected << "\n"
                << FirstDifference(want, bytes)
                << "\nif the change is intended, rerun with FLOWC_UPDATE_GOLDEN=1 "
                   "and review the diff";
        }
    }

  private:
    fs::path dir_;
};

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    for (const auto& entry : fs::directory_iterator(FLOWC_GOLDEN_DIR)) {
        if (!entry.is_directory()) continue;
        fs::path dir = entry.path();
        ::testing::RegisterTest("golden", dir.filename().string().c_str(), nullptr, nullptr,
                                __FILE__, __LINE__,
                                [dir]() -> ::testing::Test* { return new GoldenTest(dir); });
    }
    return RUN_ALL_TESTS();
}
