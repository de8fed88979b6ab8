// Flow-sensitive rules over one checked flow (LANGUAGE.md contracts 4, 5 and 7):
//  - a variable or output is read only where it is definitely assigned on every path;
//  - every output is definitely assigned on every path that returns (`return;` or the end of
//    the flow);
//  - statements after one that ends the path are unreachable (warning);
//  - locals that are never read, and outputs assigned nowhere (warnings).
// The walk is over the structured body, so joins are at the ends of if/menu/switch/repeat.
#include <fmt/format.h>

#include <optional>
#include <set>
#include <utility>

#include "sema/internal/checker.h"

namespace flowc::sema::internal {
namespace {

// Where a path that leaves a variable unassigned went its own way: the arm or branch that
// E0501 points at, rather than the `return` far below it.
struct Gap {
    Span at;
    std::string_view where;  // "in this `switch` arm"
};

struct State {
    std::vector<bool> assigned;
    std::vector<std::optional<Gap>> gap;  // per variable, while it is unassigned
    // Per variable, while it is unassigned: 1 + the index of the reason a data action call
    // left it so (Analyzer::reasons_), or 0.
    std::vector<std::uint32_t> why;
    bool reachable = true;
    Span ended_by;                     // the statement that made the path unreachable
    std::string_view ended_with = "";  // its keyword
};

State Join(const State& a, const State& b) {
    if (!a.reachable) return b;
    if (!b.reachable) return a;
    State out = a;
    for (std::size_t i = 0; i < out.assigned.size(); ++i) {
        out.assigned[i] = a.assigned[i] && b.assigned[i];
        if (!out.assigned[i] && out.why[i] == 0) out.why[i] = b.why[i];
    }
    return out;
}

// The paths out of an `if`, `menu` or `switch`, each with the arm it took. A variable that
// some paths assign and others do not is blamed on the first path that does not.
State JoinArms(const std::vector<std::pair<State, Gap>>& arms) {
    State out;
    out.reachable = false;
    for (const auto& [arm, gap] : arms) out = Join(out, arm);
    if (!out.reachable) return out;
    for (std::size_t i = 0; i < out.assigned.size(); ++i) {
        if (out.assigned[i]) continue;
        bool some_assign = false;
        std::optional<Gap> first;
        for (const auto& [arm, gap] : arms) {
            if (!arm.reachable) continue;
            if (arm.assigned[i]) {
                some_assign = true;
            } else if (!first) {
                first = arm.gap[i] ? arm.gap[i] : gap;
            }
        }
        bool deeper = false;
        for (const auto& [arm, gap] : arms) deeper |= arm.reachable && arm.gap[i].has_value();
        if (some_assign || deeper) out.gap[i] = first;
    }
    return out;
}

class Analyzer {
  public:
    Analyzer(const Model& model, const Flow& flow, DiagnosticEngine& diags)
        : model_(&model),
          flow_(flow),
          diags_(diags),
          reads_(flow.vars.size(), 0),
          writes_(flow.vars.size(), 0) {}

    void Run() {
        State state;
        state.assigned.assign(flow_.vars.size(), false);
        state.gap.assign(flow_.vars.size(), std::nullopt);
        state.why.assign(flow_.vars.size(), 0);
        for (VarId var : flow_.params) state.assigned[var] = true;
        for (VarId var = 0; var < flow_.vars.size(); ++var) {
            if (flow_.vars[var].type == Type::kError)
                state.assigned[var] = true;  // already reported
        }
        WalkBlock(flow_.body, state);
        if (state.reachable && flow_.kind == FlowKind::kShared)
            CheckOutputs(state, flow_.end_span, true);
        ReportUnused();
    }

  private:
    void WalkBlock(const Block& block, State& state) {
        // Only the first unreachable statement of the block where the path ended is reported.
        bool warned = !state.reachable;
        for (const StmtPtr& stmt : block) {
            if (!state.reachable && !warned) {
                warned = true;
                diags_.Report(
                    MakeDiagnostic(Code::kUnreachableCode, stmt->span, "unreachable statement")
                        .WithLabel(state.ended_by,
                                   fmt::format("every path ends at this `{}`", state.ended_with))
                        .WithHelp("remove it, or move it before the statement that ends the path"));
            }
            WalkStmt(*stmt, state);
        }
    }

    void End(State& state, Span at, std::string_view what) {
        if (!state.reachable) return;
        state.reachable = false;
        state.ended_by = at;
        state.ended_with = what;
    }

