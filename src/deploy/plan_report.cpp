#include "deploy/plan_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace flowc::deploy {
namespace {

// Text in a Markdown table cell or list item: no line breaks, no `|` ending the cell, and
// backticks kept from opening code spans (a name is the org's text, not Markdown).
std::string Cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r') {
            out += ' ';
        } else if (c == '|' || c == '`' || c == '*' || c == '_' || c == '<' || c == '[' ||
                   c == '\\') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string RenderPlanMarkdown(const PlanReport& report) {
    std::string out =
        fmt::format("### flowc plan: {} ({}), target {}{}\n\n", Cell(report.org),
                    Cell(report.endpoint), Cell(report.target),
                    report.environment.empty() ? "" : ", environment " + Cell(report.environment));
    std::size_t unchanged = report.flows.size() - report.changes;
    if (!report.problems.empty()) {
        out += fmt::format("**{} problem{} stop{} the deploy** (nothing will be written):\n\n",
                           report.problems.size(), report.problems.size() == 1 ? "" : "s",
                           report.problems.size() == 1 ? "s" : "");
        for (const std::string& problem : report.problems) out += "- " + Cell(problem) + "\n";
        out += "\n";
    }
    out += fmt::format("**{} to change**, {} unchanged.\n\n", report.changes, unchanged);
    out += "| action | flow | type | why |\n| --- | --- | --- | --- |\n";
    for (const PlanReport::Flow& flow : report.flows) {
        std::string why = flow.action == "unchanged" ? "" : flow.reason;
        if (!flow.locked_by.empty() && flow.action != "unchanged") {
            why += fmt::format("{}checked out in Architect by {}{}", why.empty() ? "" : "; ",
                               flow.locked_by,
                               report.force_unlock ? " (will be unlocked)" : " (will fail)");
        }
        out += fmt::format("| {} | {} | {} | {} |\n", flow.action, Cell(flow.name), Cell(flow.type),
                           Cell(why));
    }
    if (!report.consumers.empty() || !report.consumers_unknown.empty()) {
        out += "\n#### Flows outside the project that call a changed common module\n\n";
        if (!report.consumers_unknown.empty())
            out += "Could not be listed: " + Cell(report.consumers_unknown) + "\n\n";
        for (const PlanReport::Consumer& consumer : report.consumers) {
            out += fmt::format("- {} ({}) calls {}: {}\n", Cell(consumer.name), Cell(consumer.type),
                               Cell(consumer.module),
                               report.republish_consumers ? "will be republished"
                                                          : "not republished (`--republish-"
                                                            "consumers`)");
        }
    }
    if (!report.resources.empty()) {
        std::size_t missing = 0;
        for (const PlanReport::Resource& resource : report.resources)
            missing += resource.id.empty();
        out += fmt::format("\n<details><summary>{} resource{} of the org{}</summary>\n\n",
                           report.resources.size(), report.resources.size() == 1 ? "" : "s",
                           missing ? fmt::format(", {} missing", missing) : "");
        out += "| kind | name | id | named by |\n| --- | --- | --- | --- |\n";
        for (const PlanReport::Resource& resource : report.resources) {
            out += fmt::format("| {} | {} | {} | {} |\n", Cell(resource.kind), Cell(resource.name),
                               resource.id.empty() ? "**missing**" : Cell(resource.id),
                               Cell(resource.named_by));
        }
        out += "\n</details>\n";
    }
    return out;
}

std::string RenderPlanJson(const PlanReport& report) {
    using nlohmann::json;
    json flows = json::array();
    for (const PlanReport::Flow& flow : report.flows) {
        flows.push_back({{"name", flow.name},
                         {"type", flow.type},
                         {"action", flow.action},
                         {"reason", flow.reason},
                         {"id", flow.id},
                         {"lockedBy", flow.locked_by}});
    }
    json resources = json::array();
    for (const PlanReport::Resource& resource : report.resources) {
        resources.push_back({{"kind", resource.kind},
                             {"name", resource.name},
                             {"found", !resource.id.empty()},
                             {"id", resource.id},
                             {"namedBy", resource.named_by}});
    }
    json consumers = json::array();
    for (const PlanReport::Consumer& consumer : report.consumers) {
        consumers.push_back({{"name", consumer.name},
                             {"type", consumer.type},
                             {"id", consumer.id},
                             {"calls", consumer.module},
                             {"republish", report.republish_consumers}});
    }
    json document = {
        {"format", "flowc-plan"},      {"version", 1},
        {"org", report.org},           {"endpoint", report.endpoint},
        {"target", report.target},     {"environment", report.environment},
        {"changes", report.changes},   {"unchanged", report.flows.size() - report.changes},
        {"problems", report.problems}, {"flows", flows},
        {"resources", resources},      {"consumers", consumers}};
    if (!report.consumers_unknown.empty()) document["consumersUnknown"] = report.consumers_unknown;
    return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace flowc::deploy
