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

// Platform names are compared as a reader sees them (issue 16): `Café` in NFC and in NFD,
// `STRASSE` and `straße`, and a name with a zero-width space are each one name.
TEST(CaselessKey, EqualForNamesThatLookTheSame) {
    EXPECT_EQ(CaselessKey("Caf\xC3\xA9"), CaselessKey("Cafe\xCC\x81"));  // NFC, NFD
    EXPECT_EQ(CaselessKey("Caf\xC3\xA9"), CaselessKey("CAF\xC3\x89"));   // é, É
    EXPECT_EQ(CaselessKey("STRASSE"), CaselessKey("stra\xC3\x9F"
                                                  "e"));  // ß folds to ss
    EXPECT_EQ(CaselessKey("Main Menu"), CaselessKey("main menu"));
    EXPECT_EQ(CaselessKey("Zero\xE2\x80\x8BWidth"), CaselessKey("ZeroWidth"));  // U+200B
    EXPECT_EQ(CaselessKey("\xCE\xA3\xCE\x9F\xCE\xA6"),
              CaselessKey("\xCF\x83\xCE\xBF\xCF\x86"));  // ΣΟΦ σοφ
}

TEST(PrintableText, EscapesWhatWouldControlTheTerminal) {
    EXPECT_EQ(PrintableText("menu.flow"), "menu.flow");
    EXPECT_EQ(PrintableText("Caf\xC3\xA9 \xE2\x82\xAC"), "Caf\xC3\xA9 \xE2\x82\xAC");
    EXPECT_EQ(PrintableText("\x1B[2J\x07x\ty\r\n\x7F"), "\\x1b[2J\\x07x\\x09y\\x0d\\x0a\\x7f");
    EXPECT_EQ(PrintableText("a\xC2\x9B"
                            "b"),
              "a\\u009bb");  // C1 CSI
    EXPECT_EQ(PrintableText("abc\xE2\x80\xAE"
                            "def"),
              "abc\\u202edef");                     // RLO
    EXPECT_EQ(PrintableText("x\xFFy"), "x\\xffy");  // not UTF-8: the byte it is
}

// The ASCII fast path gives what utf8proc gives.
TEST(CaselessKey, AsciiFoldsLikeUnicode) {
    std::string all;
    for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
    std::string with_accent = all + "\xC3\xA9";  // not ASCII: through utf8proc
    EXPECT_EQ(CaselessKey(all) + "\xC3\xA9", CaselessKey(with_accent));
}

TEST(CaselessKey, DifferentForDifferentNames) {
    EXPECT_NE(CaselessKey("Cafe"), CaselessKey("Caf\xC3\xA9"));  // an accent is not case
    EXPECT_NE(CaselessKey("Menu1"), CaselessKey("Menu 1"));
    EXPECT_NE(CaselessKey("Sales"), CaselessKey("Sale"));
    EXPECT_EQ(CaselessKey(""), "");
}

TEST(CaselessKey, InvalidUtf8IsReturnedUnchanged) {
    EXPECT_EQ(CaselessKey("a\xFF"
                          "b"),
              "a\xFF"
              "b");
}

}  // namespace
}  // namespace flowc
