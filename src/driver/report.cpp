#include "driver/report.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "base/exit_codes.h"
#include "diag/render.h"
#include "load/load.h"

namespace flowc {

bool UseColor(ColorMode mode) {
    switch (mode) {
        case ColorMode::kAlways:
            return true;
        case ColorMode::kNever:
            return false;
        case ColorMode::kAuto: {
            const char* no_color = std::getenv("NO_COLOR");
            const char* term = std::getenv("TERM");
            return isatty(STDERR_FILENO) && (no_color == nullptr || *no_color == '\0') &&
                   !(term != nullptr && std::string(term) == "dumb");
        }
    }
    return false;
}

std::string RenderDiagnostics(const DiagnosticEngine& diags, const SourceManager& sources,
                              const DiagnosticsOptions& options) {
    std::vector<Diagnostic> sorted = diags.Sorted();
    std::string text;
    if (options.format == DiagnosticsFormat::kJson) {
        text = RenderJson(sorted, sources);
    } else {
        text = RenderText(
            sorted, sources,
            RenderOptions{UseColor(options.color), options.snippets, options.error_limit});
    }
    return text;
}

int ExitCodeFor(const DiagnosticEngine& diags) {
    if (diags.Has(Code::kInternalError)) return exit_code::kInternal;
    if (!diags.has_errors()) return exit_code::kOk;
    if (diags.Has(Code::kOutputNotCreatable)) return exit_code::kCannotCreate;
    if (diags.Has(Code::kOutputNotWritable) || diags.Has(Code::kSourceNotWritable))
        return exit_code::kIoError;
    for (const Diagnostic& d : diags.Sorted()) {
        if (d.severity == Severity::kError && IsInputError(d.code)) return exit_code::kNoInput;
    }
    return exit_code::kInputErrors;
}

int BuildExitCode(const DiagnosticEngine& diags) {
    int code = ExitCodeFor(diags);
    if (code != exit_code::kInternal && diags.Has(Code::kOutputDirectoryBusy))
        return exit_code::kTransient;
    return code;
}

}  // namespace flowc
