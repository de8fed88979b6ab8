#include "base/source_file.h"

#include <algorithm>

#include "base/utf8.h"

namespace flowc {

SourceFile::SourceFile(FileId id, std::string display_path, std::string text)
    : id_(id), path_(std::move(display_path)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
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
    std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                   : static_cast<std::uint32_t>(text_.size());
    std::string_view text = std::string_view(text_).substr(start, end - start);
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
