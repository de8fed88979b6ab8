#include <fmt/format.h>

#include <algorithm>

#include "base/utf8.h"
#include "diag/render.h"

namespace flowc {
namespace {

constexpr int kTabStop = 4;

struct Style {
    bool on;
    std::string_view Paint(std::string_view code) const { return on ? code : std::string_view(); }
    std::string_view Bold() const { return Paint("\033[1m"); }
    std::string_view Reset() const { return Paint("\033[0m"); }
    std::string_view ForSeverity(Severity s) const {
        switch (s) {
            case Severity::kError:
                return Paint("\033[1;31m");
            case Severity::kWarning:
                return Paint("\033[1;35m");
            case Severity::kNote:
                return Paint("\033[1;36m");
        }
        return {};
    }
    std::string_view Caret() const { return Paint("\033[1;32m"); }
    std::string_view Gutter() const { return Paint("\033[1;34m"); }
};

char32_t DecodeCodePoint(std::string_view bytes) {
    auto b = [&](std::size_t i) {
        return static_cast<char32_t>(static_cast<unsigned char>(bytes[i]));
    };
    switch (bytes.size()) {
        case 1:
            return b(0);
        case 2:
            return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
        case 3:
            return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        default:
            return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) |
                   (b(3) & 0x3F);
    }
}

// Terminal columns a code point occupies: combining marks 0, East Asian wide forms 2.
int CodePointWidth(char32_t c) {
    if (c >= 0x0300 && c <= 0x036F) return 0;
    if (c == 0x200B || (c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069)) {
        return 0;  // zero-width and bidirectional controls (replaced below, kept aligned)
    }
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
        (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD)) {
        return 2;
    }
    return 1;
}

// A source line made safe and measurable for a terminal: tabs expanded, malformed bytes and
// control characters replaced, and the display column of every byte offset recorded.
struct DisplayLine {
    std::string text;
    std::vector<int> column_at;  // byte offset in the line -> display column; size = bytes + 1
};

DisplayLine MakeDisplayLine(std::string_view line) {
    DisplayLine out;
    out.column_at.assign(line.size() + 1, 0);
    int column = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        std::size_t n = SequenceLength(line.substr(i));
        bool malformed = n == 1 && static_cast<unsigned char>(line[i]) >= 0x80;
        for (std::size_t k = 0; k < n; ++k) out.column_at[i + k] = column;
        if (line[i] == '\t') {
            int spaces = kTabStop - column % kTabStop;
            out.text.append(spaces, ' ');
            column += spaces;
        } else if (malformed || static_cast<unsigned char>(line[i]) < 0x20 || line[i] == 0x7F) {
            out.text += "\xEF\xBF\xBD";
            column += 1;
        } else {
            char32_t c = DecodeCodePoint(line.substr(i, n));
            int width = CodePointWidth(c);
            if (width == 0 && c >= 0x200B) {
                out.text += "\xEF\xBF\xBD";  // never let a bidi control reorder the snippet
                width = 1;
            } else {
                out.text.append(line.substr(i, n));
            }
            column += width;
        }
        i += n;
    }
    out.column_at[line.size()] = column;
    return out;
}

class TextRenderer {
  public:
    TextRenderer(const SourceManager& sources, const RenderOptions& options)
        : sources_(sources), options_(options), style_{options.color} {}

    void Render(const Diagnostic& d) {
        Header(d.span, d.severity,
               fmt::format("{}[{}]", SeverityName(d.severity), InfoFor(d.code).id), d.message);
        if (options_.snippets) Snippet(d.span, '^', "");
        for (const Label& label : d.labels) {
            Header(label.span, Severity::kNote, "note", label.text);
            if (options_.snippets) Snippet(label.span, '-', "");
        }
        for (const std::string& note : d.notes) Trailer("note", note);
        if (d.help) Trailer("help", *d.help);
    }

    std::string Take() { return std::move(out_); }
    void Append(std::string_view text) { out_ += text; }

  private:
    void Header(Span span, Severity severity, std::string_view tag, std::string_view message) {
        if (span.has_file()) {
            const SourceFile& file = sources_.Get(span.file);
            LineColumn at = file.Locate(span.begin);
            out_ += fmt::format("{}{}:{}:{}: {}", style_.Bold(), file.path(), at.line, at.column,
                                style_.Reset());
        } else {
            out_ += fmt::format("{}flowc: {}", style_.Bold(), style_.Reset());
        }
        out_ += fmt::format("{}{}:{} {}{}{}\n", style_.ForSeverity(severity), tag, style_.Reset(),
                            style_.Bold(), SanitizeUtf8(message), style_.Reset());
    }

    void Snippet(Span span, char marker, std::string_view label) {
        if (!span.has_file()) return;
        const SourceFile& file = sources_.Get(span.file);
        LineColumn at = file.Locate(span.begin);
        std::string_view line = file.Line(at.line);
        std::uint32_t line_start = file.LineStart(at.line);
        std::uint32_t begin = std::min<std::uint32_t>(span.begin - line_start, line.size());
        std::uint32_t end = span.end > span.begin ? span.end - line_start : begin;
        end = std::min<std::uint32_t>(end, line.size());
        DisplayLine display = MakeDisplayLine(line);
        int first = display.column_at[begin];
        int width = std::max(1, display.column_at[end] - first);
        std::string gutter = fmt::format("{:>5}", at.line);
        out_ += fmt::format("{}{} |{} {}\n", style_.Gutter(), gutter, style_.Reset(), display.text);
        std::string markers(static_cast<std::size_t>(width), marker);
        out_ += fmt::format("{}{} |{} {}{}{}{}{}\n", style_.Gutter(), std::string(5, ' '),
                            style_.Reset(), std::string(static_cast<std::size_t>(first), ' '),
                            style_.Caret(), markers, style_.Reset(),
                            label.empty() ? "" : fmt::format(" {}", label));
    }

    void Trailer(std::string_view kind, std::string_view text) {
        out_ += fmt::format("      {}={} {}{}:{} {}\n", style_.Gutter(), style_.Reset(),
                            style_.Bold(), kind, style_.Reset(), SanitizeUtf8(text));
    }

    const SourceManager& sources_;
    const RenderOptions& options_;
    Style style_;
    std::string out_;
};

}  // namespace

std::string CountLine(std::size_t errors, std::size_t warnings) {
    auto plural = [](std::size_t n, std::string_view word) {
        return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
    };
    if (errors && warnings) {
        return fmt::format("{} and {} generated", plural(errors, "error"),
                           plural(warnings, "warning"));
    }
    if (errors) return fmt::format("{} generated", plural(errors, "error"));
    if (warnings) return fmt::format("{} generated", plural(warnings, "warning"));
    return {};
}

std::string RenderText(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                       const RenderOptions& options) {
    TextRenderer renderer(sources, options);
    std::size_t errors = 0;
    std::size_t warnings = 0;
    bool stopped = false;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity == Severity::kError) ++errors;
        if (d.severity == Severity::kWarning) ++warnings;
        if (stopped) continue;
        if (d.severity == Severity::kError && options.error_limit != 0 &&
            errors > options.error_limit) {
            renderer.Append(
                fmt::format("flowc: {}error:{} too many errors emitted, stopping now\n"
                            "      = help: `--error-limit=0` prints them all\n",
                            options.color ? "\033[1;31m" : "", options.color ? "\033[0m" : ""));
            stopped = true;
            continue;
        }
        renderer.Render(d);
    }
    std::string count = CountLine(errors, warnings);
    if (!count.empty()) renderer.Append(count + "\n");
    return renderer.Take();
}

}  // namespace flowc
