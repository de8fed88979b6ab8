// Transfers (LANGUAGE.md "Transfers"):
// the queue of a transfer is a literal (checked against the declared queues), a `queue`
// value or `queue(e)` (which needs `else`); options are typed; `transfer flow` names an
// inbound flow.
#include <fmt/format.h>

#include <array>

#include "base/utf8.h"
#include "diag/suggest.h"
#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {
namespace {

std::string Example(ResourceKind kind, std::string_view name) {
    return fmt::format("{} {} = \"{}\";", ResourceKindName(kind), name, name);
}

}  // namespace

ExprPtr FlowChecker::CheckResource(const ast::Expr& expr, ResourceKind kind,
                                   std::string_view what) {
    const auto* ref = std::get_if<ast::NameRef>(&expr.node);
    if (ref != nullptr && !Visible(ref->name.name) && !table_.FindResource(ref->name.name)) {
        const std::string& name = ref->name.name;
        std::vector<std::string_view> same_kind;
        for (const Resource& resource : model_.resources) {
            if (resource.kind == kind) same_kind.push_back(resource.name);
        }
        for (const auto& scope : scopes_) {
            for (const auto& [declared, var] : scope) {
                if (vars_[var].type == TypeOf(kind)) same_kind.push_back(declared);
            }
        }
        Diagnostic d = MakeDiagnostic(Code::kUnknownResource, ref->name.span,
                                      fmt::format("unknown {} `{}`", ResourceKindName(kind), name));
        if (std::optional<Suggestion> meant = SuggestName(name, same_kind)) {
            d.help = meant->Help();
            for (const Resource& resource : model_.resources) {
                if (resource.name == meant->name) {
                    d.labels.push_back(
                        {resource.head_span, fmt::format("`{}` declared here", resource.name)});
                    break;
                }
            }
        } else if (kind == ResourceKind::kQueue && name == "number") {
            d.message = "expected the phone number after `transfer number`";
            d.help =
                "write `transfer number \"+15551234567\";`, or a `string` variable after "
                "`number`";
        } else if (kind == ResourceKind::kQueue) {
            d.help = fmt::format(
                "declare it: `{}`, or name the queue with a string: "
                "`transfer \"{}\";`",
                Example(kind, name), name);
        } else {
            d.help = fmt::format("declare it: `{}` (the string is its name in the org)",
                                 Example(kind, name));
        }
        if (table_.some_file_unparsed) {
            d.notes.push_back("a file with syntax errors may declare it; fix those first");
        }
        diags_.Report(std::move(d));
        return MakeExpr(Type::kError, expr.span, Literal{false});
    }
    ExprPtr value = CheckExpr(expr);
    if (value->type == Type::kError || value->type == TypeOf(kind)) return value;
    if (std::optional<ResourceKind> found = ResourceKindOf(value->type)) {
        Diagnostic d = MakeDiagnostic(
            Code::kResourceKindMismatch, expr.span,
            fmt::format("{} is a `{}`, not a `{}`",
                        ref != nullptr ? fmt::format("`{}`", ref->name.name) : "this value",
                        ResourceKindName(*found), ResourceKindName(kind)));
        if (const auto* resource = std::get_if<ResourceRef>(&value->node)) {
            d.labels.push_back({model_.resources[resource->resource].head_span,
                                fmt::format("declared as a `{}` here", ResourceKindName(*found))});
        }
        d.help = fmt::format("{} needs a `{}`", what, ResourceKindName(kind));
        diags_.Report(std::move(d));
        value->type = Type::kError;  // still a read of what it names
        return value;
    }
    if (kind == ResourceKind::kQueue && value->type == Type::kString) {
        std::string shown = ref != nullptr ? ref->name.name : "...";
        diags_.Report(
            MakeDiagnostic(Code::kTypeMismatch, expr.span,
                           fmt::format("{} is a `string`, not a `queue`",
                                       ref != nullptr ? fmt::format("`{}`", shown) : "this value"))
                .WithHelp(fmt::format("to call the phone number in `{0}`, write `transfer number "
                                      "{0};`; to find the queue named by `{0}` at run time, write "
                                      "`transfer queue({0}) else {{ ... }}`",
                                      shown)));
        value->type = Type::kError;  // still a read of what it names
        return value;
    }
    return Coerce(std::move(value), TypeOf(kind), Code::kTypeMismatch, std::string(what));
}

