// Shared state of the checker's passes. One GlobalTable for the build (flows by name); one
// FlowChecker per flow body (scopes, names, types, calls, structure).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/program.h"
#include "diag/engine.h"
#include "sema/check.h"
#include "sema/model.h"

namespace flowc::sema::internal {

struct FlowEntry {
    const ast::FlowDecl* decl = nullptr;
    FileId file = kNoFile;
    bool trusted = false;  // its file had no errors: its signature can be relied on
};

struct ResourceEntry {
    const ast::ResourceDecl* decl = nullptr;
    FileId file = kNoFile;
};

// All flows and org resources of the build (protobuf's DescriptorPool): declared first, so
// that bodies can use names declared later or in other files.
struct GlobalTable {
    std::vector<FlowEntry> entries;  // index = FlowId
    std::unordered_map<std::string, FlowId> by_name;
    std::vector<ResourceEntry> resources;  // index = ResourceId
    std::unordered_map<std::string, ResourceId> resources_by_name;
    // Declared queues by CaselessKey(platform name): literal queue names are checked here.
    std::unordered_map<std::string, ResourceId> queues_by_platform_key;
    bool some_file_unparsed = false;  // a file with syntax errors may declare more flows

    std::optional<ResourceId> FindResource(const std::string& name) const {
        auto it = resources_by_name.find(name);
        if (it == resources_by_name.end()) return std::nullopt;
        return it->second;
    }
    // visibility.cpp. LANGUAGE.md, "imports say what a file uses": a top-level name declared
    // in `declared_in` may be used in `use` only when that is the same file or `use` imports
    // it directly (an import of an import is not enough). One rule for every kind of
    // top-level name, so it takes files, not flows.
    bool Visible(FileId use, FileId declared_in) const;
    // Whether a file that `use` imports imports `declared_in` (the case a note explains).
    bool ImportedThroughAnother(FileId use, FileId declared_in) const;
    // The line that makes `declared_in`'s names visible in `use`, `import "...";`, with the
    // path as `use` would write it: below its search directory when `declared_in` lies in one
    // that does not hold `use` too (`hours/service_status.flow`), else relative to `use`'s
    // directory (`../lib/menu.flow`).
    std::string ImportLine(FileId use, FileId declared_in) const;
    // The path `ImportLine` names.
    std::string ImportPath(FileId use, FileId declared_in) const;

    std::vector<std::vector<FileId>> imports_of;  // index = FileId; sorted, the file itself too
    std::vector<const ast::ParsedFile*> files;    // index = FileId; null for a file not parsed
};

// visibility.cpp: fills `imports_of` and `files` from the program's import edges.
void IndexImports(const ast::Program& program, GlobalTable& table);

// declare.cpp: the flow table, attributes, signatures; fills model.flows' headers. Then
// declare_resources.cpp: the resources, into model.resources.
GlobalTable DeclareFlows(const ast::Program& program, Model& model, DiagnosticEngine& diags);
void DeclareResources(const ast::Program& program, GlobalTable& table, Model& model,
                      DiagnosticEngine& diags);

// W0704: a queue named by a literal (`transfer "Sales";`, `@queues("Sales")`) that no
// declared queue has, when the build declares any. `what` says where the name was written.
void CheckQueueName(const GlobalTable& table, const Model& model, const std::string& name, Span at,
                    DiagnosticEngine& diags);

// flow_scopes.cpp: resolves and types one flow's body into model.flows[id].body; returns the
// flow's variables with the body's locals, which the caller stores in model.flows[id].vars
// once no other flow is being checked (bodies are checked in parallel; each reads the
// signatures of the flows it calls).
std::vector<Variable> CheckFlowBody(const GlobalTable& table, FlowId id, Model& model,
                                    DiagnosticEngine& diags);

// flow_analysis.cpp: definite assignment, outputs on returning paths, unreachable code,
// unused variables.
void AnalyzeFlow(const Model& model, const Flow& flow, DiagnosticEngine& diags);

// call_graph.cpp: cycles among shared flows (the deploy order is lowering's).
void CheckCallGraph(const Model& model, DiagnosticEngine& diags, const TargetLimits& limits);

Type FromAst(ast::TypeKind kind);

// Names (of flows, parameters, outputs and variables) have at most this many characters: a
// flow's name is its output file's name, and file systems refuse names over 255 bytes.
inline constexpr std::size_t kMaxNameLength = 128;

// Reports a declared name longer than kMaxNameLength at its declaration (`what`: "flow",
// "parameter", ...); false when it was too long.
bool CheckNameLength(const ast::Identifier& name, std::string_view what, DiagnosticEngine& diags);

}  // namespace flowc::sema::internal
