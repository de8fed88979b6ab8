// Expression types. No implicit conversion but int to decimal, and string or prompt to audio
// where audio is expected (LANGUAGE.md "Types"); an ill-typed expression gets Type::kError,
// on which every later check is silent.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "ast/ast_dump.h"
#include "diag/suggest.h"
#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {
namespace {

bool IsNumber(Type t) { return t == Type::kInt || t == Type::kDecimal; }

struct BuiltinSignature {
    std::string_view name;
    Builtin function;
    std::vector<Type> params;  // kError: any type
    Type result;
};

// The one table of built-in functions: the checker, `unknown function` hints and the
// signatures in argument errors all read it.
const std::vector<BuiltinSignature>& Builtins() {
    static const std::vector<BuiltinSignature> builtins = {
        {"len", Builtin::kLen, {Type::kString}, Type::kInt},
        {"toString", Builtin::kToString, {Type::kError}, Type::kString},
        {"toInt", Builtin::kToInt, {Type::kString}, Type::kInt},
        {"startsWith", Builtin::kStartsWith, {Type::kString, Type::kString}, Type::kBool},
        {"contains", Builtin::kContains, {Type::kString, Type::kString}, Type::kBool},
        {"pause", Builtin::kPause, {Type::kInt}, Type::kAudio},
        {"noBargeIn", Builtin::kNoBargeIn, {Type::kAudio}, Type::kAudio},
        {"endsWith", Builtin::kEndsWith, {Type::kString, Type::kString}, Type::kBool},
        {"lower", Builtin::kLower, {Type::kString}, Type::kString},
        {"upper", Builtin::kUpper, {Type::kString}, Type::kString},
        {"trim", Builtin::kTrim, {Type::kString}, Type::kString},
        {"substring", Builtin::kSubstring, {Type::kString, Type::kInt, Type::kInt}, Type::kString},
        {"indexOf", Builtin::kIndexOf, {Type::kString, Type::kString}, Type::kInt},
        {"replace",
         Builtin::kReplace,
         {Type::kString, Type::kString, Type::kString},
         Type::kString},
        {"toDecimal", Builtin::kToDecimal, {Type::kString}, Type::kDecimal},
        {"isSet", Builtin::kIsSet, {Type::kString}, Type::kBool},
        {"now", Builtin::kNow, {}, Type::kDatetime},
        {"addMinutes", Builtin::kAddMinutes, {Type::kDatetime, Type::kInt}, Type::kDatetime},
        {"addHours", Builtin::kAddHours, {Type::kDatetime, Type::kInt}, Type::kDatetime},
        {"addDays", Builtin::kAddDays, {Type::kDatetime, Type::kInt}, Type::kDatetime},
        {"minutesBetween",
         Builtin::kMinutesBetween,
         {Type::kDatetime, Type::kDatetime},
         Type::kInt},
    };
    return builtins;
}

std::string FunctionList() {
    std::string out;
    const std::vector<BuiltinSignature>& builtins = Builtins();
    for (std::size_t i = 0; i < builtins.size(); ++i) {
        out += i == 0 ? "" : i + 1 == builtins.size() ? " and " : ", ";
        out += fmt::format("`{}`", builtins[i].name);
    }
    return out;
}

// What `toInt` and `toDecimal` accept: digits, a leading `-`, and for a decimal one `.`
// between digits (the flow language's own number literals).
bool IsNumberText(std::string_view text, bool decimal) {
    if (text.starts_with('-')) text.remove_prefix(1);
    std::size_t point = decimal ? text.find('.') : std::string_view::npos;
    std::string_view whole = text.substr(0, point);
    std::string_view fraction =
        point == std::string_view::npos ? std::string_view("0") : text.substr(point + 1);
    auto digits = [](std::string_view part) {
        return !part.empty() &&
               std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    return digits(whole) && digits(fraction);
}

struct CallPropertySpelling {
    std::string_view name;
    CallProperty property;
    Type type;
};
constexpr std::array<CallPropertySpelling, 5> kCallProperties = {{
    {"ani", CallProperty::kAni, Type::kString},
    {"dnis", CallProperty::kDnis, Type::kString},
    {"language", CallProperty::kLanguage, Type::kString},
    {"queue", CallProperty::kQueue, Type::kQueue},
    {"positionInQueue", CallProperty::kPositionInQueue, Type::kInt},
}};

ExprPtr Widen(ExprPtr expr) {
    if (expr->type != Type::kInt) return expr;
    Span span = expr->span;
    if (const auto* literal = std::get_if<Literal>(&expr->node)) {  // `1` as a decimal is `1`
        std::int64_t value = std::get<std::int64_t>(literal->value);
        return MakeExpr(Type::kDecimal, span, Literal{DecimalText{std::to_string(value)}});
    }
    return MakeExpr(Type::kDecimal, span, ToDecimal{std::move(expr)});
}

bool Audible(Type t) { return t == Type::kAudio || t == Type::kString || t == Type::kPrompt; }

ExprPtr AsAudio(ExprPtr expr) {
    if (expr->type != Type::kString && expr->type != Type::kPrompt) return expr;
    Span span = expr->span;
    return MakeExpr(Type::kAudio, span, ToAudio{std::move(expr)});
}

bool IsNoBargeIn(const Expr& expr) {
    const auto* call = std::get_if<BuiltinCall>(&expr.node);
    return call != nullptr && call->function == Builtin::kNoBargeIn;
}

// `5` and `-5`, as written.
std::optional<std::int64_t> IntConstant(const Expr& expr) {
    const Expr* literal = &expr;
    bool negative = false;
    if (const auto* unary = std::get_if<Unary>(&expr.node);
        unary != nullptr && unary->op == UnaryOp::kNegate) {
        literal = unary->operand.get();
        negative = true;
    }
    const auto* l = std::get_if<Literal>(&literal->node);
    const auto* value = l ? std::get_if<std::int64_t>(&l->value) : nullptr;
    if (value == nullptr) return std::nullopt;
    return negative ? -*value : *value;
}

}  // namespace

ExprPtr FlowChecker::CheckPrompt(const ast::Expr& prompt, std::string_view what) {
    ExprPtr expr = CheckExpr(prompt);
    if (!CheckSink(expr, Sink::kPlayed, what)) return expr;
    if (expr->type == Type::kString || expr->type == Type::kAudio) return expr;
    if (expr->type == Type::kPrompt) return AsAudio(std::move(expr));
    if (expr->type == Type::kError) return expr;
    Diagnostic d = MakeDiagnostic(
        Code::kTypeMismatch, expr->span,
        fmt::format("{} is `{}`, expected `audio` or `string`", what, TypeName(expr->type)));
    if (!ResourceKindOf(expr->type)) d.help = "convert it with `toString(...)` to speak it";
    diags_.Report(std::move(d));
    expr->type = Type::kError;
    return expr;
}

ExprPtr FlowChecker::Coerce(ExprPtr expr, Type target, Code code, const std::string& what,
                            std::optional<Span> declared_at) {
    if (expr->type == target || expr->type == Type::kError || target == Type::kError) return expr;
    if (!IsSecure(target) && !MayFlowInto(expr->type, statement_sink_)) {
        ReportLeak(expr->span, statement_sink_, what, declared_at);
        expr->type = Type::kError;
        return expr;
    }
    if (expr->type == Type::kString && IsSecure(target)) return expr;  // text may become secret
    if (expr->type == Type::kInt && target == Type::kDecimal) return Widen(std::move(expr));
    if (target == Type::kAudio && Audible(expr->type)) return AsAudio(std::move(expr));
    Diagnostic d = MakeDiagnostic(
        code, expr->span,
        fmt::format("{} is `{}`, expected `{}`", what, TypeName(expr->type), TypeName(target)));
    if (declared_at)
        d.labels.push_back({*declared_at, fmt::format("declared as `{}` here", TypeName(target))});
    if (expr->type == Type::kAudio) {
        d.help =
            "`audio` is what the caller hears and has no text value; keep the text it is "
            "made of in a `string`";
    } else if (target == Type::kString) {
        d.help = "convert it with `toString(...)`";
    } else if (expr->type == Type::kString && target == Type::kInt) {
        d.help = "convert it with `toInt(...)`";
    } else if (expr->type == Type::kDecimal && target == Type::kInt) {
        d.help = "decimals do not convert to `int` implicitly";
    }
    diags_.Report(std::move(d));
    expr->type = Type::kError;
    return expr;
}

ExprPtr FlowChecker::CheckExpr(const ast::Expr& expr) {
    Span span = expr.span;
    if (const auto* e = std::get_if<ast::StringLiteral>(&expr.node)) {
        return MakeExpr(Type::kString, span, Literal{e->value});
    }
    if (const auto* e = std::get_if<ast::IntLiteral>(&expr.node)) {
        return MakeExpr(Type::kInt, span, Literal{e->value});
    }
    if (const auto* e = std::get_if<ast::DecimalLiteral>(&expr.node)) {
        return MakeExpr(Type::kDecimal, span, Literal{DecimalText{e->text}});
    }
    if (const auto* e = std::get_if<ast::BoolLiteral>(&expr.node)) {
        return MakeExpr(Type::kBool, span, Literal{e->value});
    }
    if (const auto* e = std::get_if<ast::NameRef>(&expr.node)) {
        // A flow's own names come first: a variable may share a resource's name.
        if (!Visible(e->name.name)) {
            if (std::optional<ResourceId> resource = table_.FindResource(e->name.name)) {
                const Resource& declared = model_.resources[*resource];
                ReportIfNotVisible(e->name, declared.file, declared.head_span);
                return MakeExpr(TypeOf(model_.resources[*resource].kind), span,
                                ResourceRef{*resource});
            }
        }
        std::optional<VarId> var = Lookup(e->name);
        if (!var) return MakeExpr(Type::kError, span, VarRef{0});
        return MakeExpr(vars_[*var].type, span, VarRef{*var});
    }
    if (const auto* e = std::get_if<ast::CallProperty>(&expr.node)) {
        for (const CallPropertySpelling& spelling : kCallProperties) {
            if (e->property.name != spelling.name) continue;
            bool waiting = spelling.property == CallProperty::kQueue ||
                           spelling.property == CallProperty::kPositionInQueue;
            if (waiting && flow_.kind != FlowKind::kInQueue) {
                // Only a caller waiting in a queue has one; elsewhere the platform leaves it
                // unset, which would read as a queue or a place that is not there.
                diags_.Report(
                    MakeDiagnostic(
                        Code::kUnknownCallProperty, e->property.span,
                        fmt::format("`call.{}` exists only in an in-queue flow", spelling.name))
                        .WithHelp(spelling.property == CallProperty::kQueue
                                      ? "name the queue: declare `queue Sales = \"Sales\";` and "
                                        "use `Sales`"
                                      : "a caller has a place in a queue only while waiting in "
                                        "it: read it in the `inqueue flow` the transfer names "
                                        "with `via`"));
                return MakeExpr(Type::kError, span, ContextRef{spelling.property});
            }
            return MakeExpr(spelling.type, span, ContextRef{spelling.property});
        }
        std::vector<std::string_view> names;
        for (const CallPropertySpelling& spelling : kCallProperties) names.push_back(spelling.name);
        diags_.Report(MakeDiagnostic(Code::kUnknownCallProperty, e->property.span,
                                     fmt::format("`call` has no property `{}`", e->property.name))
                          .WithHelp(SuggestNameHelp(e->property.name, names)
                                        .value_or("the properties are `call.ani`, `call.dnis`, "
                                                  "`call.language` and, in in-queue flows, "
                                                  "`call.queue` and `call.positionInQueue`")));
        return MakeExpr(Type::kError, span, ContextRef{CallProperty::kAni});
    }
    if (const auto* e = std::get_if<ast::ContactAttribute>(&expr.node)) {
        return MakeExpr(Type::kString, span, AttributeRef{e->key.name});
    }
    if (const auto* e = std::get_if<ast::UnaryExpr>(&expr.node)) {
        ExprPtr operand = CheckExpr(*e->operand);
        CheckSink(operand, Sink::kOperator,
                  fmt::format("the operand of `{}`", ast::OperatorText(e->op)));
        Type t = operand->type;
        bool ok = e->op == ast::UnaryOp::kNot ? t == Type::kBool : IsNumber(t);
        if (!ok && t != Type::kError) {
            diags_.Report(MakeDiagnostic(Code::kOperatorType, e->op_span,
                                         fmt::format("`{}` cannot be applied to `{}`",
                                                     ast::OperatorText(e->op), TypeName(t)))
                              .WithHelp(e->op == ast::UnaryOp::kNot ? "`!` negates a `bool`"
                                                                    : "`-` negates a number"));
        }
        UnaryOp op = e->op == ast::UnaryOp::kNot ? UnaryOp::kNot : UnaryOp::kNegate;
        return MakeExpr(ok ? t : Type::kError, span, Unary{op, std::move(operand)});
    }
    if (const auto* e = std::get_if<ast::BinaryExpr>(&expr.node)) return CheckBinary(*e, span);
    if (const auto* e = std::get_if<ast::FunctionCall>(&expr.node)) return CheckBuiltin(*e, span);
    if (const auto* e = std::get_if<ast::ConditionalExpr>(&expr.node))
        return CheckConditional(*e, span);
    return MakeExpr(Type::kError, span, Literal{false});
}

ExprPtr FlowChecker::CheckBinary(const ast::BinaryExpr& binary, Span span) {
    ExprPtr lhs = CheckExpr(*binary.lhs);
    ExprPtr rhs = CheckExpr(*binary.rhs);
    if (IsSecure(lhs->type) || IsSecure(rhs->type))
        return CheckSecureBinary(binary, std::move(lhs), std::move(rhs), span);
    Type l = lhs->type;
    Type r = rhs->type;
    if (l == Type::kError || r == Type::kError) {
        return MakeExpr(Type::kError, span, Binary{BinaryOp::kAdd, std::move(lhs), std::move(rhs)});
    }
    std::optional<std::string> help;
    auto numeric = [&](BinaryOp op, bool comparison) -> ExprPtr {
        Type common = l == Type::kDecimal || r == Type::kDecimal ? Type::kDecimal : Type::kInt;
        if (common == Type::kDecimal) lhs = Widen(std::move(lhs)), rhs = Widen(std::move(rhs));
        return MakeExpr(comparison ? Type::kBool : common, span,
                        Binary{op, std::move(lhs), std::move(rhs)});
    };
    switch (binary.op) {
        case ast::BinaryOp::kAdd:
            if (l == Type::kAudio || r == Type::kAudio || l == Type::kPrompt ||
                r == Type::kPrompt) {
                if (Audible(l) && Audible(r))
                    return JoinAudio(std::move(lhs), std::move(rhs), span);
                help = "`+` joins audio with audio, prompts and text only";
                break;
            }
            if (l == Type::kString && r == Type::kString) {
                return MakeExpr(Type::kString, span,
                                Binary{BinaryOp::kConcat, std::move(lhs), std::move(rhs)});
            }
            if (IsNumber(l) && IsNumber(r)) return numeric(BinaryOp::kAdd, false);
            if (l == Type::kString || r == Type::kString) {
                help = "join text with `+` after converting: `toString(...)`";
            }
            break;
        case ast::BinaryOp::kSub:
        case ast::BinaryOp::kMul:
        case ast::BinaryOp::kDiv:
            if (IsNumber(l) && IsNumber(r)) {
                BinaryOp op = binary.op == ast::BinaryOp::kSub   ? BinaryOp::kSub
                              : binary.op == ast::BinaryOp::kMul ? BinaryOp::kMul
                                                                 : BinaryOp::kDiv;
                return numeric(op, false);
            }
            if (l == Type::kString || r == Type::kString)
                help = "convert text with `toInt(...)` first";
            break;
        case ast::BinaryOp::kLess:
        case ast::BinaryOp::kLessEq:
        case ast::BinaryOp::kGreater:
        case ast::BinaryOp::kGreaterEq:
            if (IsNumber(l) && IsNumber(r)) {
                BinaryOp op = binary.op == ast::BinaryOp::kLess      ? BinaryOp::kLess
                              : binary.op == ast::BinaryOp::kLessEq  ? BinaryOp::kLessEq
                              : binary.op == ast::BinaryOp::kGreater ? BinaryOp::kGreater
                                                                     : BinaryOp::kGreaterEq;
                return numeric(op, true);
            }
            if (l == Type::kDatetime && r == Type::kDatetime) {
                BinaryOp op = binary.op == ast::BinaryOp::kLess      ? BinaryOp::kLess
                              : binary.op == ast::BinaryOp::kLessEq  ? BinaryOp::kLessEq
                              : binary.op == ast::BinaryOp::kGreater ? BinaryOp::kGreater
                                                                     : BinaryOp::kGreaterEq;
                return MakeExpr(Type::kBool, span, Binary{op, std::move(lhs), std::move(rhs)});
            }
            help =
                "only numbers and `datetime`s are ordered; compare text with `==` or "
                "`startsWith(...)`";
            break;
        case ast::BinaryOp::kEq:
        case ast::BinaryOp::kNotEq: {
            BinaryOp op = binary.op == ast::BinaryOp::kEq ? BinaryOp::kEq : BinaryOp::kNotEq;
            if (IsNumber(l) && IsNumber(r)) return numeric(op, true);
            if (l == Type::kAudio || r == Type::kAudio) {
                help = "`audio` is not compared; branch on what chose it instead";
                break;
            }
            if (ResourceKindOf(l)) {
                help = fmt::format(
                    "a `{}` names an object of the org and is not compared; "
                    "branch on something the caller chose instead",
                    TypeName(l));
                break;
            }
            if (l == r)
                return MakeExpr(Type::kBool, span, Binary{op, std::move(lhs), std::move(rhs)});
            if (l == Type::kString || r == Type::kString) {
                help = "convert one side: `toString(...)` or `toInt(...)`";
            }
            break;
        }
        case ast::BinaryOp::kAnd:
        case ast::BinaryOp::kOr:
            if (l == Type::kBool && r == Type::kBool) {
                BinaryOp op = binary.op == ast::BinaryOp::kAnd ? BinaryOp::kAnd : BinaryOp::kOr;
                return MakeExpr(Type::kBool, span, Binary{op, std::move(lhs), std::move(rhs)});
            }
            help = "`&&` and `||` combine `bool` values; compare first, e.g. `x == \"1\"`";
            break;
    }
    Diagnostic d =
        MakeDiagnostic(Code::kOperatorType, binary.op_span,
                       fmt::format("`{}` cannot be applied to `{}` and `{}`",
                                   ast::OperatorText(binary.op), TypeName(l), TypeName(r)))
            .WithLabel(binary.lhs->span, fmt::format("this is `{}`", TypeName(l)))
            .WithLabel(binary.rhs->span, fmt::format("this is `{}`", TypeName(r)));
    d.help = help;
    diags_.Report(std::move(d));
    return MakeExpr(Type::kError, span, Binary{BinaryOp::kAdd, std::move(lhs), std::move(rhs)});
}

// `c ? a : b`: one type for both arms, with the conversions `+` makes (int to decimal, text
// and prompts to audio beside audio), so the backends write both arms as they are.
ExprPtr FlowChecker::CheckConditional(const ast::ConditionalExpr& conditional, Span span) {
    ExprPtr condition = CheckExpr(*conditional.condition);
    ExprPtr when_true = CheckExpr(*conditional.when_true);
    ExprPtr when_false = CheckExpr(*conditional.when_false);
    auto make = [&](Type type) {
        return MakeExpr(
            type, span,
            Conditional{std::move(condition), std::move(when_true), std::move(when_false)});
    };
    bool ok = CheckSink(condition, Sink::kCondition, "the condition of `? :`");
    if (ok && condition->type != Type::kBool && condition->type != Type::kError) {
        ok = false;
        diags_.Report(MakeDiagnostic(Code::kConditionalNotBool, condition->span,
                                     fmt::format("the condition of `? :` is `{}`, expected `bool`",
                                                 TypeName(condition->type)))
                          .WithHelp("compare first, e.g. `tier == \"gold\" ? a : b`"));
    }
    Type t = when_true->type;
    Type f = when_false->type;
    if (t == Type::kError || f == Type::kError) return make(Type::kError);
    for (const ExprPtr* arm : {&when_true, &when_false}) {
        if (!IsNoBargeIn(**arm)) continue;
        ok = false;
        diags_.Report(MakeDiagnostic(Code::kNoBargeInInside, (*arm)->span,
                                     "`noBargeIn(...)` is an arm of `? :`")
                          .WithNote("`noBargeIn` applies to all the audio a statement plays")
                          .WithHelp("write it around the whole choice: `noBargeIn(c ? a : b)`"));
    }
    Type type = Type::kError;
    if (t == f && !ResourceKindOf(t)) {
        type = t;
    } else if (std::optional<Type> text = JoinSecurity(t, f)) {
        type = *text;  // text beside a secret: the result is a secret
    } else if (IsNumber(t) && IsNumber(f)) {
        type = Type::kDecimal;
        when_true = Widen(std::move(when_true));
        when_false = Widen(std::move(when_false));
    } else if (Audible(t) && Audible(f) &&
               (t == Type::kAudio || f == Type::kAudio || t == Type::kPrompt ||
                f == Type::kPrompt)) {
        type = Type::kAudio;
        when_true = AsAudio(std::move(when_true));
        when_false = AsAudio(std::move(when_false));
    } else {
        Diagnostic d =
            MakeDiagnostic(Code::kConditionalArms, span,
                           t == f ? fmt::format("`? :` chooses between `{}`s", TypeName(t))
                                  : fmt::format("the arms of `? :` are `{}` and `{}`", TypeName(t),
                                                TypeName(f)))
                .WithLabel(when_true->span, fmt::format("this is `{}`", TypeName(t)))
                .WithLabel(when_false->span, fmt::format("this is `{}`", TypeName(f)));
        d.help = t == f ? "a resource is named, not computed: choose it with `if ... else`"
                 : (t == Type::kString || f == Type::kString)
                     ? "both arms need one type: convert the other with `toString(...)`"
                     : "both arms need one type (`int` and `decimal` mix; text and audio mix)";
        diags_.Report(std::move(d));
        return make(Type::kError);
    }
    return make(ok ? type : Type::kError);
}

// `a == b` and `a != b` may compare a secure value with text (the `bool` is not secure);
// every other operator would compute something from the secret.
ExprPtr FlowChecker::CheckSecureBinary(const ast::BinaryExpr& binary, ExprPtr lhs, ExprPtr rhs,
                                       Span span) {
    bool equality = binary.op == ast::BinaryOp::kEq || binary.op == ast::BinaryOp::kNotEq;
    auto text = [](Type t) { return t == Type::kString || IsSecure(t) || t == Type::kError; };
    if (equality && text(lhs->type) && text(rhs->type)) {
        bool ok = lhs->type != Type::kError && rhs->type != Type::kError;
        BinaryOp op = binary.op == ast::BinaryOp::kEq ? BinaryOp::kEq : BinaryOp::kNotEq;
        return MakeExpr(ok ? Type::kBool : Type::kError, span,
                        Binary{op, std::move(lhs), std::move(rhs)});
    }
    Sink sink = binary.op == ast::BinaryOp::kAdd ? Sink::kJoined
                : equality                       ? Sink::kComparison
                                                 : Sink::kOperator;
    std::string what = fmt::format("an operand of `{}`", ast::OperatorText(binary.op));
    if (equality) {
        // Compared with something that is not text: a type error, not a leak.
        Type other = IsSecure(lhs->type) ? rhs->type : lhs->type;
        diags_.Report(MakeDiagnostic(Code::kOperatorType, binary.op_span,
                                     fmt::format("`{}` cannot compare a `secure string` with `{}`",
                                                 ast::OperatorText(binary.op), TypeName(other)))
                          .WithHelp("compare a secure value with text: `pin == \"1234\"`"));
    } else {
        for (ExprPtr* side : {&lhs, &rhs}) CheckSink(*side, sink, what);
    }
    return MakeExpr(Type::kError, span, Binary{BinaryOp::kAdd, std::move(lhs), std::move(rhs)});
}

// `noBargeIn` holds for the whole audio a statement plays (Architect's AudioPlaybackOptions
// must be the outermost call), so it is never a part: making the whole join uninterruptible
// would change what `noBargeIn(a) + b` says.
ExprPtr FlowChecker::JoinAudio(ExprPtr lhs, ExprPtr rhs, Span span) {
    lhs = AsAudio(std::move(lhs));
    rhs = AsAudio(std::move(rhs));
    bool ok = true;
    for (const ExprPtr* side : {&lhs, &rhs}) {
        if (!IsNoBargeIn(**side)) continue;
        ok = false;
        diags_.Report(
            MakeDiagnostic(Code::kNoBargeInInside, (*side)->span,
                           "`noBargeIn(...)` is a part of a longer audio")
                .WithNote("`noBargeIn` applies to all the audio a statement plays")
                .WithHelp("make all of it uninterruptible with `noBargeIn(a + b)`, or play the "
                          "parts one after the other: `play noBargeIn(a); play b;`"));
    }
    return MakeExpr(ok ? Type::kAudio : Type::kError, span,
                    Binary{BinaryOp::kJoinAudio, std::move(lhs), std::move(rhs)});
}

ExprPtr FlowChecker::CheckBuiltin(const ast::FunctionCall& call, Span span) {
    std::vector<ExprPtr> args;
    for (const ast::ExprPtr& arg : call.args) args.push_back(CheckExpr(*arg));
    if (call.function.name == "queue") {
        diags_.Report(MakeDiagnostic(Code::kQueueLookupMisplaced, span,
                                     "`queue(...)` is allowed only as the queue of a transfer")
                          .WithHelp("write `transfer queue(name) else { ... }`; to keep a queue "
                                    "in a variable, declare it (`queue Sales = \"Sales\";`) and "
                                    "write `var q: queue = Sales;`"));
        return MakeExpr(Type::kError, span, BuiltinCall{Builtin::kLen, std::move(args)});
    }
    const BuiltinSignature* signature = nullptr;
    for (const BuiltinSignature& candidate : Builtins()) {
        if (candidate.name == call.function.name) signature = &candidate;
    }
    if (signature == nullptr) {
        std::vector<std::string_view> names;
        for (const BuiltinSignature& candidate : Builtins()) names.push_back(candidate.name);
        diags_.Report(MakeDiagnostic(Code::kUnknownFunction, call.function.span,
                                     fmt::format("unknown function `{}`", call.function.name))
                          .WithHelp(call.function.name == "not"
                                        ? "logical not is `!`: write `!(...)`"
                                        : SuggestNameHelp(call.function.name, names)
                                              .value_or("the functions are " + FunctionList())));
        return MakeExpr(Type::kError, span, BuiltinCall{Builtin::kLen, std::move(args)});
    }
    std::string usage = std::string(signature->name) + "(";
    for (std::size_t i = 0; i < signature->params.size(); ++i) {
        usage += (i ? ", " : "") + std::string(signature->params[i] == Type::kError
                                                   ? "any"
                                                   : TypeName(signature->params[i]));
    }
    usage += fmt::format(") -> {}", TypeName(signature->result));
    if (args.size() != signature->params.size()) {
        diags_.Report(
            MakeDiagnostic(Code::kFunctionArguments, span,
                           fmt::format("`{}` takes {} argument{}, got {}", signature->name,
                                       signature->params.size(),
                                       signature->params.size() == 1 ? "" : "s", args.size()))
                .WithHelp(fmt::format("its signature is `{}`", usage)));
        return MakeExpr(Type::kError, span, BuiltinCall{signature->function, std::move(args)});
    }
    bool ok = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
        Type want = signature->params[i];
        if (!CheckSink(args[i], Sink::kConverted,
                       fmt::format("argument {} of `{}`", i + 1, signature->name))) {
            ok = false;
        }
        if (args[i]->type == Type::kError) continue;
        if (want == Type::kError && args[i]->type == Type::kAudio) {
            ok = false;
            diags_.Report(
                MakeDiagnostic(
                    Code::kFunctionArguments, args[i]->span,
                    fmt::format("argument {} of `{}` is `audio`, which has no text value", i + 1,
                                signature->name))
                    .WithHelp("`audio` is what the caller hears; keep the text it is made of in "
                              "a `string`"));
            continue;
        }
        if (want == Type::kAudio && Audible(args[i]->type)) {
            if (IsNoBargeIn(*args[i])) {
                ok = false;
                diags_.Report(
                    MakeDiagnostic(Code::kNoBargeInInside, args[i]->span,
                                   "`noBargeIn(...)` of audio that is already `noBargeIn`")
                        .WithHelp("write `noBargeIn` once, around the whole audio"));
            }
            args[i] = AsAudio(std::move(args[i]));
            continue;
        }
        if (want == Type::kError && ResourceKindOf(args[i]->type)) {
            ok = false;
            diags_.Report(
                MakeDiagnostic(Code::kFunctionArguments, args[i]->span,
                               fmt::format("argument {} of `{}` is a `{}`, which has "
                                           "no text value",
                                           i + 1, signature->name, TypeName(args[i]->type)))
                    .WithHelp("a resource's platform name is known only to the org; "
                              "write the text you need as a string"));
            continue;
        }
        if (want == Type::kError) continue;
        if (args[i]->type != want) {
            ok = false;
            diags_.Report(MakeDiagnostic(
                              Code::kFunctionArguments, args[i]->span,
                              fmt::format("argument {} of `{}` is `{}`, expected `{}`", i + 1,
                                          signature->name, TypeName(args[i]->type), TypeName(want)))
                              .WithHelp(fmt::format("its signature is `{}`", usage)));
        }
    }
    if (ok && signature->function == Builtin::kPause) ok = CheckPauseLength(*args[0]);
    if (ok &&
        (signature->function == Builtin::kToInt || signature->function == Builtin::kToDecimal))
        ok = CheckNumberLiteral(*args[0], signature->function == Builtin::kToDecimal);
    if (ok && signature->function == Builtin::kIsSet) ok = CheckIsSetArgument(*args[0]);
    return MakeExpr(ok ? signature->result : Type::kError, span,
                    BuiltinCall{signature->function, std::move(args)});
}

