// `call F(p = e) -> <x = out>` (LANGUAGE.md contracts 1-3): F is a shared flow of the build;
// every required parameter is passed once, no unknown ones, with matching types; every bound
// output exists and lands in a variable of its type, each variable bound once.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/utf8.h"
#include "diag/suggest.h"
#include "sema/internal/flow_checker.h"
#include "sema/secure.h"

namespace flowc::sema::internal {
namespace {

bool IsCallable(FlowKind kind) {
    return kind == FlowKind::kShared || kind == FlowKind::kDataAction;
}

// Flows the standard library once had: a program written against them is told what
// replaced them, not only that the name is unknown.
std::optional<std::string_view> RetiredStdlibFlow(std::string_view name) {
    if (name == "PinAuthentication") {
        return "the standard library's `PinAuthentication` compared the PIN with participant "
               "data, which agents and reports can read; it is replaced by `CollectPin` "
               "(`import \"auth/pin.flow\";`), which collects the PIN as a `secure string` for "
               "your own data action to check (docs/stdlib.md)";
    }
    return std::nullopt;
}

}  // namespace

void FlowChecker::CheckCall(const ast::CallStmt& call, Span span, Block& out) {
    std::optional<FlowId> callee;
    bool poisoned = false;  // the callee is unusable: skip its contract checks
    if (auto it = table_.by_name.find(call.callee.name); it != table_.by_name.end()) {
        const Flow& target = model_.flows[it->second];
        callee = it->second;
        if (target.kind != FlowKind::kShared && target.kind != FlowKind::kDataAction) {
            diags_.Report(
                MakeDiagnostic(
                    Code::kCallToInboundFlow, call.callee.span,
                    fmt::format("`{}` is {} flow; only shared flows can "
                                "be called",
                                call.callee.name,
                                target.kind == FlowKind::kInQueue ? "an in-queue" : "an inbound"))
                    .WithLabel(target.head_span, fmt::format("`{}` is declared here", target.name))
                    .WithHelp(target.kind == FlowKind::kInQueue
                                  ? fmt::format("an in-queue flow runs while a caller waits in "
                                                "a queue: name it on a transfer to that queue, "
                                                "`transfer Sales via {};`",
                                                target.name)
                                  : "move the logic you want to reuse into a `shared flow` and "
                                    "call that from both places"));
            poisoned = true;
        }
        poisoned |= !table_.entries[it->second].trusted;
        // Reported once; the call is then checked as if imported, so that its arguments
        // and bindings are not reported again after the import is added.
        if (IsCallable(target.kind)) ReportIfNotVisible(call.callee, target);
        if (target.kind == FlowKind::kShared) CheckCallLanguages(call, target);
    } else {
        // Names this file sees first: a near miss among them is what was meant more often
        // than one in a file it does not import.
        std::vector<std::string_view> visible;
        std::vector<std::string_view> elsewhere;
        for (const Flow& flow : model_.flows) {
            if (!IsCallable(flow.kind)) continue;
            (table_.Visible(flow_.file, flow.file) ? visible : elsewhere).push_back(flow.name);
        }
        Diagnostic d = MakeDiagnostic(
            Code::kUnknownSharedFlow, call.callee.span,
            fmt::format("unknown shared flow or data action `{}`", call.callee.name));
        std::optional<Suggestion> meant = SuggestName(call.callee.name, visible);
        if (!meant) meant = SuggestName(call.callee.name, elsewhere);
        if (meant) {
            d.help = meant->Help();
            for (const Flow& flow : model_.flows) {
                if (flow.name == meant->name && IsCallable(flow.kind)) {
                    d.labels.push_back(
                        {flow.head_span, fmt::format("`{}` declared here", flow.name)});
                    if (!table_.Visible(flow_.file, flow.file)) {
                        d.notes.push_back(fmt::format(
                            "`{}` is declared in a file this file does not import: it would "
                            "also need `{}`",
                            flow.name, table_.ImportLine(flow_.file, flow.file)));
                    }
                    break;
                }
            }
        } else if (std::optional<std::string_view> retired = RetiredStdlibFlow(call.callee.name)) {
            d.help = std::string(*retired);
        } else {
            d.help = fmt::format(
                "declare it with `shared flow {0}(...)` or `data action {0}(...)`, or import "
                "the file that declares it",
                call.callee.name);
        }
        if (table_.some_file_unparsed) {
            d.notes.push_back("a file with syntax errors may declare it; fix those first");
        }
        diags_.Report(std::move(d));
        poisoned = true;
    }

    bool resolved = callee && IsCallable(model_.flows[*callee].kind);
    Call node{resolved ? *callee : kUnresolvedFlow, call.callee.span, {}, {}, nullptr};
    if (poisoned) {
        for (const ast::Argument& arg : call.args) CheckExpr(*arg.value);  // still resolve names
    } else {
        CheckArguments(call, *callee, node);
    }
    CheckBindings(call, poisoned ? std::nullopt : callee, node);
    CheckOutcomes(call, span, resolved ? &model_.flows[*callee] : nullptr, node);
    out.push_back(std::make_unique<Stmt>(Stmt{span, std::move(node)}));
}

// `timeout S` and `else S`: a data action call needs `else` (its failure path); a shared
// flow call has neither. An unresolved callee's arms are still checked, for their names.
void FlowChecker::CheckOutcomes(const ast::CallStmt& call, Span span, const Flow* callee,
                                Call& out) {
    bool data_action = callee == nullptr || callee->kind == FlowKind::kDataAction;
    if (!data_action && (call.otherwise() || call.on_timeout())) {
        Span at = call.on_timeout() ? call.timeout_span() : call.else_span();
        diags_.Report(
            MakeDiagnostic(Code::kSharedFlowCallElse, at,
                           fmt::format("`{}` is a shared flow: its call has no `{}`", callee->name,
                                       call.on_timeout() ? "timeout" : "else"))
                .WithLabel(callee->head_span, fmt::format("`{}` declared here", callee->name))
                .WithHelp("a shared flow always returns to its caller: end the call with `;` "
                          "and branch on its outputs after it; `timeout` and `else` belong to "
                          "calls of a `data action`"));
    }
    if (data_action && callee != nullptr && !call.otherwise()) {
        Span end{span.file, span.end > span.begin ? span.end - 1 : span.begin, span.end};
        diags_.Report(
            MakeDiagnostic(Code::kDataActionWithoutElse,
                           call.on_timeout() ? call.timeout_span() : end,
                           fmt::format("call of data action `{}` has no `else`", callee->name))
                .WithLabel(callee->head_span, fmt::format("`{}` declared here", callee->name))
                .WithNote("a data action can fail (the service is down, the record is missing); "
                          "`else` says what the caller hears then, and when it times out unless "
                          "a `timeout` arm says otherwise")
                .WithHelp(fmt::format("end the call with `else {{ ... }}`: `call {}(...) -> "
                                      "<...> timeout {{ ... }} else {{ ... }}`",
                                      callee->name)));
    }
    if (!data_action || (!call.otherwise() && !call.on_timeout())) {
        // Still resolve the names of arms that are not kept.
        Block dropped;
        if (call.on_timeout()) CheckArm(*call.on_timeout(), dropped);
        if (call.otherwise()) CheckArm(*call.otherwise(), dropped);
        return;
    }
    auto outcomes = std::make_unique<DataActionOutcomes>();
    if (call.on_timeout()) {
        outcomes->timeout.emplace();
        outcomes->timeout_span = call.timeout_span();
        CheckArm(*call.on_timeout(), *outcomes->timeout);
    }
    if (call.otherwise()) {
        outcomes->else_span = call.else_span();
        CheckArm(*call.otherwise(), outcomes->failure);
    }
    out.outcomes = std::move(outcomes);
}

void FlowChecker::ReportIfNotVisible(const ast::Identifier& name, const Flow& target) {
    ReportIfNotVisible(name, target.file, target.head_span);
}

void FlowChecker::ReportIfNotVisible(const ast::Identifier& name, FileId declared_in,
                                     Span declared_at) {
    if (table_.Visible(flow_.file, declared_in)) return;
    const std::string path = table_.ImportPath(flow_.file, declared_in);
    const std::string line = table_.ImportLine(flow_.file, declared_in);
    Diagnostic d =
        MakeDiagnostic(Code::kNameNotImported, name.span,
                       fmt::format("`{}` is declared in `{}`, which this file does not import",
                                   name.name, PrintableText(path)))
            .WithLabel(declared_at, fmt::format("`{}` is declared here", name.name))
            .WithHelp(fmt::format("add `{}` at the top of this file", line));
    if (table_.ImportedThroughAnother(flow_.file, declared_in)) {
        d.notes.push_back(
            "a file sees the names of the files it imports, not those of the files they import");
    }
    d.import_to_add = line;
    diags_.Report(std::move(d));
}

void FlowChecker::CheckArguments(const ast::CallStmt& call, FlowId callee_id, Call& out) {
    const Flow& callee = model_.flows[callee_id];
    // Copies, not views: when a flow calls itself, checking the arguments can add variables
    // to this very vector and move its strings (found by fuzzing).
    std::vector<std::string> param_names;
    for (VarId var : callee.params) param_names.push_back(callee.vars[var].name);
    out.args.resize(callee.params.size());
    for (std::size_t i = 0; i < callee.params.size(); ++i)
        out.args[i].param = static_cast<std::uint32_t>(i);

    std::map<std::size_t, Span> passed;
    std::set<std::string> near_misses;  // parameters an unknown argument probably meant
    for (const ast::Argument& arg : call.args) {
        ExprPtr value = CheckExpr(*arg.value);
        auto found = std::find(param_names.begin(), param_names.end(), arg.param.name);
        if (found == param_names.end()) {
            Diagnostic d = MakeDiagnostic(
                Code::kUnknownParameter, arg.param.span,
                fmt::format("`{}` has no parameter `{}`", callee.name, arg.param.name));
            std::optional<Suggestion> meant =
                SuggestName(arg.param.name, {param_names.begin(), param_names.end()});
            if (meant) {
                d.help = meant->Help();
                near_misses.insert(meant->name);
            } else {
                d.help = param_names.empty()
                             ? fmt::format("`{}` takes no parameters", callee.name)
                             : fmt::format("its parameters are {}", [&] {
                                   std::string list;
                                   for (std::string_view n : param_names) {
                                       list += (list.empty() ? "`" : ", `") + std::string(n) + "`";
                                   }
                                   return list;
                               }());
            }
            d.labels.push_back({callee.head_span, fmt::format("`{}` declared here", callee.name)});
            diags_.Report(std::move(d));
            continue;
        }
        auto index = static_cast<std::size_t>(found - param_names.begin());
        if (auto [it, inserted] = passed.emplace(index, arg.span); !inserted) {
            diags_.Report(
                MakeDiagnostic(Code::kDuplicateArgument, arg.param.span,
                               fmt::format("parameter `{}` is passed twice", arg.param.name))
                    .WithLabel(it->second, "first passed here")
                    .WithHelp("pass each parameter once"));
            continue;
        }
        const Variable& param = callee.vars[callee.params[index]];
        out.args[index].value = Coerce(
            std::move(value), param.type, Code::kArgumentType,
            fmt::format("argument `{}` of `{}`", arg.param.name, callee.name), param.decl_span);
    }
    for (std::size_t i = 0; i < callee.params.size(); ++i) {
        const Variable& param = callee.vars[callee.params[i]];
        if (passed.count(i) || callee.param_defaults[i] != nullptr ||
            near_misses.count(param.name)) {
            continue;
        }
        // A parameter whose default was unusable was already reported at the declaration.
        const ast::FlowDecl& decl = *table_.entries[out.callee].decl;
        if (i < decl.params.size() && decl.params[i].default_value) continue;
        diags_.Report(
            MakeDiagnostic(Code::kMissingArgument, call.callee.span,
                           fmt::format("call of `{}` does not pass required parameter `{}`",
                                       callee.name, param.name))
                .WithLabel(param.decl_span,
                           fmt::format("`{}` declared here without a default", param.name))
                .WithHelp(fmt::format("pass it: `{} = ...`", param.name)));
    }
}

void FlowChecker::CheckBindings(const ast::CallStmt& call, std::optional<FlowId> callee_id,
                                Call& out) {
    std::map<std::string, Span> bound;
    for (const ast::Binding& binding : call.bindings) {
        if (auto [it, inserted] = bound.emplace(binding.local.name, binding.span); !inserted) {
            diags_.Report(
                MakeDiagnostic(Code::kDuplicateBinding, binding.local.span,
                               fmt::format("`{}` is bound twice in this call", binding.local.name))
                    .WithLabel(it->second, "first bound here")
                    .WithHelp("bind each output to its own variable"));
            continue;
        }
        Type type = Type::kError;
        std::optional<std::uint32_t> output_index;
        ast::Identifier local_name = binding.local;
        if (callee_id) {
            const Flow& callee = model_.flows[*callee_id];
            std::vector<std::string> names;  // copies, as in CheckArguments
            for (VarId var : callee.outputs) names.push_back(callee.vars[var].name);
            auto found = std::find(names.begin(), names.end(), binding.output.name);
            if (found == names.end()) {
                Diagnostic d = MakeDiagnostic(
                    Code::kUnknownOutput, binding.output.span,
                    fmt::format("`{}` has no output `{}`", callee.name, binding.output.name));
                std::optional<Suggestion> meant =
                    SuggestName(binding.output.name, {names.begin(), names.end()});
                if (meant) d.help = meant->Help();
                if (!d.help) {
                    d.help = names.empty()
                                 ? fmt::format("`{}` has no outputs", callee.name)
                                 : fmt::format("its outputs are `{}`", fmt::join(names, "`, `"));
                }
                d.labels.push_back(
                    {callee.head_span, fmt::format("`{}` declared here", callee.name)});
                diags_.Report(std::move(d));
                // `-> <Route>` for output `route`: bind what was meant, so that the uses of
                // `route` below are not reported once more.
                if (binding.shorthand && meant && meant->differs_only_in_case) {
                    output_index = static_cast<std::uint32_t>(
                        std::find(names.begin(), names.end(), meant->name) - names.begin());
                    type = callee.vars[callee.outputs[*output_index]].type;
                    local_name.name = meant->name;
                }
            } else {
                output_index = static_cast<std::uint32_t>(found - names.begin());
                type = callee.vars[callee.outputs[*output_index]].type;
            }
        }
        std::optional<VarId> local = Visible(local_name.name);
        if (local) {
            const Variable& target = vars_[*local];
            const Flow& callee = model_.flows[*callee_id];
            if (IsSecure(type) && target.type == Type::kString) {
                ReportLeak(binding.span, Sink::kPlainStore,
                           fmt::format("output `{}` of `{}` bound to `{}`, which is `string`",
                                       binding.output.name, callee.name, binding.local.name),
                           target.decl_span);
            } else if (type != Type::kError && target.type != Type::kError && target.type != type &&
                       !(type == Type::kString && IsSecure(target.type))) {
                diags_.Report(
                    MakeDiagnostic(Code::kBindingType, binding.span,
                                   fmt::format("output `{}` of `{}` is `{}`, but `{}` is `{}`",
                                               binding.output.name, callee.name, TypeName(type),
                                               binding.local.name, TypeName(target.type)))
                        .WithLabel(target.decl_span, fmt::format("`{}` declared here", target.name))
                        .WithLabel(callee.vars[callee.outputs[*output_index]].decl_span,
                                   "output declared here")
                        .WithHelp("bind it to a new variable, which takes the output's type"));
            }
        } else {
            local = Declare(local_name, type);
        }
        if (output_index) out.bindings.push_back(OutputBinding{*local, *output_index});
    }
}

}  // namespace flowc::sema::internal
