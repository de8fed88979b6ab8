#include "load/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

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

}  // namespace

bool IsInputError(Code code) {
    return code == Code::kInputNotReadable || code == Code::kNoFlowFiles;
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      DiagnosticEngine& diags) {
    std::vector<std::string> files;
    std::set<std::string> seen;
    auto add = [&](const fs::path& path) {
        if (seen.insert(Canonical(path)).second) files.push_back(path.string());
    };
    for (const std::string& arg : paths) {
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
        std::vector<fs::path> found;
        fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const fs::directory_entry& entry = *it;
            if (entry.is_directory(ec) && IsHidden(entry.path())) {
                it.disable_recursion_pending();
                continue;
            }
            if (entry.path().extension() == ".flow" && !entry.is_directory(ec)) {
                found.push_back(entry.path());
            }
        }
        if (ec) {
            ReportUnreadable(diags, arg, ec.message());
            continue;
        }
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

std::optional<FileId> ReadSourceFile(const std::string& path, SourceManager& sources,
                                     DiagnosticEngine& diags, const LoadOptions& options) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        ReportUnreadable(diags, path, "no such file or directory");
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        ReportUnreadable(diags, path, "it is a directory");
        return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
        ReportUnreadable(diags, path, "not a regular file (a FIFO, socket or device)",
                         "flowc reads `.flow` source files only");
        return std::nullopt;
    }
    std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > options.max_file_bytes) {
        diags.Report(MakeDiagnostic(Code::kFileTooLarge, Span{},
                                    fmt::format("`{}` is {} bytes, over the limit of {} bytes",
                                                SanitizeUtf8(path), size, options.max_file_bytes))
                         .WithHelp("raise the limit with `--max-file-size`, or split the file"));
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ReportUnreadable(diags, path, std::strerror(errno));
        return std::nullopt;
    }
    std::string text;
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad() || static_cast<std::uintmax_t>(in.gcount()) != size) {
        ReportUnreadable(diags, path, "read failed or the file changed while being read");
        return std::nullopt;
    }
    return sources.Add(path, std::move(text));
}

}  // namespace flowc
