#include "lower/interface.h"

#include <fmt/format.h>

#include <optional>
#include <set>

namespace flowc::lower {
namespace {

std::string Quoted(const std::string& text) { return sema::LiteralSource(sema::Literal{text}); }

// Any value of the type: stubs assign outputs and pass required arguments only so that they
// check; the values never reach an output. A resource type has no literal: the stub of
// `flow` declares one resource of each kind it needs (AppendPlaceholders), named after the
// flow so that no two stubs declare one name (a name taken anyway fails the check, and the
// incremental build gives up).
std::string PlaceholderValue(sema::Type type, const sema::Flow& flow) {
    switch (type) {
        case sema::Type::kInt:
            return "0";
        case sema::Type::kDecimal:
            return "0.0";
        case sema::Type::kBool:
            return "false";
        default:
            break;
    }
    if (std::optional<sema::ResourceKind> kind = sema::ResourceKindOf(type))
        return fmt::format("flowcStub_{}_{}", flow.name, sema::ResourceKindName(*kind));
    return "\"\"";
}

void AppendPlaceholders(const sema::Model& model, const sema::Flow& flow,
                        const std::vector<sema::FlowId>& callees,
                        const std::vector<sema::FlowId>& waits_in, std::string& out) {
    std::set<sema::ResourceKind> kinds;
    auto need = [&](sema::Type type) {
        if (std::optional<sema::ResourceKind> kind = sema::ResourceKindOf(type))
            kinds.insert(*kind);
    };
    for (sema::VarId output : flow.outputs) need(flow.vars[output].type);
    if (!waits_in.empty()) need(sema::Type::kQueue);
    for (sema::FlowId id : callees) {
        const sema::Flow& callee = model.flows[id];
        for (std::size_t i = 0; i < callee.params.size(); ++i) {
            if (!callee.param_defaults[i]) need(callee.vars[callee.params[i]].type);
        }
    }
    for (sema::ResourceKind kind : kinds) {
        std::string name = PlaceholderValue(sema::TypeOf(kind), flow);
        out += fmt::format("{} {} = {};\n", sema::ResourceKindName(kind), name, Quoted(name));
    }
}

void AppendResource(const sema::Resource& resource, std::string& out) {
    out += fmt::format("{} {} = {};\n", sema::ResourceKindName(resource.kind), resource.name,
                       Quoted(resource.platform_name));
}

// What of a flow's plan its stub must reproduce, so that an incremental build orders the
// flows as a full build does.
struct StubEdges {
    const std::vector<sema::FlowId>* callees;
    const std::vector<sema::FlowId>* waits_in;
    const std::vector<sema::FlowId>* transfers_to;
};

void AppendFlow(const sema::Model& model, const sema::Flow& flow, const StubEdges& edges,
                std::string& out) {
    const std::vector<sema::FlowId>& callees = *edges.callees;
    const std::vector<sema::FlowId>& waits_in = *edges.waits_in;
    if (!flow.external) AppendPlaceholders(model, flow, callees, waits_in, out);
    out += fmt::format("@name({})\n", Quoted(flow.display_name));
    // Languages are part of the interface: callers are checked against them (E0327), and a
    // module that declares none is written in its callers' languages.
    for (const sema::FlowLanguage& language : flow.languages) {
        out += fmt::format("@language({}{})\n", Quoted(language.code),
                           language.voice ? ", voice: " + Quoted(*language.voice) : "");
    }
    bool data_action = flow.kind == sema::FlowKind::kDataAction;
    if (data_action) {
        out += fmt::format("@integration({})\n", Quoted(flow.integration));
        if (flow.timeout_seconds) out += fmt::format("@timeout({})\n", *flow.timeout_seconds);
    }
    bool shared = flow.kind == sema::FlowKind::kShared || data_action;
    out += data_action ? fmt::format("data action {}", flow.name)
                       : fmt::format("{} flow {}", sema::FlowKindName(flow.kind), flow.name);
    if (shared) {
        out += "(";
        for (std::size_t i = 0; i < flow.params.size(); ++i) {
            const sema::Variable& param = flow.vars[flow.params[i]];
            out += fmt::format("{}{}: {}", i ? ", " : "", param.name, sema::TypeName(param.type));
            if (const sema::Expr* value = flow.param_defaults[i].get()) {
                out += " = " + sema::LiteralSource(std::get<sema::Literal>(value->node));
            }
        }
        out += ")";
        for (std::size_t i = 0; i < flow.outputs.size(); ++i) {
            const sema::Variable& output = flow.vars[flow.outputs[i]];
            out += fmt::format("{}{}: {}", i ? ", " : " -> <", output.name,
                               sema::TypeName(output.type));
        }
        if (!flow.outputs.empty()) out += ">";
    }
    if (flow.external) {
        out += ";\n";
        return;
    }
    out += " {\n";
    for (sema::FlowId id : callees) {
        const sema::Flow& callee = model.flows[id];
        out += fmt::format("    call {}(", callee.name);
        bool first = true;
        for (std::size_t i = 0; i < callee.params.size(); ++i) {
            if (callee.param_defaults[i]) continue;
            const sema::Variable& param = callee.vars[callee.params[i]];
            out += fmt::format("{}{} = {}", first ? "" : ", ", param.name,
                               PlaceholderValue(param.type, flow));
            first = false;
        }
        out += ");\n";
    }
    // The in-queue flows a transfer names with `via` are published first, as callees are.
    for (sema::FlowId id : waits_in) {
        out += fmt::format("    transfer {} via {} else {{}}\n",
                           PlaceholderValue(sema::Type::kQueue, flow), model.flows[id].name);
    }
    for (sema::FlowId id : *edges.transfers_to) {
        out += fmt::format("    transfer flow {} else {{}}\n", model.flows[id].name);
    }
    for (sema::VarId output : flow.outputs) {
        out += fmt::format("    {} = {};\n", flow.vars[output].name,
                           PlaceholderValue(flow.vars[output].type, flow));
    }
    out += "}\n";
}

}  // namespace

std::vector<FileInterface> InterfaceSources(const FlowGraph& graph, std::size_t file_count,
                                            const std::vector<std::vector<std::string>>& imports) {
    const sema::Model& model = *graph.model;
    std::vector<const std::vector<sema::FlowId>*> callees(model.flows.size());
    std::vector<const std::vector<sema::FlowId>*> waits_in(model.flows.size());
    std::vector<const std::vector<sema::FlowId>*> transfers_to(model.flows.size());
    for (const FlowPlan& flow : graph.flows) {
        callees[flow.id] = &flow.callees;
        waits_in[flow.id] = &flow.waits_in;
        transfers_to[flow.id] = &flow.transfers_to;
    }
    std::vector<FileInterface> stubs(file_count);
    for (std::size_t file = 0; file < file_count && file < imports.size(); ++file) {
        for (const std::string& path : imports[file])
            stubs[file].text += fmt::format("import {};\n", Quoted(path));
    }
    static const std::vector<sema::FlowId> kNone;
    for (FileInterface& stub : stubs) stub.declarations_begin = stub.text.size();
    for (const sema::Resource& resource : model.resources) {
        if (resource.file < file_count) AppendResource(resource, stubs[resource.file].text);
    }
    for (sema::FlowKind kind : {sema::FlowKind::kShared, sema::FlowKind::kDataAction,
                                sema::FlowKind::kInbound, sema::FlowKind::kInQueue}) {
        for (std::size_t id = 0; id < model.flows.size(); ++id) {
            const sema::Flow& flow = model.flows[id];
            if (flow.kind != kind || flow.file >= file_count) continue;
            StubEdges edges{callees[id] ? callees[id] : &kNone,
                            waits_in[id] ? waits_in[id] : &kNone,
                            transfers_to[id] ? transfers_to[id] : &kNone};
            AppendFlow(model, flow, edges, stubs[flow.file].text);
        }
        for (FileInterface& stub : stubs) {
            if (kind == sema::FlowKind::kDataAction) stub.declarations_end = stub.text.size();
        }
    }
    return stubs;
}

}  // namespace flowc::lower
