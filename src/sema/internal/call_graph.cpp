// Shared flows must not call each other in a cycle (LANGUAGE.md contract 6): the platform
// copies a shared flow into its caller when publishing, which cannot terminate for a cycle.
// Strongly connected components by Tarjan's algorithm, iteratively (no recursion on user
// input); one diagnostic per cycle, with a label at every call in it.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "sema/internal/checker.h"

namespace flowc::sema::internal {
namespace {

struct Edge {
    FlowId to;
    Span at;
};

void CollectCalls(const Block& block, std::vector<Edge>& out) {
    for (const StmtPtr& stmt : block) {
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, Call>) {
                    if (node.callee != kUnresolvedFlow)
                        out.push_back({node.callee, node.callee_span});
                    if (node.outcomes) {
                        CollectCalls(node.outcomes->failure, out);
                        if (node.outcomes->timeout) CollectCalls(*node.outcomes->timeout, out);
                    }
                } else if constexpr (std::is_same_v<T, Menu>) {
                    for (const MenuChoice& c : node.choices) CollectCalls(c.body, out);
                    CollectCalls(node.otherwise, out);
                } else if constexpr (std::is_same_v<T, If>) {
                    for (const IfBranch& b : node.branches) CollectCalls(b.body, out);
                    if (node.otherwise) CollectCalls(*node.otherwise, out);
                } else if constexpr (std::is_same_v<T, Switch>) {
                    for (const SwitchCase& c : node.cases) CollectCalls(c.body, out);
                    CollectCalls(node.otherwise, out);
                } else if constexpr (std::is_same_v<T, Repeat>) {
                    CollectCalls(node.body, out);
                } else if constexpr (std::is_same_v<T, Hours>) {
                    for (const HoursArm& arm : node.arms) CollectCalls(arm.body, out);
                } else if constexpr (requires { node.otherwise; }) {
                    // Every transfer: its failure path.
                    if (node.otherwise) CollectCalls(*node.otherwise, out);
                }
            },
            stmt->node);
    }
}

}  // namespace

void CheckCallGraph(const Model& model, DiagnosticEngine& diags, const TargetLimits& limits) {
    std::size_t n = model.flows.size();
    std::vector<std::vector<Edge>> edges(n);
    for (FlowId id = 0; id < n; ++id) CollectCalls(model.flows[id].body, edges[id]);

    // Iterative Tarjan.
    constexpr std::uint32_t kUnvisited = UINT32_MAX;
    std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<FlowId> stack;
    std::vector<std::vector<FlowId>> components;
    std::uint32_t counter = 0;
    struct Frame {
        FlowId node;
        std::size_t next_edge;
    };
    for (FlowId root = 0; root < n; ++root) {
        if (index[root] != kUnvisited) continue;
        std::vector<Frame> frames{{root, 0}};
        index[root] = low[root] = counter++;
        stack.push_back(root);
        on_stack[root] = true;
        while (!frames.empty()) {
            Frame& frame = frames.back();
            FlowId v = frame.node;
            if (frame.next_edge < edges[v].size()) {
                FlowId w = edges[v][frame.next_edge++].to;
                if (index[w] == kUnvisited) {
                    index[w] = low[w] = counter++;
                    stack.push_back(w);
                    on_stack[w] = true;
                    frames.push_back({w, 0});
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            if (low[v] == index[v]) {
                std::vector<FlowId> component;
                FlowId w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    component.push_back(w);
                } while (w != v);
                components.push_back(std::move(component));  // reverse topological order
            }
            frames.pop_back();
            if (!frames.empty())
                low[frames.back().node] = std::min(low[frames.back().node], low[v]);
        }
    }

    for (const std::vector<FlowId>& component : components) {
        bool self_loop = component.size() == 1 &&
                         std::any_of(edges[component[0]].begin(), edges[component[0]].end(),
                                     [&](const Edge& e) { return e.to == component[0]; });
        if (component.size() == 1 && !self_loop) continue;
        // Walk the cycle from its first flow in build order, following edges inside it.
        std::vector<FlowId> members = component;
        std::sort(members.begin(), members.end());
        auto inside = [&](FlowId f) {
            return std::binary_search(members.begin(), members.end(), f);
        };
        std::vector<Edge> path;
        std::vector<FlowId> visited{members.front()};
        FlowId current = members.front();
        while (true) {
            const Edge* next = nullptr;
            for (const Edge& e : edges[current]) {
                if (!inside(e.to)) continue;
                if (e.to == members.front() ||
                    std::find(visited.begin(), visited.end(), e.to) == visited.end()) {
                    next = &e;
                    if (e.to != members.front()) break;
                }
            }
            if (next == nullptr) break;
            path.push_back(*next);
            if (next->to == members.front()) break;
            visited.push_back(next->to);
            current = next->to;
        }
        std::string chain = model.flows[members.front()].name;
        for (const Edge& e : path) chain += " -> " + model.flows[e.to].name;
        Diagnostic d =
            MakeDiagnostic(Code::kSharedFlowCycle,
                           path.empty() ? model.flows[members.front()].head_span : path.front().at,
                           fmt::format("shared flows call each other in a cycle: {}", chain));
        FlowId from = members.front();
        for (std::size_t i = 0; i < path.size(); ++i) {
            if (i > 0)
                d.labels.push_back(
                    {path[i].at, fmt::format("`{}` calls `{}` here", model.flows[from].name,
                                             model.flows[path[i].to].name)});
            from = path[i].to;
        }
        d.notes.push_back(
            fmt::format("`{}` would run itself forever; the platform cannot publish it",
                        model.flows[members.front()].name));
        if (limits.shared_calls_refused.empty()) {
            d.help =
                "break the cycle: move the shared part into a third shared flow that both call";
        } else {
            // A third shared flow would be a call from a shared flow too: the target refuses it.
            d.notes.push_back(fmt::format(
                "{}, so moving the shared part into a third shared flow would not build either",
                limits.shared_calls_refused));
            d.help =
                "break the cycle: let the inbound flows call these shared flows one after "
                "another instead of calling each other";
        }
        diags.Report(std::move(d));
    }
}

}  // namespace flowc::sema::internal
