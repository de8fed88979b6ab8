// Cut valid sources at every byte offset: each prefix must give a clean result or errors,
// never a crash, an exception or an internal error, in the parser and in the checker.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/pipeline.h"
#include "syntax/parse.h"

namespace flowc {
namespace {

std::string Read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void CheckEveryPrefix(const std::string& name, const std::string& text) {
    ASSERT_FALSE(text.empty()) << name;
    std::size_t clean = 0;
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        SourceManager sources;
        DiagnosticEngine diags;
        FileId id = sources.Add(name, text.substr(0, cut));
        ParseResult result = ParseFile(sources.Get(id), diags);
        ASSERT_FALSE(diags.Has(Code::kInternalError)) << name << " cut at " << cut;
        ASSERT_EQ(result.ok, !diags.has_errors()) << name << " cut at " << cut;
        clean += result.ok ? 1 : 0;

        SourceManager checked_sources;
        DiagnosticEngine checked_diags;
        std::optional<sema::Model> model = testing::RunFrontEnd(
            testing::SplitTestFile(name, text.substr(0, cut)), checked_sources, checked_diags);
        ASSERT_FALSE(checked_diags.Has(Code::kInternalError)) << name << " cut at " << cut;
        ASSERT_EQ(model.has_value(), !checked_diags.has_errors()) << name << " cut at " << cut;
    }
    // The whole file parses; most prefixes do not.
    EXPECT_GE(clean, 1u) << name;
    EXPECT_LT(clean, text.size()) << name;
}

TEST(Truncation, EveryPrefixOfTheSyntaxSamples) {
    std::filesystem::path dir = std::filesystem::path(FLOWC_SOURCE_DIR) / "tests/diagnostics/spec";
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".flow") continue;
        CheckEveryPrefix(entry.path().filename().string(), Read(entry.path()));
        ++files;
    }
    EXPECT_GE(files, 2u);
}

TEST(Truncation, EveryPrefixOfAnExampleAndAStdlibFlow) {
    for (const char* path : {"/examples/seed-tutorial/inbound.flow", "/stdlib/survey/csat.flow"}) {
        CheckEveryPrefix(path, Read(std::string(FLOWC_SOURCE_DIR) + path));
    }
}

TEST(Truncation, MultibyteTextCutInsideACodePoint) {
    CheckEveryPrefix("m.flow", "inbound flow F { play \"\xE2\x82\xAC \xF0\x9F\x93\x9E\"; }\n");
}

}  // namespace
}  // namespace flowc
