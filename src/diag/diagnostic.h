// A diagnostic is a value: severity, stable code, primary span, message, labelled secondary
// spans, notes and a help line. Phases build them and hand them to the DiagnosticEngine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.h"

namespace flowc {

enum class Severity : std::uint8_t { kNote, kWarning, kError };

enum class Code : std::uint16_t {
#define FLOWC_DIAG(name, code, severity, summary) k##name,
#include "diag/codes.def"
#undef FLOWC_DIAG
};

struct CodeInfo {
    Code code;
    std::string_view id;  // "E0101"
    Severity default_severity;
    std::string_view summary;
};

const CodeInfo& InfoFor(Code code);
const std::vector<CodeInfo>& AllCodes();
const CodeInfo* FindCode(std::string_view id);  // nullptr when unknown; case-insensitive
// The code a renumbered one became (renamed_codes.def): "E0701" -> E0901; nullptr for any
// other id. Case-insensitive.
const CodeInfo* FindRenamedCode(std::string_view old_id);

struct Label {
    Span span;
    std::string text;
};

struct Diagnostic {
    Code code;
    Severity severity;
    Span span;
    std::string message;        // lowercase, no trailing period, code in backticks
    std::vector<Label> labels;  // secondary locations ("`Menu` declared here")
    std::vector<std::string> notes;
    std::optional<std::string> help;
    // A fix that tools apply without asking (`flowc check --fix-imports`): this line
    // (`import "x.flow";`) belongs among the imports of the file of `span`.
    std::optional<std::string> import_to_add;

    // Fluent helpers so that a report reads as one expression at the emitting site. They
    // return a value, not `Diagnostic&&`: a reference to the temporary they were called on
    // would dangle once bound (`auto&& d = MakeDiagnostic(...).WithHelp(...);`).
    Diagnostic WithLabel(Span at, std::string text) && {
        labels.push_back({at, std::move(text)});
        return std::move(*this);
    }
    Diagnostic WithNote(std::string text) && {
        notes.push_back(std::move(text));
        return std::move(*this);
    }
    Diagnostic WithHelp(std::string text) && {
        help = std::move(text);
        return std::move(*this);
    }
};

std::string_view SeverityName(Severity severity);  // "error", "warning", "note"

// A diagnostic with the code's default severity.
Diagnostic MakeDiagnostic(Code code, Span span, std::string message);

}  // namespace flowc
