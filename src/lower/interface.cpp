#include "lower/interface.h"

#include <fmt/format.h>

namespace flowc::lower {
namespace {

std::string Quoted(const std::string& text) { return sema::LiteralSource(sema::Literal{text}); }

// Any constant of the type: stubs assign outputs and pass required arguments only so that
// they check; the values never reach an output.
std::string_view PlaceholderValue(sema::Type type) {
    switch (type) {
        case sema::Type::kInt:
            return "0";
        case sema::Type::kDecimal:
            return "0.0";
        case sema::Type::kBool:
            return "false";
        default:
            return "\"\"";
    }
}

void AppendFlow(const sema::Model& model, const sema::Flow& flow,
                const std::vector<sema::FlowId>& callees, std::string& out) {
    out += fmt::format("@name({})\n", Quoted(flow.display_name));
    bool shared = flow.kind == sema::FlowKind::kShared;
    out += fmt::format("{} flow {}", shared ? "shared" : "inbound", flow.name);
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
    out += " {\n";
    for (sema::FlowId id : callees) {
        const sema::Flow& callee = model.flows[id];
        out += fmt::format("    call {}(", callee.name);
        bool first = true;
        for (std::size_t i = 0; i < callee.params.size(); ++i) {
            if (callee.param_defaults[i]) continue;
            const sema::Variable& param = callee.vars[callee.params[i]];
            out += fmt::format("{}{} = {}", first ? "" : ", ", param.name,
                               PlaceholderValue(param.type));
            first = false;
        }
        out += ");\n";
    }
    for (sema::VarId output : flow.outputs) {
        out += fmt::format("    {} = {};\n", flow.vars[output].name,
                           PlaceholderValue(flow.vars[output].type));
    }
    out += "}\n";
}

}  // namespace

std::vector<FileInterface> InterfaceSources(const FlowGraph& graph, std::size_t file_count,
                                            const std::vector<std::vector<std::string>>& imports) {
    const sema::Model& model = *graph.model;
    std::vector<const std::vector<sema::FlowId>*> callees(model.flows.size());
    for (const FlowPlan& flow : graph.flows) callees[flow.id] = &flow.callees;
    std::vector<FileInterface> stubs(file_count);
    for (std::size_t file = 0; file < file_count && file < imports.size(); ++file) {
        for (const std::string& path : imports[file])
            stubs[file].text += fmt::format("import {};\n", Quoted(path));
    }
    static const std::vector<sema::FlowId> kNone;
    for (sema::FlowKind kind : {sema::FlowKind::kShared, sema::FlowKind::kInbound}) {
        for (FileInterface& stub : stubs) {
            if (kind == sema::FlowKind::kShared) stub.declarations_begin = stub.text.size();
        }
        for (std::size_t id = 0; id < model.flows.size(); ++id) {
            const sema::Flow& flow = model.flows[id];
            if (flow.kind != kind || flow.file >= file_count) continue;
            AppendFlow(model, flow, callees[id] ? *callees[id] : kNone, stubs[flow.file].text);
        }
        for (FileInterface& stub : stubs) {
            if (kind == sema::FlowKind::kShared) stub.declarations_end = stub.text.size();
        }
    }
    return stubs;
}

}  // namespace flowc::lower
