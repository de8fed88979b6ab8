#include "load/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "base/parallel.h"
#include "base/paths.h"
#include "base/utf8.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

void ReportUnreadable(DiagnosticEngine& diags, const std::string& path, const std::string& why,
                      std::optional<std::string> help = std::nullopt) {
    Diagnostic d = MakeDiagnostic(Code::kInputNotReadable, Span{},
                                  fmt::format("cannot read `{}`: {}", SanitizeUtf8(path), why));
    d.help = std::move(help);
    diags.Report(std::move(d));
}

std::string Canonical(const fs::path& path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? path.lexically_normal().string() : canonical.string();
}

bool IsHidden(const fs::path& path) {
    std::string name = path.filename().string();
    return name.size() > 1 && name[0] == '.' && name != "..";
}

std::string Join(const std::string& dir, const std::string& spec) {
    return (fs::path(dir) / spec).lexically_normal().string();
}

// `x.flow`, `lib/x.flow`, `/abs/x.flow`; not `.env`, `x.txt`, `lib/`, `.flow` (a hidden file
// with no name before its extension) or `x.flow/`.
bool NamesFlowFile(const std::string& spec) {
    fs::path path(spec);
    return path.has_stem() && path.extension() == ".flow";
}

struct Pending {
    std::string path;
    std::optional<Span> imported_at;  // nullopt for command-line roots
    FileId importer = kNoFile;
};

}  // namespace

bool IsInputError(Code code) {
    return code == Code::kInputNotReadable || code == Code::kNoFlowFiles ||
           code == Code::kInputDirectoryLink;
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      DiagnosticEngine& diags) {
    std::vector<std::string> files;
    std::set<std::string> seen;
    auto add = [&](const fs::path& path) {
        if (seen.insert(Canonical(path)).second) files.push_back(path.string());
    };
    for (const std::string& given : paths) {
        // As the user wrote it, less doubled separators: every file found below a directory
        // is displayed with its path.
        const std::string arg = CollapseSeparators(given);
        std::error_code ec;
        fs::file_status status = fs::status(arg, ec);
        if (ec || !fs::exists(status)) {
            ReportUnreadable(diags, arg,
                             ec && ec != std::errc::no_such_file_or_directory
                                 ? ec.message()
                                 : "no such file or directory");
            continue;
        }
        if (!fs::is_directory(status)) {
            add(arg);
            continue;
        }
        // Walked by hand, one directory at a time, so that a subdirectory that cannot be
        // read is an error naming it (its flows would silently vanish from the build, and
        // their old outputs with them) and a link to a directory is reported, not skipped:
        // links are not followed, so a checkout cannot pull another tree (`/`, a home
        // directory, a loop) into the build.
        const std::size_t errors_before = diags.error_count();
        std::vector<fs::path> found;
        std::vector<fs::path> pending{fs::path(arg)};
        while (!pending.empty()) {
            fs::path dir = std::move(pending.back());
            pending.pop_back();
            fs::directory_iterator it(dir, ec);
            for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
                const fs::directory_entry& entry = *it;
                std::error_code entry_ec;
                fs::file_status itself = entry.symlink_status(entry_ec);
                if (fs::is_directory(itself)) {
                    if (!IsHidden(entry.path())) pending.push_back(entry.path());
                    continue;
                }
                if (fs::is_symlink(itself) && fs::is_directory(entry.status(entry_ec))) {
                    if (IsHidden(entry.path())) continue;
                    std::string target = fs::read_symlink(entry.path(), entry_ec).string();
                    diags.Report(
                        MakeDiagnostic(Code::kInputDirectoryLink, Span{},
                                       fmt::format("`{}` is a symbolic link to a directory, "
                                                   "which flowc does not follow",
                                                   SanitizeUtf8(entry.path().string())))
                            .WithHelp(fmt::format("name the directory it leads to (`{}`) on "
                                                  "the command line, or move the link out of "
                                                  "`{}`",
                                                  SanitizeUtf8(target), SanitizeUtf8(arg))));
                    continue;
                }
                if (entry.path().extension() == ".flow") found.push_back(entry.path());
            }
            if (ec) {
                ReportUnreadable(diags, dir.string(), ec.message(),
                                 dir == fs::path(arg)
                                     ? std::nullopt
                                     : std::optional<std::string>(
                                           "its `.flow` files would be left out of the build; "
                                           "make it readable, or move it out of the input "
                                           "directory"));
                ec.clear();
            }
        }
        if (diags.error_count() != errors_before) continue;
        if (found.empty()) {
            diags.Report(MakeDiagnostic(Code::kNoFlowFiles, Span{},
                                        fmt::format("directory `{}` contains no `.flow` files",
                                                    SanitizeUtf8(arg)))
                             .WithHelp("name the `.flow` files or the directory that holds them"));
            continue;
        }
        std::sort(found.begin(), found.end());
        for (const fs::path& path : found) add(path);
    }
    return files;
}

