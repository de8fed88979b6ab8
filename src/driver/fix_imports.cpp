// `flowc check --fix-imports`: the import lines the checker says a file lacks (E0318, whose
// diagnostics carry the line), added to each file that lacks some and to no other, each
// file replaced atomically.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "base/own_files.h"
#include "base/utf8.h"
#include "driver/driver.h"
#include "driver/internal/import_lines.h"
#include "driver/internal/load_inputs.h"
#include "sema/check.h"

namespace flowc {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Replaces the file at `path` (through a link to it) with `bytes`: a temporary beside it
// with its permissions, flushed, renamed over it. A read-only file is refused, not replaced
// (a rename would succeed, since only the directory's permissions count). On failure `why`
// says what went wrong and the file is as it was.
bool ReplaceSource(const std::string& path, const std::string& bytes, std::string& why) {
    std::error_code ec;
    const std::string target = fs::canonical(path, ec).string();
    struct stat st {};
    if (ec || ::stat(target.c_str(), &st) != 0) {
        why = std::strerror(ec ? ec.value() : errno);
        return false;
    }
    if ((st.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0) {
        why = "it is read-only";
        return false;
    }
    std::string temporary;
    int fd = CreateTemporaryBeside(target, temporary);
    if (fd < 0) {
        why = fmt::format("cannot create a file beside it: {}", std::strerror(errno));
        return false;
    }
    bool ok = ::fchmod(fd, st.st_mode & 07777) == 0;
    if (!ok) {
        why = std::strerror(errno);
        ::close(fd);
    } else if (!WriteAllAndClose(fd, bytes, /*sync=*/true)) {
        why = std::strerror(errno);
        ok = false;
    } else if (::rename(temporary.c_str(), target.c_str()) != 0) {
        why = std::strerror(errno);
        ok = false;
    }
    if (!ok) ::unlink(temporary.c_str());
    return ok;
}

void ReportNotRewritten(DiagnosticEngine& diags, const std::string& path, const std::string& why,
                        const std::set<std::string>& lines) {
    std::string wanted;
    for (const std::string& line : lines) wanted += "\n        " + PrintableText(line);
    diags.Report(MakeDiagnostic(Code::kSourceNotWritable, Span{},
                                fmt::format("cannot add imports to `{}`: {}", SanitizeUtf8(path),
                                            SanitizeUtf8(why)))
                     .WithNote("the file was left as it was; it lacks:" + wanted)
                     .WithHelp("make it writable and run `flowc check --fix-imports` again, or "
                               "add the lines by hand"));
}

std::string Identity(const std::string& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? path : canonical.string();
}

}  // namespace

std::vector<ImportFix> FixImports(const CheckOptions& options, DiagnosticEngine& diags) {
    // The search directories' files join this first check, so that a flow of the standard
    // library that no file of the build imports yet is found too, and named as an import
    // names it. Only the files of the build proper (the command line's and what they
    // import) are fixed; what this check reports besides E0318 is the second check's.
    DiagnosticEngine found;
    const std::vector<std::string> search_dirs = SearchDirs(options);
    std::vector<std::string> roots = ExpandInputs(options.inputs, found);
    std::set<std::string> named;  // the command line's files, by identity
    for (const std::string& root : roots) named.insert(Identity(root));
    for (const std::string& dir : search_dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        DiagnosticEngine ignored;
        for (std::string& file : ExpandInputs({dir}, ignored)) roots.push_back(std::move(file));
    }
    SourceManager sources;
    ast::Program program = LoadRoots(roots, options, search_dirs, sources, found, nullptr, nullptr);
    sema::Check(program, found, JobsFor(options), LimitsOf(options.targets));

    std::vector<std::vector<FileId>> imported(sources.size());
    for (const ast::ImportEdge& edge : program.imports) imported[edge.from].push_back(edge.to);
    std::vector<bool> in_build(sources.size());
    std::vector<FileId> pending;
    for (const ast::ParsedFile& file : program.files) {
        if (named.contains(Identity(sources.Get(file.id).path()))) pending.push_back(file.id);
    }
    while (!pending.empty()) {
        FileId next = pending.back();
        pending.pop_back();
        if (in_build[next]) continue;
        in_build[next] = true;
        pending.insert(pending.end(), imported[next].begin(), imported[next].end());
    }

    std::map<FileId, std::set<std::string>> missing;
    for (const Diagnostic& d : found.Reported()) {
        if (d.import_to_add && d.span.has_file()) missing[d.span.file].insert(*d.import_to_add);
    }
    std::vector<ImportFix> fixes;
    for (const ast::ParsedFile& file : program.files) {
        auto lines = missing.find(file.id);
        if (lines == missing.end()) continue;
        const SourceFile& source = sources.Get(file.id);
        if (!in_build[file.id]) continue;
        OwnFileRead read = ReadOwnFile(source.path(), options.max_file_bytes);
        // The checked text is the file's less a byte-order mark; anything else means the
        // file changed since it was read, and the offsets below would be wrong.
        std::size_t mark =
            std::string_view(read.bytes).starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
        if (read.outcome != OwnFileOutcome::kOk) {
            ReportNotRewritten(diags, source.path(), read.reason, lines->second);
            continue;
        }
        if (std::string_view(read.bytes).substr(mark) != source.text()) {
            ReportNotRewritten(diags, source.path(), "it changed while it was being checked",
                               lines->second);
            continue;
        }
        std::optional<std::size_t> after_imports;
        for (const ast::Import& import : file.ast.imports) {
            after_imports = std::max(after_imports.value_or(0), mark + import.span.end);
        }
        std::string fixed = WithImportLines(read.bytes, after_imports, lines->second);
        std::string why;
        if (!ReplaceSource(source.path(), fixed, why)) {
            ReportNotRewritten(diags, source.path(), why, lines->second);
            continue;
        }
        fixes.push_back(ImportFix{source.path(), lines->second.size()});
    }
    return fixes;
}

}  // namespace flowc
