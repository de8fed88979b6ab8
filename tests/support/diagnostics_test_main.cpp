// Registers one test per file under tests/diagnostics/ (kuzu's e2e style), so that
// `ctest -R diagnostics.syntax.missing_semicolon` runs exactly one case.
//  - <area>/<case>.flow: annotated sources (support/annotations.h);
//  - render/<case>.flow + <case>.stderr: exact text snapshots (carets, columns, notes).
//    FLOWC_UPDATE_GOLDEN=1 rewrites the .stderr files on purpose.
//  - docs/errors/<CODE>.md, docs/tutorial.md, docs/language.md, README.md: every ```flow block
//    must check cleanly, and every ```flow,compile_fail,<CODE> block must produce that code
//    (rustc's compile-tested docs).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "diag/render.h"
#include "support/annotations.h"
#include "support/pipeline.h"

namespace fs = std::filesystem;
using namespace flowc;
using namespace flowc::testing;

namespace {

// About 330 lines of valid flows of every statement kind, named after `tag` so that the
// copies before and after a test's code do not collide.
std::string UnrelatedFlows(std::string_view tag) {
    std::string out;
    for (int i = 0; i < 10; ++i) {
        out += fmt::format(R"(shared flow {0}Route{1}(key: string) -> <route: string> {{
    switch key {{
        case "1" => {{ route = "sales"; }}
        case "2" => route = "support";
        default => {{
            if len(key) > 3 && startsWith(key, "9") {{
                route = "long";
            }} else if key == "0" {{
                route = "operator";
            }} else {{
                route = "other";
            }}
        }}
    }}
    return;
}}

inbound flow {0}Main{1} {{
    menu "Press 1 for sales" {{
        "1" => {{
            call {0}Route{1}(key = call.ani) -> <route>;
            play "Routing to " + route;
            transfer "Sales";
        }}
        "2" => play "Two";
        else => hangup;
    }}
    repeat 2 {{
        play "again";
    }}
    hangup;
}}

)",
                           tag, i);
    }
    return out;
}

// The test's first file in the middle of a large one: the same diagnostics must come out,
// at the same places (the annotations move with the code they annotate).
std::string InLargeFile(const std::string& text) {
    std::size_t first_file_end = text.find("\n// --- ");
    if (first_file_end == std::string::npos) first_file_end = text.size();
    std::string out = UnrelatedFlows("Before");
    out += text.substr(0, first_file_end);
    if (!out.ends_with("\n")) out += "\n";
    out += "\n" + UnrelatedFlows("After");
    out += text.substr(first_file_end);
    return out;
}

class AnnotatedTest : public ::testing::Test {
  public:
    explicit AnnotatedTest(fs::path path) : path_(std::move(path)) {}
    void TestBody() override {
        std::string text = ReadFileOrDie(path_.string());
        std::vector<std::string> failures = CheckAnnotatedFile(path_.filename().string(), text);
        for (const std::string& failure : failures)
            ADD_FAILURE() << path_.string() << ": " << failure;
        if (text.starts_with("// flowc-test: also-in-a-large-file\n")) {
            for (const std::string& failure :
                 CheckAnnotatedFile(path_.filename().string(), InLargeFile(text))) {
                ADD_FAILURE() << path_.string() << " inside a large file: " << failure;
            }
        }
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
                                fs::path(FLOWC_DOCS_DIR) / "../language.md",
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
