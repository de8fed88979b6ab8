#include "diag/render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "diag/engine.h"

namespace flowc {
namespace {

class RenderTest : public ::testing::Test {
  protected:
    FileId Add(std::string text) { return sources_.Add("dir/a.flow", std::move(text)); }
    SourceManager sources_;
};

TEST_F(RenderTest, PlainTextWithSnippetLabelNoteAndHelp) {
    FileId id = Add("shared flow A {\n    call Menuu();\n}\nshared flow Menu {}\n");
    Diagnostic d =
        MakeDiagnostic(Code::kSyntaxError, Span{id, 25, 30}, "unknown shared flow `Menuu`")
            .WithLabel(Span{id, 48, 52}, "`Menu` declared here")
            .WithNote("flows are global to the build")
            .WithHelp("did you mean `Menu`?");
    std::string text = RenderText({d}, sources_, RenderOptions{});
    EXPECT_EQ(text,
              "dir/a.flow:2:10: error[E0101]: unknown shared flow `Menuu`\n"
              "    2 |     call Menuu();\n"
              "      |          ^^^^^\n"
              "dir/a.flow:4:13: note: `Menu` declared here\n"
              "    4 | shared flow Menu {}\n"
              "      |             ----\n"
              "      = note: flows are global to the build\n"
              "      = help: did you mean `Menu`?\n"
              "1 error generated\n");
}

TEST_F(RenderTest, ColorWrapsEachPartAndResets) {
    FileId id = Add("hangup\n");
    Diagnostic d = MakeDiagnostic(Code::kSyntaxError, Span{id, 0, 6}, "boom");
    std::string text = RenderText({d}, sources_, RenderOptions{true, true, 20});
    EXPECT_EQ(text,
              "\033[1mdir/a.flow:1:1: \033[0m\033[1;31merror[E0101]:\033[0m \033[1mboom\033[0m\n"
              "\033[1;34m    1 |\033[0m hangup\n"
              "\033[1;34m      |\033[0m \033[1;32m^^^^^^\033[0m\n"
              "1 error generated\n");
}

TEST_F(RenderTest, TabsAndWideCharactersKeepCaretsAligned) {
    // A tab expands to the next multiple of 4; CJK characters are two columns wide.
    FileId id = Add("\tplay \"\xE6\x97\xA5\xE6\x9C\xAC\" x;\n");
    Diagnostic d = MakeDiagnostic(Code::kSyntaxError, Span{id, 15, 16}, "expected `;`");
    std::string text = RenderText({d}, sources_, RenderOptions{});
    EXPECT_EQ(text,
              "dir/a.flow:1:12: error[E0101]: expected `;`\n"
              "    1 |     play \"\xE6\x97\xA5\xE6\x9C\xAC\" x;\n"
              "      |                 ^\n"
              "1 error generated\n");
}

TEST_F(RenderTest, ControlAndBidiCharactersAreReplacedInSnippets) {
    FileId id =
        Add("play \"a\xE2\x80\xAE"
            "b\";\n");  // U+202E right-to-left override
    Diagnostic d = MakeDiagnostic(Code::kSyntaxError, Span{id, 5, 12}, "x");
    std::string text = RenderText({d}, sources_, RenderOptions{});
    EXPECT_NE(text.find("play \"a\xEF\xBF\xBD"
                        "b\";"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("\xE2\x80\xAE"), std::string::npos);
}

TEST_F(RenderTest, EmptySpanAtEndOfLineGetsOneCaret) {
    FileId id = Add("play \"x\"\n");
    Diagnostic d =
        MakeDiagnostic(Code::kSyntaxError, Span{id, 8, 8}, "expected `;` after this statement");
    EXPECT_EQ(RenderText({d}, sources_, RenderOptions{}),
              "dir/a.flow:1:9: error[E0101]: expected `;` after this statement\n"
              "    1 | play \"x\"\n"
              "      |         ^\n"
              "1 error generated\n");
}

TEST_F(RenderTest, NoFileAndNoSnippetsForms) {
    Diagnostic d = MakeDiagnostic(Code::kInputNotReadable, Span{}, "cannot read `x.flow`");
    EXPECT_EQ(RenderText({d}, sources_, RenderOptions{false, false, 20}),
              "flowc: error[E0005]: cannot read `x.flow`\n1 error generated\n");
}

TEST_F(RenderTest, ErrorLimitStopsAndStillCountsEverything) {
    FileId id = Add("a b c\n");
    std::vector<Diagnostic> list;
    for (std::uint32_t i = 0; i < 3; ++i) {
        list.push_back(MakeDiagnostic(Code::kSyntaxError, Span{id, i * 2, i * 2 + 1}, "e"));
    }
    std::string text = RenderText(list, sources_, RenderOptions{false, false, 2});
    EXPECT_EQ(text,
              "dir/a.flow:1:1: error[E0101]: e\n"
              "dir/a.flow:1:3: error[E0101]: e\n"
              "flowc: error: too many errors emitted, stopping now\n"
              "      = help: `--error-limit=0` prints them all\n"
              "3 errors generated\n");
}

TEST(CountLine, Wording) {
    EXPECT_EQ(CountLine(0, 0), "");
    EXPECT_EQ(CountLine(1, 0), "1 error generated");
    EXPECT_EQ(CountLine(2, 1), "2 errors and 1 warning generated");
    EXPECT_EQ(CountLine(0, 3), "3 warnings generated");
}

TEST_F(RenderTest, JsonHasOneDocumentWithPositions) {
    FileId id = Add("x\nplay y\n");
    Diagnostic d = MakeDiagnostic(Code::kSyntaxError, Span{id, 2, 6}, "msg").WithHelp("h");
    nlohmann::json doc = nlohmann::json::parse(RenderJson({d}, sources_));
    EXPECT_EQ(doc["errors"], 1);
    EXPECT_EQ(doc["warnings"], 0);
    const auto& entry = doc["diagnostics"][0];
    EXPECT_EQ(entry["code"], "E0101");
    EXPECT_EQ(entry["severity"], "error");
    EXPECT_EQ(entry["file"], "dir/a.flow");
    EXPECT_EQ(entry["line"], 2);
    EXPECT_EQ(entry["column"], 1);
    EXPECT_EQ(entry["end_line"], 2);
    EXPECT_EQ(entry["end_column"], 5);
    EXPECT_EQ(entry["help"], "h");
    EXPECT_FALSE(entry.contains("import_to_add"));
}

TEST_F(RenderTest, JsonCarriesTheImportToAdd) {
    FileId id = Add("call X();\n");
    Diagnostic d = MakeDiagnostic(Code::kNameNotImported, Span{id, 5, 6}, "msg");
    d.import_to_add = "import \"lib/x.flow\";";
    nlohmann::json doc = nlohmann::json::parse(RenderJson({d}, sources_));
    EXPECT_EQ(doc["diagnostics"][0]["import_to_add"], "import \"lib/x.flow\";");
}

}  // namespace
}  // namespace flowc
