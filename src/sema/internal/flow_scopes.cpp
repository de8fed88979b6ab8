// Names inside a flow. Blocks open scopes; a name may not be redeclared while visible
// (no shadowing), names of one flow may not differ only in case, and a name declared again
// in a sibling block is the same platform variable, so it must keep its type.
#include <fmt/format.h>

#include "base/strings.h"
#include "diag/suggest.h"
#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {

FlowChecker::FlowChecker(const GlobalTable& table, FlowId id, Model& model, DiagnosticEngine& diags)
    : table_(table),
      id_(id),
      model_(model),
      flow_(model.flows[id]),
      diags_(diags),
      vars_(model.flows[id].vars) {}

void FlowChecker::Run() {
    PushScope();
    for (VarId var : flow_.params) scopes_.back().emplace_back(vars_[var].name, var);
    for (VarId var : flow_.outputs) scopes_.back().emplace_back(vars_[var].name, var);
    CheckHoldMusic();
    CheckBlockInto(table_.entries[id_].decl->body, flow_.body);
    PopScope();
}

void FlowChecker::CheckHoldMusic() {
    if (flow_.kind != FlowKind::kInQueue) return;  // declare.cpp reported it
    for (const ast::Attribute& attribute : table_.entries[id_].decl->attributes) {
        if (attribute.name.name != "holdMusic" || attribute.args.size() != 1 ||
            !std::holds_alternative<ast::NameRef>(attribute.args[0]->node))
            continue;
        ExprPtr prompt = CheckResource(*attribute.args[0], ResourceKind::kPrompt, "`@holdMusic`");
        if (const auto* ref = std::get_if<ResourceRef>(&prompt->node);
            ref != nullptr && prompt->type == Type::kPrompt)
            flow_.hold_music = ref->resource;
        return;
    }
}

std::optional<VarId> FlowChecker::Visible(const std::string& name) const {
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
        for (const auto& [declared, var] : *scope) {
            if (declared == name) return var;
        }
    }
    return std::nullopt;
}

std::vector<std::string_view> FlowChecker::VisibleNames() const {
    std::vector<std::string_view> names;
    for (const auto& scope : scopes_) {
        for (const auto& [declared, var] : scope) names.push_back(declared);
    }
    return names;
}

std::optional<VarId> FlowChecker::Lookup(const ast::Identifier& name) {
    if (std::optional<VarId> var = Visible(name.name)) return var;
    Diagnostic d =
        MakeDiagnostic(Code::kUnknownName, name.span,
                       fmt::format("`{}` is not declared in `{}`", name.name, flow_.name));
    std::optional<std::string> help = SuggestNameHelp(name.name, VisibleNames());
    d.help = help.value_or(fmt::format("declare it first: `var {}: string;`", name.name));
    for (const Variable& var : vars_) {
        if (var.name == name.name) {
            d.labels.push_back({var.decl_span, "declared here, in a block that has ended"});
            break;
        }
    }
    diags_.Report(std::move(d));
    // Declared as an error-typed variable so this name is reported once, not at every use.
    scopes_.front().emplace_back(name.name, static_cast<VarId>(vars_.size()));
    vars_.push_back(Variable{name.name, Type::kError, VarKind::kLocal, name.span});
    return std::nullopt;
}

VarId FlowChecker::Declare(const ast::Identifier& name, Type type) {
    if (std::optional<VarId> visible = Visible(name.name)) {
        const Variable& first = vars_[*visible];
        if (first.type != Type::kError) {
            std::string_view what = first.kind == VarKind::kParam    ? "parameter"
                                    : first.kind == VarKind::kOutput ? "output"
                                                                     : "variable";
            diags_.Report(
                MakeDiagnostic(Code::kDuplicateDeclaration, name.span,
                               fmt::format("`{}` is already declared", name.name))
                    .WithLabel(first.decl_span,
                               fmt::format("{} `{}` declared here", what, name.name))
                    .WithHelp(fmt::format("assign it with `{} = ...;`, or choose another name",
                                          name.name)));
        }
        return *visible;
    }
    std::optional<VarId> same_name;
    for (VarId var = 0; var < vars_.size(); ++var) {
        const Variable& other = vars_[var];
        if (other.type == Type::kError) continue;
        if (other.name == name.name) {
            same_name = var;
        } else if (EqualIgnoringCase(other.name, name.name)) {
            diags_.Report(
                MakeDiagnostic(
                    Code::kNameCaseClash, name.span,
                    fmt::format("`{}` and `{}` differ only in case", name.name, other.name))
                    .WithLabel(other.decl_span, fmt::format("`{}` declared here", other.name))
                    .WithHelp("the platform may treat them as one variable; rename one"));
            break;
        }
    }
    if (same_name) {
        const Variable& existing = vars_[*same_name];
        if (existing.type == type || type == Type::kError) {
            scopes_.back().emplace_back(name.name, *same_name);
            return *same_name;
        }
        diags_.Report(MakeDiagnostic(Code::kVariableTypeConflict, name.span,
                                     fmt::format("`{}` is declared here as `{}` and elsewhere in "
                                                 "`{}` as `{}`",
                                                 name.name, TypeName(type), flow_.name,
                                                 TypeName(existing.type)))
                          .WithLabel(existing.decl_span,
                                     fmt::format("declared as `{}` here", TypeName(existing.type)))
                          .WithHelp("a flow has one variable per name; give one of them "
                                    "another name"));
    }
    // A fresh variable even on a type conflict, so that its uses are checked against the type
    // written here instead of cascading.
    if (!same_name) CheckNameLength(name, "variable", diags_);
    auto var = static_cast<VarId>(vars_.size());
    vars_.push_back(Variable{name.name, type, VarKind::kLocal, name.span});
    scopes_.back().emplace_back(name.name, var);
    return var;
}

std::vector<Variable> CheckFlowBody(const GlobalTable& table, FlowId id, Model& model,
                                    DiagnosticEngine& diags) {
    FlowChecker checker(table, id, model, diags);
    checker.Run();
    return checker.TakeVariables();
}

}  // namespace flowc::sema::internal
