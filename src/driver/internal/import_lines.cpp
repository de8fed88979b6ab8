#include "driver/internal/import_lines.h"

namespace flowc {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The file's line ending: its first one, or `\n` when it has none.
std::string_view LineEnding(std::string_view bytes) {
    std::size_t at = bytes.find_first_of("\r\n");
    if (at == std::string_view::npos || bytes[at] == '\n') return "\n";
    return at + 1 < bytes.size() && bytes[at + 1] == '\n' ? "\r\n" : "\r";
}

// The offset just after the line ending of the line holding `at` (`bytes.size()` when that
// line is the last and has none).
std::size_t NextLine(std::string_view bytes, std::size_t at) {
    std::size_t end = bytes.find_first_of("\r\n", at);
    if (end == std::string_view::npos) return bytes.size();
    if (bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n') return end + 2;
    return end + 1;
}

std::string_view LineAt(std::string_view bytes, std::size_t at) {
    std::size_t end = bytes.find_first_of("\r\n", at);
    return bytes.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

std::string_view TrimmedStart(std::string_view line) {
    std::size_t first = line.find_first_not_of(" \t");
    return first == std::string_view::npos ? std::string_view() : line.substr(first);
}

bool EndsWithLineEnding(std::string_view text) {
    return !text.empty() && (text.back() == '\n' || text.back() == '\r');
}

}  // namespace

std::string WithImportLines(std::string_view bytes, std::optional<std::size_t> after_imports,
                            const std::set<std::string>& lines) {
    const std::string_view nl = LineEnding(bytes);
    std::string block;
    for (const std::string& line : lines) {
        block += line;
        block += nl;
    }
    std::string out;
    if (after_imports) {
        // After the line that ends the last import (its `;` may follow on a later line).
        std::size_t semicolon = bytes.find(';', *after_imports);
        std::size_t at =
            NextLine(bytes, semicolon == std::string_view::npos ? *after_imports : semicolon);
        out.append(bytes.substr(0, at));
        if (!EndsWithLineEnding(out)) out += nl;
        out += block;
        out.append(bytes.substr(at));
        return out;
    }
    std::size_t at = bytes.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
    // The leading comment block: `//` lines (not `///`, which documents the declaration
    // below it) and `/* */` comments that start a line, up to the first other line.
    const std::size_t header_begin = at;
    while (at < bytes.size()) {
        std::string_view line = TrimmedStart(LineAt(bytes, at));
        if (line.starts_with("//") && !line.starts_with("///")) {
            at = NextLine(bytes, at);
        } else if (line.starts_with("/*")) {
            std::size_t close = bytes.find("*/", at);
            if (close == std::string_view::npos || !TrimmedStart(LineAt(bytes, close + 2)).empty())
                break;
            at = NextLine(bytes, close);
        } else {
            break;
        }
    }
    const bool has_header = at > header_begin;
    out.append(bytes.substr(0, at));
    if (has_header) {
        if (!EndsWithLineEnding(out)) out += nl;
        out += nl;  // a blank line between the comment and the imports
    }
    out += block;
    // One blank line between the imports and what follows.
    while (at < bytes.size() && TrimmedStart(LineAt(bytes, at)).empty() &&
           NextLine(bytes, at) > at) {
        at = NextLine(bytes, at);
    }
    if (at < bytes.size()) out += nl;
    out.append(bytes.substr(at));
    return out;
}

}  // namespace flowc
