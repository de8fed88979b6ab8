#include "ast/ast_dump.h"

#include <fmt/format.h>

#include "ast/flow_literal.h"
#include "base/overloaded.h"

namespace flowc::ast {
namespace {

std::string_view TransferKindSuffix(TransferKind kind) {
    switch (kind) {
        case TransferKind::kQueue:
            return "";
        case TransferKind::kNumber:
            return "Number";
        case TransferKind::kVoicemail:
            return "Voicemail";
        case TransferKind::kFlow:
            return "Flow";
    }
    return "";
}

std::string_view FlowKindWord(FlowKind kind) {
    switch (kind) {
        case FlowKind::kShared:
            return "shared";
        case FlowKind::kInbound:
            return "inbound";
        case FlowKind::kInQueue:
            return "inqueue";
        case FlowKind::kDataAction:
            return "data-action";
    }
    return "";
}

class Dumper {
  public:
    explicit Dumper(const SourceFile& source) : source_(source) {}

    std::string Take() { return std::move(out_); }

    void DumpFile(const File& file) {
        Line(0, "File");
        for (const Import& import : file.imports) {
            Line(1, fmt::format("Import {} {}", QuoteFlowString(import.path), At(import.span)));
        }
        for (const ResourceDecl& resource : file.resources) DumpResource(resource);
        for (const FlowDecl& flow : file.flows) DumpFlow(flow);
    }

  private:
    std::string At(Span span) const {
        LineColumn b = source_.Locate(span.begin);
        LineColumn e = source_.Locate(span.end);
        return fmt::format("[{}:{}-{}:{}]", b.line, b.column, e.line, e.column);
    }

    void Line(int depth, std::string_view text) {
        out_.append(static_cast<std::size_t>(depth) * 2, ' ');
        out_ += text;
        out_ += '\n';
    }

    std::string Name(const Identifier& id) const {
        return fmt::format("{} {}", id.name, At(id.span));
    }

    void DumpAttribute(const Attribute& attribute) {
        Line(2, fmt::format("Attribute {} {}", Name(attribute.name), At(attribute.span)));
        for (const ExprPtr& arg : attribute.args) DumpExpr(3, *arg);
        for (const NamedArgument& arg : attribute.named) {
            Line(3, fmt::format("Named {}", Name(arg.name)));
            DumpExpr(4, *arg.value);
        }
    }

    void DumpResource(const ResourceDecl& resource) {
        Line(1, fmt::format("Resource {} {} = {} {} head={}", ResourceKindName(resource.kind),
                            Name(resource.name), QuoteFlowString(resource.platform_name),
                            At(resource.span), At(resource.head_span)));
        if (resource.doc) Line(2, fmt::format("Doc {}", QuoteFlowString(*resource.doc)));
        for (const Attribute& attribute : resource.attributes) {
            DumpAttribute(attribute);
        }
    }

    void DumpFlow(const FlowDecl& flow) {
        Line(1, fmt::format("Flow {}{} {} {} head={}", FlowKindWord(flow.kind),
                            flow.external ? " external" : "", Name(flow.name), At(flow.span),
                            At(flow.head_span)));
        if (flow.doc) Line(2, fmt::format("Doc {}", QuoteFlowString(*flow.doc)));
        for (const Attribute& attribute : flow.attributes) {
            DumpAttribute(attribute);
        }
        for (const Param& param : flow.params) {
            Line(2, fmt::format("Param {}: {} {}", Name(param.name), TypeName(param.type.kind),
                                At(param.span)));
            if (param.default_value) DumpExpr(3, *param.default_value);
        }
        for (const Output& output : flow.outputs) {
            Line(2, fmt::format("Output {}: {} {}", Name(output.name), TypeName(output.type.kind),
                                At(output.span)));
        }
        if (!flow.external) DumpBlock(2, flow.body);
    }

    void DumpBlock(int depth, const Block& block) {
        Line(depth, fmt::format("Block {}", At(block.span)));
        for (const StmtPtr& stmt : block.stmts) DumpStmt(depth + 1, *stmt);
    }

