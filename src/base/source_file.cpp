#include "base/source_file.h"

#include <algorithm>

#include "base/utf8.h"

namespace flowc {

std::size_t LineEndLength(std::string_view text, std::size_t at) {
    if (at >= text.size()) return 0;
    if (text[at] == '\n') return 1;
    if (text[at] != '\r') return 0;
    return at + 1 < text.size() && text[at + 1] == '\n' ? 2 : 1;
}

std::size_t CountLineEnds(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = LineEndLength(text, i);
        count += length > 0;
        i += std::max<std::size_t>(length, 1);
    }
    return count;
}

SourceFile::SourceFile(FileId id, std::string display_path, std::string text)
    : id_(id), path_(std::move(display_path)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text_.size();) {
        auto length = static_cast<std::uint32_t>(LineEndLength(text_, i));
        if (length == 0) {
            ++i;
            continue;
        }
        i += length;
        line_starts_.push_back(i);
    }
}

LineColumn SourceFile::Locate(std::uint32_t offset) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
    std::uint32_t start = line_starts_[line - 1];
    auto column = CountCodePoints(std::string_view(text_).substr(start, offset - start));
    return {line, column + 1};
}

std::string_view SourceFile::Line(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    std::uint32_t start = line_starts_[line - 1];
    std::uint32_t end =
        line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
    std::string_view text = std::string_view(text_).substr(start, end - start);
    // Without its line end: LF, CRLF or a lone CR (the last line may have none).
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    return text;
}

FileId SourceManager::Add(std::string display_path, std::string text) {
    if (text.starts_with(kUtf8Bom)) text.erase(0, kUtf8Bom.size());
    auto id = static_cast<FileId>(files_.size());
    files_.push_back(std::make_unique<SourceFile>(id, std::move(display_path), std::move(text)));
    return id;
}

}  // namespace flowc
