#include "diag/diagnostic.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace flowc {

const std::vector<CodeInfo>& AllCodes() {
    static const std::vector<CodeInfo> codes = {
#define FLOWC_DIAG(name, code, severity, summary) \
    {Code::k##name, #code, Severity::k##severity, summary},
#include "diag/codes.def"
#undef FLOWC_DIAG
    };
    return codes;
}

const CodeInfo& InfoFor(Code code) { return AllCodes()[static_cast<std::size_t>(code)]; }

const CodeInfo* FindCode(std::string_view id) {
    for (const CodeInfo& info : AllCodes()) {
        if (std::equal(info.id.begin(), info.id.end(), id.begin(), id.end(), [](char a, char b) {
                return std::toupper(static_cast<unsigned char>(a)) ==
                       std::toupper(static_cast<unsigned char>(b));
            })) {
            return &info;
        }
    }
    return nullptr;
}

const CodeInfo* FindRenamedCode(std::string_view old_id) {
    static constexpr std::pair<std::string_view, std::string_view> kRenamed[] = {
#define FLOWC_RENAMED_CODE(old_code, new_code) {#old_code, #new_code},
#include "diag/renamed_codes.def"
#undef FLOWC_RENAMED_CODE
    };
    if (FindCode(old_id) != nullptr) return nullptr;  // a current code is never a former one
    for (auto [old_code, new_code] : kRenamed) {
        if (old_code.size() == old_id.size() &&
            std::equal(old_code.begin(), old_code.end(), old_id.begin(), [](char a, char b) {
                return std::toupper(static_cast<unsigned char>(a)) ==
                       std::toupper(static_cast<unsigned char>(b));
            })) {
            return FindCode(new_code);
        }
    }
    return nullptr;
}

std::string_view SeverityName(Severity severity) {
    switch (severity) {
        case Severity::kError:
            return "error";
        case Severity::kWarning:
            return "warning";
        case Severity::kNote:
            return "note";
    }
    return "error";
}

Diagnostic MakeDiagnostic(Code code, Span span, std::string message) {
    return Diagnostic{code, InfoFor(code).default_severity, span, std::move(message), {}, {}, {},
                      {}};
}

}  // namespace flowc
