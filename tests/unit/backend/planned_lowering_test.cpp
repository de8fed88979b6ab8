// `flowc build` plans the program (lower::PlanLowering) and the generation loop lowers the
// flows batch by batch while rendering them; other callers lower the whole graph first: both
// must write the same bytes, and the plan must say what the nodes say.
#include <gtest/gtest.h>

#include <algorithm>

#include "backend/registry.h"
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
        const char* target = archy ? "archy" : "genesys-json";
        lower::FlowGraph whole = lower::Lower(*model);
        backend::MemorySink expected;
        backend::GenerateAll(whole, target, expected, diags);
        ASSERT_GT(expected.files().size(), 40u);
        for (unsigned jobs : {1u, 2u, 5u}) {
            lower::FlowGraph planned = lower::PlanLowering(*model, jobs);
            EXPECT_TRUE(planned.lowered.empty());
            backend::MemorySink got;
            backend::GenerateAll(planned, target, got, diags, nullptr, jobs);
            EXPECT_EQ(got.files(), expected.files()) << target << jobs;
            EXPECT_EQ(planned.order, whole.order);
            ASSERT_EQ(planned.flows.size(), whole.flows.size());
            for (std::size_t k = 0; k < whole.flows.size(); ++k) {
                EXPECT_EQ(planned.flows[k].id, whole.flows[k].id);
                EXPECT_EQ(planned.flows[k].callees, whole.flows[k].callees);
                // The plan's calls are the subflow nodes the graph keeps.
                std::vector<sema::FlowId> subflows;
                for (const lower::Node& node : whole.lowered[k].nodes) {
                    if (const auto* subflow = std::get_if<lower::SubflowNode>(&node.body))
                        subflows.push_back(subflow->callee);
                }
                std::vector<sema::FlowId> calls;
                for (const sema::Call* call : planned.flows[k].calls) calls.push_back(call->callee);
                std::sort(subflows.begin(), subflows.end());
                std::sort(calls.begin(), calls.end());
                EXPECT_EQ(calls, subflows);
            }
        }
    }
    EXPECT_EQ(diags.error_count(), 0u);
}

}  // namespace
}  // namespace flowc
