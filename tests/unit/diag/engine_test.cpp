#include "diag/engine.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <latch>
#include <thread>
#include <vector>

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

// Sinks report from the thread that writes files while other threads work (one engine, many
// reporters): nothing reported may be lost, counted twice or kept twice. Unsynchronised,
// threads that grow the vector and the fingerprint set at once lose entries or crash.
TEST(Engine, ReportsFromManyThreadsAtOnceAreAllKeptOnce) {
    constexpr int kThreads = 8;
    constexpr int kEach = 2000;
    for (int round = 0; round < 10; ++round) {  // a race shows in some rounds, not in all
        DiagnosticEngine diags;
        std::latch start(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();  // all at once
                for (int i = 0; i < kEach; ++i) {
                    diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                                fmt::format("thread {} file {}", t, i)));
                    // The same fact from every thread is kept once.
                    diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{}, "shared"));
                    if (i % 64 == 0) (void)diags.has_errors();
                }
            });
        }
        for (std::thread& thread : threads) thread.join();
        ASSERT_EQ(diags.error_count(), std::size_t{kThreads * kEach + 1}) << "round " << round;
        ASSERT_EQ(diags.Reported().size(), std::size_t{kThreads * kEach + 1});
        ASSERT_EQ(diags.Sorted().size(), std::size_t{kThreads * kEach + 1});
    }
}

TEST(Engine, MovingAnEngineTakesWhatWasReported) {
    std::vector<DiagnosticEngine> engines(2);
    engines[0].Report(MakeDiagnostic(Code::kSyntaxError, Span{0, 1, 2}, "a"));
    engines.emplace_back();  // reallocates: the engines move
    DiagnosticEngine moved = std::move(engines[0]);
    EXPECT_EQ(moved.error_count(), 1u);
    EXPECT_TRUE(moved.Has(Code::kSyntaxError));
    moved.Report(MakeDiagnostic(Code::kSyntaxError, Span{0, 1, 2}, "a"));  // still a duplicate
    EXPECT_EQ(moved.Reported().size(), 1u);
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
    EXPECT_EQ(FindCode("E0701"), nullptr);  // renumbered E0901
    ASSERT_NE(FindRenamedCode("e0701"), nullptr);
    EXPECT_EQ(FindRenamedCode("e0701"), FindCode("E0901"));
    EXPECT_EQ(FindRenamedCode("E0708")->id, "E0908");
    EXPECT_EQ(FindRenamedCode("E0901"), nullptr);
    EXPECT_EQ(FindRenamedCode("W0701"), nullptr);
}

}  // namespace
}  // namespace flowc
