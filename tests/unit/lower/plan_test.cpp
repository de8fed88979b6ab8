// What PlanLowering decides without building a node must be what the nodes say: the calls a
// path reaches (the subflow nodes the graph keeps), where a statement ends the path, and the
// order.
#include <gtest/gtest.h>

#include <algorithm>

#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

struct Planned {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model;
};

std::unique_ptr<Planned> Check(const std::string& text) {
    auto planned = std::make_unique<Planned>();
    InMemoryLoader memory;
    memory.Add("m.flow", text);
    ast::Program program =
        LoadProgram({"m.flow"}, memory, planned->sources, planned->diags, LoadOptions{});
    planned->model = sema::Check(program, planned->diags);
    return planned;
}

const lower::FlowPlan& PlanOf(const lower::FlowGraph& graph, const std::string& name) {
    for (const lower::FlowPlan& plan : graph.flows) {
        if (graph.model->flows[plan.id].name == name) return plan;
    }
    throw std::out_of_range(name);
}

TEST(PlanLowering, CallsAreTheSubflowNodesAPathReaches) {
    std::unique_ptr<Planned> p = Check(
        "shared flow Z() { }\nshared flow Y() { }\nshared flow X() { }\n"
        "inbound flow Main {\n"
        "    call Z();\n"
        "    repeat 2 { call Y(); break; call X(); }\n"
        "    if true { hangup; } else { transfer \"Q\"; }\n"
        "    call X();\n"  // after an `if` whose every branch ends the path
        "}\n");
    ASSERT_TRUE(p->model) << p->diags.error_count();
    lower::FlowGraph planned = lower::PlanLowering(*p->model);
    lower::FlowGraph whole = lower::Lower(*p->model);
    ASSERT_EQ(planned.flows.size(), whole.lowered.size());
    for (std::size_t k = 0; k < planned.flows.size(); ++k) {
        std::vector<sema::FlowId> from_nodes;
        for (const lower::Node& node : whole.lowered[k].nodes) {
            if (const auto* subflow = std::get_if<lower::SubflowNode>(&node.body))
                from_nodes.push_back(subflow->callee);
        }
        std::vector<sema::FlowId> from_plan;
        for (const sema::Call* call : planned.flows[k].calls) from_plan.push_back(call->callee);
        std::sort(from_nodes.begin(), from_nodes.end());
        std::sort(from_plan.begin(), from_plan.end());
        EXPECT_EQ(from_plan, from_nodes) << k;
    }
    const lower::FlowPlan& main = PlanOf(planned, "Main");
    ASSERT_EQ(main.callees.size(), 2u);  // Y and Z by name; X is never reached
    EXPECT_EQ(p->model->flows[main.callees[0]].name, "Y");
    EXPECT_EQ(p->model->flows[main.callees[1]].name, "Z");
    std::vector<std::string> order;
    for (sema::FlowId id : planned.order) order.push_back(p->model->flows[id].name);
    EXPECT_EQ(order, (std::vector<std::string>{"X", "Y", "Z", "Main"}));
    EXPECT_EQ(planned.order, whole.order);
}

TEST(PlanLowering, RecordsWhereAStatementEndsThePath) {
    std::unique_ptr<Planned> p = Check(
        "inbound flow Main {\n"
        "    play \"a\";\n"
        "    repeat 2 { play \"b\"; break; play \"c\"; }\n"
        "    if true { play \"d\"; } else { hangup; }\n"
        "    transfer \"Q\";\n"
        "    play \"e\";\n"
        "}\n");
    ASSERT_TRUE(p->model) << p->diags.error_count();
    lower::FlowGraph planned = lower::PlanLowering(*p->model);
    const lower::FlowPlan& main = PlanOf(planned, "Main");
    const sema::Block& body = p->model->flows[main.id].body;
    EXPECT_EQ(main.PathEndsAfter(body), 4u);  // the transfer, the 4th statement
    const auto& loop = std::get<sema::Repeat>(body[1]->node);
    EXPECT_EQ(main.PathEndsAfter(loop.body), 2u);
    const auto& branch = std::get<sema::If>(body[2]->node);
    EXPECT_EQ(main.PathEndsAfter(branch.branches[0].body), std::nullopt);
    EXPECT_EQ(main.PathEndsAfter(*branch.otherwise), 1u);
}

