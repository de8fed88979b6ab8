// A command's one output file (`doc -o FILE`), written as the user's files are: atomically,
// never over an input, never through a planted link (base/own_files.h).
#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>

#include "base/own_files.h"
#include "base/paths.h"
#include "base/utf8.h"
#include "driver/driver.h"

namespace flowc {

namespace fs = std::filesystem;

void WriteOutputFile(const std::string& given, const std::string& bytes,
                     const std::vector<std::string>& inputs, DiagnosticEngine& diags) {
    const std::string file = CollapseSeparators(given);
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
    if (!WriteOwnFile(file, bytes, SpecialTarget::kWriteThrough, error)) {
        diags.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{}, SanitizeUtf8(error))
                         .WithNote("the file was left as it was"));
    }
}

}  // namespace flowc
