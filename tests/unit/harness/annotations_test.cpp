// The diagnostics harness must fail when it should: a test runner that cannot fail is a
// defect (Carbon's file_test_base_test).
#include "support/annotations.h"

#include <gtest/gtest.h>

namespace flowc::testing {
namespace {

TEST(Annotations, MatchingExpectationsPass) {
    EXPECT_TRUE(CheckAnnotatedFile("t.flow",
                                   "inbound flow F {\n"
                                   "  play \"x\"  // error[E0101]: expected `;`\n"
                                   "            // help: ends with `;`\n"
                                   "}\n")
                    .empty());
}

TEST(Annotations, RelativeOffsetsAndOwnLineAnnotations) {
    EXPECT_TRUE(
        CheckAnnotatedFile("t.flow",
                           "inbound flow F {\n"
                           "  // error@+1[E0101]: expected `;`\n"
                           "  play \"x\"\n"
                           "  // error[E0101]@-0: expected `;`\n"  // own line, @-0: this line? no
                           "}\n")
            .size() == 1u);
    EXPECT_TRUE(CheckAnnotatedFile("t.flow",
                                   "inbound flow F {\n"
                                   "  play \"x\"\n"
                                   "  // error[E0101]: expected `;`\n"
                                   "}\n")
                    .empty());
}

TEST(Annotations, MissingDiagnosticFails) {
    auto failures = CheckAnnotatedFile("t.flow",
                                       "inbound flow F {\n"
                                       "  hangup;  // error[E0101]: expected `;`\n"
                                       "}\n");
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_NE(failures[0].find("but there is none"), std::string::npos);
}

TEST(Annotations, UnexpectedDiagnosticFails) {
    auto failures = CheckAnnotatedFile("t.flow",
                                       "inbound flow F {\n"
                                       "  play \"x\"  // error[E0101]: expected `;`\n"
                                       "  hangup\n"
                                       "}\n");
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_NE(failures[0].find("unexpected diagnostic"), std::string::npos);
}

TEST(Annotations, WrongCodeLineOrTextFails) {
    const std::string body = "inbound flow F {\n  play \"x\"\n}\n";
    EXPECT_FALSE(CheckAnnotatedFile("t.flow", "// error@+2[E0102]: expected `;`\n" + body).empty());
    EXPECT_FALSE(CheckAnnotatedFile("t.flow", "// error@+3[E0101]: expected `;`\n" + body).empty());
    EXPECT_FALSE(CheckAnnotatedFile("t.flow", "// error@+2[E0101]: expected `)`\n" + body).empty());
    EXPECT_FALSE(
        CheckAnnotatedFile("t.flow", "// warning@+2[E0101]: expected `;`\n" + body).empty());
    EXPECT_TRUE(CheckAnnotatedFile("t.flow", "// error@+2[E0101]: expected `;`\n" + body).empty());
}

TEST(Annotations, WrongHelpFails) {
    EXPECT_FALSE(CheckAnnotatedFile("t.flow",
                                    "inbound flow F {\n"
                                    "  play \"x\"  // error[E0101]: expected `;`\n"
                                    "            // help: something else entirely\n"
                                    "}\n")
                     .empty());
}

TEST(Annotations, FileWithoutExpectationsMustBeNamedOk) {
    const std::string clean = "inbound flow F { hangup; }\n";
    EXPECT_FALSE(CheckAnnotatedFile("t.flow", clean).empty());
    EXPECT_TRUE(CheckAnnotatedFile("ok_t.flow", clean).empty());
    EXPECT_FALSE(CheckAnnotatedFile("ok_t.flow", "inbound flow F { hangup }\n").empty());
}

TEST(Annotations, SplitFilesAreSeparateFiles) {
    EXPECT_TRUE(CheckAnnotatedFile("t.flow",
                                   "inbound flow F { hangup; }\n"
                                   "// --- other.flow\n"
                                   "shared flow G {\n"
                                   "  return  // error[E0101]: expected `;`\n"
                                   "}\n")
                    .empty());
}

}  // namespace
}  // namespace flowc::testing