    void DumpStmt(int d, const Stmt& stmt) {
        std::string at = At(stmt.span);
        std::visit(
            Overloaded{
                [&](const VarStmt& s) {
                    Line(d, fmt::format("Var {}{} {}", Name(s.name),
                                        s.type ? fmt::format(": {}", TypeName(s.type->kind)) : "",
                                        at));
                    if (s.init) DumpExpr(d + 1, *s.init);
                },
                [&](const AssignStmt& s) {
                    Line(d, fmt::format("Assign {} {}", Name(s.target), at));
                    DumpExpr(d + 1, *s.value);
                },
                [&](const SetAttributeStmt& s) {
                    Line(d, fmt::format("SetAttribute {} {}", Name(s.key), at));
                    DumpExpr(d + 1, *s.value);
                },
                [&](const PlayStmt& s) {
                    Line(d, fmt::format("Play {}", at));
                    DumpExpr(d + 1, *s.prompt);
                },
                [&](const CollectStmt& s) {
                    std::string least =
                        s.least_digits == 1 ? "" : fmt::format("{}..", s.least_digits);
                    Line(d, fmt::format("Collect {}{} digits={}{} {}", s.secure ? "secure " : "",
                                        Name(s.target), least, s.digits.value, at));
                    DumpExpr(d + 1, *s.prompt);
                },
                [&](const MenuStmt& s) {
                    Line(d, fmt::format("Menu {}", at));
                    DumpExpr(d + 1, *s.prompt);
                    for (const MenuArm& arm : s.arms) {
                        Line(d + 1, fmt::format("Arm {} {}",
                                                arm.label ? QuoteFlowString(*arm.label) : "else",
                                                At(arm.label_span)));
                        DumpStmt(d + 2, *arm.body);
                    }
                },
                [&](const IfStmt& s) {
                    Line(d, fmt::format("If {}", at));
                    for (const IfBranch& branch : s.branches) {
                        Line(d + 1, "Branch");
                        DumpExpr(d + 2, *branch.condition);
                        DumpBlock(d + 2, branch.body);
                    }
                    if (s.otherwise) {
                        Line(d + 1, "Else");
                        DumpBlock(d + 2, *s.otherwise);
                    }
                },
                [&](const SwitchStmt& s) {
                    Line(d, fmt::format("Switch {}", at));
                    DumpExpr(d + 1, *s.subject);
                    for (const SwitchArm& arm : s.arms) {
                        Line(d + 1, fmt::format("{} {}", arm.is_default ? "Default" : "Case",
                                                At(arm.label_span)));
                        for (const ExprPtr& value : arm.values) DumpExpr(d + 2, *value);
                        DumpStmt(d + 2, *arm.body);
                    }
                },
                [&](const RepeatStmt& s) {
                    if (const auto* count = std::get_if<IntLiteral>(&s.count->node)) {
                        Line(d, fmt::format("Repeat {} {}", count->value, at));
                    } else {
                        Line(d, fmt::format("Repeat {}", at));
                        DumpExpr(d + 1, *s.count);
                    }
                    DumpBlock(d + 1, s.body);
                },
                [&](const BreakStmt&) { Line(d, fmt::format("Break {}", at)); },
                [&](const CallStmt& s) {
                    Line(d, fmt::format("Call {} {}", Name(s.callee), at));
                    for (const Argument& arg : s.args) {
                        Line(d + 1, fmt::format("Arg {} {}", Name(arg.param), At(arg.span)));
                        DumpExpr(d + 2, *arg.value);
                    }
                    for (const Binding& bind : s.bindings) {
                        Line(d + 1,
                             fmt::format("Bind {} = {}{} {}", Name(bind.local), Name(bind.output),
                                         bind.shorthand ? " (shorthand)" : "", At(bind.span)));
                    }
                    if (s.on_timeout()) {
                        Line(d + 1, fmt::format("Timeout {}", At(s.timeout_span())));
                        DumpStmt(d + 2, *s.on_timeout());
                    }
                    if (s.otherwise()) {
                        Line(d + 1, fmt::format("Else {}", At(s.else_span())));
                        DumpStmt(d + 2, *s.otherwise());
                    }
                },
                [&](const TransferStmt& s) {
                    Line(d, fmt::format("Transfer{} {}", TransferKindSuffix(s.kind), at));
                    DumpExpr(d + 1, *s.target);
                    if (s.priority) {
                        Line(d + 1, "Priority");
                        DumpExpr(d + 2, *s.priority);
                    }
                    for (const ExprPtr& skill : s.skills) {
                        Line(d + 1, "Skill");
                        DumpExpr(d + 2, *skill);
                    }
                    if (s.language) {
                        Line(d + 1, "Language");
                        DumpExpr(d + 2, *s.language);
                    }
                    if (s.via) {
                        Line(d + 1, "Via");
                        DumpExpr(d + 2, *s.via);
                    }
                    if (s.otherwise) {
                        Line(d + 1, fmt::format("Else {}", At(s.else_span)));
                        DumpStmt(d + 2, *s.otherwise);
                    }
                },
                [&](const HoursStmt& s) {
                    Line(d, fmt::format("Hours {}", at));
                    DumpExpr(d + 1, *s.group);
                    if (s.emergency) {
                        Line(d + 1, fmt::format("Emergency {}", At(s.emergency_span)));
                        DumpExpr(d + 2, *s.emergency);
                    }
                    for (const HoursArm& arm : s.arms) {
                        Line(d + 1,
                             fmt::format("Arm {} {}",
                                         arm.outcome ? HoursOutcomeName(*arm.outcome) : "else",
                                         At(arm.label_span)));
                        DumpStmt(d + 2, *arm.body);
                    }
                },
                [&](const LanguageStmt& s) {
                    Line(d, fmt::format("Language {}", at));
                    DumpExpr(d + 1, *s.code);
                },
                [&](const HoldStmt& s) {
                    Line(d, fmt::format("Hold {}", at));
                    DumpExpr(d + 1, *s.seconds);
                },
                [&](const CallbackStmt& s) {
                    Line(d, fmt::format("Callback {}", at));
                    DumpExpr(d + 1, *s.queue);
                    Line(d + 1, "Number");
                    DumpExpr(d + 2, *s.number);
                    if (s.callback_name) {
                        Line(d + 1, "Name");
                        DumpExpr(d + 2, *s.callback_name);
                    }
                    if (s.otherwise) {
                        Line(d + 1, fmt::format("Else {}", At(s.else_span)));
                        DumpStmt(d + 2, *s.otherwise);
                    }
                },
                [&](const HangupStmt&) { Line(d, fmt::format("Hangup {}", at)); },
                [&](const ReturnStmt&) { Line(d, fmt::format("Return {}", at)); },
                [&](const Block& b) { DumpBlock(d, b); },
            },
            stmt.node);
    }

