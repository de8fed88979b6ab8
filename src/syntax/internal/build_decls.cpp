// Files, imports, flow declarations, attributes, parameters, outputs, types, doc comments.
#include <fmt/format.h>

#include <array>
#include <utility>

#include "base/edit_distance.h"
#include "base/source_file.h"
#include "syntax/internal/builder.h"

namespace flowc::syntax_internal {
namespace {

struct TypeSpelling {
    std::string_view text;
    ast::TypeKind kind;
};
constexpr std::array<TypeSpelling, 11> kTypes = {{{"string", ast::TypeKind::kString},
                                                  {"int", ast::TypeKind::kInt},
                                                  {"decimal", ast::TypeKind::kDecimal},
                                                  {"bool", ast::TypeKind::kBool},
                                                  {"audio", ast::TypeKind::kAudio},
                                                  {"datetime", ast::TypeKind::kDatetime},
                                                  {"queue", ast::TypeKind::kQueue},
                                                  {"schedule", ast::TypeKind::kSchedule},
                                                  {"emergency", ast::TypeKind::kEmergency},
                                                  {"prompt", ast::TypeKind::kPrompt},
                                                  {"skill", ast::TypeKind::kSkill}}};

struct ResourceSpelling {
    std::string_view text;
    ast::ResourceKind kind;
};
constexpr std::array<ResourceSpelling, ast::kResourceKindCount> kResourceKinds = {{
    {"queue", ast::ResourceKind::kQueue},
    {"schedule", ast::ResourceKind::kSchedule},
    {"emergency", ast::ResourceKind::kEmergency},
    {"prompt", ast::ResourceKind::kPrompt},
    {"skill", ast::ResourceKind::kSkill},
}};
// Names other languages use, mapped to ours for the hint.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kForeignTypes = {{
    {"integer", "int"},
    {"long", "int"},
    {"number", "decimal"},
    {"float", "decimal"},
    {"double", "decimal"},
    {"boolean", "bool"},
    {"str", "string"},
    {"text", "string"},
    {"String", "string"},
}};

std::string_view KindWord(ast::FlowKind kind) {
    switch (kind) {
        case ast::FlowKind::kShared:
            return "shared";
        case ast::FlowKind::kInbound:
            return "inbound";
        case ast::FlowKind::kInQueue:
            return "in-queue";
        case ast::FlowKind::kDataAction:
            return "data action";
    }
    return "inbound";
}

}  // namespace

ast::Identifier AstBuilder::Ident(P::NameContext* ctx) const {
    return ast::Identifier{ctx->getStart()->getText(), SpanOf(ctx->getStart())};
}

ast::TypeRef AstBuilder::BuildType(P::NameContext* ctx) {
    std::string text = ctx->getStart()->getText();
    Span span = SpanOf(ctx->getStart());
    for (const TypeSpelling& type : kTypes) {
        if (text == type.text) return ast::TypeRef{type.kind, span};
    }
    std::string help =
        "the types are `string`, `int`, `decimal`, `bool`, `audio` and the resource types `queue`, "
        "`schedule`, `emergency`, `prompt` and `skill`";
    for (auto [foreign, ours] : kForeignTypes) {
        if (text == foreign) help = fmt::format("did you mean `{}`?", ours);
    }
    for (const TypeSpelling& type : kTypes) {
        if (EditDistance(text, type.text) <= 2 && text.size() > 2) {
            help = fmt::format("did you mean `{}`?", type.text);
        }
    }
    sink_.Report(Code::kUnknownType, span, fmt::format("unknown type `{}`", text), help);
    return ast::TypeRef{ast::TypeKind::kString, span};
}

ast::TypeRef AstBuilder::BuildType(P::NameContext* modifier, P::NameContext* ctx) {
    ast::TypeRef type = BuildType(ctx);
    if (modifier == nullptr) return type;
    std::string word = modifier->getStart()->getText();
    Span span = SpanOf(modifier->getStart());
    if (word != "secure") {
        sink_.Report(
            Code::kTypeModifier, span,
            fmt::format("unknown word `{}` before the type `{}`", word, ctx->getStart()->getText()),
            EditDistance(word, "secure") <= 2
                ? "did you mean `secure`?"
                : "the only word allowed before a type is `secure`, in `secure string`");
        return type;
    }
    if (type.kind != ast::TypeKind::kString) {
        sink_.Report(Code::kSecureNotString, span,
                     fmt::format("`secure {}`: only `string` values can be secure",
                                 ctx->getStart()->getText()),
                     "declare it `secure string`; a PIN or an account number is collected as "
                     "text");
        return type;
    }
    return ast::TypeRef{ast::TypeKind::kSecureString, Span{span.file, span.begin, type.span.end}};
}

bool AstBuilder::BuildCollectModifier(P::NameContext* modifier) {
    if (modifier == nullptr) return false;
    std::string word = modifier->getStart()->getText();
    if (word == "secure") return true;
    sink_.Report(Code::kTypeModifier, SpanOf(modifier->getStart()),
                 fmt::format("unknown word `{}` after `collect`", word),
                 EditDistance(word, "secure") <= 2
                     ? "did you mean `secure`?"
                     : "write `collect x prompt ...` or `collect secure x prompt ...`");
    return false;
}