QueueTarget FlowChecker::CheckQueueTarget(const ast::TransferStmt& transfer) {
    return CheckQueueTarget(*transfer.target,
                            transfer.kind != ast::TransferKind::kQueue || transfer.otherwise,
                            "transfer", "the queue to transfer to");
}

QueueTarget FlowChecker::CheckQueueTarget(const ast::Expr& target, bool lookup_allowed,
                                          std::string_view statement, std::string_view what) {
    if (const auto* literal = std::get_if<ast::StringLiteral>(&target.node)) {
        CheckQueueName(table_, model_, literal->value, target.span, diags_);
        return QueueByName{literal->value};
    }
    if (const auto* call = std::get_if<ast::FunctionCall>(&target.node);
        call != nullptr && call->function.name == "queue") {
        if (!lookup_allowed) {
            diags_.Report(MakeDiagnostic(Code::kQueueLookupWithoutElse, target.span,
                                         fmt::format("`{} queue(...)` needs `else`", statement))
                              .WithHelp(fmt::format("a queue found by name at run time may not "
                                                    "exist: say what happens then, e.g. `{}`",
                                                    statement == "transfer"
                                                        ? "transfer queue(name) else { transfer "
                                                          "Support; }"
                                                        : "callback queue(name) number call.ani "
                                                          "else { play \"Sorry.\"; }")));
        }
        if (call->args.size() != 1) {
            diags_.Report(
                MakeDiagnostic(Code::kFunctionArguments, target.span,
                               fmt::format("`queue` takes 1 argument, got {}", call->args.size()))
                    .WithHelp("its signature is `queue(string) -> queue`"));
            for (const ast::ExprPtr& arg : call->args) CheckExpr(*arg);
            return QueueLookup{MakeExpr(Type::kError, target.span, Literal{std::string()})};
        }
        return QueueLookup{Coerce(CheckExpr(*call->args[0]), Type::kString, Code::kTypeMismatch,
                                  "the name of the queue to find")};
    }
    ExprPtr value = CheckResource(target, ResourceKind::kQueue, what);
    return value;
}

void FlowChecker::ReportTransferFlowTarget(const ast::Identifier& name,
                                           std::optional<FlowId> found) {
    Diagnostic d = MakeDiagnostic(Code::kTransferFlowTarget, name.span, "");
    if (found) {
        const Flow& flow = model_.flows[*found];
        bool inqueue = flow.kind == FlowKind::kInQueue;
        d.message =
            fmt::format("`{}` is {} flow; `transfer flow` hands the call to an inbound flow",
                        name.name, inqueue ? "an in-queue" : "a shared");
        d.labels.push_back({flow.head_span, fmt::format("`{}` declared here", flow.name)});
        d.help = inqueue ? fmt::format(
                               "name an in-queue flow on a transfer to a queue: "
                               "`transfer Sales via {};`",
                               name.name)
                         : fmt::format("run a shared flow with `call {}(...);`", name.name);
    } else {
        d.message = fmt::format("unknown inbound flow `{}`", name.name);
        std::vector<std::string_view> inbound;
        for (const Flow& flow : model_.flows) {
            if (flow.kind == FlowKind::kInbound) inbound.push_back(flow.name);
        }
        d.help = SuggestNameHelp(name.name, inbound)
                     .value_or(fmt::format("name an inbound flow of the build, or one of the "
                                           "org with a string: `transfer flow \"{}\";`",
                                           name.name));
    }
    diags_.Report(std::move(d));
}

FailurePath FlowChecker::CheckOtherwise(const ast::TransferStmt& transfer) {
    if (!transfer.otherwise) return nullptr;
    auto block = std::make_unique<Block>();
    CheckArm(*transfer.otherwise, *block);
    return block;
}

