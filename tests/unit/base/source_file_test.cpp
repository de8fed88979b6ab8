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
