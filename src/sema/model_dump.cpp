#include "sema/model_dump.h"

#include <fmt/format.h>

#include "base/overloaded.h"

namespace flowc::sema {
namespace {

std::string_view KindName(VarKind kind) {
    switch (kind) {
        case VarKind::kParam:
            return "param";
        case VarKind::kOutput:
            return "output";
        case VarKind::kLocal:
            return "local";
    }
    return "?";
}

std::string Quoted(std::string_view text) { return LiteralSource(Literal{std::string(text)}); }

class ModelDumper {
  public:
    ModelDumper(const Model& model, const SourceManager& sources)
        : model_(model), sources_(sources) {}

    std::string Take() { return std::move(out_); }

    void DumpResource(const Resource& resource) {
        Line(0,
             fmt::format("resource {} {} = {} {}{}", ResourceKindName(resource.kind), resource.name,
                         Quoted(resource.platform_name), FileOf(resource.span), At(resource.span)));
        if (!resource.description.empty())
            Line(1, fmt::format("description {}", Quoted(resource.description)));
    }

    void DumpFlow(const Flow& flow) {
        flow_ = &flow;
        Line(0, fmt::format("flow {} {}{} {}{}", flow.name, FlowKindName(flow.kind),
                            flow.external ? " external" : "", FileOf(flow.span), At(flow.span)));
        if (flow.display_name != flow.name)
            Line(1, fmt::format("display_name {}", Quoted(flow.display_name)));
        if (!flow.description.empty())
            Line(1, fmt::format("description {}", Quoted(flow.description)));
        for (const std::string& queue : flow.queues)
            Line(1, fmt::format("queue {}", Quoted(queue)));
        if (flow.division) Line(1, fmt::format("division {}", Quoted(*flow.division)));
        for (const FlowLanguage& language : flow.languages) {
            Line(1, fmt::format("language {}{}", Quoted(language.code),
                                language.voice ? " voice " + Quoted(*language.voice) : ""));
        }
        if (flow.error_prompt) Line(1, fmt::format("error_prompt {}", Quoted(*flow.error_prompt)));
        if (flow.hold_music)
            Line(1, fmt::format("hold_music {}", model_.resources.at(*flow.hold_music).name));
        if (!flow.integration.empty())
            Line(1, fmt::format("integration {}", Quoted(flow.integration)));
        if (flow.timeout_seconds) Line(1, fmt::format("timeout {}", *flow.timeout_seconds));
        for (std::size_t i = 0; i < flow.params.size(); ++i) {
            const Expr* fallback = flow.param_defaults[i].get();
            Line(1, fmt::format("{}{}", Declaration(flow.params[i]), fallback ? " default" : ""));
            if (fallback) DumpExpr(2, *fallback);
        }
        for (VarId output : flow.outputs) Line(1, Declaration(output));
        for (VarId var = 0; var < flow.vars.size(); ++var) {
            if (flow.vars[var].kind == VarKind::kLocal) Line(1, Declaration(var));
        }
        if (flow.external) return;
        Line(1, "body");
        DumpBlock(2, flow.body);
        Line(1, fmt::format("end{}", At(flow.end_span)));
    }

  private:
    const Variable& Var(VarId var) const { return flow_->vars.at(var); }

    std::string Declaration(VarId var) const {
        const Variable& v = Var(var);
        return fmt::format("{} {}: {}{}", KindName(v.kind), v.name, TypeName(v.type),
                           At(v.decl_span));
    }

    // Where a span starts, as ` @line:col`; nothing for a span without a file.
    std::string At(Span span) const {
        if (!span.has_file() || span.file >= sources_.size()) return "";
        LineColumn at = sources_.Get(span.file).Locate(span.begin);
        return fmt::format(" @{}:{}", at.line, at.column);
    }

    std::string FileOf(Span span) const {
        if (!span.has_file() || span.file >= sources_.size()) return "";
        return sources_.Get(span.file).path();
    }

    void Line(int depth, std::string_view text) {
        out_.append(static_cast<std::size_t>(depth) * 2, ' ');
        out_ += text;
        out_ += '\n';
    }