std::optional<std::string> AstBuilder::DocCommentAbove(antlr4::Token* first) {
    std::vector<antlr4::Token*> hidden = tokens_.getHiddenTokensToLeft(first->getTokenIndex());
    std::vector<std::string> lines;
    // Walk upwards: doc lines separated only by single line breaks belong to this flow.
    for (auto it = hidden.rbegin(); it != hidden.rend(); ++it) {
        antlr4::Token* token = *it;
        if (token->getType() == P::WS) {
            std::string text = token->getText();
            if (CountLineEnds(text) > 1) break;
            continue;
        }
        if (token->getType() != P::DOC_COMMENT) break;
        std::string text = token->getText().substr(3);
        if (!text.empty() && text[0] == ' ') text.erase(0, 1);
        while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
        lines.push_back(std::move(text));
    }
    if (lines.empty()) return std::nullopt;
    std::string doc;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        if (!doc.empty()) doc += '\n';
        doc += *it;
    }
    return doc;
}

ast::File AstBuilder::BuildFile(P::FileContext* ctx) {
    ast::File file;
    file.file = sink_.file();
    bool seen_declaration = false;
    for (P::TopLevelContext* item : ctx->items) {
        if (P::ImportDeclContext* import = item->importDecl()) {
            Span span = SpanOf(import->path);
            if (seen_declaration) {
                sink_.Report(Code::kImportAfterFlow, SpanOf(import), "`import` after a declaration",
                             "move every `import` to the top of the file");
            }
            file.imports.push_back(ast::Import{DecodeString(import->path), span});
        } else if (P::FlowDeclContext* flow = item->flowDecl()) {
            seen_declaration = true;
            file.flows.push_back(BuildFlow(flow));
        } else if (P::DataActionDeclContext* action = item->dataActionDecl()) {
            seen_declaration = true;
            if (std::optional<ast::FlowDecl> built = BuildDataAction(action)) {
                file.flows.push_back(std::move(*built));
            }
        } else if (P::ResourceDeclContext* resource = item->resourceDecl()) {
            seen_declaration = true;
            if (std::optional<ast::ResourceDecl> built = BuildResource(resource)) {
                file.resources.push_back(std::move(*built));
            }
        }
    }
    return file;
}

ast::FlowDecl AstBuilder::BuildFlow(P::FlowDeclContext* ctx) {
    ast::FlowDecl flow;
    Span kind_span;
    if (ctx->kind != nullptr) {
        flow.kind =
            ctx->kind->getType() == P::SHARED ? ast::FlowKind::kShared : ast::FlowKind::kInbound;
        kind_span = SpanOf(ctx->kind);
    } else {
        flow.kind = ast::FlowKind::kInQueue;
        kind_span = SpanOf(ctx->kindName);
        std::string word = ctx->kindName->getText();
        if (word != "inqueue") {
            std::string help =
                "the kinds of flow are `shared flow`, `inbound flow` and "
                "`inqueue flow`";
            if (EditDistance(word, "inqueue") <= 2 && word.size() > 2) {
                help = "did you mean `inqueue`?";
            }
            sink_.Report(Code::kUnknownDeclarationKind, kind_span,
                         fmt::format("`{} flow` is not a kind of flow", word), help);
        }
    }
    flow.name = Ident(ctx->flowName);
    flow.span = SpanOf(ctx);
    flow.head_span = Join(kind_span, flow.name.span);
    flow.doc = DocCommentAbove(ctx->getStart());
    flow.attributes = BuildAttributes(ctx->attrs);
    if (ctx->params != nullptr) {
        if (flow.kind != ast::FlowKind::kShared) {
            sink_.Report(Code::kInboundSignature, SpanOf(ctx->params),
                         fmt::format("{} flow `{}` cannot take parameters", KindWord(flow.kind),
                                     flow.name.name),
                         flow.kind == ast::FlowKind::kInQueue
                             ? "an in-queue flow runs for a caller waiting in a queue, with no "
                               "inputs; read `call.ani`, `call.queue` and friends"
                             : "a call enters an inbound flow with no inputs; read `call.ani` "
                               "and friends, or move this logic into a `shared flow`");
        }
    }
    if (ctx->outputs != nullptr) {
        if (flow.kind != ast::FlowKind::kShared) {
            sink_.Report(Code::kInboundSignature, SpanOf(ctx->outputs),
                         fmt::format("{} flow `{}` cannot have outputs", KindWord(flow.kind),
                                     flow.name.name),
                         "only a `shared flow` returns outputs to its caller");
        }
    }
    BuildSignature(ctx->params, ctx->outputs, flow);
    if (ctx->external != nullptr) {
        flow.external = true;
        flow.body.span = SpanOf(ctx->external);
        if (flow.kind != ast::FlowKind::kShared) {
            sink_.Report(
                Code::kExternalInboundFlow, SpanOf(ctx->external),
                fmt::format("{} flow `{}` has no body", KindWord(flow.kind), flow.name.name),
                fmt::format("only a shared flow can be external (`shared flow Name(...) -> "
                            "<...>;` names a common module of the org); give the {} flow a "
                            "body `{{ ... }}`",
                            KindWord(flow.kind)));
        }
    } else {
        flow.body = BuildBlock(ctx->body);
    }
    return flow;
}

