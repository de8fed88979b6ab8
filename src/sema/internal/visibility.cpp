// Which files see which top-level names (LANGUAGE.md, "imports say what a file uses"), and
// the `import` line that makes one visible. Decided once here for every kind of name.
#include <algorithm>
#include <filesystem>

#include "ast/flow_literal.h"
#include "sema/internal/checker.h"

namespace flowc::sema::internal {

namespace {

// The search directory a file lies in, as a location ending in `/`; empty when in none.
std::string SearchRoot(const ast::ParsedFile& file) {
    if (file.search_path.empty()) return std::string();
    return file.location.substr(0, file.location.size() - file.search_path.size());
}

}  // namespace

void IndexImports(const ast::Program& program, GlobalTable& table) {
    FileId count = 0;
    for (const ast::ParsedFile& file : program.files) {
        if (file.id != kNoFile) count = std::max(count, file.id + 1);
    }
    table.imports_of.assign(count, {});
    table.files.assign(count, nullptr);
    for (const ast::ParsedFile& file : program.files) {
        if (file.id == kNoFile) continue;
        table.files[file.id] = &file;
        table.imports_of[file.id].push_back(file.id);
    }
    // An edge from or to a file that is not in the program (none that load makes) sees nothing.
    for (const ast::ImportEdge& edge : program.imports) {
        if (edge.from < count && edge.to < count) table.imports_of[edge.from].push_back(edge.to);
    }
    for (std::vector<FileId>& seen : table.imports_of) {
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    }
}

bool GlobalTable::Visible(FileId use, FileId declared_in) const {
    if (use == declared_in) return true;
    if (use >= imports_of.size()) return false;
    return std::binary_search(imports_of[use].begin(), imports_of[use].end(), declared_in);
}

bool GlobalTable::ImportedThroughAnother(FileId use, FileId declared_in) const {
    if (use >= imports_of.size()) return false;
    return std::any_of(imports_of[use].begin(), imports_of[use].end(), [&](FileId middle) {
        return middle != use && Visible(middle, declared_in);
    });
}

std::string GlobalTable::ImportPath(FileId use, FileId declared_in) const {
    const ast::ParsedFile* from = use < files.size() ? files[use] : nullptr;
    const ast::ParsedFile* to = declared_in < files.size() ? files[declared_in] : nullptr;
    if (!from || !to) return std::string();
    std::string root = SearchRoot(*to);
    if (!root.empty() && SearchRoot(*from) != root) return to->search_path;
    namespace fs = std::filesystem;
    return fs::path(to->location)
        .lexically_relative(fs::path(from->location).parent_path())
        .generic_string();
}

std::string GlobalTable::ImportLine(FileId use, FileId declared_in) const {
    return "import " + ast::QuoteFlowString(ImportPath(use, declared_in)) + ";";
}

}  // namespace flowc::sema::internal