    void DumpBlock(int d, const Block& block) {
        if (block.empty()) Line(d, "(empty)");
        for (const StmtPtr& stmt : block) DumpStmt(d, *stmt);
    }

    void DumpStmt(int d, const Stmt& stmt) {
        std::string at = At(stmt.span);
        std::visit(
            Overloaded{
                [&](const Assign& s) {
                    Line(d, fmt::format("assign {}{}", Var(s.var).name, at));
                    DumpExpr(d + 1, *s.value);
                },
                [&](const SetAttribute& s) {
                    Line(d, fmt::format("set contact.attributes.{}{}", s.key, at));
                    DumpExpr(d + 1, *s.value);
                },
                [&](const Play& s) {
                    Line(d, fmt::format("play{}", at));
                    DumpExpr(d + 1, *s.prompt);
                },
                [&](const Collect& s) {
                    std::string least =
                        s.least_digits == 1 ? "" : fmt::format("{}..", s.least_digits);
                    Line(d, fmt::format("collect {} digits={}{}{}", Var(s.var).name, least,
                                        s.digits, at));
                    DumpExpr(d + 1, *s.prompt);
                },
                [&](const Menu& s) {
                    Line(d, fmt::format("menu{}", at));
                    DumpExpr(d + 1, *s.prompt);
                    for (const MenuChoice& choice : s.choices) {
                        Line(d + 1,
                             fmt::format("key {}{}", Quoted(choice.key), At(choice.key_span)));
                        DumpBlock(d + 2, choice.body);
                    }
                    Line(d + 1, "else");
                    DumpBlock(d + 2, s.otherwise);
                },
                [&](const If& s) {
                    Line(d, fmt::format("if{}", at));
                    for (const IfBranch& branch : s.branches) {
                        Line(d + 1, "when");
                        DumpExpr(d + 2, *branch.condition);
                        Line(d + 1, "then");
                        DumpBlock(d + 2, branch.body);
                    }
                    if (s.otherwise) {
                        Line(d + 1, "else");
                        DumpBlock(d + 2, *s.otherwise);
                    }
                },
                [&](const Switch& s) {
                    Line(d, fmt::format("switch{}", at));
                    DumpExpr(d + 1, *s.subject);
                    for (const SwitchCase& c : s.cases) {
                        std::string values;
                        for (const Literal& value : c.values) {
                            values += values.empty() ? "" : ", ";
                            values += LiteralSource(value);
                        }
                        Line(d + 1, fmt::format("case {}{}", values, At(c.label_span)));
                        DumpBlock(d + 2, c.body);
                    }
                    Line(d + 1, "default");
                    DumpBlock(d + 2, s.otherwise);
                },
                [&](const Repeat& s) {
                    if (auto count = s.LiteralCount()) {
                        Line(d, fmt::format("repeat {}{}", *count, at));
                    } else {
                        Line(d, fmt::format("repeat{}", at));
                        DumpExpr(d + 1, *s.count);
                    }
                    DumpBlock(d + 1, s.body);
                },
                [&](const Break&) { Line(d, fmt::format("break{}", at)); },
                [&](const Call& s) { DumpCall(d, s, at); },
                [&](const Transfer& s) {
                    Line(d, fmt::format("transfer{}", at));
                    DumpQueue(d + 1, s.queue);
                    if (s.options->priority) {
                        Line(d + 1, "priority");
                        DumpExpr(d + 2, *s.options->priority);
                    }
                    for (const ExprPtr& skill : s.options->skills) {
                        Line(d + 1, "skill");
                        DumpExpr(d + 2, *skill);
                    }
                    if (s.options->language) {
                        Line(d + 1, "language");
                        DumpExpr(d + 2, *s.options->language);
                    }
                    if (s.options->via_flow) {
                        Line(d + 1, fmt::format("via flow {}",
                                                model_.flows.at(*s.options->via_flow).name));
                    } else if (s.options->via) {
                        Line(d + 1, fmt::format("via {}", Quoted(*s.options->via)));
                    }
                    DumpOtherwise(d + 1, s.otherwise, s.else_span);
                },
                [&](const TransferNumber& s) {
                    Line(d, fmt::format("transfer number{}", at));
                    DumpExpr(d + 1, *s.number);
                    DumpOtherwise(d + 1, s.otherwise, s.else_span);
                },
                [&](const TransferVoicemail& s) {
                    Line(d, fmt::format("transfer voicemail{}", at));
                    DumpQueue(d + 1, s.queue);
                    DumpOtherwise(d + 1, s.otherwise, s.else_span);
                },
                [&](const TransferFlow& s) {
                    if (const auto* flow = std::get_if<FlowId>(&s.target)) {
                        Line(d, fmt::format("transfer flow {}{}", model_.flows.at(*flow).name, at));
                    } else {
                        Line(d, fmt::format("transfer flow {}{}",
                                            Quoted(std::get<std::string>(s.target)), at));
                    }
                    DumpOtherwise(d + 1, s.otherwise, s.else_span);
                },
                [&](const Hours& s) {
                    Line(d, fmt::format("hours{}", at));
                    DumpExpr(d + 1, *s.group);
                    if (s.emergency) {
                        Line(d + 1, "emergency");
                        DumpExpr(d + 2, *s.emergency);
                    }
                    for (const HoursArm& arm : s.arms) {
                        std::string outcomes;
                        for (HoursOutcome outcome : arm.outcomes) {
                            outcomes += fmt::format(" {}", HoursOutcomeName(outcome));
                        }
                        Line(d + 1, fmt::format("arm{}{}", outcomes, At(arm.arm_span)));
                        DumpBlock(d + 2, arm.body);
                    }
                },
                [&](const Hold& s) {
                    Line(d, fmt::format("hold{}", at));
                    DumpExpr(d + 1, *s.seconds);
                },
                [&](const Callback& s) {
                    Line(d, fmt::format("callback{}", at));
                    DumpQueue(d + 1, s.queue);
                    Line(d + 1, "number");
                    DumpExpr(d + 2, *s.contact->number);
                    if (s.contact->name) {
                        Line(d + 1, "name");
                        DumpExpr(d + 2, *s.contact->name);
                    }
                    DumpOtherwise(d + 1, s.otherwise, s.else_span);
                },
                [&](const Hangup&) { Line(d, fmt::format("hangup{}", at)); },
                [&](const Return&) { Line(d, fmt::format("return{}", at)); },
                [&](const SetLanguage& s) {
                    Line(d, fmt::format("language {}{}", Quoted(s.code), at));
                },
            },
            stmt.node);
    }

