// Backends turn the lowered program into files. They never touch the file system: the
// generation loop hands their bytes to an OutputSink, which decides how (and whether) files
// reach the disk.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/manifest.h"
#include "diag/engine.h"
#include "lower/flow_graph.h"

namespace flowc::backend {

class OutputSink {
  public:
    virtual ~OutputSink() = default;
    // `path` is relative, with `/` separators and no `..`. Each path is written once.
    virtual void Write(const std::string& path, std::string bytes) = 0;
};

// Keeps files in memory, in write order: golden tests and the disk writer's staging area.
class MemorySink final : public OutputSink {
  public:
    void Write(const std::string& path, std::string bytes) override {
        files_.emplace_back(path, std::move(bytes));
    }
    const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }

  private:
    std::vector<std::pair<std::string, std::string>> files_;
};

// What a backend makes of one flow: its file's bytes, and the placeholders in them that a
// deploy resolves (Reference::file is filled in by GenerateAll).
struct RenderedFlow {
    std::string bytes;
    std::vector<Reference> references;
};

// How Genesys Cloud takes in a target's files: what `flowc deploy` does with them.
enum class PublishMethod : std::uint8_t {
    kNone,      // not deployable (a test-only target)
    kFlowsApi,  // the flow model, through POST/PUT /api/v2/flows
    kArchyJob,  // Archy YAML, through publish jobs
};

// A target. It reads the lowered program and renders, one flow at a time and from any
// thread; everything else (batches, threads, the `only` filter, hashes, the manifest, the
// order files reach the sink) is GenerateAll's. Made by name through backend/registry.h.
class Backend {
  public:
    virtual ~Backend() = default;
    // The flow files' extension, with its dot: ".json".
    virtual std::string_view FileExtension() const = 0;
    // The manifest's `type` of a flow of this kind: "call", "commonmodule".
    virtual std::string_view FlowType(sema::FlowKind kind) const = 0;
    virtual PublishMethod publish_method() const { return PublishMethod::kNone; }
    // Why a shared flow may not call another shared flow with this target, or empty when it
    // may: the checker's help then never suggests such a call (sema::TargetLimits).
    virtual std::string_view SharedCallsRefused() const { return {}; }
    // Whether RenderFlow reads the flow's nodes; a target that nests its output like the
    // source (archy) reads the model's structured bodies and the FlowPlan instead, and
    // then no nodes are lowered for it.
    virtual bool ReadsNodes() const = 0;
    // The rules the target adds to the language's, over the whole program, without
    // rendering anything: each broken one reported; true when none was.
    virtual bool CheckTargetRules(const lower::FlowGraph& program,
                                  DiagnosticEngine& diags) const = 0;
    // `nodes` is the flow's lowered graph when ReadsNodes(), else empty.
    virtual RenderedFlow RenderFlow(const lower::FlowGraph& program, const lower::FlowPlan& flow,
                                    const lower::LoweredFlow& nodes) const = 0;
};

// Checks the target's rules, then writes every flow of `program` for `target` (a name in
// the registry), then the manifest, last, since it vouches for the rest. When a rule is
// broken, nothing is written; when the sink reports an error, what was written is to be
// discarded (the CLI stages the files). With `only` (indexed by FlowId), just the flows it
// marks are rendered and written; the manifest still lists every flow, the others without a
// hash or references (an incremental build takes those from the previous manifest,
// manifest.h). `jobs`: flows rendered at once; the bytes are the same for any number.
void GenerateAll(const lower::FlowGraph& program, std::string_view target, OutputSink& out,
                 DiagnosticEngine& diags, const std::vector<bool>* only = nullptr,
                 unsigned jobs = 1);

// An archy flow file with its flow's `description` replaced by `edit(description)`, written
// as the backend writes it; nullopt when `document` is not laid out as the backend lays out a
// flow (deploy writes its marker into what it uploads through this, and never guesses at
// other YAML).
std::optional<std::string> ReplaceArchyDescription(
    std::string_view document, const std::function<std::string(const std::string&)>& edit);

}  // namespace flowc::backend
