// Org resources (LANGUAGE.md "Org resources"): one namespace with the flows; identifiers
// unique, also ignoring case; two resources of one kind whose platform names are one after
// NFC and case folding are an error (the org would see one object); attributes are
// `@description` only. Literal queue names are checked against the declared queues.
#include <fmt/format.h>

#include <map>

#include "base/utf8.h"
#include "diag/suggest.h"
#include "sema/internal/checker.h"

namespace flowc::sema::internal {
namespace {

ResourceKind FromAst(ast::ResourceKind kind) {
    switch (kind) {
        case ast::ResourceKind::kQueue:
            return ResourceKind::kQueue;
        case ast::ResourceKind::kSchedule:
            return ResourceKind::kSchedule;
        case ast::ResourceKind::kEmergency:
            return ResourceKind::kEmergency;
        case ast::ResourceKind::kPrompt:
            return ResourceKind::kPrompt;
        case ast::ResourceKind::kSkill:
            return ResourceKind::kSkill;
    }
    return ResourceKind::kQueue;
}

void ApplyResourceAttributes(const ast::ResourceDecl& decl, Resource& resource,
                             DiagnosticEngine& diags) {
    std::optional<Span> seen;
    for (const ast::Attribute& attribute : decl.attributes) {
        if (attribute.name.name != "description") {
            diags.Report(
                MakeDiagnostic(Code::kAttributeNotAllowed, attribute.span,
                               fmt::format("`@{}` on a {} declaration", attribute.name.name,
                                           ResourceKindName(resource.kind)))
                    .WithHelp("a resource takes only `@description(\"...\")`; its "
                              "platform name is the string after `=`"));
            continue;
        }
        if (seen) {
            diags.Report(MakeDiagnostic(Code::kRepeatedAttribute, attribute.span,
                                        "`@description` is given twice")
                             .WithLabel(*seen, "first given here")
                             .WithHelp("keep one of them"));
            continue;
        }
        seen = attribute.span;
        const auto* text = attribute.args.size() == 1 && attribute.named.empty()
                               ? std::get_if<ast::StringLiteral>(&attribute.args[0]->node)
                               : nullptr;
        if (text == nullptr) {
            diags.Report(MakeDiagnostic(Code::kAttributeArguments, attribute.span,
                                        "`@description` takes one string literal")
                             .WithHelp("write `@description(\"...\")`"));
            continue;
        }
        resource.description = text->value;
    }
}

}  // namespace

void DeclareResources(const ast::Program& program, GlobalTable& table, Model& model,
                      DiagnosticEngine& diags) {
    std::map<std::string, Span> caseless_names;  // flows' and resources' identifiers
    for (const Flow& flow : model.flows) {
        caseless_names.emplace(CaselessKey(flow.name), flow.head_span);
    }
    std::map<std::pair<ResourceKind, std::string>, ResourceId> by_platform;
    for (const ast::ParsedFile& file : program.files) {
        for (const ast::ResourceDecl& decl : file.ast.resources) {
            Resource resource;
            resource.kind = FromAst(decl.kind);
            resource.name = decl.name.name;
            resource.platform_name = decl.platform_name;
            resource.description = decl.doc.value_or("");
            resource.span = decl.span;
            resource.head_span = decl.head_span;
            resource.file = file.id;
            ApplyResourceAttributes(decl, resource, diags);
            CheckNameLength(decl.name, ResourceKindName(resource.kind), diags);
            if (decl.platform_name.empty()) {
                diags.Report(
                    MakeDiagnostic(Code::kAttributeArguments, decl.platform_name_span,
                                   fmt::format("{} `{}` has an empty platform name",
                                               ResourceKindName(resource.kind), resource.name))
                        .WithHelp("write the name the object has in the org: `" +
                                  std::string(ResourceKindName(resource.kind)) + " " +
                                  resource.name + " = \"" + resource.name + "\";`"));
            }

            auto id = static_cast<ResourceId>(model.resources.size());
            bool clash = false;
            if (auto flow = table.by_name.find(resource.name); flow != table.by_name.end()) {
                diags.Report(
                    MakeDiagnostic(Code::kDuplicateTopLevel, decl.name.span,
                                   fmt::format("`{}` is declared twice", resource.name))
                        .WithLabel(model.flows[flow->second].head_span, "declared here as a flow")
                        .WithHelp("flows and resources share one namespace; rename "
                                  "one"));
                clash = true;
            } else if (auto other = table.resources_by_name.find(resource.name);
                       other != table.resources_by_name.end()) {
                const Resource& first = model.resources[other->second];
                diags.Report(MakeDiagnostic(Code::kDuplicateTopLevel, decl.name.span,
                                            fmt::format("`{}` is declared twice", resource.name))
                                 .WithLabel(first.head_span, "first declared here")
                                 .WithHelp("resource names are global to the build; rename "
                                           "one"));
                clash = true;
            } else if (auto low = caseless_names.find(CaselessKey(resource.name));
                       low != caseless_names.end()) {
                diags.Report(MakeDiagnostic(Code::kDuplicateTopLevel, decl.name.span,
                                            fmt::format("`{}` differs only in case from a name "
                                                        "declared elsewhere",
                                                        resource.name))
                                 .WithLabel(low->second, "declared here")
                                 .WithHelp("top-level names that differ only in case are one "
                                           "name on the platform; rename one"));
                clash = true;
            }
            if (!clash) {
                table.resources_by_name.emplace(resource.name, id);
                caseless_names.emplace(CaselessKey(resource.name), resource.head_span);
            }

            auto key = std::make_pair(resource.kind, CaselessKey(resource.platform_name));
            if (auto it = by_platform.find(key);
                it != by_platform.end() && !decl.platform_name.empty()) {
                const Resource& first = model.resources[it->second];
                Diagnostic d =
                    MakeDiagnostic(Code::kPlatformNameClash, decl.platform_name_span,
                                   fmt::format("{}s `{}` and `{}` name one object of the org, "
                                               "`{}`",
                                               ResourceKindName(resource.kind), first.name,
                                               resource.name, PrintableText(first.platform_name)))
                        .WithLabel(first.head_span, fmt::format("`{}` declared here", first.name))
                        .WithHelp(fmt::format("declare the {} once and use `{}` everywhere",
                                              ResourceKindName(resource.kind), first.name));
                if (first.platform_name != resource.platform_name) {
                    d.notes.push_back(
                        "the platform compares names ignoring case and how accents are encoded "
                        "(NFC or NFD)");
                }
                diags.Report(std::move(d));
            } else {
                by_platform.emplace(key, id);
                if (resource.kind == ResourceKind::kQueue) {
                    table.queues_by_platform_key.emplace(key.second, id);
                }
            }
            table.resources.push_back(ResourceEntry{&decl, file.id});
            model.resources.push_back(std::move(resource));
        }
    }
    for (const Flow& flow : model.flows) {
        for (std::size_t i = 0; i < flow.queues.size(); ++i) {
            CheckQueueName(table, model, flow.queues[i],
                           i < flow.queue_spans.size() ? flow.queue_spans[i] : flow.head_span,
                           diags);
        }
    }
}

void CheckQueueName(const GlobalTable& table, const Model& model, const std::string& name, Span at,
                    DiagnosticEngine& diags) {
    if (table.queues_by_platform_key.empty()) return;
    if (table.queues_by_platform_key.contains(CaselessKey(name))) return;
    std::vector<std::string_view> platform_names;
    for (const Resource& resource : model.resources) {
        if (resource.kind == ResourceKind::kQueue) platform_names.push_back(resource.platform_name);
    }
    Diagnostic d =
        MakeDiagnostic(Code::kUnknownQueueName, at,
                       fmt::format("no declared queue is named \"{}\"", PrintableText(name)));
    if (std::optional<Suggestion> meant = SuggestName(name, platform_names)) {
        d.help = fmt::format("did you mean \"{}\"?", meant->name);
        for (const Resource& resource : model.resources) {
            if (resource.kind == ResourceKind::kQueue && resource.platform_name == meant->name) {
                d.labels.push_back(
                    {resource.head_span, fmt::format("`{}` declared here", resource.name)});
                break;
            }
        }
    } else {
        d.help = fmt::format(
            "declare it (`queue Name = \"{}\";`) and use its name, or check "
            "the spelling against the org",
            PrintableText(name));
    }
    diags.Report(std::move(d));
}

}  // namespace flowc::sema::internal
