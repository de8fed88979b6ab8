#include "base/utf8.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

TEST(Utf8, AcceptsAsciiAndMultibyte) {
    EXPECT_FALSE(FindInvalidUtf8("plain ascii"));
    EXPECT_FALSE(FindInvalidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x9E"));  // é € 📞
    EXPECT_FALSE(FindInvalidUtf8(""));
}

struct BadCase {
    std::string bytes;
    std::uint32_t offset;
    std::string reason;
};

class Utf8Rejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(Utf8Rejects, ReportsFirstBadByte) {
    std::optional<Utf8Error> error = FindInvalidUtf8(GetParam().bytes);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->offset, GetParam().offset);
    EXPECT_EQ(error->reason, GetParam().reason);
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, Utf8Rejects,
    ::testing::Values(BadCase{"ab\x80", 2, "unexpected continuation byte 0x80"},
                      BadCase{"x\xC0\x80", 1, "byte 0xC0 never appears in UTF-8"},
                      BadCase{"\xE0\x80\x80", 0, "overlong encoding"},
                      BadCase{"ok\xED\xA0\x80", 2, "encoded surrogate U+D800"},
                      BadCase{"\xF4\x90\x80\x80", 0, "code point above U+10FFFF"},
                      BadCase{"\xF5\x80", 0, "byte 0xF5 never appears in UTF-8"},
                      BadCase{"end\xE2\x82", 3, "sequence starting with 0xE2 is cut short"},
                      BadCase{"\xC3(", 0, "byte 0x28 after 0xC3 is not a continuation byte"},
                      BadCase{"latin1 caf\xE9!", 10,
                              "byte 0x21 after 0xE9 is not a continuation byte"}));

TEST(Utf8, CountsCodePointsAndSanitizes) {
    EXPECT_EQ(CountCodePoints("caf\xC3\xA9"), 4u);
    EXPECT_EQ(CountCodePoints("a\xFF"
                              "b"),
              3u);  // a malformed byte counts as one
    EXPECT_EQ(SanitizeUtf8("a\xFF"
                           "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(SanitizeUtf8("caf\xC3\xA9"), "caf\xC3\xA9");
}

}  // namespace
}  // namespace flowc