    void DumpExpr(int d, const Expr& expr) {
        std::string at = At(expr.span);
        std::visit(
            Overloaded{
                [&](const StringLiteral& e) {
                    Line(d, fmt::format("String {} {}", QuoteFlowString(e.value), at));
                },
                [&](const IntLiteral& e) { Line(d, fmt::format("Int {} {}", e.value, at)); },
                [&](const DecimalLiteral& e) { Line(d, fmt::format("Decimal {} {}", e.text, at)); },
                [&](const BoolLiteral& e) {
                    Line(d, fmt::format("Bool {} {}", e.value ? "true" : "false", at));
                },
                [&](const NameRef& e) { Line(d, fmt::format("Name {} {}", e.name.name, at)); },
                [&](const CallProperty& e) {
                    Line(d, fmt::format("CallProperty {} {}", e.property.name, at));
                },
                [&](const ContactAttribute& e) {
                    Line(d, fmt::format("ContactAttribute {} {}", e.key.name, at));
                },
                [&](const UnaryExpr& e) {
                    Line(d, fmt::format("Unary {} {}", OperatorText(e.op), at));
                    DumpExpr(d + 1, *e.operand);
                },
                [&](const BinaryExpr& e) {
                    Line(d, fmt::format("Binary {} {}", OperatorText(e.op), at));
                    DumpExpr(d + 1, *e.lhs);
                    DumpExpr(d + 1, *e.rhs);
                },
                [&](const FunctionCall& e) {
                    Line(d, fmt::format("Function {} {}", e.function.name, at));
                    for (const ExprPtr& arg : e.args) DumpExpr(d + 1, *arg);
                },
                [&](const ConditionalExpr& e) {
                    Line(d, fmt::format("Conditional {}", at));
                    DumpExpr(d + 1, *e.condition);
                    DumpExpr(d + 1, *e.when_true);
                    DumpExpr(d + 1, *e.when_false);
                },
            },
            expr.node);
    }

    const SourceFile& source_;
    std::string out_;
};

}  // namespace

std::string_view TypeName(TypeKind kind) {
    switch (kind) {
        case TypeKind::kString:
            return "string";
        case TypeKind::kInt:
            return "int";
        case TypeKind::kDecimal:
            return "decimal";
        case TypeKind::kBool:
            return "bool";
        case TypeKind::kAudio:
            return "audio";
        case TypeKind::kDatetime:
            return "datetime";
        case TypeKind::kQueue:
            return "queue";
        case TypeKind::kSchedule:
            return "schedule";
        case TypeKind::kEmergency:
            return "emergency";
        case TypeKind::kPrompt:
            return "prompt";
        case TypeKind::kSkill:
            return "skill";
        case TypeKind::kSecureString:
            return "secure string";
    }
    return "?";
}

std::string_view ResourceKindName(ResourceKind kind) {
    switch (kind) {
        case ResourceKind::kQueue:
            return "queue";
        case ResourceKind::kSchedule:
            return "schedule";
        case ResourceKind::kEmergency:
            return "emergency";
        case ResourceKind::kPrompt:
            return "prompt";
        case ResourceKind::kSkill:
            return "skill";
    }
    return "?";
}

std::string_view HoursOutcomeName(HoursOutcome outcome) {
    switch (outcome) {
        case HoursOutcome::kOpen:
            return "open";
        case HoursOutcome::kClosed:
            return "closed";
        case HoursOutcome::kHoliday:
            return "holiday";
        case HoursOutcome::kEmergency:
            return "emergency";
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

std::string Dump(const File& file, const SourceFile& source) {
    Dumper dumper(source);
    dumper.DumpFile(file);
    return dumper.Take();
}

}  // namespace flowc::ast