    void DumpQueue(int d, const QueueTarget& queue) {
        std::visit(Overloaded{
                       [&](const QueueByName& q) {
                           Line(d, fmt::format("queue named {}", Quoted(q.platform_name)));
                       },
                       [&](const ExprPtr& q) {
                           Line(d, "queue");
                           DumpExpr(d + 1, *q);
                       },
                       [&](const QueueLookup& q) {
                           Line(d, "queue found at run time by");
                           DumpExpr(d + 1, *q.name);
                       },
                   },
                   queue);
    }

    void DumpOtherwise(int d, const FailurePath& otherwise, Span else_span) {
        if (!otherwise) return;
        Line(d, fmt::format("else{}", At(else_span)));
        DumpBlock(d + 1, *otherwise);
    }

    // Arguments in the callee's parameter order, each named by its parameter; a parameter
    // the call left out shows the callee's default it gets.
    void DumpCall(int d, const Call& s, const std::string& at) {
        if (s.callee >= model_.flows.size()) {
            Line(d, fmt::format("call <unresolved>{}", at));
            return;
        }
        const Flow& callee = model_.flows[s.callee];
        Line(d, fmt::format("call {}{} callee{}", callee.name, at, At(s.callee_span)));
        for (const CallArgument& arg : s.args) {
            const std::string& param = callee.vars.at(callee.params.at(arg.param)).name;
            const Expr* fallback = callee.param_defaults.at(arg.param).get();
            if (arg.value) {
                Line(d + 1, fmt::format("arg {}", param));
                DumpExpr(d + 2, *arg.value);
            } else if (fallback) {
                // The default's variables are the callee's: print it in the callee's scope.
                Line(d + 1, fmt::format("arg {} (default)", param));
                const Flow* caller = flow_;
                flow_ = &callee;
                DumpExpr(d + 2, *fallback);
                flow_ = caller;
            } else {
                Line(d + 1, fmt::format("arg {} (missing)", param));
            }
        }
        for (const OutputBinding& binding : s.bindings) {
            const std::string& output = callee.vars.at(callee.outputs.at(binding.output)).name;
            Line(d + 1, fmt::format("bind {} <- {}", Var(binding.var).name, output));
        }
        if (!s.outcomes) return;
        if (s.outcomes->timeout) {
            Line(d + 1, fmt::format("timeout{}", At(s.outcomes->timeout_span)));
            DumpBlock(d + 2, *s.outcomes->timeout);
        }
        Line(d + 1, fmt::format("else{}", At(s.outcomes->else_span)));
        DumpBlock(d + 2, s.outcomes->failure);
    }

