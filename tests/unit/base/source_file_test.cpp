#include "base/source_file.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

TEST(SourceFile, LocatesLinesAndCodePointColumns) {
    SourceManager sources;
    FileId id = sources.Add("a.flow", "ab\n\xC3\xA9x\r\n\tz");
    const SourceFile& file = sources.Get(id);
    EXPECT_EQ(file.LineCount(), 3u);
    EXPECT_EQ(file.Locate(0).line, 1u);
    EXPECT_EQ(file.Locate(1).column, 2u);
    EXPECT_EQ(file.Locate(3).line, 2u);
    EXPECT_EQ(file.Locate(5).column, 2u);  // after the two-byte é
    EXPECT_EQ(file.Line(2), "\xC3\xA9x");  // CR is not part of the line
    EXPECT_EQ(file.Locate(9).column, 2u);  // a tab is one column
    EXPECT_EQ(file.Line(3), "\tz");
    EXPECT_EQ(file.Line(4), "");
}

// Old Mac files end lines with a lone CR; every diagnostic used to land on line 1.
TEST(SourceFile, LoneCarriageReturnEndsALine) {
    SourceManager sources;
    FileId id = sources.Add("mac.flow", "ab\rcd\r\ref");
    const SourceFile& file = sources.Get(id);
    EXPECT_EQ(file.LineCount(), 4u);
    EXPECT_EQ(file.Locate(3).line, 2u);
    EXPECT_EQ(file.Locate(4).column, 2u);
    EXPECT_EQ(file.Locate(7).line, 4u);
    EXPECT_EQ(file.Line(1), "ab");
    EXPECT_EQ(file.Line(2), "cd");
    EXPECT_EQ(file.Line(3), "");
    EXPECT_EQ(file.Line(4), "ef");
}

TEST(SourceFile, CrlfIsOneLineEndInAnyMix) {
    SourceManager sources;
    FileId id = sources.Add("mixed.flow", "a\r\nb\nc\rd\r\n");
    const SourceFile& file = sources.Get(id);
    EXPECT_EQ(file.LineCount(), 5u);  // the last, empty line after the final CRLF
    EXPECT_EQ(file.Line(1), "a");
    EXPECT_EQ(file.Line(2), "b");
    EXPECT_EQ(file.Line(3), "c");
    EXPECT_EQ(file.Line(4), "d");
    EXPECT_EQ(file.Line(5), "");
    EXPECT_EQ(file.Locate(2).line, 1u);  // the LF of a CRLF still belongs to its line
    EXPECT_EQ(file.Locate(3).line, 2u);
    EXPECT_EQ(file.Locate(7).line, 4u);
}

TEST(SourceFile, LineEndsAreCountedOneWay) {
    EXPECT_EQ(LineEndLength("a\r\n", 1), 2u);
    EXPECT_EQ(LineEndLength("a\r", 1), 1u);
    EXPECT_EQ(LineEndLength("a\rb", 1), 1u);
    EXPECT_EQ(LineEndLength("a\n", 1), 1u);
    EXPECT_EQ(LineEndLength("a\n", 0), 0u);
    EXPECT_EQ(LineEndLength("a", 5), 0u);
    EXPECT_EQ(CountLineEnds(""), 0u);
    EXPECT_EQ(CountLineEnds("\r\n"), 1u);
    EXPECT_EQ(CountLineEnds("\n\r"), 2u);
    EXPECT_EQ(CountLineEnds("\r\r\n\n"), 3u);
}

TEST(SourceFile, ByteOrderMarkIsDropped) {
    SourceManager sources;
    FileId id = sources.Add("bom.flow", "\xEF\xBB\xBFhangup");
    EXPECT_EQ(sources.Get(id).text(), "hangup");
    EXPECT_EQ(sources.Get(id).Locate(0).column, 1u);
}

TEST(SourceFile, OffsetPastEndIsClamped) {
    SourceManager sources;
    FileId id = sources.Add("x.flow", "abc");
    EXPECT_EQ(sources.Get(id).Locate(100).column, 4u);
}

}  // namespace
}  // namespace flowc
