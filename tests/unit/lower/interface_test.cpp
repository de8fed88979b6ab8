// The interface stubs of incremental builds: written back as flow source, they must check
// without a diagnostic and declare exactly the flows they were made from.
#include "lower/interface.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

struct Built {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model;
    lower::FlowGraph graph;
    std::vector<lower::FileInterface> interfaces;
};

// Loads, checks and lowers `roots` from `loader`, and writes every file's stub.
std::unique_ptr<Built> Build(const std::vector<std::string>& roots, const SourceLoader& loader) {
    auto built = std::make_unique<Built>();
    LoadOptions options;
    options.search_dirs.push_back(std::string(FLOWC_SOURCE_DIR) + "/stdlib");
    ast::Program program = LoadProgram(roots, loader, built->sources, built->diags, options);
    std::vector<std::vector<std::string>> imports(built->sources.size());
    for (const ast::ParsedFile& file : program.files) {
        for (const ast::Import& import : file.ast.imports) imports[file.id].push_back(import.path);
    }
    built->model = sema::Check(program, built->diags);
    if (!built->model) return built;
    built->graph = lower::Lower(*built->model);
    built->interfaces = lower::InterfaceSources(built->graph, built->sources.size(), imports);
    return built;
}

// Everything another file can see of each flow, by name.
std::map<std::string, std::string> Signatures(const Built& built) {
    std::map<std::string, std::string> out;
    const sema::Model& model = *built.model;
    std::map<sema::FlowId, const lower::FlowPlan*> plans;
    for (const lower::FlowPlan& lowered : built.graph.flows) plans[lowered.id] = &lowered;
    for (sema::FlowId id = 0; id < model.flows.size(); ++id) {
        const sema::Flow& flow = model.flows[id];
        std::string text = (flow.kind == sema::FlowKind::kShared ? "shared " : "inbound ") +
                           std::string(flow.external ? "external " : "") + flow.display_name + " (";
        for (std::size_t i = 0; i < flow.params.size(); ++i) {
            const sema::Variable& param = flow.vars[flow.params[i]];
            text += param.name + ": " + std::string(sema::TypeName(param.type));
            if (const sema::Expr* value = flow.param_defaults[i].get()) {
                text += " = " + sema::LiteralSource(std::get<sema::Literal>(value->node)) + " " +
                        std::string(sema::TypeName(value->type));
            }
            text += ", ";
        }
        text += ") -> (";
        for (sema::VarId output : flow.outputs) {
            text += flow.vars[output].name + ": " +
                    std::string(sema::TypeName(flow.vars[output].type)) + ", ";
        }
        text += ") calls";
        if (auto plan = plans.find(id); plan != plans.end()) {
            for (sema::FlowId callee : plan->second->callees)
                text += " " + model.flows[callee].name;
        }
        out[flow.name] = text;
    }
    // And every resource, but the placeholders that stubs declare for values of its kind.
    for (const sema::Resource& resource : model.resources) {
        if (resource.name.starts_with("flowcStub_")) continue;
        out["resource " + resource.name] =
            std::string(sema::ResourceKindName(resource.kind)) + " " + resource.platform_name;
    }
    return out;
}

// The stubs of `built`, without their imports, as one file; checked on their own.
void ExpectStubsDeclareTheSameFlows(const Built& built) {
    ASSERT_TRUE(built.model) << built.diags.error_count();
    ASSERT_EQ(built.diags.error_count() + built.diags.warning_count(), 0u);
    std::string all;
    for (const lower::FileInterface& stub : built.interfaces)
        all += stub.text.substr(stub.declarations_begin);
    InMemoryLoader memory;
    memory.Add("stubs.flow", all);
    std::unique_ptr<Built> again = Build({"stubs.flow"}, memory);
    ASSERT_TRUE(again->model) << all;
    EXPECT_EQ(again->diags.error_count() + again->diags.warning_count(), 0u) << all;
    EXPECT_EQ(Signatures(*again), Signatures(built)) << all;
    EXPECT_EQ(again->graph.order.size(), built.graph.order.size());
    for (std::size_t i = 0; i < built.graph.order.size() && i < again->graph.order.size(); ++i) {
        EXPECT_EQ(again->model->flows[again->graph.order[i]].name,
                  built.model->flows[built.graph.order[i]].name);
    }
}

TEST(InterfaceSources, StubsOfTheExamplesAndTheStandardLibraryDeclareTheSameFlows) {
    std::vector<std::string> roots;
    for (const auto& entry : fs::recursive_directory_iterator(FLOWC_SOURCE_DIR "/examples")) {
        if (entry.path().extension() == ".flow") roots.push_back(entry.path().string());
    }
    std::sort(roots.begin(), roots.end());
    ASSERT_GE(roots.size(), 5u);
    DiskLoader disk;
    std::unique_ptr<Built> built = Build(roots, disk);
    ASSERT_GE(built->model->flows.size(), 13u);
    ExpectStubsDeclareTheSameFlows(*built);
}

