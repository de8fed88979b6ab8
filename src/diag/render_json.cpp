#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "diag/render.h"

namespace flowc {
namespace {

void AddLocation(nlohmann::ordered_json& into, Span span, const SourceManager& sources) {
    if (!span.has_file()) {
        into["file"] = nullptr;
        return;
    }
    const SourceFile& file = sources.Get(span.file);
    LineColumn begin = file.Locate(span.begin);
    LineColumn end = file.Locate(span.end);
    into["file"] = SanitizeUtf8(file.path());
    into["line"] = begin.line;
    into["column"] = begin.column;
    into["end_line"] = end.line;
    into["end_column"] = end.column;
}

}  // namespace

std::string RenderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity == Severity::kError) ++errors;
        if (d.severity == Severity::kWarning) ++warnings;
        nlohmann::ordered_json entry;
        entry["code"] = InfoFor(d.code).id;
        entry["severity"] = SeverityName(d.severity);
        entry["message"] = SanitizeUtf8(d.message);
        AddLocation(entry, d.span, sources);
        nlohmann::ordered_json labels = nlohmann::ordered_json::array();
        for (const Label& label : d.labels) {
            nlohmann::ordered_json item;
            AddLocation(item, label.span, sources);
            item["text"] = SanitizeUtf8(label.text);
            labels.push_back(std::move(item));
        }
        entry["labels"] = std::move(labels);
        nlohmann::ordered_json notes = nlohmann::ordered_json::array();
        for (const std::string& note : d.notes) notes.push_back(SanitizeUtf8(note));
        entry["notes"] = std::move(notes);
        entry["help"] = d.help ? nlohmann::ordered_json(SanitizeUtf8(*d.help)) : nullptr;
        // Only where there is one, so that every other diagnostic keeps its shape.
        if (d.import_to_add) entry["import_to_add"] = SanitizeUtf8(*d.import_to_add);
        list.push_back(std::move(entry));
    }
    nlohmann::ordered_json doc;
    doc["diagnostics"] = std::move(list);
    doc["errors"] = errors;
    doc["warnings"] = warnings;
    return doc.dump(2) + "\n";
}

}  // namespace flowc
