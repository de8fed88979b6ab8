#include "support/pipeline.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "load/load.h"
#include "sema/check.h"

namespace flowc::testing {

std::vector<VirtualFile> SplitTestFile(const std::string& name, const std::string& text) {
    std::vector<VirtualFile> files{{name, "", 1}};
    std::istringstream in(text);
    std::string line;
    std::uint32_t number = 0;
    const std::string marker = "// --- ";
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind(marker, 0) == 0) {
            files.push_back({line.substr(marker.size()), "", number + 1});
            continue;
        }
        files.back().text += line;
        files.back().text += '\n';
    }
    return files;
}

namespace {

// The test's own files from memory; everything else (the standard library) from the disk.
class OverlayLoader final : public SourceLoader {
  public:
    explicit OverlayLoader(const InMemoryLoader& memory) : memory_(memory) {}
    std::optional<std::string> Identity(const std::string& path) const override {
        if (auto id = memory_.Identity(path)) return id;
        return disk_.Identity(path);
    }
    ReadOutcome Read(const std::string& path, std::uint64_t max_bytes) const override {
        if (memory_.Identity(path)) return memory_.Read(path, max_bytes);
        return disk_.Read(path, max_bytes);
    }

  private:
    const InMemoryLoader& memory_;
    DiskLoader disk_;
};

}  // namespace

std::optional<sema::Model> RunFrontEnd(const std::vector<VirtualFile>& files,
                                       SourceManager& sources, DiagnosticEngine& diags,
                                       const sema::TargetLimits& limits) {
    InMemoryLoader loader;
    std::vector<std::string> roots;
    for (const VirtualFile& file : files) {
        loader.Add(file.name, file.text);
        roots.push_back(file.name);
    }
    LoadOptions options;
    options.search_dirs.push_back(std::string(FLOWC_SOURCE_DIR) + "/stdlib");
    OverlayLoader overlay(loader);
    ast::Program program = LoadProgram(roots, overlay, sources, diags, options);
    return sema::Check(program, diags, 1, limits);
}

std::string ReadFileOrDie(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void WriteFileOrDie(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace flowc::testing
