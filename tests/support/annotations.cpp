#include "support/annotations.h"

#include <fmt/format.h>

#include <optional>
#include <regex>
#include <sstream>

#include "backend/registry.h"
#include "diag/render.h"
#include "lower/lower.h"
#include "support/pipeline.h"

namespace flowc::testing {
namespace {

struct Expectation {
    std::string kind;  // error, warning, note, help
    std::string code;  // may be empty
    std::string text;
    std::size_t file = 0;
    std::uint32_t line = 0;         // in the virtual file
    std::uint32_t source_line = 0;  // in the test file, for failure messages
    int parent = -1;                // for note/help: index of the error/warning it attaches to
    bool matched = false;
};

const std::regex kAnnotation(
    R"(//\s*(error|warning|note|help)(?:@([+-]\d+))?(?:\[([EW]\d{4})\])?(?:@([+-]\d+))?:\s*(.*?)\s*$)");

bool IsOnlyComment(const std::string& line) {
    std::size_t first = line.find_first_not_of(" \t");
    return first != std::string::npos && line.compare(first, 2, "//") == 0;
}

std::vector<Expectation> ParseExpectations(const std::vector<VirtualFile>& files,
                                           std::vector<std::string>& failures) {
    std::vector<Expectation> out;
    for (std::size_t f = 0; f < files.size(); ++f) {
        std::istringstream in(files[f].text);
        std::string line;
        std::uint32_t number = 0;
        std::uint32_t last_code_line = 0;
        int last_primary = -1;
        while (std::getline(in, line)) {
            ++number;
            std::smatch m;
            bool annotated = std::regex_search(line, m, kAnnotation);
            bool only_comment = IsOnlyComment(line);
            if (!annotated) {
                if (!only_comment && line.find_first_not_of(" \t\r") != std::string::npos) {
                    last_code_line = number;
                }
                continue;
            }
            Expectation e;
            e.kind = m[1];
            e.code = m[3];
            e.text = m[5];
            e.file = f;
            e.source_line = files[f].first_line + number - 1;
            std::string offset = m[2].matched ? std::string(m[2]) : std::string(m[4]);
            if (!offset.empty()) {
                e.line = static_cast<std::uint32_t>(static_cast<int>(number) + std::stoi(offset));
            } else {
                e.line = only_comment ? last_code_line : number;
            }
            if (!only_comment) last_code_line = number;
            if (e.kind == "note" || e.kind == "help") {
                if (last_primary < 0) {
                    failures.push_back(
                        fmt::format("line {}: `{}` annotation has no error or "
                                    "warning annotation before it",
                                    e.source_line, e.kind));
                    continue;
                }
                e.parent = last_primary;
            } else {
                last_primary = static_cast<int>(out.size());
            }
            out.push_back(std::move(e));
        }
    }
    return out;
}

bool MatchesPrimary(const Expectation& e, const Diagnostic& d, const SourceManager& sources) {
    if (!d.span.has_file() || d.span.file != e.file) return false;
    std::string_view severity = d.severity == Severity::kError     ? "error"
                                : d.severity == Severity::kWarning ? "warning"
                                                                   : "note";
    if (severity != e.kind) return false;
    if (!e.code.empty() && InfoFor(d.code).id != e.code) return false;
    if (sources.Get(d.span.file).Locate(d.span.begin).line != e.line) return false;
    return d.message.find(e.text) != std::string::npos;
}

bool MatchesAttached(const Expectation& e, const Diagnostic& d) {
    if (e.kind == "help") return d.help && d.help->find(e.text) != std::string::npos;
    for (const Label& label : d.labels) {
        if (label.text.find(e.text) != std::string::npos) return true;
    }
    for (const std::string& note : d.notes) {
        if (note.find(e.text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

std::vector<std::string> CheckAnnotatedFile(const std::string& name, const std::string& text) {
    std::vector<std::string> failures;
    std::vector<VirtualFile> files = SplitTestFile(name, text);
    std::vector<Expectation> expected = ParseExpectations(files, failures);
    bool must_be_clean = name.rfind("ok_", 0) == 0;
    if (must_be_clean && !expected.empty()) {
        failures.push_back("an `ok_` file must not contain expectations");
    }
    if (!must_be_clean && expected.empty()) {
        failures.push_back("no expectations: annotate the diagnostics, or name the file ok_*.flow");
    }

    SourceManager sources;
    DiagnosticEngine diags;
    // `// flowc-target: archy` makes the test build for that target too, for its rules, and
    // checks with what that target refuses (as `check --target archy` does).
    const bool archy = text.find("// flowc-target: archy") != std::string::npos;
    sema::TargetLimits limits;
    if (archy) {
        limits.shared_calls_refused =
            std::string(backend::MakeBackend("archy")->SharedCallsRefused());
    }
    std::optional<sema::Model> model = RunFrontEnd(files, sources, diags, limits);
    if (model && archy) {
        lower::FlowGraph graph = lower::Lower(*model);
        backend::MemorySink sink;
        backend::GenerateAll(graph, "archy", sink, diags);
    }
    std::vector<Diagnostic> actual = diags.Sorted();

    std::vector<int> matched_by(expected.size(), -1);
    std::vector<bool> used(actual.size(), false);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (expected[i].parent >= 0) continue;
        for (std::size_t j = 0; j < actual.size(); ++j) {
            if (!used[j] && MatchesPrimary(expected[i], actual[j], sources)) {
                used[j] = true;
                matched_by[i] = static_cast<int>(j);
                break;
            }
        }
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Expectation& e = expected[i];
        if (e.parent >= 0) {
            int j = matched_by[static_cast<std::size_t>(e.parent)];
            if (j >= 0 && MatchesAttached(e, actual[static_cast<std::size_t>(j)])) continue;
        } else if (matched_by[i] >= 0) {
            continue;
        }
        failures.push_back(
            fmt::format("line {}: expected {}{} on line {} of {} containing \"{}\", "
                        "but there is none",
                        e.source_line, e.kind, e.code.empty() ? "" : "[" + e.code + "]", e.line,
                        files[e.file].name, e.text));
    }
    for (std::size_t j = 0; j < actual.size(); ++j) {
        if (used[j]) continue;
        std::string rendered = RenderText({actual[j]}, sources, RenderOptions{false, false, 0});
        failures.push_back("unexpected diagnostic:\n" + rendered);
    }
    return failures;
}

}  // namespace flowc::testing