void FlowChecker::CheckTransfer(const ast::TransferStmt& transfer, Span span, Block& out) {
    auto emit = [&](auto node) {
        out.push_back(std::make_unique<Stmt>(Stmt{span, std::move(node)}));
    };
    switch (transfer.kind) {
        case ast::TransferKind::kQueue: {
            Transfer node;
            node.options = std::make_unique<TransferOptions>();
            node.queue = CheckQueueTarget(transfer);
            if (transfer.priority) {
                node.options->priority = Coerce(CheckExpr(*transfer.priority), Type::kInt,
                                                Code::kTypeMismatch, "the priority of a transfer");
            }
            for (const ast::ExprPtr& skill : transfer.skills) {
                node.options->skills.push_back(
                    CheckResource(*skill, ResourceKind::kSkill, "a skill the agent must have"));
            }
            if (transfer.language) {
                node.options->language = CheckResource(*transfer.language, ResourceKind::kSkill,
                                                       "the language skill of a transfer");
            }
            if (transfer.via) {
                if (const auto* literal = std::get_if<ast::StringLiteral>(&transfer.via->node)) {
                    if (literal->value.empty()) {
                        diags_.Report(MakeDiagnostic(Code::kViaTarget, transfer.via->span,
                                                     "`via \"\"` names no in-queue flow")
                                          .WithHelp("name the in-queue flow: `via SalesHold` "
                                                    "(of the build) or `via \"Sales Hold\"` (of "
                                                    "the org), or leave `via` out for the "
                                                    "queue's own"));
                    }
                    node.options->via = literal->value;
                } else if (std::optional<FlowId> flow = CheckVia(*transfer.via)) {
                    node.options->via = model_.flows[*flow].display_name;
                    node.options->via_flow = flow;
                }
            }
            node.otherwise = CheckOtherwise(transfer);
            node.else_span = transfer.else_span;
            emit(std::move(node));
            return;
        }
        case ast::TransferKind::kNumber: {
            ExprPtr number = Coerce(CheckExpr(*transfer.target), Type::kString, Code::kTypeMismatch,
                                    "the number to transfer to");
            CheckPhoneNumber(*number);
            emit(TransferNumber{std::move(number), CheckOtherwise(transfer), transfer.else_span});
            return;
        }
        case ast::TransferKind::kVoicemail: {
            QueueTarget queue = CheckQueueTarget(transfer);
            emit(TransferVoicemail{std::move(queue), CheckOtherwise(transfer), transfer.else_span});
            return;
        }
        case ast::TransferKind::kFlow: {
            TransferFlow node;
            const ast::Expr& target = *transfer.target;
            if (const auto* literal = std::get_if<ast::StringLiteral>(&target.node)) {
                node.target = literal->value;
            } else if (const auto* ref = std::get_if<ast::NameRef>(&target.node)) {
                auto it = table_.by_name.find(ref->name.name);
                if (it != table_.by_name.end() &&
                    model_.flows[it->second].kind == FlowKind::kInbound) {
                    ReportIfNotVisible(ref->name, model_.flows[it->second]);
                    node.target = it->second;
                } else {
                    ReportTransferFlowTarget(ref->name, it == table_.by_name.end()
                                                            ? std::nullopt
                                                            : std::optional<FlowId>(it->second));
                    node.target = std::string();
                }
            } else {
                CheckExpr(target);
                diags_.Report(MakeDiagnostic(Code::kTransferFlowTarget, target.span,
                                             "`transfer flow` takes an inbound flow's name")
                                  .WithHelp("write `transfer flow Main;` (an inbound flow of "
                                            "the build) or `transfer flow \"Main Line\";` (one "
                                            "of the org)"));
                node.target = std::string();
            }
            node.otherwise = CheckOtherwise(transfer);
            node.else_span = transfer.else_span;
            emit(std::move(node));
            return;
        }
    }
}

}  // namespace flowc::sema::internal
