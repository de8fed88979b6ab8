#include "diag/engine.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

TEST(Engine, SortsByFileThenOffsetAndDropsDuplicates) {
    DiagnosticEngine diags;
    diags.Report(MakeDiagnostic(Code::kSyntaxError, Span{1, 5, 6}, "b"));
    diags.Report(MakeDiagnostic(Code::kSyntaxError, Span{0, 9, 10}, "a"));
    diags.Report(MakeDiagnostic(Code::kInputNotReadable, Span{}, "no file"));
    diags.Report(MakeDiagnostic(Code::kSyntaxError, Span{1, 5, 6}, "b"));  // same fact again
    diags.Report(MakeDiagnostic(Code::kSyntaxError, Span{1, 1, 2}, "c"));
    std::vector<Diagnostic> sorted = diags.Sorted();
    ASSERT_EQ(sorted.size(), 4u);
    EXPECT_EQ(sorted[0].message, "no file");
    EXPECT_EQ(sorted[1].message, "a");
    EXPECT_EQ(sorted[2].message, "c");
    EXPECT_EQ(sorted[3].message, "b");
    EXPECT_EQ(diags.error_count(), 4u);
    EXPECT_TRUE(diags.Has(Code::kInputNotReadable));
    EXPECT_FALSE(diags.Has(Code::kUnknownType));
}

TEST(Codes, RegistryIsConsistent) {
    for (const CodeInfo& info : AllCodes()) {
        EXPECT_EQ(&InfoFor(info.code), &info);
        EXPECT_EQ(FindCode(info.id), &info);
        EXPECT_EQ(info.id.size(), 5u);
        EXPECT_FALSE(info.summary.empty());
    }
    EXPECT_EQ(FindCode("e0101"), FindCode("E0101"));
    EXPECT_EQ(FindCode("E4242"), nullptr);
}

}  // namespace
}  // namespace flowc