// `toInt("twelve")` would fail on every call: said now, with what a number looks like.
bool FlowChecker::CheckNumberLiteral(const Expr& arg, bool decimal) {
    const auto* literal = std::get_if<Literal>(&arg.node);
    const auto* text = literal ? std::get_if<std::string>(&literal->value) : nullptr;
    if (text == nullptr || IsNumberText(*text, decimal)) return true;
    diags_.Report(
        MakeDiagnostic(
            Code::kLiteralNotNumber, arg.span,
            fmt::format("`{}` of \"{}\", which is not {}", decimal ? "toDecimal" : "toInt", *text,
                        decimal ? "a decimal number" : "a whole number"))
            .WithHelp(decimal ? "a decimal is digits with an optional `-` and one `.` between "
                                "digits: \"12\", \"-1.5\" (not \"1,5\")"
                              : "a whole number is digits with an optional `-`: \"12\", \"-3\"; "
                                "write the number itself (`12`) rather than converting text"));
    return false;
}

// `isSet` asks the platform about participant data; of anything else it would always hold.
bool FlowChecker::CheckIsSetArgument(const Expr& arg) {
    if (std::holds_alternative<AttributeRef>(arg.node)) return true;
    diags_.Report(
        MakeDiagnostic(Code::kIsSetArgument, arg.span,
                       "`isSet` takes participant data, such as `contact.attributes.Tier`")
            .WithNote("variables are always set: the checker makes sure they are assigned "
                      "before they are read")
            .WithHelp("to test for empty text, compare it: `x == \"\"`"));
    return false;
}

// A negative pause means nothing on any target; whether the length must be a literal is a
// target's rule (the archy target's, E0812).
bool FlowChecker::CheckPauseLength(const Expr& length) {
    std::optional<std::int64_t> value = IntConstant(length);
    if (!value || *value >= 0) return true;
    diags_.Report(
        MakeDiagnostic(Code::kNegativePause, length.span,
                       fmt::format("`pause` of {} ms: a pause cannot be negative", *value))
            .WithHelp("the length is in milliseconds, 0 or more: `pause(500)` is half a "
                      "second of silence"));
    return false;
}

}  // namespace flowc::sema::internal
