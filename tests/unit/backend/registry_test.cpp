// A target is one Backend and one registry line: this test adds one of its own the way the
// built-in targets are added, and builds the examples with it through the one generation
// loop, which does everything but rendering.
#include "backend/registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "backend/manifest.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

// One line per node: its id and each transition's target. A rule of its own: no flow may be
// named `Forbidden`.
class OutlineBackend final : public backend::Backend {
  public:
    std::string_view FileExtension() const override { return ".outline"; }
    std::string_view FlowType(sema::FlowKind kind) const override {
        return kind == sema::FlowKind::kShared ? "part" : "entry";
    }
    bool ReadsNodes() const override { return true; }
    bool CheckTargetRules(const lower::FlowGraph& program, DiagnosticEngine& diags) const override {
        bool ok = true;
        for (const lower::FlowPlan& plan : program.flows) {
            const sema::Flow& flow = program.model->flows[plan.id];
            if (flow.name != "Forbidden") continue;
            ok = false;
            diags.Report(MakeDiagnostic(Code::kInternalError, flow.head_span, "forbidden"));
        }
        return ok;
    }
    backend::RenderedFlow RenderFlow(const lower::FlowGraph& program, const lower::FlowPlan& plan,
                                     const lower::LoweredFlow& nodes) const override {
        EXPECT_EQ(nodes.id, plan.id);
        backend::RenderedFlow rendered;
        rendered.bytes = program.model->flows[plan.id].name + "\n";
        for (const lower::Node& node : nodes.nodes) {
            rendered.bytes += node.id;
            for (const lower::Transition& t : node.transitions) rendered.bytes += " " + t.target;
            rendered.bytes += "\n";
        }
        if (!plan.callees.empty()) rendered.references.push_back({"", "/0", "flow", "x", "x"});
        return rendered;
    }
};

std::unique_ptr<backend::Backend> MakeOutlineBackend() {
    return std::make_unique<OutlineBackend>();
}

struct Checked {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model;
};

std::unique_ptr<Checked> CheckExamples() {
    auto checked = std::make_unique<Checked>();
    std::vector<std::string> roots;
    for (const auto& entry : fs::recursive_directory_iterator(FLOWC_SOURCE_DIR "/examples")) {
        if (entry.path().extension() == ".flow") roots.push_back(entry.path().string());
    }
    std::sort(roots.begin(), roots.end());
    LoadOptions options;
    options.search_dirs.push_back(std::string(FLOWC_SOURCE_DIR) + "/stdlib");
    DiskLoader disk;
    ast::Program program = LoadProgram(roots, disk, checked->sources, checked->diags, options);
    checked->model = sema::Check(program, checked->diags);
    return checked;
}

TEST(Registry, ATargetRegisteredLikeTheOthersBuildsTheExamples) {
    backend::RegisterBackend("test-outline", MakeOutlineBackend);
    std::vector<std::string> names = backend::TargetNames();
    EXPECT_NE(std::find(names.begin(), names.end(), "test-outline"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), backend::kDefaultTarget), names.end());

    std::unique_ptr<Checked> checked = CheckExamples();
    ASSERT_TRUE(checked->model);
    const sema::Model& model = *checked->model;
    ASSERT_GE(model.flows.size(), 13u);
    for (unsigned jobs : {1u, 3u}) {
        lower::FlowGraph program = lower::PlanLowering(model, jobs);
        backend::MemorySink sink;
        DiagnosticEngine diags;
        backend::GenerateAll(program, "test-outline", sink, diags, nullptr, jobs);
        EXPECT_FALSE(diags.has_errors());
        // One file per flow the org gets (a data action is the org's own) and the manifest.
        std::size_t flows =
            std::count_if(model.flows.begin(), model.flows.end(),
                          [](const auto& f) { return f.kind != sema::FlowKind::kDataAction; });
        ASSERT_EQ(sink.files().size(), flows + 1);
        ASSERT_EQ(sink.files().back().first, "manifest.json");
        std::string error;
        std::optional<backend::Manifest> manifest =
            backend::Manifest::Parse(sink.files().back().second, error);
        ASSERT_TRUE(manifest) << error;
        EXPECT_EQ(manifest->target, "test-outline");
        EXPECT_EQ(manifest->order.size(), flows);
        std::size_t with_callees = 0;
        for (std::size_t k = 0; k < manifest->flows.size(); ++k) {
            const backend::ManifestFlow& entry = manifest->flows[k];
            const sema::Flow& flow = model.flows[program.flows[k].id];
            EXPECT_EQ(entry.id, flow.name);
            EXPECT_EQ(entry.file, flow.name + ".outline");
            EXPECT_EQ(entry.type, flow.kind == sema::FlowKind::kShared ? "part" : "entry");
            EXPECT_EQ(sink.files()[k].first, entry.file);
            EXPECT_TRUE(sink.files()[k].second.starts_with(flow.name + "\nstart s0"))
                << sink.files()[k].second;
            EXPECT_EQ(entry.calls.size(), program.flows[k].callees.size());
            if (!entry.calls.empty()) ++with_callees;
        }
        EXPECT_GT(with_callees, 0u);
        EXPECT_EQ(manifest->references.size(), with_callees);  // their file filled in
        for (const backend::Reference& ref : manifest->references)
            EXPECT_TRUE(ref.file.ends_with(".outline"));
    }
}

TEST(Registry, UnknownTargetsAreNotMade) {
    EXPECT_EQ(backend::MakeBackend("no-such-target"), nullptr);
    std::unique_ptr<Checked> checked = CheckExamples();
    ASSERT_TRUE(checked->model);
    backend::MemorySink sink;
    EXPECT_THROW(backend::GenerateAll(lower::PlanLowering(*checked->model), "no-such-target", sink,
                                      checked->diags),
                 std::logic_error);
}

// The rules of a target are checked without rendering or lowering a node (`flowc check
// --target`): archy's E0803 from the plan alone, at each call, and the build writes nothing.
TEST(Registry, TargetRulesAreCheckedWithoutRendering) {
    InMemoryLoader memory;
    memory.Add("m.flow",
               "shared flow A() { call B(); if true { call B(); return; call B(); } }\n"
               "shared flow B() { }\n");
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program = LoadProgram({"m.flow"}, memory, sources, diags, LoadOptions{});
    std::optional<sema::Model> model = sema::Check(program, diags);
    ASSERT_TRUE(model);
    lower::FlowGraph planned = lower::PlanLowering(*model);
    EXPECT_TRUE(planned.lowered.empty());
    DiagnosticEngine rules;
    EXPECT_FALSE(backend::MakeBackend("archy")->CheckTargetRules(planned, rules));
    EXPECT_EQ(rules.error_count(), 2u);  // the two reachable calls, not the one after `return`
    for (const Diagnostic& d : rules.Sorted()) EXPECT_EQ(d.code, Code::kModuleCallsModule);
    EXPECT_TRUE(backend::MakeBackend(backend::kDefaultTarget)->CheckTargetRules(planned, rules));
    backend::MemorySink sink;
    backend::GenerateAll(planned, "archy", sink, diags);
    EXPECT_TRUE(sink.files().empty());
}

}  // namespace
}  // namespace flowc
