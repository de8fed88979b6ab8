// Pass 1: every flow of the build into one table. Rules: flow names are unique, also when
// case is ignored and also by platform display name, compared as a reader sees them (NFC,
// case folded, invisible characters dropped: base/utf8.h CaselessKey) (LANGUAGE.md "Files,
// imports, names"); a flow's output file is neither the manifest nor a Windows device; names
// have at most kMaxNameLength characters; attributes are known, well-typed and not repeated;
// parameters and outputs are unique per flow, also ignoring case; parameter defaults are
// constants of the parameter's type.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "ast/ast_dump.h"
#include "base/file_names.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "diag/suggest.h"
#include "sema/internal/checker.h"

namespace flowc::sema::internal {
namespace {

constexpr std::array<std::string_view, 9> kAttributes = {"name",      "description", "queues",
                                                         "division",  "language",    "errorPrompt",
                                                         "holdMusic", "integration", "timeout"};

// The attributes that say how a flow runs a call, which a data action does not.
bool IsCallFlowAttribute(std::string_view name) {
    return name == "queues" || name == "holdMusic" || name == "language" || name == "errorPrompt";
}

// `@integration` and `@timeout` (v2) on a data action, and the rules of where each goes.
// False when the attribute is dealt with (applied or reported).
bool ApplyDataActionAttribute(const ast::Attribute& attribute, const ast::FlowDecl& decl,
                              Flow& flow, DiagnosticEngine& diags) {
    const std::string& name = attribute.name.name;
    bool data_action = decl.kind == ast::FlowKind::kDataAction;
    if (data_action && IsCallFlowAttribute(name)) {
        diags.Report(MakeDiagnostic(Code::kAttributeNotAllowed, attribute.span,
                                    fmt::format("`@{}` on a data action", name))
                         .WithHelp("a data action runs in the org, not in a call: it has no "
                                   "queues, languages, hold music or error prompt; put the "
                                   "attribute on the flow that calls it"));
        return false;
    }
    if (name != "integration" && name != "timeout") return true;
    if (!data_action) {
        diags.Report(MakeDiagnostic(Code::kAttributeNotAllowed, attribute.span,
                                    fmt::format("`@{}` on a flow", name))
                         .WithHelp(fmt::format("`@{}` belongs to a `data action` declaration, "
                                               "`@integration(\"Salesforce\") data action "
                                               "Name(...) -> <...>;`",
                                               name)));
        return false;
    }
    if (name == "integration") return true;  // a string, as `@name` is
    const auto* literal = attribute.args.size() == 1 && attribute.named.empty()
                              ? std::get_if<ast::IntLiteral>(&attribute.args[0]->node)
                              : nullptr;
    if (literal == nullptr || literal->value <= 0) {
        diags.Report(
            MakeDiagnostic(Code::kAttributeArguments,
                           attribute.args.size() == 1 ? attribute.args[0]->span : attribute.span,
                           "`@timeout` takes a positive whole number of seconds")
                .WithHelp("write `@timeout(10)`, or leave it out for the platform's "
                          "default"));
        return false;
    }
    flow.timeout_seconds = literal->value;
    return false;
}

// The string value of an attribute argument, or nullopt (reported) when it is not a literal.
std::optional<std::string> StringArgument(const ast::Expr& arg, const ast::Attribute& attribute,
                                          DiagnosticEngine& diags) {
    if (const auto* literal = std::get_if<ast::StringLiteral>(&arg.node)) return literal->value;
    diags.Report(MakeDiagnostic(Code::kAttributeArguments, arg.span,
                                fmt::format("`@{}` takes string literals", attribute.name.name))
                     .WithHelp("write the value in double quotes"));
    return std::nullopt;
}

// `xx-yy` after lower-casing: a 2- or 3-letter language and a region of 2 letters or 3
// digits (`en-us`, `es-419`); the platform needs the region (archy-shapes.md item 1).
bool IsLanguageCode(std::string_view code) {
    auto dash = code.find('-');
    if (dash == std::string_view::npos) return false;
    std::string_view language = code.substr(0, dash);
    std::string_view region = code.substr(dash + 1);
    auto all = [](std::string_view text, auto predicate) {
        return std::all_of(text.begin(), text.end(), predicate);
    };
    auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    return (language.size() == 2 || language.size() == 3) && all(language, letter) &&
           ((region.size() == 2 && all(region, letter)) ||
            (region.size() == 3 && all(region, digit)));
}

std::string LowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool IsVoiceName(std::string_view voice) {
    bool blank = std::all_of(voice.begin(), voice.end(), [](char c) { return c == ' '; });
    bool control = std::any_of(voice.begin(), voice.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
    return !blank && !control;
}

// `@language(code, voice: name)`: repeatable, a language at most once, `voice:` optional.
void ApplyLanguage(const ast::Attribute& attribute, Flow& flow, DiagnosticEngine& diags) {
    if (attribute.args.size() != 1) {
        diags.Report(MakeDiagnostic(Code::kAttributeArguments, attribute.span,
                                    fmt::format("`@language` takes one language code, got {}",
                                                attribute.args.size()))
                         .WithHelp("write `@language(\"es-us\", voice: \"Isabel\")`"));
        return;
    }
    std::optional<std::string> code = StringArgument(*attribute.args[0], attribute, diags);
    FlowLanguage language{LowerAscii(code.value_or("")), std::nullopt, attribute.span};
    bool ok = code.has_value();
    if (code && !IsLanguageCode(language.code)) {
        diags.Report(MakeDiagnostic(Code::kMalformedLanguage, attribute.args[0]->span,
                                    fmt::format("`{}` is not a language code", *code))
                         .WithHelp("write a language and its region, e.g. `\"en-us\"`, "
                                   "`\"es-us\"` or `\"fr-ca\"`"));
        ok = false;
    }
    std::optional<Span> voice_span;
    for (const ast::NamedArgument& arg : attribute.named) {
        if (arg.name.name != "voice") {
            diags.Report(
                MakeDiagnostic(
                    Code::kAttributeArguments, arg.name.span,
                    fmt::format("`@language` takes no named argument `{}`", arg.name.name))
                    .WithHelp("the one named argument is `voice:`, e.g. `voice: \"Jill\"`"));
            ok = false;
            continue;
        }
        if (voice_span) {
            diags.Report(
                MakeDiagnostic(Code::kAttributeArguments, arg.name.span, "`voice:` is given twice")
                    .WithLabel(*voice_span, "first given here")
                    .WithHelp("a language has one voice; keep one of them"));
            ok = false;
            continue;
        }
        voice_span = arg.name.span;
        std::optional<std::string> voice = StringArgument(*arg.value, attribute, diags);
        if (!voice) {
            ok = false;
        } else if (!IsVoiceName(*voice)) {
            diags.Report(MakeDiagnostic(Code::kMalformedLanguage, arg.value->span,
                                        "a voice name is empty or holds a control character")
                             .WithHelp("write the voice's name as the platform lists it, e.g. "
                                       "`voice: \"Jill\"`; leave `voice:` out for the "
                                       "platform's default voice"));
            ok = false;
        } else {
            language.voice = *voice;
        }
    }
    if (!ok) return;
    for (const FlowLanguage& other : flow.languages) {
        if (other.code == language.code) {
            diags.Report(MakeDiagnostic(Code::kRepeatedAttribute, attribute.span,
                                        fmt::format("language `{}` is given twice", language.code))
                             .WithLabel(other.span, "first given here")
                             .WithHelp("keep one of them; a language has one voice"));
            return;
        }
    }
    flow.languages.push_back(std::move(language));
}

void ApplyAttributes(const ast::FlowDecl& decl, Flow& flow, DiagnosticEngine& diags) {
    std::map<std::string, Span> seen;
    for (const ast::Attribute& attribute : decl.attributes) {
        const std::string& name = attribute.name.name;
        bool known = std::find(kAttributes.begin(), kAttributes.end(), name) != kAttributes.end();
        if (!known) {
            std::vector<std::string_view> candidates(kAttributes.begin(), kAttributes.end());
            diags.Report(MakeDiagnostic(Code::kUnknownAttribute, attribute.name.span,
                                        fmt::format("unknown attribute `@{}`", name))
                             .WithHelp(SuggestNameHelp(name, candidates)
                                           .value_or("the attributes are `@name`, `@description`, "
                                                     "`@queues`, `@division`, `@language`, "
                                                     "`@errorPrompt`, `@holdMusic`, "
                                                     "`@integration` and `@timeout`")));
            continue;
        }
        if (!ApplyDataActionAttribute(attribute, decl, flow, diags)) {
            seen.emplace(name, attribute.span);
            continue;
        }
        if (name == "language") {
            ApplyLanguage(attribute, flow, diags);
            continue;
        }
        for (const ast::NamedArgument& arg : attribute.named) {
            diags.Report(MakeDiagnostic(
                             Code::kAttributeArguments, arg.name.span,
                             fmt::format("`@{}` takes no named argument `{}`", name, arg.name.name))
                             .WithHelp("only `@language` has a named argument, `voice:`"));
        }
        if (auto [it, inserted] = seen.emplace(name, attribute.span); !inserted) {
            diags.Report(MakeDiagnostic(Code::kRepeatedAttribute, attribute.span,
                                        fmt::format("`@{}` is given twice", name))
                             .WithLabel(it->second, "first given here")
                             .WithHelp("keep one of them"));
            continue;
        }
        if (name == "errorPrompt" && decl.kind == ast::FlowKind::kShared) {
            diags.Report(MakeDiagnostic(Code::kAttributeNotAllowed, attribute.span,
                                        "`@errorPrompt` on a shared flow")
                             .WithHelp("a common module has no error handling of its own: the "
                                       "calling flow's runs; put `@errorPrompt` on the inbound "
                                       "and in-queue flows"));
            continue;
        }
        if (name == "holdMusic") {
            // The prompt is resolved with the body (resources are declared after flows).
            if (decl.kind != ast::FlowKind::kInQueue) {
                diags.Report(
                    MakeDiagnostic(Code::kAttributeNotAllowed, attribute.span,
                                   fmt::format("`@holdMusic` on {} flow",
                                               decl.kind == ast::FlowKind::kShared ? "a shared"
                                                                                   : "an inbound"))
                        .WithHelp("hold music is what a caller hears waiting in a queue: "
                                  "put it on the `inqueue flow` the transfer names "
                                  "with `via`"));
            } else if (attribute.args.size() != 1 ||
                       !std::holds_alternative<ast::NameRef>(attribute.args[0]->node)) {
                diags.Report(MakeDiagnostic(Code::kAttributeArguments, attribute.span,
                                            "`@holdMusic` takes one `prompt` resource")
                                 .WithHelp("declare the prompt, `prompt HoldMusic = "
                                           "\"Hold_Music\";`, and write `@holdMusic(HoldMusic)`"));
            }
            continue;
        }
        if (name == "queues") {
            if (decl.kind != ast::FlowKind::kInbound) {
                diags.Report(
                    MakeDiagnostic(Code::kAttributeNotAllowed, attribute.span,
                                   fmt::format("`@queues` on {} flow",
                                               decl.kind == ast::FlowKind::kShared ? "a shared"
                                                                                   : "an in-queue"))
                        .WithHelp("queues belong to the inbound flows that handle their "
                                  "calls; move `@queues` there"));
                continue;
            }
            if (attribute.args.empty()) {
                diags.Report(MakeDiagnostic(Code::kAttributeArguments, attribute.span,
                                            "`@queues` needs at least one queue name")
                                 .WithHelp("write `@queues(\"Support\")`"));
            }
            for (const ast::ExprPtr& arg : attribute.args) {
                if (auto value = StringArgument(*arg, attribute, diags)) {
                    flow.queues.push_back(*value);
                    flow.queue_spans.push_back(arg->span);
                }
            }
            continue;
        }
        if (attribute.args.size() != 1) {
            diags.Report(MakeDiagnostic(Code::kAttributeArguments, attribute.span,
                                        fmt::format("`@{}` takes exactly one string, got {}", name,
                                                    attribute.args.size()))
                             .WithHelp(fmt::format("write `@{}(\"...\")`", name)));
            continue;
        }
        std::optional<std::string> value = StringArgument(*attribute.args[0], attribute, diags);
        if (!value) continue;
        if (name == "name") flow.display_name = *value;
        if (name == "description") flow.description = *value;
        if (name == "division") flow.division = *value;
        if (name == "integration") {
            if (value->empty()) {
                diags.Report(MakeDiagnostic(Code::kAttributeArguments, attribute.args[0]->span,
                                            "`@integration` is empty")
                                 .WithHelp("write the name of the integration the data action "
                                           "belongs to, as the org lists it"));
                continue;
            }
            flow.integration = *value;
        }
        if (name == "errorPrompt") {
            if (value->empty()) {
                diags.Report(MakeDiagnostic(Code::kAttributeArguments, attribute.args[0]->span,
                                            "`@errorPrompt` is empty")
                                 .WithHelp("write what the caller hears before the call ends, "
                                           "or leave `@errorPrompt` out for the platform's text"));
                continue;
            }
            flow.error_prompt = *value;
        }
    }
}

bool IsConstant(const ast::Expr& expr) {
    if (const auto* unary = std::get_if<ast::UnaryExpr>(&expr.node)) {
        return unary->op == ast::UnaryOp::kNegate &&
               (std::holds_alternative<ast::IntLiteral>(unary->operand->node) ||
                std::holds_alternative<ast::DecimalLiteral>(unary->operand->node));
    }
    return std::holds_alternative<ast::StringLiteral>(expr.node) ||
           std::holds_alternative<ast::IntLiteral>(expr.node) ||
           std::holds_alternative<ast::DecimalLiteral>(expr.node) ||
           std::holds_alternative<ast::BoolLiteral>(expr.node);
}

// A constant default as a model expression of the parameter's type; null when unusable.
ExprPtr ConstantDefault(const ast::Param& param, DiagnosticEngine& diags) {
    const ast::Expr& expr = *param.default_value;
    if (!IsConstant(expr)) {
        diags.Report(
            MakeDiagnostic(Code::kDefaultNotConstant, expr.span,
                           fmt::format("default of `{}` is not a constant", param.name.name))
                .WithHelp("defaults are literals such as `3`, `\"en-us\"` or `true`; "
                          "compute other values in the flow's body"));
        return nullptr;
    }
    bool negative = false;
    const ast::Expr* value = &expr;
    if (const auto* unary = std::get_if<ast::UnaryExpr>(&expr.node)) {
        negative = true;
        value = unary->operand.get();
    }
    auto out = std::make_unique<Expr>();
    out->span = expr.span;
    Type target = FromAst(param.type.kind);
    if (const auto* s = std::get_if<ast::StringLiteral>(&value->node)) {
        out->type = Type::kString, out->node = Literal{s->value};
    } else if (const auto* i = std::get_if<ast::IntLiteral>(&value->node)) {
        std::int64_t v = negative ? -i->value : i->value;
        if (target == Type::kDecimal) {
            out->type = Type::kDecimal, out->node = Literal{DecimalText{std::to_string(v)}};
        } else {
            out->type = Type::kInt, out->node = Literal{v};
        }
    } else if (const auto* d = std::get_if<ast::DecimalLiteral>(&value->node)) {
        out->type = Type::kDecimal,
        out->node = Literal{DecimalText{(negative ? "-" : "") + d->text}};
    } else if (const auto* b = std::get_if<ast::BoolLiteral>(&value->node)) {
        out->type = Type::kBool, out->node = Literal{b->value};
    }
    if (out->type != target) {
        diags.Report(
            MakeDiagnostic(Code::kTypeMismatch, expr.span,
                           fmt::format("default of `{}` is `{}`, but the parameter is `{}`",
                                       param.name.name, TypeName(out->type), TypeName(target)))
                .WithLabel(param.type.span, "parameter type declared here"));
        return nullptr;
    }
    return out;
}

// A flow is written to `<identifier>.json` (or `.yaml`) beside `manifest.json`: that file must
// not be the manifest or a Windows device, whatever the case, or one output would replace or
// stand for another.
void CheckFileName(const ast::FlowDecl& decl, const Flow& flow, DiagnosticEngine& diags) {
    const std::string& name = flow.name;
    std::optional<std::string> device = WindowsDeviceName(name);
    if (!IsManifestStem(name) && !device) return;
    std::string help =
        flow.display_name == name
            ? fmt::format("rename the flow, and add `@name(\"{}\")` to keep its platform name",
                          name)
            : fmt::format("rename the flow; its `@name` keeps the platform name `{}`",
                          PrintableText(flow.display_name));
    if (device) {
        diags.Report(MakeDiagnostic(Code::kFlowFileIsDevice, decl.name.span,
                                    fmt::format("flow `{}` would be written to `{}.json`, which "
                                                "Windows opens as the device `{}`",
                                                name, name, *device))
                         .WithHelp(std::move(help)));
        return;
    }
    std::string message =
        name == kManifestStem
            ? fmt::format("flow `{}` would be written to `{}.json`, the build's manifest", name,
                          name)
            : fmt::format(
                  "flow `{}` would be written to `{}.json`, which is the build's "
                  "`manifest.json` where file names ignore case (macOS, Windows)",
                  name, name);
    diags.Report(MakeDiagnostic(Code::kFlowFileIsManifest, decl.name.span, std::move(message))
                     .WithHelp(std::move(help)));
}

// A data action is found in the org by its integration and name: both are needed.
void CheckIntegrationGiven(const ast::FlowDecl& decl, DiagnosticEngine& diags) {
    for (const ast::Attribute& attribute : decl.attributes) {
        if (attribute.name.name == "integration") return;  // given (checked where applied)
    }
    diags.Report(
        MakeDiagnostic(Code::kDataActionIntegration, decl.head_span,
                       fmt::format("data action `{}` has no `@integration`", decl.name.name))
            .WithHelp("name the integration it belongs to, as the org lists it: "
                      "`@integration(\"Salesforce\")` above the declaration"));
}

// Parameters and outputs share the flow's variable namespace on the platform.
void DeclareSignature(const ast::FlowDecl& decl, Flow& flow, DiagnosticEngine& diags) {
    std::map<std::string, VarId> by_lower;
    auto declare = [&](const ast::Identifier& name, ast::TypeKind type, VarKind kind) {
        CheckNameLength(name, kind == VarKind::kParam ? "parameter" : "output", diags);
        std::string lower = Lowercase(name.name);
        if (auto it = by_lower.find(lower); it != by_lower.end()) {
            const Variable& first = flow.vars[it->second];
            bool exact = first.name == name.name;
            diags.Report(
                MakeDiagnostic(
                    exact ? Code::kDuplicateDeclaration : Code::kNameCaseClash, name.span,
                    exact ? fmt::format("`{}` is declared twice in `{}`", name.name, flow.name)
                          : fmt::format("`{}` and `{}` differ only in case", name.name, first.name))
                    .WithLabel(first.decl_span, fmt::format("`{}` declared here", first.name))
                    .WithHelp(exact ? "parameters and outputs share one namespace; rename one"
                                    : "the platform may treat names that differ only in case as "
                                      "the same; rename one"));
        } else {
            by_lower.emplace(lower, static_cast<VarId>(flow.vars.size()));
        }
        flow.vars.push_back(Variable{name.name, FromAst(type), kind, name.span});
        return static_cast<VarId>(flow.vars.size() - 1);
    };
    for (const ast::Param& param : decl.params) {
        flow.params.push_back(declare(param.name, param.type.kind, VarKind::kParam));
        flow.param_defaults.push_back(param.default_value ? ConstantDefault(param, diags)
                                                          : nullptr);
    }
    for (const ast::Output& output : decl.outputs) {
        flow.outputs.push_back(declare(output.name, output.type.kind, VarKind::kOutput));
    }
}

}  // namespace

bool CheckNameLength(const ast::Identifier& name, std::string_view what, DiagnosticEngine& diags) {
    std::uint32_t length = CountCodePoints(name.name);
    if (length <= kMaxNameLength) return true;
    std::string_view shown = std::string_view(name.name).substr(0, 24);  // names are ASCII
    diags.Report(MakeDiagnostic(Code::kIdentifierTooLong, name.span,
                                fmt::format("{} name `{}...` is {} characters long, over the "
                                            "limit of {}",
                                            what, shown, length, kMaxNameLength))
                     .WithHelp(what == "flow" ? "shorten it; `@name(\"...\")` gives the flow "
                                                "a longer name on the platform"
                                              : "shorten it"));
    return false;
}

Type FromAst(ast::TypeKind kind) {
    switch (kind) {
        case ast::TypeKind::kString:
            return Type::kString;
        case ast::TypeKind::kInt:
            return Type::kInt;
        case ast::TypeKind::kDecimal:
            return Type::kDecimal;
        case ast::TypeKind::kBool:
            return Type::kBool;
        case ast::TypeKind::kAudio:
            return Type::kAudio;
        case ast::TypeKind::kDatetime:
            return Type::kDatetime;
        case ast::TypeKind::kQueue:
            return Type::kQueue;
        case ast::TypeKind::kSchedule:
            return Type::kSchedule;
        case ast::TypeKind::kEmergency:
            return Type::kEmergency;
        case ast::TypeKind::kPrompt:
            return Type::kPrompt;
        case ast::TypeKind::kSkill:
            return Type::kSkill;
        case ast::TypeKind::kSecureString:
            return Type::kSecureString;
    }
    return Type::kError;
}

GlobalTable DeclareFlows(const ast::Program& program, Model& model, DiagnosticEngine& diags) {
    GlobalTable table;
    IndexImports(program, table);
    std::map<std::string, FlowId> by_caseless;
    std::map<std::pair<std::string, FlowKind>, FlowId> by_display;
    for (const ast::ParsedFile& file : program.files) {
        if (!file.has_declarations) table.some_file_unparsed = true;
        for (const ast::FlowDecl& decl : file.ast.flows) {
            auto id = static_cast<FlowId>(table.entries.size());
            table.entries.push_back(FlowEntry{&decl, file.id, file.ok});
            Flow flow;
            switch (decl.kind) {
                case ast::FlowKind::kShared:
                    flow.kind = FlowKind::kShared;
                    break;
                case ast::FlowKind::kInbound:
                    flow.kind = FlowKind::kInbound;
                    break;
                case ast::FlowKind::kInQueue:
                    flow.kind = FlowKind::kInQueue;
                    break;
                case ast::FlowKind::kDataAction:
                    flow.kind = FlowKind::kDataAction;
                    break;
            }
            flow.name = decl.name.name;
            flow.display_name = decl.name.name;
            flow.description = decl.doc.value_or("");
            flow.span = decl.span;
            flow.head_span = decl.head_span;
            flow.end_span = Span{decl.span.file, decl.span.end - 1, decl.span.end};
            flow.file = file.id;
            flow.external = decl.external;
            ApplyAttributes(decl, flow, diags);
            DeclareSignature(decl, flow, diags);
            bool data_action = decl.kind == ast::FlowKind::kDataAction;
            if (data_action) CheckIntegrationGiven(decl, diags);
            // A data action is never written to a file.
            if (CheckNameLength(decl.name, data_action ? "data action" : "flow", diags) &&
                !data_action) {
                CheckFileName(decl, flow, diags);
            }

            const FlowEntry* clash = nullptr;
            if (auto it = table.by_name.find(flow.name); it != table.by_name.end()) {
                clash = &table.entries[it->second];
                if (clash->decl->external != decl.external &&
                    clash->decl->kind == ast::FlowKind::kShared &&
                    decl.kind == ast::FlowKind::kShared) {
                    const ast::FlowDecl& external = decl.external ? decl : *clash->decl;
                    const ast::FlowDecl& built = decl.external ? *clash->decl : decl;
                    diags.Report(
                        MakeDiagnostic(Code::kExternalFlowRedeclared, decl.name.span,
                                       fmt::format("shared flow `{}` is declared external and "
                                                   "also given a body",
                                                   flow.name))
                            .WithLabel(external.head_span, "declared external (in the org) here")
                            .WithLabel(built.head_span, "given a body here")
                            .WithHelp("an external flow lives in the org and is never built: "
                                      "remove the `;` declaration to build this one, or remove "
                                      "the body to call the org's"));
                } else {
                    diags.Report(
                        MakeDiagnostic(Code::kDuplicateFlow, decl.name.span,
                                       fmt::format("flow `{}` is declared twice", flow.name))
                            .WithLabel(clash->decl->name.span, "first declared here")
                            .WithHelp("flow names are global to the build; rename one"));
                }
            } else if (auto low = by_caseless.find(CaselessKey(flow.name));
                       low != by_caseless.end()) {
                clash = &table.entries[low->second];
                diags.Report(
                    MakeDiagnostic(Code::kFlowNameCaseClash, decl.name.span,
                                   fmt::format("flows `{}` and `{}` differ only in case", flow.name,
                                               clash->decl->name.name))
                        .WithLabel(clash->decl->name.span,
                                   fmt::format("`{}` declared here", clash->decl->name.name))
                        .WithNote(fmt::format("their output files `{}.json` and `{}.json` are one "
                                              "file where file names ignore case (macOS, "
                                              "Windows)",
                                              flow.name, clash->decl->name.name))
                        .WithHelp("the platform may treat them as one flow; rename one"));
            } else {
                table.by_name.emplace(flow.name, id);
                by_caseless.emplace(CaselessKey(flow.name), id);
            }
            auto display_key = std::make_pair(CaselessKey(flow.display_name), flow.kind);
            if (auto it = by_display.find(display_key); !clash && it != by_display.end()) {
                const Flow& other = model.flows[it->second];
                Diagnostic d =
                    MakeDiagnostic(
                        Code::kDuplicateFlow, decl.name.span,
                        fmt::format("`{}` and `{}` have the same platform name `{}`", flow.name,
                                    other.name, PrintableText(flow.display_name)))
                        .WithLabel(other.head_span, fmt::format("`{}` declared here", other.name))
                        .WithHelp("give one of them another `@name(...)`");
                if (other.display_name != flow.display_name) {
                    d.notes.push_back(fmt::format(
                        "`{}` and `{}` are written differently but differ only in case, in how "
                        "accents are encoded (NFC or NFD) or in invisible characters: they look "
                        "the same on the platform",
                        PrintableText(flow.display_name), PrintableText(other.display_name)));
                }
                diags.Report(std::move(d));
            } else {
                by_display.emplace(display_key, id);
            }
            model.flows.push_back(std::move(flow));
        }
    }
    DeclareResources(program, table, model, diags);
    return table;
}

}  // namespace flowc::sema::internal