    void DumpExpr(int d, const Expr& expr) {
        std::string type(TypeName(expr.type));
        std::visit(
            Overloaded{
                [&](const Literal& e) {
                    Line(d, fmt::format("literal {}: {}", LiteralSource(e), type));
                },
                [&](const VarRef& e) { Line(d, fmt::format("var {}: {}", Var(e.var).name, type)); },
                [&](const ResourceRef& e) {
                    const Resource& resource = model_.resources.at(e.resource);
                    Line(d, fmt::format("resource {} = {}: {}", resource.name,
                                        Quoted(resource.platform_name), type));
                },
                [&](const ContextRef& e) {
                    Line(d, fmt::format("call.{}: {}", CallPropertyName(e.property), type));
                },
                [&](const AttributeRef& e) {
                    Line(d, fmt::format("contact.attributes.{}: {}", e.key, type));
                },
                [&](const Unary& e) {
                    Line(d, fmt::format("unary {}: {}", OperatorText(e.op), type));
                    DumpExpr(d + 1, *e.operand);
                },
                [&](const Binary& e) {
                    std::string_view op = e.op == BinaryOp::kConcat      ? "concat"
                                          : e.op == BinaryOp::kJoinAudio ? "join_audio"
                                                                         : OperatorText(e.op);
                    Line(d, fmt::format("binary {}: {}", op, type));
                    DumpExpr(d + 1, *e.lhs);
                    DumpExpr(d + 1, *e.rhs);
                },
                [&](const BuiltinCall& e) {
                    Line(d, fmt::format("builtin {}: {}", BuiltinName(e.function), type));
                    for (const ExprPtr& arg : e.args) DumpExpr(d + 1, *arg);
                },
                [&](const ToDecimal& e) {
                    Line(d, fmt::format("to_decimal: {}", type));
                    DumpExpr(d + 1, *e.operand);
                },
                [&](const ToAudio& e) {
                    Line(d, fmt::format("to_audio: {}", type));
                    DumpExpr(d + 1, *e.operand);
                },
                [&](const Conditional& e) {
                    Line(d, fmt::format("conditional: {}", type));
                    DumpExpr(d + 1, *e.condition);
                    DumpExpr(d + 1, *e.when_true);
                    DumpExpr(d + 1, *e.when_false);
                },
            },
            expr.node);
    }

