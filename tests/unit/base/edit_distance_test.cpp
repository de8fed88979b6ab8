#include "base/edit_distance.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

TEST(EditDistance, ClassicCases) {
    EXPECT_EQ(EditDistance("", ""), 0u);
    EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
    EXPECT_EQ(EditDistance("SharedIvrMenu", "SharedIvrMenuu"), 1u);
    EXPECT_EQ(EditDistance("abc", ""), 3u);
    EXPECT_EQ(EditDistance("callerPhone", "callerphone"), 1u);
    EXPECT_EQ(EditDistance("nmae", "name"), 1u);  // a transposition is one edit
    EXPECT_EQ(EditDistance("ab", "ba"), 1u);
}

}  // namespace
}  // namespace flowc
