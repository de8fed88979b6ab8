// A flow's output file is `<identifier>.json`, never renamed: the checker refuses the names
// that would collide (E0315, E0316, E0304), and a backend handed one anyway stops (issue 16).
#include <gtest/gtest.h>

#include <stdexcept>

#include "base/file_names.h"

namespace flowc {
namespace {

TEST(SafeFileStem, IsTheIdentifier) {
    EXPECT_EQ(SafeFileStem("Main"), "Main");
    EXPECT_EQ(SafeFileStem("CON_"), "CON_");  // no longer what `CON` becomes
    EXPECT_EQ(SafeFileStem("Manifest2"), "Manifest2");
}

TEST(SafeFileStem, RefusesWhatTheCheckerRefuses) {
    for (const char* name : {"CON", "con", "LPT1", "NUL", "manifest", "Manifest"}) {
        EXPECT_THROW(SafeFileStem(name), std::logic_error) << name;
    }
}

}  // namespace
}  // namespace flowc