TEST(InterfaceSources, DefaultsOfEveryTypeAndEscapedTextSurvive) {
    InMemoryLoader memory;
    memory.Add("lib.flow",
               "@name(\"Lib \\\"quoted\\\" \\\\ ünïcode\")\n"
               "shared flow Lib(a: int = -42, b: decimal = -1.50, c: decimal = 7, d: bool = true,\n"
               "                e: string = \"tab\\tand \\\"quote\\\" and ✓\", f: string, g: int)\n"
               "    -> <x: int, y: decimal, z: bool, w: string> {\n"
               "    x = a; y = b; z = d; w = e + f + toString(g);\n"
               "}\n"
               "shared flow Cafe_2() -> <result_1: string> { call Lib(f = \"\", g = 1) -> <w>; "
               "result_1 = w; }\n");
    memory.Add(
        "main.flow",
        "import \"lib.flow\";\n"
        "@queues(\"Q\")\ninbound flow Main {\n"
        "    call Cafe_2() -> <result_1>;\n    if result_1 == \"\" { hangup; }\n"
        "    call Lib(f = \"x\", g = 2) -> <x>;\n    play toString(x);\n    transfer \"Q\";\n}\n");
    std::unique_ptr<Built> built = Build({"main.flow"}, memory);
    ExpectStubsDeclareTheSameFlows(*built);
    ASSERT_EQ(built->interfaces.size(), 2u);
    // main.flow is loaded first: its stub has its import and its inbound flow, and no shared
    // flow for other files to see.
    EXPECT_EQ(built->interfaces[0].declarations(), "");
    EXPECT_TRUE(built->interfaces[0].text.starts_with("import \"lib.flow\";\n"))
        << built->interfaces[0].text;
    EXPECT_NE(built->interfaces[1].declarations().find("shared flow Cafe_2"), std::string::npos);
}

TEST(InterfaceSources, AnEditThatKeepsTheSignaturesKeepsTheStub) {
    auto stub_of = [](const std::string& body) {
        InMemoryLoader memory;
        memory.Add("a.flow", "shared flow A(p: int = 1) -> <o: string> {\n" + body + "\n}\n" +
                                 "shared flow B() { return; }\n");
        std::unique_ptr<Built> built = Build({"a.flow"}, memory);
        EXPECT_EQ(built->diags.error_count() + built->diags.warning_count(), 0u) << body;
        return built->interfaces.at(0).text;
    };
    std::string base = stub_of("o = toString(p);");
    EXPECT_EQ(stub_of("// a comment\n    o = toString(p + 1);\n    play o;"), base);
    EXPECT_NE(stub_of("call B();\n    o = \"\";"), base);  // a new call edge
}

// Resources, external flows, and values of resource types that a stub must pass and assign.
TEST(InterfaceSources, ResourcesExternalFlowsAndResourceValuesSurvive) {
    InMemoryLoader memory;
    memory.Add("org.flow",
               "queue Sales = \"Sales \\\"East\\\"\";\nschedule Hours = \"Bank Hours\";\n"
               "emergency Storm = \"Storm\";\nprompt Welcome = \"Welcome_Greeting\";\n"
               "skill French = \"French\";\n"
               "@name(\"CRM Lookup\")\nshared flow Crm(phone: string, q: queue) -> <tier: string, "
               "s: skill>;\n");
    memory.Add("pick.flow",
               "import \"org.flow\";\n"
               "shared flow Pick(q: queue, p: prompt, t: string = \"x\") -> <target: queue, h: "
               "schedule> {\n"
               "    call Crm(phone = \"\", q = q) -> <tier>;\n"
               "    target = q; h = Hours;\n"
               "    if tier == \"gold\" { target = Sales; }\n"
               "}\n");
    memory.Add("main.flow",
               "import \"org.flow\";\nimport \"pick.flow\";\n"
               "inbound flow Main {\n"
               "    call Pick(q = Sales, p = Welcome) -> <target, h>;\n"
               "    call Crm(phone = call.ani, q = target) -> <s>;\n"
               "    hours h emergency Storm { open => transfer target skills s else { }\n"
               "                              else => play \"Closed.\"; }\n"
               "    hangup;\n}\n");
    std::unique_ptr<Built> built = Build({"main.flow"}, memory);
    ExpectStubsDeclareTheSameFlows(*built);
    ASSERT_EQ(built->interfaces.size(), 3u);
    const lower::FileInterface& org = built->interfaces[1];
    EXPECT_NE(org.declarations().find("queue Sales = \"Sales \\\"East\\\"\";\n"), std::string::npos)
        << org.text;
    EXPECT_NE(org.declarations().find("-> <tier: string, s: skill>;\n"), std::string::npos)
        << org.text;
}

// A resource is part of the interface of the file that declares it: its platform name, its
// kind, whether it is there; so is whether a shared flow is external.
TEST(InterfaceSources, AResourceOrAnExternalFlowEditedChangesTheStub) {
    auto stub_of = [](const std::string& text) {
        InMemoryLoader memory;
        memory.Add("a.flow", text);
        std::unique_ptr<Built> built = Build({"a.flow"}, memory);
        EXPECT_EQ(built->diags.error_count() + built->diags.warning_count(), 0u) << text;
        return built->interfaces.at(0).text;
    };
    const std::string flow = "shared flow E() -> <o: string>;\n";
    std::string base = stub_of("queue Q = \"Sales\";\n" + flow);
    EXPECT_EQ(stub_of("/// The sales team.\nqueue Q = \"Sales\";\n" + flow), base);
    EXPECT_NE(stub_of("queue Q = \"Sales Line\";\n" + flow), base);
    EXPECT_NE(stub_of("skill Q = \"Sales\";\n" + flow), base);
    EXPECT_NE(stub_of("queue Q = \"Sales\";\nqueue R = \"R\";\n" + flow), base);
    EXPECT_NE(stub_of(flow), base);
    EXPECT_NE(stub_of("queue Q = \"Sales\";\nshared flow E() -> <o: string> { o = \"\"; }\n"),
              base);
}

}  // namespace
}  // namespace flowc
