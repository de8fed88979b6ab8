#include "base/strings.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

TEST(Strings, LowercaseFoldsAsciiOnly) {
    EXPECT_EQ(Lowercase("Main IVR [x]"), "main ivr [x]");
    // Bytes outside ASCII are left as they are, whatever the C locale would do with them.
    EXPECT_EQ(Lowercase("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
    EXPECT_EQ(Lowercase("@Z[`"), "@z[`");
}

TEST(Strings, EqualIgnoringCaseIncludesEqual) {
    EXPECT_TRUE(EqualIgnoringCase("inboundcall", "INBOUNDCALL"));
    EXPECT_TRUE(EqualIgnoringCase("same", "same"));
    EXPECT_TRUE(EqualIgnoringCase("", ""));
    EXPECT_FALSE(EqualIgnoringCase("inboundcall", "inboundcal"));
    EXPECT_FALSE(EqualIgnoringCase("a[", "A{"));              // '[' and '{' are not a case pair
    EXPECT_FALSE(EqualIgnoringCase("\xC3\xA9", "\xC3\x89"));  // é, É: not ASCII
}

}  // namespace
}  // namespace flowc
