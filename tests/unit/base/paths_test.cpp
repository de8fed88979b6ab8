#include "base/paths.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

TEST(CollapseSeparators, MakesEveryRunOfSlashesOne) {
    EXPECT_EQ(CollapseSeparators("out//"), "out/");
    EXPECT_EQ(CollapseSeparators("a///b//c"), "a/b/c");
    EXPECT_EQ(CollapseSeparators("//abs"), "/abs");
}

TEST(CollapseSeparators, KeepsTheUsersSpellingOtherwise) {
    EXPECT_EQ(CollapseSeparators("out/"), "out/");
    EXPECT_EQ(CollapseSeparators("./out"), "./out");
    EXPECT_EQ(CollapseSeparators("../a/./b"), "../a/./b");
    EXPECT_EQ(CollapseSeparators(""), "");
}

TEST(JoinPath, PutsExactlyOneSeparatorBetween) {
    EXPECT_EQ(JoinPath("out", "archy"), "out/archy");
    EXPECT_EQ(JoinPath("out/", "archy"), "out/archy");
    EXPECT_EQ(JoinPath("out//", "archy"), "out/archy");
    EXPECT_EQ(JoinPath("./out", "archy"), "./out/archy");
    EXPECT_EQ(JoinPath("/", "x.json"), "/x.json");
    EXPECT_EQ(JoinPath("", "x.json"), "x.json");
}

}  // namespace
}  // namespace flowc
