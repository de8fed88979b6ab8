// `flowc explain CODE`: the documentation page of one diagnostic code.
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.h"
#include "cli/explain_pages.h"
#include "diag/diagnostic.h"

namespace flowc {

int RunExplain(const std::string& code) {
    const CodeInfo* info = FindCode(code);
    if (info == nullptr) {
        if (const CodeInfo* renamed = FindRenamedCode(code)) {
            fmt::print("note: {} is now {}\n\n", code, renamed->id);
            info = renamed;
        }
    }
    if (info == nullptr) {
        fmt::print(stderr, "flowc: error: `{}` is not a flowc diagnostic code\n", code);
        fmt::print(stderr,
                   "      = help: codes look like `E0101`; `flowc explain --list` lists them\n");
        return exit_code::kUsage;
    }
    for (const ExplainPage& page : ExplainPages()) {
        if (page.code == info->id) {
            std::fwrite(page.markdown.data(), 1, page.markdown.size(), stdout);
            return exit_code::kOk;
        }
    }
    // Every code has a page (a test enforces it); this is the fallback if one went missing.
    fmt::print("{}: {}\n", info->id, info->summary);
    return exit_code::kOk;
}

}  // namespace flowc
