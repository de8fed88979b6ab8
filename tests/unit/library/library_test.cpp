// Rules for what the project ships in stdlib/ and examples/.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "diag/render.h"
#include "load/load.h"
#include "sema/check.h"

namespace flowc {
namespace {

struct Loaded {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model;
};

void Load(Loaded& out, const std::vector<std::string>& dirs) {
    std::vector<std::string> roots = ExpandInputs(dirs, out.diags);
    LoadOptions options;
    options.search_dirs.push_back(std::string(FLOWC_SOURCE_DIR) + "/stdlib");
    DiskLoader loader;
    ast::Program program = LoadProgram(roots, loader, out.sources, out.diags, options);
    out.model = sema::Check(program, out.diags);
}

bool UnderStdlib(const std::string& path) { return path.find("/stdlib/") != std::string::npos; }

template <class F>
void ForEachCall(const sema::Block& block, F&& f) {
    for (const sema::StmtPtr& stmt : block) {
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, sema::Call>) {
                    f(node.callee);
                } else if constexpr (std::is_same_v<T, sema::Transfer>) {
                    // An in-queue flow is not called: a transfer names it with `via`.
                    if (node.options->via_flow) f(*node.options->via_flow);
                    if (node.otherwise) ForEachCall(*node.otherwise, f);
                } else if constexpr (std::is_same_v<T, sema::Hours>) {
                    for (const auto& arm : node.arms) ForEachCall(arm.body, f);
                } else if constexpr (std::is_same_v<T, sema::Menu>) {
                    for (const auto& c : node.choices) ForEachCall(c.body, f);
                    ForEachCall(node.otherwise, f);
                } else if constexpr (std::is_same_v<T, sema::If>) {
                    for (const auto& b : node.branches) ForEachCall(b.body, f);
                    if (node.otherwise) ForEachCall(*node.otherwise, f);
                } else if constexpr (std::is_same_v<T, sema::Switch>) {
                    for (const auto& c : node.cases) ForEachCall(c.body, f);
                    ForEachCall(node.otherwise, f);
                } else if constexpr (std::is_same_v<T, sema::Repeat>) {
                    ForEachCall(node.body, f);
                }
            },
            stmt->node);
    }
}

TEST(Library, EveryStdlibFlowIsCalledByAnExample) {
    Loaded loaded;
    Load(loaded, {FLOWC_SOURCE_DIR "/stdlib", FLOWC_SOURCE_DIR "/examples"});
    ASSERT_TRUE(loaded.model) << RenderText(loaded.diags.Sorted(), loaded.sources, RenderOptions{});
    std::set<std::string> called;
    std::set<std::string> shipped;
    for (const sema::Flow& flow : loaded.model->flows) {
        bool in_stdlib = UnderStdlib(loaded.sources.Get(flow.file).path());
        if (in_stdlib) shipped.insert(flow.name);
        if (in_stdlib) continue;
        ForEachCall(flow.body,
                    [&](sema::FlowId callee) { called.insert(loaded.model->flows[callee].name); });
    }
    EXPECT_GE(shipped.size(), 6u);
    for (const std::string& name : shipped)
        EXPECT_TRUE(called.count(name)) << name << " is called by no example";
}

// The platform's common modules cannot call each other, and the stdlib must work with every
// target (LANGUAGE.md, "Targets"); the examples' own shared flows follow the same rule.
TEST(Library, NoShippedSharedFlowCallsAnother) {
    Loaded loaded;
    Load(loaded, {FLOWC_SOURCE_DIR "/stdlib", FLOWC_SOURCE_DIR "/examples"});
    ASSERT_TRUE(loaded.model);
    for (const sema::Flow& flow : loaded.model->flows) {
        if (flow.kind != sema::FlowKind::kShared) continue;
        ForEachCall(flow.body, [&](sema::FlowId callee) {
            // A data action is no common module: common modules may call it.
            if (loaded.model->flows[callee].kind == sema::FlowKind::kDataAction) return;
            ADD_FAILURE() << flow.name << " calls " << loaded.model->flows[callee].name;
        });
    }
}

TEST(Library, EveryStdlibFlowIsDocumented) {
    Loaded loaded;
    Load(loaded, {FLOWC_SOURCE_DIR "/stdlib"});
    ASSERT_TRUE(loaded.model);
    for (const sema::Flow& flow : loaded.model->flows) {
        if (!flow.params.empty()) {
            EXPECT_NE(flow.description.find("| input |"), std::string::npos)
                << flow.name << " documents no inputs";
        }
        if (!flow.outputs.empty()) {
            EXPECT_NE(flow.description.find("| output |"), std::string::npos) << flow.name;
        }
        EXPECT_NE(flow.description.find("```flow"), std::string::npos)
            << flow.name << " has no usage snippet";
        for (sema::VarId var : flow.params) {
            EXPECT_NE(flow.description.find("`" + flow.vars[var].name + "`"), std::string::npos)
                << flow.name << " does not document input " << flow.vars[var].name;
        }
        for (sema::VarId var : flow.outputs) {
            EXPECT_NE(flow.description.find("`" + flow.vars[var].name + "`"), std::string::npos)
                << flow.name << " does not document output " << flow.vars[var].name;
        }
    }
}

}  // namespace
}  // namespace flowc
