// Bad input at the byte level and pathological structure: each gets one exact error and
// never a crash, an abort inside ANTLR, or a stack overflow.
#include <gtest/gtest.h>

#include "diag/render.h"
#include "syntax/parse.h"

namespace flowc {
namespace {

struct Outcome {
    std::string diagnostics;  // one line per diagnostic, no snippets
    bool ok;
    std::size_t flows;
};

Outcome Parse(const std::string& text, ParseOptions options = {}) {
    SourceManager sources;
    DiagnosticEngine diags;
    FileId id = sources.Add("g.flow", text);
    ParseResult result = ParseFile(sources.Get(id), diags, options);
    std::string rendered;
    for (const Diagnostic& d : diags.Sorted()) {
        rendered += RenderText({d}, sources, RenderOptions{false, false, 0});
        rendered.erase(rendered.rfind("1 error generated\n"));
    }
    return {rendered, result.ok, result.file.flows.size()};
}

const char* const kHelpUtf8 =
    "      = help: save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`)\n";

TEST(Guards, InvalidUtf8ReportsLineAndColumnOfFirstBadByte) {
    Outcome out = Parse("inbound flow F {\n  play \"caf\xE9\";\n}\n");
    EXPECT_FALSE(out.ok);
    EXPECT_EQ(out.diagnostics,
              std::string("g.flow:2:12: error[E0001]: file is not valid UTF-8: byte "
                          "0x22 after 0xE9 is not a continuation byte\n") +
                  kHelpUtf8);
}

TEST(Guards, InvalidUtf8Kinds) {
    EXPECT_NE(Parse("// \xC0\xAF\n").diagnostics.find("1:4: error[E0001]"), std::string::npos);
    EXPECT_NE(Parse("\xED\xA0\x80").diagnostics.find("surrogate"), std::string::npos);
    EXPECT_NE(Parse("x\x80").diagnostics.find("1:2: error[E0001]"), std::string::npos);
    EXPECT_NE(Parse("\"\xF0\x9F\x93").diagnostics.find("cut short"), std::string::npos);
}

TEST(Guards, ByteOrderMarkIsSkipped) {
    Outcome out = Parse("\xEF\xBB\xBFinbound flow F { hangup; }\n");
    EXPECT_EQ(out.diagnostics, "");
    EXPECT_EQ(out.flows, 1u);
}

TEST(Guards, NulByteMeansBinary) {
    Outcome out = Parse(std::string("inbound flow F {}\n\0\0", 20));
    EXPECT_EQ(out.diagnostics,
              "g.flow:2:1: error[E0002]: file contains a NUL byte; it looks like a binary file\n"
              "      = help: flow sources are UTF-8 text\n");
}

TEST(Guards, CopiedBinaryIsRefusedBeforeParsing) {
    std::string elf(
        "\x7F"
        "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
        20);
    Outcome out = Parse(elf);
    EXPECT_NE(out.diagnostics.find("error[E0002]"), std::string::npos);
    EXPECT_FALSE(out.ok);
}

TEST(Guards, SizeCap) {
    ParseOptions options;
    options.max_file_bytes = 16;
    Outcome out = Parse("inbound flow F { hangup; }", options);
    EXPECT_EQ(out.diagnostics,
              "g.flow:1:1: error[E0003]: `g.flow` is 26 bytes, over the limit of 16 bytes\n"
              "      = help: raise the limit with `--max-file-size`, or split the file\n");
}

TEST(Guards, NineMebibyteFileIsRefusedByDefault) {
    std::string big = "inbound flow F {\n";
    while (big.size() < (9u << 20)) big += "    play \"padding padding padding padding\";\n";
    big += "}\n";
    Outcome out = Parse(big);
    EXPECT_NE(out.diagnostics.find("error[E0003]"), std::string::npos);
    EXPECT_NE(out.diagnostics.find("over the limit of 8388608 bytes"), std::string::npos);
}

TEST(Guards, EmptyFileIsValidAndDeclaresNothing) {
    Outcome out = Parse("");
    EXPECT_EQ(out.diagnostics, "");
    EXPECT_TRUE(out.ok);
    EXPECT_EQ(out.flows, 0u);
}

std::string Repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

TEST(Guards, TenThousandNestedParentheses) {
    Outcome out =
        Parse("inbound flow F { var x = " + Repeat("(", 10000) + "1" + Repeat(")", 10000) + "; }");
    EXPECT_EQ(out.diagnostics,
              "g.flow:1:281: error[E0004]: nesting deeper than 256 levels\n"
              "      = help: move inner logic into variables or a separate shared flow\n");
}

TEST(Guards, TenThousandNestedBlocks) {
    Outcome out = Parse("inbound flow F " + Repeat("{", 10000) + Repeat("}", 10000));
    EXPECT_NE(out.diagnostics.find("1:272: error[E0004]"), std::string::npos) << out.diagnostics;
}

TEST(Guards, TenThousandPrefixOperators) {
    Outcome out = Parse("inbound flow F { var x = " + Repeat("!", 10000) + "true; }");
    EXPECT_NE(out.diagnostics.find("error[E0004]"), std::string::npos) << out.diagnostics;
}

TEST(Guards, LongOperatorChainIsBoundedWithoutRecursion) {
    Outcome out = Parse("inbound flow F { var x = 1" + Repeat(" + 1", 100000) + "; }");
    EXPECT_NE(out.diagnostics.find("error[E0007]: expression too long: a chain of 100000 binary "
                                   "operators"),
              std::string::npos)
        << out.diagnostics;
    EXPECT_FALSE(out.ok);
}

// A flat chain is a long expression, not a nested one (issue 16): its own code, at the first
// operator that does not fit, counted from the left.
TEST(Guards, FlatChainIsReportedAsTooLongNotTooDeep) {
    std::string prefix = "inbound flow F { var x = 1";
    Outcome out = Parse(prefix + Repeat(" + 1", 10000) + "; }");
    // Of 1,024 levels, the flow's block and the statement take two and the operands one.
    std::size_t column = prefix.size() + 4 * 1021 + 2;
    EXPECT_EQ(out.diagnostics,
              "g.flow:1:" + std::to_string(column) +
                  ": error[E0007]: expression too long: a chain of 10000 binary operators (at "
                  "most 1021 here)\n"
                  "      = help: split the expression with intermediate variables\n");
}

TEST(Guards, FlatChainAtTheLimitParses) {
    Outcome out = Parse("inbound flow F { var x = 1" + Repeat(" + 1", 1021) + "; }");
    EXPECT_EQ(out.diagnostics, "");
    EXPECT_TRUE(out.ok);
    out = Parse("inbound flow F { var x = 1" + Repeat(" + 1", 1022) + "; }");
    EXPECT_NE(out.diagnostics.find("error[E0007]"), std::string::npos) << out.diagnostics;
}

TEST(Guards, MixedPrecedenceChainCountsItsLeftSpine) {
    // `1 * 1 + 1 * 1 + ...`: the spine is the `+` chain plus the first `*`.
    Outcome out = Parse("inbound flow F { var x = 1 * 1" + Repeat(" + 1 * 1", 2000) + "; }");
    EXPECT_NE(out.diagnostics.find("error[E0007]: expression too long: a chain of 2001 binary"),
              std::string::npos)
        << out.diagnostics;
}

TEST(Guards, ChainInsideDeepNestingHasLessRoom) {
    // 200 nested `if`s take two levels each: the same chain that fits at the top does not.
    std::string chain = "var x = 1" + Repeat(" + 1", 900) + ";";
    EXPECT_EQ(Parse("inbound flow F { " + chain + " }").diagnostics, "");
    Outcome out =
        Parse("inbound flow F { " + Repeat("if true { ", 200) + chain + Repeat(" }", 200) + " }");
    EXPECT_NE(out.diagnostics.find("error[E0007]: expression too long: a chain of 900 binary "
                                   "operators (at most 621 here)"),
              std::string::npos)
        << out.diagnostics;
}

TEST(Guards, NestingJustUnderTheLimitParses) {
    Outcome out =
        Parse("inbound flow F { var x = " + Repeat("(", 200) + "1" + Repeat(")", 200) + "; }");
    EXPECT_EQ(out.diagnostics, "");
    EXPECT_TRUE(out.ok);
}

TEST(Guards, SyntaxErrorsPerFileAreCapped) {
    Outcome out = Parse("inbound flow F {\n" + Repeat("  play ;\n", 500) + "}\n");
    std::size_t count = 0;
    for (std::size_t at = 0; (at = out.diagnostics.find("error[", at)) != std::string::npos; ++at) {
        ++count;
    }
    EXPECT_EQ(count, 50u);
    EXPECT_NE(out.diagnostics.find("the rest of it was not checked"), std::string::npos);
}

}  // namespace
}  // namespace flowc