    const Model& model_;
    const SourceManager& sources_;
    const Flow* flow_ = nullptr;
    std::string out_;
};

}  // namespace

std::string_view CallPropertyName(CallProperty property) {
    switch (property) {
        case CallProperty::kAni:
            return "ani";
        case CallProperty::kDnis:
            return "dnis";
        case CallProperty::kLanguage:
            return "language";
        case CallProperty::kQueue:
            return "queue";
        case CallProperty::kPositionInQueue:
            return "positionInQueue";
    }
    return "?";
}

std::string_view BuiltinName(Builtin function) {
    switch (function) {
        case Builtin::kLen:
            return "len";
        case Builtin::kToString:
            return "toString";
        case Builtin::kToInt:
            return "toInt";
        case Builtin::kStartsWith:
            return "startsWith";
        case Builtin::kContains:
            return "contains";
        case Builtin::kPause:
            return "pause";
        case Builtin::kNoBargeIn:
            return "noBargeIn";
        case Builtin::kEndsWith:
            return "endsWith";
        case Builtin::kLower:
            return "lower";
        case Builtin::kUpper:
            return "upper";
        case Builtin::kTrim:
            return "trim";
        case Builtin::kSubstring:
            return "substring";
        case Builtin::kIndexOf:
            return "indexOf";
        case Builtin::kReplace:
            return "replace";
        case Builtin::kToDecimal:
            return "toDecimal";
        case Builtin::kIsSet:
            return "isSet";
        case Builtin::kNow:
            return "now";
        case Builtin::kAddMinutes:
            return "addMinutes";
        case Builtin::kAddHours:
            return "addHours";
        case Builtin::kAddDays:
            return "addDays";
        case Builtin::kMinutesBetween:
            return "minutesBetween";
    }
    return "?";
}

std::string_view OperatorText(UnaryOp op) { return op == UnaryOp::kNot ? "!" : "-"; }

std::string_view OperatorText(BinaryOp op) {
    switch (op) {
        case BinaryOp::kMul:
            return "*";
        case BinaryOp::kDiv:
            return "/";
        case BinaryOp::kAdd:
        case BinaryOp::kConcat:
        case BinaryOp::kJoinAudio:
            return "+";
        case BinaryOp::kSub:
            return "-";
        case BinaryOp::kLess:
            return "<";
        case BinaryOp::kLessEq:
            return "<=";
        case BinaryOp::kGreater:
            return ">";
        case BinaryOp::kGreaterEq:
            return ">=";
        case BinaryOp::kEq:
            return "==";
        case BinaryOp::kNotEq:
            return "!=";
        case BinaryOp::kAnd:
            return "&&";
        case BinaryOp::kOr:
            return "||";
    }
    return "?";
}

std::string ExprText(const Expr& expr, const Flow& flow, const Model* model) {
    return std::visit(
        Overloaded{
            [&](const Literal& e) { return LiteralSource(e); },
            [&](const VarRef& e) { return flow.vars.at(e.var).name; },
            [&](const ResourceRef& e) {
                return model ? model->resources.at(e.resource).name
                             : fmt::format("resource#{}", e.resource);
            },
            [&](const ContextRef& e) {
                return fmt::format("call.{}", CallPropertyName(e.property));
            },
            [&](const AttributeRef& e) { return fmt::format("contact.attributes.{}", e.key); },
            [&](const Unary& e) {
                return fmt::format("{}{}", OperatorText(e.op), ExprText(*e.operand, flow, model));
            },
            [&](const Binary& e) {
                return fmt::format("({} {} {})", ExprText(*e.lhs, flow, model), OperatorText(e.op),
                                   ExprText(*e.rhs, flow, model));
            },
            [&](const BuiltinCall& e) {
                std::string args;
                for (const ExprPtr& arg : e.args) {
                    args += args.empty() ? "" : ", ";
                    args += ExprText(*arg, flow, model);
                }
                return fmt::format("{}({})", BuiltinName(e.function), args);
            },
            [&](const ToDecimal& e) {
                return fmt::format("decimal({})", ExprText(*e.operand, flow, model));
            },
            [&](const ToAudio& e) {
                return fmt::format("audio({})", ExprText(*e.operand, flow, model));
            },
            [&](const Conditional& e) {
                return fmt::format("({} ? {} : {})", ExprText(*e.condition, flow, model),
                                   ExprText(*e.when_true, flow, model),
                                   ExprText(*e.when_false, flow, model));
            },
        },
        expr.node);
}

std::string DumpModel(const Model& model, const SourceManager& sources) {
    ModelDumper dumper(model, sources);
    for (const Resource& resource : model.resources) dumper.DumpResource(resource);
    for (const Flow& flow : model.flows) dumper.DumpFlow(flow);
    return dumper.Take();
}

}  // namespace flowc::sema
