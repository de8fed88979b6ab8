// In-queue flows (LANGUAGE.md "In-queue flows"): `hold` only there; the statements the
// platform refuses in an in-queue call flow are errors at the statement (`return`: no caller;
// `hours`: no schedule evaluation listed for in-queue flows); `callback` in inbound and
// in-queue flows; `via F` names an in-queue flow.
#include <fmt/format.h>

#include "diag/suggest.h"
#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {
namespace {

Span Leading(Span stmt, std::uint32_t length) {
    return Span{stmt.file, stmt.begin, std::min(stmt.begin + length, stmt.end)};
}

}  // namespace

bool FlowChecker::AllowedInQueue(Span at, std::string_view what, std::string_view help) {
    if (flow_.kind != FlowKind::kInQueue) return true;
    diags_.Report(MakeDiagnostic(Code::kNotAllowedInQueue, at,
                                 fmt::format("{} in in-queue flow `{}`", what, flow_.name))
                      .WithHelp(std::string(help)));
    return false;
}

void FlowChecker::CheckHold(const ast::HoldStmt& hold, Span span, Block& out) {
    if (flow_.kind != FlowKind::kInQueue) {
        diags_.Report(
            MakeDiagnostic(
                Code::kHoldOutsideInQueue, Leading(span, 4),
                fmt::format("`hold` in {} flow `{}`",
                            flow_.kind == FlowKind::kShared ? "shared" : "inbound", flow_.name))
                .WithHelp("hold music plays while a caller waits in a queue: write `hold` in an "
                          "`inqueue flow` and name it on the transfer with `via`; to wait "
                          "here, play silence: `play pause(2000);`"));
    }
    ExprPtr seconds =
        Coerce(CheckExpr(*hold.seconds), Type::kInt, Code::kTypeMismatch, "the seconds of `hold`");
    if (std::optional<std::int64_t> value = ConstantInt(*seconds); value && *value < 1) {
        diags_.Report(MakeDiagnostic(Code::kCountNotPositive, seconds->span,
                                     fmt::format("`hold {}` holds for no time", *value))
                          .WithHelp("hold for at least one second: `hold 30;`"));
    }
    out.push_back(std::make_unique<Stmt>(Stmt{span, Hold{std::move(seconds)}}));
}

void FlowChecker::CheckCallback(const ast::CallbackStmt& callback, Span span, Block& out) {
    if (flow_.kind == FlowKind::kShared) {
        diags_.Report(
            MakeDiagnostic(Code::kCallbackInSharedFlow, Leading(span, 8),
                           fmt::format("`callback` in shared flow `{}`", flow_.name))
                .WithHelp("Architect creates callbacks in call flows, not in common modules: "
                          "write the `callback` in the inbound or in-queue flow, e.g. after "
                          "the `call` that decides it"));
    }
    Callback node;
    // A callback's path goes on whether or not it was created, so `queue(e)` needs no `else`
    // here: a queue not found creates no callback.
    node.queue =
        CheckQueueTarget(*callback.queue, /*has_else=*/true, "callback", "the queue of a callback");
    node.contact = std::make_unique<CallbackContact>();
    node.contact->number = Coerce(CheckExpr(*callback.number), Type::kString, Code::kTypeMismatch,
                                  "the number to call back");
    CheckPhoneNumber(*node.contact->number);
    if (callback.callback_name) {
        node.contact->name = Coerce(CheckExpr(*callback.callback_name), Type::kString,
                                    Code::kTypeMismatch, "the name of the caller");
    }
    if (callback.otherwise) {
        node.otherwise = std::make_unique<Block>();
        CheckArm(*callback.otherwise, *node.otherwise);
    }
    node.else_span = callback.else_span;
    out.push_back(std::make_unique<Stmt>(Stmt{span, std::move(node)}));
}

// The value of an `int` constant (`5`, `-5`), else nullopt.
std::optional<std::int64_t> FlowChecker::ConstantInt(const Expr& expr) {
    if (const auto* literal = std::get_if<Literal>(&expr.node)) {
        if (const auto* value = std::get_if<std::int64_t>(&literal->value)) return *value;
    }
    if (const auto* unary = std::get_if<Unary>(&expr.node);
        unary && unary->op == UnaryOp::kNegate) {
        if (std::optional<std::int64_t> inner = ConstantInt(*unary->operand)) return -*inner;
    }
    return std::nullopt;
}

std::optional<FlowId> FlowChecker::CheckVia(const ast::Expr& via) {
    const auto* ref = std::get_if<ast::NameRef>(&via.node);
    if (ref == nullptr) {
        CheckExpr(via);
        diags_.Report(
            MakeDiagnostic(Code::kViaTarget, via.span, "`via` takes an in-queue flow's name")
                .WithHelp("write `via SalesHold` (an in-queue flow of the build) or "
                          "`via \"Sales Hold\"` (one of the org)"));
        return std::nullopt;
    }
    const std::string& name = ref->name.name;
    auto it = table_.by_name.find(name);
    if (it != table_.by_name.end() && model_.flows[it->second].kind == FlowKind::kInQueue) {
        ReportIfNotVisible(ref->name, model_.flows[it->second]);
        return it->second;
    }
    Diagnostic d = MakeDiagnostic(Code::kViaTarget, ref->name.span, "");
    if (it != table_.by_name.end()) {
        const Flow& flow = model_.flows[it->second];
        d.message = fmt::format("`{}` is {} flow, not an in-queue flow", name,
                                flow.kind == FlowKind::kShared ? "a shared" : "an inbound");
        d.labels.push_back({flow.head_span, fmt::format("`{}` declared here", flow.name)});
        d.help = "`via` names what the caller hears while waiting: an `inqueue flow`";
    } else {
        d.message = fmt::format("unknown in-queue flow `{}`", name);
        std::vector<std::string_view> inqueue;
        for (const Flow& flow : model_.flows) {
            if (flow.kind == FlowKind::kInQueue) inqueue.push_back(flow.name);
        }
        d.help = SuggestNameHelp(name, inqueue)
                     .value_or(fmt::format("name an in-queue flow of the build, or one of the "
                                           "org with a string: `via \"{}\"`",
                                           name));
        if (table_.some_file_unparsed) {
            d.notes.push_back("a file with syntax errors may declare it; fix those first");
        }
    }
    diags_.Report(std::move(d));
    return std::nullopt;
}

}  // namespace flowc::sema::internal
