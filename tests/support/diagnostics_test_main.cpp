// Registers one test per file under tests/diagnostics/ (kuzu's e2e style), so that
// `ctest -R diagnostics.syntax.missing_semicolon` runs exactly one case.
//  - <area>/<case>.flow: annotated sources (support/annotations.h);
//  - render/<case>.flow + <case>.stderr: exact text snapshots (carets, columns, notes).
//    FLOWC_UPDATE_GOLDEN=1 rewrites the .stderr files on purpose.
//  - docs/errors/<CODE>.md: every ```flow block must check cleanly, and every
//    ```flow,compile_fail,<CODE> block must produce that code (rustc's compile-tested docs).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "diag/render.h"
#include "support/annotations.h"
#include "support/pipeline.h"

namespace fs = std::filesystem;
using namespace flowc;
using namespace flowc::testing;

namespace {

class AnnotatedTest : public ::testing::Test {
  public:
    explicit AnnotatedTest(fs::path path) : path_(std::move(path)) {}
    void TestBody() override {
        std::vector<std::string> failures =
            CheckAnnotatedFile(path_.filename().string(), ReadFileOrDie(path_.string()));
        for (const std::string& failure : failures)
            ADD_FAILURE() << path_.string() << ": " << failure;
    }

  private:
    fs::path path_;
};

class RenderTest : public ::testing::Test {
  public:
    explicit RenderTest(fs::path path) : path_(std::move(path)) {}
    void TestBody() override {
        std::vector<VirtualFile> files =
            SplitTestFile(path_.filename().string(), ReadFileOrDie(path_.string()));
        SourceManager sources;
        DiagnosticEngine diags;
        RunFrontEnd(files, sources, diags);
        std::string actual = RenderText(diags.Sorted(), sources, RenderOptions{});
        fs::path expected_path = path_;
        expected_path.replace_extension(".stderr");
        const char* update = std::getenv("FLOWC_UPDATE_GOLDEN");
        if (update != nullptr && std::string(update) == "1") {
            WriteFileOrDie(expected_path.string(), actual);
            return;
        }
        ASSERT_TRUE(fs::exists(expected_path))
            << expected_path << " is missing; run with FLOWC_UPDATE_GOLDEN=1 to create it";
        EXPECT_EQ(ReadFileOrDie(expected_path.string()), actual)
            << "rendering of " << path_ << " changed; if on purpose, rerun with "
            << "FLOWC_UPDATE_GOLDEN=1 and review the diff";
    }

  private:
    fs::path path_;
};

class DocExamplesTest : public ::testing::Test {
  public:
    explicit DocExamplesTest(fs::path path) : path_(std::move(path)) {}
    void TestBody() override {
        std::string text = ReadFileOrDie(path_.string());
        std::size_t at = 0;
        while ((at = text.find("```flow", at)) != std::string::npos) {
            std::size_t info_end = text.find('\n', at);
            std::size_t body_end = text.find("\n```", info_end);
            ASSERT_NE(body_end, std::string::npos) << path_ << ": unclosed code block";
            std::string info = text.substr(at + 3, info_end - at - 3);
            std::string body = text.substr(info_end + 1, body_end - info_end);
            at = body_end + 4;
            SourceManager sources;
            DiagnosticEngine diags;
            RunFrontEnd(SplitTestFile("example.flow", body), sources, diags);
            std::string rendered = RenderText(diags.Sorted(), sources, RenderOptions{});
            std::string marker = "flow,compile_fail,";
            if (info.rfind(marker, 0) == 0) {
                const CodeInfo* code = FindCode(info.substr(marker.size()));
                ASSERT_NE(code, nullptr) << path_ << ": unknown code in `" << info << "`";
                EXPECT_TRUE(diags.Has(code->code))
                    << path_ << ": example does not produce " << code->id << ":\n"
                    << body << rendered;
            } else {
                EXPECT_EQ(rendered, "") << path_ << ": example should check cleanly:\n" << body;
            }
        }
    }

  private:
    fs::path path_;
};

std::string TestName(const fs::path& root, const fs::path& file) {
    std::string name = fs::relative(file, root).replace_extension().string();
    std::replace(name.begin(), name.end(), '/', '.');
    return name;
}

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    fs::path root = FLOWC_DIAGNOSTICS_DIR;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.path().extension() == ".flow") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        bool render = file.parent_path().filename() == "render";
        std::string name = TestName(root, file);
        if (render) {
            ::testing::RegisterTest("render", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                                    [file]() -> ::testing::Test* { return new RenderTest(file); });
        } else {
            ::testing::RegisterTest(
                "diagnostics", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                [file]() -> ::testing::Test* { return new AnnotatedTest(file); });
        }
    }
    std::vector<fs::path> pages{fs::path(FLOWC_DOCS_DIR) / "../tutorial.md",
                                fs::path(FLOWC_DOCS_DIR) / "../../README.md"};
    for (const auto& entry : fs::directory_iterator(FLOWC_DOCS_DIR)) {
        if (entry.path().extension() == ".md") pages.push_back(entry.path());
    }
    std::sort(pages.begin(), pages.end());
    for (const fs::path& page : pages) {
        ::testing::RegisterTest("docs", page.stem().string().c_str(), nullptr, nullptr, __FILE__,
                                __LINE__,
                                [page]() -> ::testing::Test* { return new DocExamplesTest(page); });
    }
    return RUN_ALL_TESTS();
}