// Every kind an org reference has, from each place a statement names one; sorted by kind then
// name, without repeats; none from a statement no path reaches.
TEST(PlanLowering, ListsWhatOfTheOrgTheReachedStatementsName) {
    std::unique_ptr<Planned> p = Check(
        "queue Sales = \"Sales\";\n"
        "queue Support = \"Support Team\";\n"
        "queue Unused = \"Unused\";\n"
        "schedule Hours = \"Bank Hours\";\n"
        "emergency Storm = \"Storm Group\";\n"
        "prompt Welcome = \"Welcome_Greeting\";\n"
        "skill Spanish = \"Spanish\";\n"
        "skill Loans = \"Loans\";\n"
        "@name(\"CRM Lookup\")\n"
        "shared flow Crm(phone: string) -> <tier: string>;\n"
        "shared flow Pick() -> <q: queue> { q = Support; }\n"
        "@queues(\"Sales\", \"Inbound Line\")\n"
        "inbound flow Main {\n"
        "    var greeting: prompt = Welcome;\n"
        "    call Crm(phone = call.ani) -> <tier>;\n"
        "    call Crm(phone = tier);\n"
        "    hours Hours emergency Storm {\n"
        "        open => transfer Sales skills Spanish, Loans language Spanish via \"Sales Hold\"\n"
        "            else transfer \"Overflow\" else { }\n"
        "        else => { transfer voicemail \"Voicemail\" else { } transfer queue(tier) else { } "
        "}\n"
        "    }\n"
        "    transfer flow \"After Hours\" else { }\n"
        "    hangup;\n"
        "    transfer Unused;\n"  // unreachable: named by no path
        "}\n");
    ASSERT_TRUE(p->model) << p->diags.error_count();
    lower::FlowGraph planned = lower::PlanLowering(*p->model);
    auto listed = [&](const std::string& flow) {
        std::vector<std::string> out;
        for (const lower::OrgReference& ref : PlanOf(planned, flow).references)
            out.push_back(std::string(lower::OrgReferenceKindName(ref.kind)) + " " + ref.name);
        return out;
    };
    EXPECT_EQ(listed("Main"),
              (std::vector<std::string>{
                  "queue Inbound Line", "queue Overflow", "queue Sales", "queue Voicemail",
                  "schedule Bank Hours", "emergency Storm Group", "prompt Welcome_Greeting",
                  "skill Loans", "skill Spanish", "languageSkill Spanish", "inqueueFlow Sales Hold",
                  "inboundFlow After Hours", "commonModule CRM Lookup"}));
    EXPECT_EQ(listed("Pick"), (std::vector<std::string>{"queue Support Team"}));
}

// An external shared flow lives in the org: no target builds it, and its callers still list
// it (as a callee, and among what they name of the org) and come after what they wait for.
TEST(PlanLowering, NeverPlansAnExternalFlowAndKeepsItInItsCallers) {
    std::unique_ptr<Planned> p = Check(
        "shared flow Ext() -> <x: string>;\n"
        "shared flow Built() { }\n"
        "inbound flow Main { call Ext() -> <x>; call Built(); }\n");
    ASSERT_TRUE(p->model) << p->diags.error_count();
    for (const lower::FlowGraph& graph :
         {lower::PlanLowering(*p->model), lower::Lower(*p->model)}) {
        std::vector<std::string> flows;
        for (const lower::FlowPlan& plan : graph.flows)
            flows.push_back(p->model->flows[plan.id].name);
        EXPECT_EQ(flows, (std::vector<std::string>{"Built", "Main"}));
        EXPECT_EQ(graph.lowered.size(), graph.lowered.empty() ? 0u : 2u);
        std::vector<std::string> order;
        for (sema::FlowId id : graph.order) order.push_back(p->model->flows[id].name);
        EXPECT_EQ(order, (std::vector<std::string>{"Built", "Main"}));
        const lower::FlowPlan& main = PlanOf(graph, "Main");
        ASSERT_EQ(main.callees.size(), 2u);
        EXPECT_EQ(p->model->flows[main.callees[0]].name, "Built");
        EXPECT_EQ(p->model->flows[main.callees[1]].name, "Ext");
    }
}

}  // namespace
}  // namespace flowc
