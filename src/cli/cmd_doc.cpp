// `flowc doc PATH... [-o FILE]`: a Markdown reference of the shared flows declared in the
// named files (not in what they import), from their signatures and `///` doc comments, so
// that a library's reference page can never drift from its code.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "base/own_files.h"
#include "base/paths.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "driver/driver.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

std::string LiteralText(const sema::Expr& expr) {
    const auto* literal = std::get_if<sema::Literal>(&expr.node);
    return literal ? sema::LiteralSource(*literal) : "...";
}

std::string Signature(const sema::Flow& flow) {
    std::string out = "shared flow " + flow.name + "(";
    for (std::size_t i = 0; i < flow.params.size(); ++i) {
        const sema::Variable& param = flow.vars[flow.params[i]];
        out += fmt::format("{}\n    {}: {}", i ? "," : "", param.name, sema::TypeName(param.type));
        if (flow.param_defaults[i]) out += " = " + LiteralText(*flow.param_defaults[i]);
    }
    out += flow.params.empty() ? ")" : "\n)";
    if (!flow.outputs.empty()) {
        out += " -> <";
        for (std::size_t i = 0; i < flow.outputs.size(); ++i) {
            const sema::Variable& output = flow.vars[flow.outputs[i]];
            out += fmt::format("{}{}: {}", i ? ", " : "", output.name, sema::TypeName(output.type));
        }
        out += ">";
    }
    return out;
}

// The path to write in `import "..."` (relative to the directory named on the command line),
// or nullopt for a file that was only reached through an import.
std::optional<std::string> ImportPath(const std::string& file,
                                      const std::vector<std::string>& roots) {
    fs::path normal = fs::path(file).lexically_normal();
    for (const std::string& root : roots) {
        std::error_code ec;
        fs::path root_path = fs::path(root).lexically_normal();
        if (!fs::is_directory(root, ec)) {
            if (root_path == normal) return normal.filename().generic_string();
            continue;
        }
        fs::path relative = normal.lexically_relative(root_path);
        if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
    }
    return std::nullopt;
}

// `-o FILE`: replaced atomically when it is a regular file (or missing), written into when it
// is a device or a FIFO (`-o /dev/stdout`), which is never renamed over; never one of the
// inputs. A missing directory above it is created.
void WritePage(const std::string& file, const std::string& page,
               const std::vector<std::string>& inputs, DiagnosticEngine& diags) {
    fs::path out(file);
    std::string shown =
        SanitizeUtf8((out.has_parent_path() ? out : fs::path(".") / out.filename()).string());
    struct stat target {};
    if (::stat(file.c_str(), &target) == 0) {
        for (const std::string& input : inputs) {
            struct stat st {};
            if (::stat(input.c_str(), &st) == 0 && st.st_dev == target.st_dev &&
                st.st_ino == target.st_ino) {
                diags.Report(MakeDiagnostic(Code::kOutputNotCreatable, Span{},
                                            fmt::format("refusing to write `{}`: it is one of "
                                                        "the inputs",
                                                        shown))
                                 .WithHelp("write the output elsewhere with `-o`"));
                return;
            }
        }
    }
    std::error_code ec;
    if (out.has_parent_path() && !fs::exists(out.parent_path(), ec)) {
        fs::create_directories(out.parent_path(), ec);
        if (ec) {
            diags.Report(MakeDiagnostic(
                Code::kOutputNotCreatable, Span{},
                fmt::format("cannot create directory `{}`: {}",
                            SanitizeUtf8(out.parent_path().string()), ec.message())));
            return;
        }
    }
    std::string error;
    if (!WriteOwnFile(file, page, SpecialTarget::kWriteThrough, error)) {
        diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{}, SanitizeUtf8(error))
                         .WithNote("the file was left as it was"));
    }
}

}  // namespace

int RunDoc(const DocOptions& options) {
    DiagnosticEngine diags;
    SourceManager sources;
    std::optional<sema::Model> model = LoadAndCheck(options.check, sources, diags);
    std::string page;
    if (model) {
        std::vector<std::string> roots = options.check.inputs;
        struct Entry {
            std::string import_path;
            const sema::Flow* flow;
        };
        std::vector<Entry> entries;
        for (const sema::Flow& flow : model->flows) {
            if (flow.kind != sema::FlowKind::kShared) continue;
            std::optional<std::string> import_path =
                ImportPath(sources.Get(flow.file).path(), roots);
            if (import_path) entries.push_back({*import_path, &flow});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            return a.import_path < b.import_path;
        });
        page = fmt::format("# {}\n\n", options.title);
        page +=
            "Generated by `flowc doc` from the flows' signatures and `///` comments; do not "
            "edit.\n";
        for (const Entry& entry : entries) {
            const sema::Flow& flow = *entry.flow;
            page += fmt::format("\n## {}\n\n", flow.name);
            page += fmt::format("`import \"{}\";` · platform name \"{}\"\n\n", entry.import_path,
                                flow.display_name);
            page += "```flow\n" + Signature(flow) + "\n```\n\n";
            if (!flow.description.empty()) page += flow.description + "\n";
        }
        if (!options.output_file.empty() && !diags.has_errors())
            WritePage(CollapseSeparators(options.output_file), page, InputPaths(sources), diags);
    }
    Print(stderr, RenderDiagnostics(diags, sources, options.check.diagnostics));
    int code = ExitCodeFor(diags);
    if (code == exit_code::kOk && options.output_file.empty())
        std::fwrite(page.data(), 1, page.size(), stdout);
    return code;
}

}  // namespace flowc
