#include "support/pipeline.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "syntax/parse.h"

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

void RunFrontEnd(const std::vector<VirtualFile>& files, SourceManager& sources,
                 DiagnosticEngine& diags) {
    for (const VirtualFile& file : files) {
        FileId id = sources.Add(file.name, file.text);
        ParseFile(sources.Get(id), diags);
    }
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
