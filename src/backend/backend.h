// Backends turn the lowered flow graph into files. They never touch the file system: they
// hand bytes to an OutputSink, which decides how (and whether) files reach the disk.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

class Backend {
  public:
    virtual ~Backend() = default;
    virtual std::string_view name() const = 0;
    // Writes every flow of `graph`, then the manifest. A planned graph (lower::PlanLowering)
    // is lowered batch by batch as it is written, and gets its callees and order. When an
    // error is reported, what was written is to be discarded (the CLI stages the files).
    // With `only` (indexed by FlowId), just the flows it marks are rendered and written; the
    // manifest still lists every flow, the others without a hash or references (an
    // incremental build takes those from the previous manifest, manifest.h).
    virtual void Generate(lower::FlowGraph& graph, OutputSink& out, DiagnosticEngine& diags,
                          const std::vector<bool>* only = nullptr) const = 0;
};

// `jobs`: flows rendered at once; the bytes are the same for any number.
std::unique_ptr<Backend> MakeGenesysJsonBackend(unsigned jobs = 1);
std::unique_ptr<Backend> MakeArchyBackend(unsigned jobs = 1);

}  // namespace flowc::backend
