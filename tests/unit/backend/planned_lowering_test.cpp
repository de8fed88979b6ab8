// `flowc build` lowers the flows batch by batch while generating (lower::PlanLowering), other
// callers lower the whole graph first: both must write the same bytes and leave the same
// callees and order behind.
#include <gtest/gtest.h>

#include "backend/backend.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

TEST(PlannedLowering, WritesWhatTheWholeGraphWritesWithAnyNumberOfJobs) {
    // More flows than one batch holds, calling each other out of name order.
    std::string text;
    for (int i = 0; i < 40; ++i) {
        text += "shared flow S" + std::to_string(i) + "(p: int = " + std::to_string(i) +
                ") -> <o: string> { menu \"Press 1.\" { \"1\" => o = toString(p); else => o = "
                "\"\"; } }\n";
        text += "@queues(\"Q\")\ninbound flow I" + std::to_string(i) + " { call S" +
                std::to_string((i * 7) % 40) + "() -> <o>; if o == \"\" { call S" +
                std::to_string((i * 13 + 5) % 40) + "(p = 1) -> <o>; } play o; transfer \"Q\"; }\n";
    }
    InMemoryLoader memory;
    memory.Add("project.flow", text);
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program = LoadProgram({"project.flow"}, memory, sources, diags, LoadOptions{});
    std::optional<sema::Model> model = sema::Check(program, diags);
    ASSERT_TRUE(model) << diags.error_count();
    ASSERT_EQ(model->flows.size(), 80u);  // several batches of 16 with one job

    for (bool archy : {false, true}) {
        auto make = [&](unsigned jobs) {
            return archy ? backend::MakeArchyBackend(jobs) : backend::MakeGenesysJsonBackend(jobs);
        };
        lower::FlowGraph whole = lower::Lower(*model);
        backend::MemorySink expected;
        make(1)->Generate(whole, expected, diags);
        ASSERT_GT(expected.files().size(), 40u);
        for (unsigned jobs : {1u, 2u, 5u}) {
            lower::FlowGraph planned = lower::PlanLowering(*model);
            EXPECT_FALSE(planned.lowered);
            backend::MemorySink got;
            make(jobs)->Generate(planned, got, diags);
            EXPECT_EQ(got.files(), expected.files()) << (archy ? "archy" : "genesys-json") << jobs;
            EXPECT_EQ(planned.order, whole.order);
            ASSERT_EQ(planned.flows.size(), whole.flows.size());
            for (std::size_t k = 0; k < whole.flows.size(); ++k) {
                EXPECT_EQ(planned.flows[k].id, whole.flows[k].id);
                EXPECT_EQ(planned.flows[k].callees, whole.flows[k].callees);
                EXPECT_TRUE(planned.flows[k].nodes.empty());  // not kept
            }
        }
    }
    EXPECT_EQ(diags.error_count(), 0u);
}

}  // namespace
}  // namespace flowc
