// Statements: types of assigned values, prompts and conditions; `return` only in shared
// flows and `break` only in `repeat`; `menu` and `switch` arms unique, with a final
// `else` / `default` (LANGUAGE.md "Statements", contract 7).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "base/utf8.h"
#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {
namespace {

bool IsPhoneKey(const std::string& label) {
    return label.size() == 1 && (std::isdigit(static_cast<unsigned char>(label[0])) ||
                                 label[0] == '*' || label[0] == '#');
}

std::string LiteralKey(const Literal& literal) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) return "s:" + v;
            if constexpr (std::is_same_v<T, std::int64_t>) return "n:" + std::to_string(v);
            if constexpr (std::is_same_v<T, DecimalText>) return "d:" + v.text;
            if constexpr (std::is_same_v<T, bool>) return v ? "b:true" : "b:false";
        },
        literal.value);
}

Span Keyword(Span stmt, std::uint32_t length) {
    return Span{stmt.file, stmt.begin, stmt.begin + length};
}

Span ArmSpan(Span label, const ast::Stmt& body) { return Join(label, body.span); }

// E.164: `+`, then 8 to 15 digits (country code first), nothing else.
bool IsE164(const std::string& text) {
    if (text.size() < 9 || text.size() > 16 || text[0] != '+') return false;
    return std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void FlowChecker::CheckBlockInto(const ast::Block& block, Block& out) {
    PushScope();
    for (const ast::StmtPtr& stmt : block.stmts) CheckStmt(*stmt, out);
    PopScope();
}

void FlowChecker::CheckArm(const ast::Stmt& body, Block& out) {
    PushScope();
    CheckStmt(body, out);
    PopScope();
}

namespace {

// Where the values a statement passes through `Coerce` go (sema/secure.h).
Sink StatementSink(const ast::Stmt& stmt) {
    if (std::holds_alternative<ast::TransferStmt>(stmt.node)) return Sink::kTransfer;
    if (std::holds_alternative<ast::CallbackStmt>(stmt.node)) return Sink::kCallback;
    if (std::holds_alternative<ast::HoursStmt>(stmt.node)) return Sink::kHours;
    if (std::holds_alternative<ast::RepeatStmt>(stmt.node) ||
        std::holds_alternative<ast::HoldStmt>(stmt.node) ||
        std::holds_alternative<ast::LanguageStmt>(stmt.node)) {
        return Sink::kOther;
    }
    return Sink::kPlainStore;
}

// Restores the enclosing statement's sink when a nested one (an `else` block) is done.
class SinkScope {
  public:
    SinkScope(Sink& slot, Sink sink) : slot_(slot), saved_(std::exchange(slot, sink)) {}
    ~SinkScope() { slot_ = saved_; }
    SinkScope(const SinkScope&) = delete;
    SinkScope& operator=(const SinkScope&) = delete;

  private:
    Sink& slot_;
    Sink saved_;
};

}  // namespace

void FlowChecker::CheckStmt(const ast::Stmt& stmt, Block& out) {
    SinkScope sink_scope(statement_sink_, StatementSink(stmt));
    Span span = stmt.span;
    auto emit = [&](auto node) {
        out.push_back(std::make_unique<Stmt>(Stmt{span, std::move(node)}));
    };
    if (const auto* s = std::get_if<ast::VarStmt>(&stmt.node)) {
        ExprPtr init = s->init ? CheckExpr(*s->init) : nullptr;
        Type type = s->type ? FromAst(s->type->kind) : init ? init->type : Type::kError;
        if (init && s->type) {
            init = Coerce(std::move(init), type, Code::kTypeMismatch,
                          fmt::format("the initial value of `{}`", s->name.name), s->type->span);
        }
        VarId var = Declare(s->name, type);
        if (init) emit(Assign{var, std::move(init)});
        return;
    }
    if (const auto* s = std::get_if<ast::AssignStmt>(&stmt.node)) {
        ExprPtr value = CheckExpr(*s->value);
        if (std::optional<VarId> var = Lookup(s->target)) {
            const Variable& target = vars_[*var];
            value =
                Coerce(std::move(value), target.type, Code::kTypeMismatch,
                       fmt::format("the value assigned to `{}`", s->target.name), target.decl_span);
            emit(Assign{*var, std::move(value)});
        }
        return;
    }
    if (const auto* s = std::get_if<ast::SetAttributeStmt>(&stmt.node)) {
        ExprPtr value = CheckExpr(*s->value);
        CheckSink(
            value, Sink::kParticipantData,
            fmt::format("`contact.attributes.{}`, which agents and reports can read", s->key.name));
        value = Coerce(std::move(value), Type::kString, Code::kTypeMismatch,
                       fmt::format("participant data `{}`", s->key.name));
        emit(SetAttribute{s->key.name, std::move(value)});
        return;
    }
    if (const auto* s = std::get_if<ast::PlayStmt>(&stmt.node)) {
        emit(Play{CheckPrompt(*s->prompt, "the prompt")});
        return;
    }
    if (const auto* s = std::get_if<ast::CollectStmt>(&stmt.node)) {
        ExprPtr prompt = CheckPrompt(*s->prompt, "the prompt");
        std::optional<VarId> var = Visible(s->target.name);
        Type collected = s->secure ? Type::kSecureString : Type::kString;
        if (var && s->secure && vars_[*var].type == Type::kString) {
            diags_.Report(
                MakeDiagnostic(
                    Code::kCollectSecureIntoPlain, s->target.span,
                    fmt::format("`collect secure` into `{}`, which is `string`", s->target.name))
                    .WithLabel(vars_[*var].decl_span, "declared here, not secure")
                    .WithHelp(fmt::format("declare `{}` as `secure string`, or collect into a "
                                          "new variable, which `collect secure` declares secure",
                                          s->target.name)));
        } else if (var && vars_[*var].type != Type::kString && !IsSecure(vars_[*var].type) &&
                   vars_[*var].type != Type::kError) {
            diags_.Report(
                MakeDiagnostic(Code::kTypeMismatch, s->target.span,
                               fmt::format("`collect` stores digits as `string`, but `{}` is `{}`",
                                           s->target.name, TypeName(vars_[*var].type)))
                    .WithLabel(vars_[*var].decl_span, "declared here")
                    .WithHelp("collect into a new variable and convert it with `toInt(...)`"));
        }
        if (!var) var = Declare(s->target, collected);
        emit(Collect{*var, std::move(prompt), s->digits.value, IsSecure(vars_[*var].type),
                     s->least_digits});
        return;
    }
    if (const auto* s = std::get_if<ast::MenuStmt>(&stmt.node)) {
        CheckMenu(*s, span, out);
        return;
    }
    if (const auto* s = std::get_if<ast::IfStmt>(&stmt.node)) {
        If node;
        for (const ast::IfBranch& branch : s->branches) {
            ExprPtr condition = CheckExpr(*branch.condition);
            CheckSink(condition, Sink::kCondition, "the condition of `if`");
            if (condition->type != Type::kBool && condition->type != Type::kError) {
                diags_.Report(MakeDiagnostic(Code::kConditionNotBool, condition->span,
                                             fmt::format("condition is `{}`, expected `bool`",
                                                         TypeName(condition->type)))
                                  .WithHelp("compare it, e.g. `x == \"1\"` or `len(x) > 0`"));
            }
            IfBranch out_branch{std::move(condition), {}};
            CheckBlockInto(branch.body, out_branch.body);
            node.branches.push_back(std::move(out_branch));
        }
        if (s->otherwise) {
            node.else_span = s->else_span;
            node.otherwise.emplace();
            CheckBlockInto(*s->otherwise, *node.otherwise);
        }
        emit(std::move(node));
        return;
    }
    if (const auto* s = std::get_if<ast::SwitchStmt>(&stmt.node)) {
        CheckSwitch(*s, span, out);
        return;
    }
    if (const auto* s = std::get_if<ast::RepeatStmt>(&stmt.node)) {
        ExprPtr count = CheckRepeatCount(*s->count);
        Repeat node{std::move(count), {}};
        ++loop_depth_;
        CheckBlockInto(s->body, node.body);
        --loop_depth_;
        emit(std::move(node));
        return;
    }
    if (std::holds_alternative<ast::BreakStmt>(stmt.node)) {
        if (loop_depth_ == 0) {
            diags_.Report(MakeDiagnostic(Code::kBreakOutsideRepeat, Keyword(span, 5),
                                         "`break` outside `repeat`")
                              .WithHelp("`break` leaves a `repeat` block; to end the call use "
                                        "`hangup;`"));
        }
        emit(Break{});
        return;
    }
    if (const auto* s = std::get_if<ast::CallStmt>(&stmt.node)) {
        CheckCall(*s, span, out);
        return;
    }
    if (const auto* s = std::get_if<ast::TransferStmt>(&stmt.node)) {
        CheckTransfer(*s, span, out);
        return;
    }
    if (const auto* s = std::get_if<ast::HoursStmt>(&stmt.node)) {
        AllowedInQueue(Keyword(span, 5), "`hours`",
                       "Architect lists no schedule evaluation for in-queue flows: check the "
                       "hours in the inbound flow, before the transfer");
        CheckHours(*s, span, out);
        return;
    }
    if (const auto* s = std::get_if<ast::LanguageStmt>(&stmt.node)) {
        if (auto code = CheckLanguage(*s, span)) emit(SetLanguage{std::move(*code)});
        return;
    }
    if (const auto* s = std::get_if<ast::HoldStmt>(&stmt.node)) {
        CheckHold(*s, span, out);
        return;
    }
    if (const auto* s = std::get_if<ast::CallbackStmt>(&stmt.node)) {
        CheckCallback(*s, span, out);
        return;
    }
    if (std::holds_alternative<ast::HangupStmt>(stmt.node)) {
        emit(Hangup{});
        return;
    }
    if (std::holds_alternative<ast::ReturnStmt>(stmt.node)) {
        if (!AllowedInQueue(Keyword(span, 6), "`return`",
                            "an in-queue flow has no caller to return to: its end starts it "
                            "again from the top; leave the queue with `transfer` or `hangup;`")) {
        } else if (flow_.kind != FlowKind::kShared) {
            diags_.Report(MakeDiagnostic(Code::kReturnOutsideShared, Keyword(span, 6),
                                         fmt::format("`return` in inbound flow `{}`", flow_.name))
                              .WithHelp("an inbound flow has no caller to return to; end the call "
                                        "with `hangup;` or `transfer \"Queue\";`"));
        }
        emit(Return{});
        return;
    }
    if (const auto* s = std::get_if<ast::Block>(&stmt.node)) {
        // A nested block only scopes names; the platform sees its statements in line.
        CheckBlockInto(*s, out);
    }
}

// Only a literal is known before the call; a computed number is the platform's to refuse.
void FlowChecker::CheckPhoneNumber(const Expr& number) {
    const auto* literal = std::get_if<Literal>(&number.node);
    if (literal == nullptr) return;
    const auto* text = std::get_if<std::string>(&literal->value);
    if (text == nullptr || IsE164(*text)) return;
    diags_.Report(MakeDiagnostic(Code::kNumberNotE164, number.span,
                                 fmt::format("{} is not a phone number in E.164 form",
                                             LiteralSource(*literal)))
                      .WithHelp("write `+`, the country code and the number, 8 to 15 digits "
                                "with no spaces or dashes, e.g. `\"+15551234567\"`"));
}

void FlowChecker::CheckMenu(const ast::MenuStmt& menu, Span span, Block& out) {
    Menu node;
    node.prompt = CheckPrompt(*menu.prompt, "the menu prompt");
    std::map<std::string, Span> seen;
    std::optional<Span> else_at;
    for (const ast::MenuArm& arm : menu.arms) {
        if (else_at) {
            diags_.Report(
                MakeDiagnostic(arm.label ? Code::kArmAfterFallback : Code::kDuplicateMenuChoice,
                               arm.label_span,
                               arm.label ? "menu arm after `else`" : "second `else` in one `menu`")
                    .WithLabel(*else_at, "`else` is here")
                    .WithHelp("`else` must be the last arm of a `menu`, and there is one"));
        }
        if (!arm.label) {
            else_at = else_at.value_or(arm.label_span);
            if (!node.otherwise_span.has_file())
                node.otherwise_span = ArmSpan(arm.label_span, *arm.body);
            CheckArm(*arm.body, node.otherwise);
            continue;
        }
        if (!IsPhoneKey(*arm.label)) {
            diags_.Report(
                MakeDiagnostic(Code::kMenuKeyNotDigit, arm.label_span,
                               fmt::format("menu label \"{}\" is not one phone key",
                                           PrintableText(*arm.label)))
                    .WithHelp("a menu branches on one key: \"0\" to \"9\", \"*\" or \"#\"; "
                              "collect longer input with `collect`"));
        }
        if (auto [it, inserted] = seen.emplace(*arm.label, arm.label_span); !inserted) {
            diags_.Report(MakeDiagnostic(Code::kDuplicateMenuChoice, arm.label_span,
                                         fmt::format("key \"{}\" has two arms in this `menu`",
                                                     PrintableText(*arm.label)))
                              .WithLabel(it->second, "first arm for it here")
                              .WithHelp("remove one arm, or merge their statements"));
        }
        MenuChoice choice{*arm.label, arm.label_span, {}, ArmSpan(arm.label_span, *arm.body)};
        CheckArm(*arm.body, choice.body);
        node.choices.push_back(std::move(choice));
    }
    if (!else_at) {
        diags_.Report(
            MakeDiagnostic(Code::kMenuWithoutElse, Keyword(span, 4), "`menu` without `else`")
                .WithHelp("add `else => ...` for timeouts and invalid keys; a caller who "
                          "presses nothing must still go somewhere"));
    }
    out.push_back(std::make_unique<Stmt>(Stmt{span, std::move(node)}));
}

void FlowChecker::CheckSwitch(const ast::SwitchStmt& sw, Span span, Block& out) {
    Switch node;
    node.subject = CheckExpr(*sw.subject);
    CheckSink(node.subject, Sink::kSwitch, "the subject of `switch`");
    if (node.subject->type == Type::kAudio) {
        diags_.Report(MakeDiagnostic(Code::kTypeMismatch, node.subject->span,
                                     "a `switch` subject cannot be `audio`")
                          .WithHelp("`audio` is not compared; switch on what chose it instead"));
        node.subject->type = Type::kError;
    }
    Type subject = node.subject->type;
    std::map<std::string, Span> seen;
    std::optional<Span> default_at;
    for (const ast::SwitchArm& arm : sw.arms) {
        if (default_at) {
            diags_.Report(
                MakeDiagnostic(
                    arm.is_default ? Code::kDuplicateSwitchCase : Code::kArmAfterFallback,
                    arm.label_span,
                    arm.is_default ? "second `default` in one `switch`" : "`case` after `default`")
                    .WithLabel(*default_at, "`default` is here")
                    .WithHelp("`default` must be the last arm of a `switch`, and there is one"));
        }
        if (arm.is_default) {
            default_at = default_at.value_or(arm.label_span);
            if (!node.otherwise_span.has_file())
                node.otherwise_span = ArmSpan(arm.label_span, *arm.body);
            CheckArm(*arm.body, node.otherwise);
            continue;
        }
        SwitchCase out_case{{}, arm.label_span, {}, ArmSpan(arm.label_span, *arm.body)};
        for (const ast::ExprPtr& value : arm.values) {
            ExprPtr literal =
                Coerce(CheckExpr(*value), subject, Code::kSwitchLabelType, "this `case` value");
            if (literal->type == Type::kError) continue;
            Literal lit;
            if (const auto* l = std::get_if<Literal>(&literal->node)) {
                lit = *l;
            } else if (const auto* widened = std::get_if<ToDecimal>(&literal->node)) {
                const auto& inner = std::get<Literal>(widened->operand->node);
                lit = Literal{DecimalText{std::to_string(std::get<std::int64_t>(inner.value))}};
            }
            std::string key = LiteralKey(lit);
            if (auto [it, inserted] = seen.emplace(key, value->span); !inserted) {
                diags_.Report(MakeDiagnostic(Code::kDuplicateSwitchCase, value->span,
                                             "this value already has a `case`")
                                  .WithLabel(it->second, "first `case` for it here")
                                  .WithHelp("remove the duplicate value"));
            }
            out_case.values.push_back(std::move(lit));
        }
        CheckArm(*arm.body, out_case.body);
        node.cases.push_back(std::move(out_case));
    }
    if (!default_at) {
        diags_.Report(MakeDiagnostic(Code::kSwitchWithoutDefault, Keyword(span, 6),
                                     "`switch` without `default`")
                          .WithHelp("add `default => ...` for every other value"));
    }
    out.push_back(std::make_unique<Stmt>(Stmt{span, std::move(node)}));
}

}  // namespace flowc::sema::internal