std::optional<ast::FlowDecl> AstBuilder::BuildDataAction(P::DataActionDeclContext* ctx) {
    Span kind_span = Join(SpanOf(ctx->dataWord), SpanOf(ctx->actionWord));
    std::string kind = fmt::format("{} {}", ctx->dataWord->getText(), ctx->actionWord->getText());
    if (kind != "data action") {
        std::string help =
            "a top-level declaration is a flow (`shared flow`, `inbound flow`, `inqueue flow`), "
            "a `data action` or an org resource (`queue Sales = \"Sales\";`)";
        if (EditDistance(kind, "data action") <= 2) help = "did you mean `data action`?";
        sink_.Report(Code::kUnknownDeclarationKind, kind_span,
                     fmt::format("`{}` is not a kind of declaration", kind), help);
        return std::nullopt;
    }
    ast::FlowDecl action;
    action.kind = ast::FlowKind::kDataAction;
    action.external = true;
    action.name = Ident(ctx->actionName);
    action.span = SpanOf(ctx);
    action.head_span = Join(kind_span, action.name.span);
    action.doc = DocCommentAbove(ctx->getStart());
    action.attributes = BuildAttributes(ctx->attrs);
    BuildSignature(ctx->params, ctx->outputs, action);
    if (ctx->body != nullptr) {
        // The body is dropped: a data action runs in the org, not in the flow.
        sink_.Report(Code::kDataActionBody, SpanOf(ctx->body),
                     fmt::format("data action `{}` has a body", action.name.name),
                     fmt::format("a data action is a signature of the org's action: end it "
                                 "with `;`, `data action {}(...) -> <...>;`; to run statements, "
                                 "declare a `shared flow`",
                                 action.name.name));
        action.body.span = SpanOf(ctx->body);
    } else {
        action.body.span = SpanOf(ctx->external);
    }
    return action;
}

void AstBuilder::BuildSignature(P::ParamListContext* params, P::OutputListContext* outputs,
                                ast::FlowDecl& flow) {
    if (params != nullptr) {
        for (P::ParamContext* param : params->items) {
            ast::Param out{Ident(param->paramName), BuildType(param->modifier, param->type),
                           nullptr, SpanOf(param)};
            if (param->defaultValue != nullptr) out.default_value = BuildExpr(param->defaultValue);
            flow.params.push_back(std::move(out));
        }
    }
    if (outputs != nullptr) {
        for (P::OutputContext* output : outputs->items) {
            flow.outputs.push_back(ast::Output{Ident(output->outputName),
                                               BuildType(output->modifier, output->type),
                                               SpanOf(output)});
        }
    }
}

std::vector<ast::Attribute> AstBuilder::BuildAttributes(
    const std::vector<P::AttributeContext*>& attrs) {
    std::vector<ast::Attribute> out;
    for (P::AttributeContext* attribute : attrs) {
        ast::Attribute item{Ident(attribute->attrName), {}, {}, SpanOf(attribute)};
        for (P::AttributeArgContext* arg : attribute->args) {
            if (arg->argName != nullptr) {
                item.named.push_back(
                    ast::NamedArgument{Ident(arg->argName), BuildExpr(arg->value)});
            } else {
                item.args.push_back(BuildExpr(arg->value));
            }
        }
        out.push_back(std::move(item));
    }
    return out;
}

std::optional<ast::ResourceDecl> AstBuilder::BuildResource(P::ResourceDeclContext* ctx) {
    std::string kind = ctx->kind->getText();
    Span kind_span = SpanOf(ctx->kind);
    const ResourceSpelling* found = nullptr;
    for (const ResourceSpelling& spelling : kResourceKinds) {
        if (spelling.text == kind) found = &spelling;
    }
    if (found == nullptr) {
        std::string help =
            "a top-level declaration is a flow (`shared flow`, `inbound flow`) or an org "
            "resource: `queue`, `schedule`, `emergency`, `prompt` or `skill`";
        for (const ResourceSpelling& spelling : kResourceKinds) {
            if (EditDistance(kind, spelling.text) <= 2 && kind.size() > 2) {
                help = fmt::format("did you mean `{}`?", spelling.text);
            }
        }
        sink_.Report(Code::kUnknownDeclarationKind, kind_span,
                     fmt::format("`{}` is not a kind of declaration", kind), help);
        return std::nullopt;
    }
    ast::ResourceDecl out;
    out.kind = found->kind;
    out.name = Ident(ctx->resName);
    out.platform_name = DecodeString(ctx->platformName);
    out.platform_name_span = SpanOf(ctx->platformName);
    out.doc = DocCommentAbove(ctx->getStart());
    out.attributes = BuildAttributes(ctx->attrs);
    out.span = SpanOf(ctx);
    out.head_span = Join(kind_span, out.name.span);
    return out;
}

}  // namespace flowc::syntax_internal