namespace {

// The project: the deepest directory holding the working directory and every root file.
// Running from the repository's top (as CI does) makes it the repository.
fs::path ProjectRoot(const std::vector<std::string>& roots) {
    std::error_code ec;
    fs::path root = fs::weakly_canonical(fs::current_path(ec), ec);
    // Files of one directory share its canonical path: resolve each directory once (a
    // project of 1,000 files has a few dozen).
    std::map<fs::path, fs::path> canonical_dirs;
    for (const std::string& file : roots) {
        fs::path parent = fs::absolute(file, ec).parent_path();
        auto [it, inserted] = canonical_dirs.try_emplace(parent);
        if (inserted) it->second = fs::weakly_canonical(parent, ec);
        const fs::path& dir = it->second;
        fs::path common;
        auto a = root.begin();
        auto b = dir.begin();
        for (; a != root.end() && b != dir.end() && *a == *b; ++a, ++b) common /= *a;
        root = common;
    }
    return root;
}

bool ExistsNoThrow(const std::string& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

bool IsInside(const fs::path& path, const fs::path& root) {
    std::error_code ec;
    fs::path full = fs::weakly_canonical(fs::absolute(path, ec), ec);
    auto a = root.begin();
    auto b = full.begin();
    for (; a != root.end(); ++a, ++b) {
        if (b == full.end() || *a != *b) return false;
    }
    return true;
}

// Where each file is, as the checker needs it to write an `import` line (ParsedFile's
// `location` and `search_path`): decided on the paths' text, with no file system call but
// one for the working directory.
class FileLocator {
  public:
    explicit FileLocator(const std::vector<std::string>& search_dirs) {
        std::error_code ec;
        cwd_ = fs::current_path(ec);
        for (const std::string& dir : search_dirs) {
            std::string located = Location(dir);
            if (!located.empty() && located.back() != '/') located += '/';
            search_dirs_.push_back(std::move(located));
        }
    }
    std::string Location(const std::string& path) const {
        fs::path full = fs::path(path).is_absolute() ? fs::path(path) : cwd_ / path;
        return full.lexically_normal().generic_string();
    }
    std::string SearchPath(const std::string& location) const {
        for (const std::string& dir : search_dirs_) {
            if (location.size() > dir.size() && location.starts_with(dir))
                return location.substr(dir.size());
        }
        return std::string();
    }

  private:
    fs::path cwd_;
    std::vector<std::string> search_dirs_;  // as locations, each ending in `/`
};

}  // namespace

ast::Program LoadProgram(const std::vector<std::string>& roots, const SourceLoader& loader,
                         SourceManager& sources, DiagnosticEngine& diags,
                         const LoadOptions& options) {
    ast::Program program;
    const fs::path project = ProjectRoot(roots);
    const FileLocator locator(options.search_dirs);
    std::map<std::string, FileId> loaded;  // identity -> file
    std::set<std::string> failed;          // identities already reported as unreadable
    std::deque<Pending> queue;
    for (const std::string& root : roots) queue.push_back({root, std::nullopt, kNoFile});

    // Reads one queued file into `sources`; nullopt when it was loaded already (an import
    // edge is recorded) or cannot be read (reported once).
    auto read_one = [&](const Pending& next) -> std::optional<FileId> {
        std::string identity = loader.Identity(next.path).value_or(next.path);
        if (auto it = loaded.find(identity); it != loaded.end()) {
            if (next.imported_at)
                program.imports.push_back({next.importer, *next.imported_at, it->second});
            return std::nullopt;
        }
        if (failed.count(identity)) return std::nullopt;

        auto read_start = std::chrono::steady_clock::now();
        ReadOutcome read = loader.Read(next.path, options.parse.max_file_bytes);
        auto read_end = std::chrono::steady_clock::now();
        if (options.stats) {
            options.stats->read_seconds +=
                std::chrono::duration<double>(read_end - read_start).count();
        }
        if (!read.text) {
            failed.insert(identity);
            std::string why = read.too_large
                                  ? fmt::format("it is {} bytes, over the limit of {} bytes",
                                                read.size, options.parse.max_file_bytes)
                                  : read.error;
            std::optional<std::string> help = read.help;
            if (read.too_large) help = "raise the limit with `--max-file-size`, or split the file";
            if (next.imported_at) {
                Diagnostic d = MakeDiagnostic(Code::kImportNotReadable, *next.imported_at,
                                              fmt::format("cannot read imported file `{}`: {}",
                                                          PrintableText(next.path), why));
                d.help = help;
                diags.Report(std::move(d));
            } else if (read.too_large) {
                diags.Report(
                    MakeDiagnostic(Code::kFileTooLarge, Span{},
                                   fmt::format("`{}` is {} bytes, over the limit of {} bytes",
                                               SanitizeUtf8(next.path), read.size,
                                               options.parse.max_file_bytes))
                        .WithHelp(*help));
            } else {
                ReportUnreadable(diags, next.path, why, help);
            }
            return std::nullopt;
        }

        FileId id = sources.Add(next.path, std::move(*read.text));
        loaded[identity] = id;
        if (next.imported_at) program.imports.push_back({next.importer, *next.imported_at, id});
        return id;
    };
    // Records a parsed file and queues its imports.
    auto add_parsed = [&](const Pending& next, FileId id, ParseResult parsed) {
        ast::ParsedFile file;
        file.id = id;
        file.ok = parsed.ok;
        file.has_declarations = parsed.ok || !parsed.file.flows.empty();
        file.ast = std::move(parsed.file);
        file.location = locator.Location(next.path);
        file.search_path = locator.SearchPath(file.location);

        std::string dir = fs::path(next.path).parent_path().string();
        for (const ast::Import& import : file.ast.imports) {
            if (import.path.empty()) {
                diags.Report(MakeDiagnostic(Code::kImportNotFound, import.span,
                                            "`import \"\";` names no file")
                                 .WithHelp("write the path of a `.flow` file, relative to this "
                                           "file or to a search directory"));
                continue;
            }
            // Decided on the text alone, before any file is looked at: an import of `.env` or
            // `/proc/self/environ` must not reach a snippet that prints its lines.
            if (!NamesFlowFile(import.path)) {
                diags.Report(MakeDiagnostic(Code::kImportNotFlowFile, import.span,
                                            fmt::format("`import \"{}\";` does not name a "
                                                        "`.flow` file",
                                                        PrintableText(import.path)))
                                 .WithHelp("imports name flow sources, whose file names end in "
                                           "`.flow`; flowc reads no other file for an import"));
                continue;
            }
            std::vector<std::string> tried;
            std::optional<std::string> found;
            bool absolute = fs::path(import.path).is_absolute();
            std::vector<std::string> bases{dir};
            if (!absolute)
                bases.insert(bases.end(), options.search_dirs.begin(), options.search_dirs.end());
            for (const std::string& base : bases) {
                std::string candidate = absolute ? import.path : Join(base, import.path);
                tried.push_back(candidate);
                if (loader.Identity(candidate)) {
                    found = candidate;
                    break;
                }
                if (absolute) break;
            }
            if (found && options.missing_probes) {
                options.missing_probes->insert(options.missing_probes->end(), tried.begin(),
                                               tried.end() - 1);
            }
            if (!found) {
                Diagnostic d = MakeDiagnostic(
                    Code::kImportNotFound, import.span,
                    fmt::format("cannot find imported file `{}`", PrintableText(import.path)));
                std::string where;
                for (const std::string& t : tried)
                    where += fmt::format("\n        {}", PrintableText(t));
                d.notes.push_back("looked for it at:" + where);
                for (const std::string& note : options.search_path_notes) d.notes.push_back(note);
                d.help =
                    "paths are relative to the importing file; add a search directory with "
                    "`-I DIR` or FLOWC_PATH";
                diags.Report(std::move(d));
                continue;
            }
            // An import relative to the file (not found on the search path) that climbs out of
            // the project reads files nobody reviewing the project sees.
            bool from_search_path = !absolute && *found != Join(dir, import.path);
            if (!from_search_path && !project.empty() && loader.Identity(*found) &&
                ExistsNoThrow(*found) && !IsInside(*found, project)) {
                diags.Report(MakeDiagnostic(Code::kImportOutsideProject, import.span,
                                            fmt::format("import of `{}` reaches outside the "
                                                        "project directory `{}`",
                                                        PrintableText(import.path),
                                                        PrintableText(project.string())))
                                 .WithHelp("put shared flows that live elsewhere on the search "
                                           "path (`-I DIR` or FLOWC_PATH) and import them by "
                                           "name, or run flowc from the directory that holds "
                                           "both"));
            }
            queue.push_back({*found, import.span, id});
        }
        program.files.push_back(std::move(file));
    };

    // Breadth-first in waves: everything queued is read in queue order (which fixes the
    // FileIds), the wave is parsed in parallel, then the imports found are queued in the
    // same order. The result is the same for any number of jobs.
    while (!queue.empty()) {
        std::vector<Pending> wave;
        std::vector<FileId> wave_ids;
        while (!queue.empty()) {
            Pending next = std::move(queue.front());
            queue.pop_front();
            std::optional<FileId> id = read_one(next);
            if (!id) continue;
            wave.push_back(std::move(next));
            wave_ids.push_back(*id);
        }
        std::vector<ParseResult> parsed(wave.size());
        std::vector<DiagnosticEngine> wave_diags(wave.size());
        auto parse_start = std::chrono::steady_clock::now();
        ParallelFor(wave.size(), options.jobs, [&](std::size_t i) {
            parsed[i] = ParseFile(sources.Get(wave_ids[i]), wave_diags[i], options.parse);
        });
        if (options.stats) {
            // Wall time of the wave, not a sum over threads, so that the phases add up.
            options.stats->parse_seconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - parse_start)
                    .count();
        }
        for (std::size_t i = 0; i < wave.size(); ++i) {
            for (Diagnostic& d : wave_diags[i].Sorted()) diags.Report(std::move(d));
            if (options.stats) {
                options.stats->files += 1;
                options.stats->bytes += sources.Get(wave_ids[i]).text().size();
                options.stats->sll_fallbacks += parsed[i].sll_fallback ? 1 : 0;
            }
            add_parsed(wave[i], wave_ids[i], std::move(parsed[i]));
        }
    }
    return program;
}

}  // namespace flowc