    void Read(const Expr& expr, State& state) {
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, VarRef>) {
                    if (node.var >= flow_.vars.size()) return;
                    ++reads_[node.var];
                    if (state.reachable && !state.assigned[node.var] &&
                        reported_.insert(node.var).second) {
                        const Variable& var = flow_.vars[node.var];
                        bool output = var.kind == VarKind::kOutput;
                        Diagnostic d =
                            MakeDiagnostic(
                                Code::kReadBeforeAssigned, expr.span,
                                fmt::format("{} `{}` is read before it is assigned on every path",
                                            output ? "output" : "variable", var.name))
                                .WithLabel(var.decl_span, "declared here")
                                .WithHelp(
                                    output
                                        ? "assign the output before reading it"
                                        : "assign it on every path before this point, or give it a "
                                          "value where it is declared");
                        if (std::uint32_t why = state.why[node.var]; why != 0) {
                            const Reason& reason = reasons_[why - 1];
                            d.notes.push_back(fmt::format("`{}` is {}", var.name, reason.text));
                            d.labels.push_back({reason.at, reason.label});
                            d.help = fmt::format(
                                "give `{}` a value in that path too, or read it only on the "
                                "success path (right after the call)",
                                var.name);
                        }
                        diags_.Report(std::move(d));
                    }
                } else if constexpr (std::is_same_v<T, Unary>) {
                    Read(*node.operand, state);
                } else if constexpr (std::is_same_v<T, Binary>) {
                    Read(*node.lhs, state);
                    Read(*node.rhs, state);
                } else if constexpr (std::is_same_v<T, BuiltinCall>) {
                    for (const ExprPtr& arg : node.args) Read(*arg, state);
                } else if constexpr (std::is_same_v<T, ToDecimal> || std::is_same_v<T, ToAudio>) {
                    Read(*node.operand, state);
                } else if constexpr (std::is_same_v<T, Conditional>) {
                    // One arm runs, but which is not known here: a read in either counts.
                    Read(*node.condition, state);
                    Read(*node.when_true, state);
                    Read(*node.when_false, state);
                }
            },
            expr.node);
    }

    void Write(VarId var, State& state) {
        if (var >= flow_.vars.size()) return;
        ++writes_[var];
        if (state.reachable) {
            state.assigned[var] = true;
            state.gap[var].reset();
            state.why[var] = 0;
        }
    }

    void CheckOutputs(const State& state, Span at, bool at_end) {
        for (VarId var : flow_.outputs) {
            if (state.assigned[var]) continue;
            missing_outputs_.insert(var);
            const Variable& output = flow_.vars[var];
            bool in_arm = state.gap[var] && state.gap[var]->at.has_file();
            Diagnostic d =
                in_arm
                    ? MakeDiagnostic(Code::kOutputNotAssigned, state.gap[var]->at,
                                     fmt::format("output `{}` of `{}` is not assigned {}",
                                                 output.name, flow_.name, state.gap[var]->where))
                          .WithLabel(at, at_end ? fmt::format("the flow ends here without `{}`",
                                                              output.name)
                                                : fmt::format("the flow returns here without `{}`",
                                                              output.name))
                    : MakeDiagnostic(
                          Code::kOutputNotAssigned, at,
                          at_end ? fmt::format("output `{}` of `{}` is not assigned on a path that "
                                               "reaches the end of the flow",
                                               output.name, flow_.name)
                                 : fmt::format("output `{}` of `{}` is not assigned on the path "
                                               "ending at this `return`",
                                               output.name, flow_.name));
            diags_.Report(
                std::move(d)
                    .WithLabel(output.decl_span, fmt::format("`{}` declared here", output.name))
                    .WithHelp(fmt::format("assign `{}` on every path before the flow returns",
                                          output.name)));
        }
    }

    void WalkStmt(const Stmt& stmt, State& state) {
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, Assign>) {
                    Read(*node.value, state);
                    Write(node.var, state);
                } else if constexpr (std::is_same_v<T, SetAttribute>) {
                    Read(*node.value, state);
                } else if constexpr (std::is_same_v<T, Play>) {
                    Read(*node.prompt, state);
                } else if constexpr (std::is_same_v<T, Collect>) {
                    Read(*node.prompt, state);
                    Write(node.var, state);
                } else if constexpr (std::is_same_v<T, Menu>) {
                    Read(*node.prompt, state);
                    std::vector<std::pair<State, Gap>> arms;
                    for (const MenuChoice& choice : node.choices)
                        arms.emplace_back(Branch(choice.body, state),
                                          Gap{choice.arm_span, "in this `menu` arm"});
                    arms.emplace_back(Branch(node.otherwise, state),
                                      Gap{node.otherwise_span, "in this `menu` arm"});
                    state = JoinArms(arms);
                } else if constexpr (std::is_same_v<T, If>) {
                    std::vector<std::pair<State, Gap>> arms;
                    State rest = state;
                    for (const IfBranch& branch : node.branches) {
                        Read(*branch.condition, rest);
                        arms.emplace_back(Branch(branch.body, rest),
                                          Gap{branch.condition->span, "when this condition holds"});
                    }
                    if (node.otherwise) {
                        arms.emplace_back(Branch(*node.otherwise, rest),
                                          Gap{node.else_span, "in this `else` branch"});
                    } else {
                        arms.emplace_back(
                            rest, Gap{Span{stmt.span.file, stmt.span.begin, stmt.span.begin + 2},
                                      "when no branch of this `if` is taken"});
                    }
                    state = JoinArms(arms);
                } else if constexpr (std::is_same_v<T, Switch>) {
                    Read(*node.subject, state);
                    std::vector<std::pair<State, Gap>> arms;
                    for (const SwitchCase& c : node.cases)
                        arms.emplace_back(Branch(c.body, state),
                                          Gap{c.arm_span, "in this `switch` arm"});
                    arms.emplace_back(Branch(node.otherwise, state),
                                      Gap{node.otherwise_span, "in this `switch` arm"});
                    state = JoinArms(arms);
                } else if constexpr (std::is_same_v<T, Repeat>) {
                    // With a literal count (at least 1) the first pass always runs; a computed
                    // one may run none. Later passes only add assignments. The loop is left at
                    // a `break` or after the last pass.
                    Read(*node.count, state);
                    loops_.emplace_back();
                    loops_.back().reachable = false;
                    State body = state;
                    WalkBlock(node.body, body);
                    State exits = Join(loops_.back(), body);
                    loops_.pop_back();
                    if (node.LiteralCount()) {
                        state = exits;
                    } else {
                        state = JoinArms(
                            {{state, Gap{node.count->span, "when this count is 0 or less"}},
                             {exits, Gap{node.count->span, "in this `repeat`"}}});
                    }
                } else if constexpr (std::is_same_v<T, Break>) {
                    // A `break` outside `repeat` was reported; treating it as a no-op here
                    // keeps it from also making the rest of the block "unreachable".
                    if (loops_.empty()) return;
                    loops_.back() = Join(loops_.back(), state);
                    End(state, stmt.span, "break");
                } else if constexpr (std::is_same_v<T, Call>) {
                    for (const CallArgument& arg : node.args) {
                        if (arg.value) Read(*arg.value, state);
                    }
                    if (node.outcomes) {
                        AfterDataAction(node, state);
                        return;
                    }
                    for (const OutputBinding& binding : node.bindings) Write(binding.var, state);
                } else if constexpr (std::is_same_v<T, Transfer>) {
                    ReadQueue(node.queue, state);
                    if (node.options->priority) Read(*node.options->priority, state);
                    for (const ExprPtr& skill : node.options->skills) Read(*skill, state);
                    if (node.options->language) Read(*node.options->language, state);
                    AfterTransfer(node.otherwise, stmt.span, state);
                } else if constexpr (std::is_same_v<T, TransferNumber>) {
                    Read(*node.number, state);
                    AfterTransfer(node.otherwise, stmt.span, state);
                } else if constexpr (std::is_same_v<T, TransferVoicemail>) {
                    ReadQueue(node.queue, state);
                    AfterTransfer(node.otherwise, stmt.span, state);
                } else if constexpr (std::is_same_v<T, TransferFlow>) {
                    AfterTransfer(node.otherwise, stmt.span, state);
                } else if constexpr (std::is_same_v<T, Hours>) {
                    Read(*node.group, state);
                    if (node.emergency) Read(*node.emergency, state);
                    std::vector<std::pair<State, Gap>> arms;
                    for (const HoursArm& arm : node.arms)
                        arms.emplace_back(Branch(arm.body, state),
                                          Gap{arm.arm_span, "in this `hours` arm"});
                    state = JoinArms(arms);
                } else if constexpr (std::is_same_v<T, SetLanguage>) {
                    // reads and writes nothing
                } else if constexpr (std::is_same_v<T, Hold>) {
                    Read(*node.seconds, state);
                } else if constexpr (std::is_same_v<T, Callback>) {
                    ReadQueue(node.queue, state);
                    Read(*node.contact->number, state);
                    if (node.contact->name) Read(*node.contact->name, state);
                    // The path goes on whether or not the callback was created.
                    if (node.otherwise) state = Join(state, Branch(*node.otherwise, state));
                } else if constexpr (std::is_same_v<T, Hangup>) {
                    End(state, stmt.span, "hangup");
                } else if constexpr (std::is_same_v<T, Return>) {
                    if (state.reachable && flow_.kind == FlowKind::kShared)
                        CheckOutputs(state, stmt.span, false);
                    End(state, stmt.span, "return");
                } else {
                    static_assert(std::is_same_v<T, Break>, "a statement WalkStmt does not know");
                }
            },
            stmt.node);
    }

    // Outputs are bound only on success; the failure and timeout paths start from the state
    // before the call, and where they fall through the path continues without the outputs.
    // A binding they leave unassigned remembers why, for E0502's note.
    void AfterDataAction(const Call& call, State& state) {
        const DataActionOutcomes& outcomes = *call.outcomes;
        const std::string& action = ActionName(call);
        State success = state;
        for (const OutputBinding& binding : call.bindings) Write(binding.var, success);
        State failure = Branch(outcomes.failure, state);
        std::optional<State> timeout;
        if (outcomes.timeout) timeout = Branch(*outcomes.timeout, state);
        std::vector<std::pair<State, Gap>> arms;
        arms.emplace_back(success, Gap{call.callee_span, "when this call succeeds"});
        arms.emplace_back(failure, Gap{outcomes.else_span, "when this data action fails"});
        if (timeout) arms.emplace_back(*timeout, Gap{outcomes.timeout_span, "when it times out"});
        State joined = JoinArms(arms);
        for (const OutputBinding& binding : call.bindings) {
            VarId var = binding.var;
            if (var >= joined.assigned.size() || joined.assigned[var] || !joined.reachable)
                continue;
            bool times_out = timeout && timeout->reachable && !timeout->assigned[var];
            bool fails = failure.reachable && !failure.assigned[var];
            if (!fails && !times_out) continue;
            std::string why = fails ? fmt::format("not assigned when {} fails", action)
                                    : fmt::format("not assigned when {} times out", action);
            if (fails && !timeout) why += " or times out";
            reasons_.push_back({std::move(why), fails ? outcomes.else_span : outcomes.timeout_span,
                                fails ? "the failure path falls through here, without it"
                                      : "the timeout path falls through here, without it"});
            joined.why[var] = static_cast<std::uint32_t>(reasons_.size());
        }
        state = std::move(joined);
    }

    const std::string& ActionName(const Call& call) const {
        static const std::string kUnknown = "the data action";
        if (model_ == nullptr || call.callee >= model_->flows.size()) return kUnknown;
        return model_->flows[call.callee].name;
    }

    void ReadQueue(const QueueTarget& queue, State& state) {
        if (const auto* value = std::get_if<ExprPtr>(&queue)) Read(**value, state);
        if (const auto* lookup = std::get_if<QueueLookup>(&queue)) Read(*lookup->name, state);
    }

    // A successful transfer ends the flow's part of the call. Without `else` a failed one
    // disconnects; with it, the failure runs `else` and, where that falls through, the path
    // continues after the transfer.
    void AfterTransfer(const FailurePath& otherwise, Span at, State& state) {
        if (!otherwise) {
            End(state, at, "transfer");
            return;
        }
        WalkBlock(*otherwise, state);
    }

    State Branch(const Block& block, const State& in) {
        State out = in;
        WalkBlock(block, out);
        return out;
    }

    void ReportUnused() {
        for (VarId var = 0; var < flow_.vars.size(); ++var) {
            const Variable& v = flow_.vars[var];
            if (v.type == Type::kError) continue;
            if (v.kind == VarKind::kLocal && reads_[var] == 0) {
                diags_.Report(MakeDiagnostic(Code::kUnusedVariable, v.decl_span,
                                             fmt::format("variable `{}` is never read", v.name))
                                  .WithHelp("remove it, or use its value"));
            }
            if (v.kind == VarKind::kOutput && writes_[var] == 0 && !missing_outputs_.count(var)) {
                diags_.Report(MakeDiagnostic(Code::kOutputNeverAssigned, v.decl_span,
                                             fmt::format("output `{}` of `{}` is never assigned",
                                                         v.name, flow_.name))
                                  .WithHelp("assign it, or remove the output"));
            }
        }
    }

    // Why a data action call left a binding unassigned, and the arm that fell through.
    struct Reason {
        std::string text;  // "not assigned when LookupCustomer fails"
        Span at;
        std::string label;
    };

    const Model* model_;
    const Flow& flow_;
    DiagnosticEngine& diags_;
    std::vector<Reason> reasons_;
    std::vector<std::uint32_t> reads_;
    std::vector<std::uint32_t> writes_;
    std::set<VarId> reported_;
    std::set<VarId> missing_outputs_;
    std::vector<State> loops_;
};

}  // namespace

void AnalyzeFlow(const Model& model, const Flow& flow, DiagnosticEngine& diags) {
    Analyzer(model, flow, diags).Run();
}

}  // namespace flowc::sema::internal
