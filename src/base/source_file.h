// One source file's text plus the line table that turns byte offsets into line:column.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.h"

namespace flowc {

// A line ends at LF, at CRLF (one line end) and at a lone CR (old Mac files): every part of
// flowc that counts lines (this line table, the lexer, doc comments) counts them this way.
// The length of the line end starting at `text[at]`: 2 for CRLF, 1 for LF or a lone CR, 0
// when there is none.
std::size_t LineEndLength(std::string_view text, std::size_t at);
// The number of line ends in `text`.
std::size_t CountLineEnds(std::string_view text);

// 1-based line and column; the column counts Unicode code points (a tab is one column).
struct LineColumn {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

class SourceFile {
  public:
    SourceFile(FileId id, std::string display_path, std::string text);

    FileId id() const { return id_; }
    const std::string& path() const { return path_; }
    std::string_view text() const { return text_; }

    LineColumn Locate(std::uint32_t offset) const;
    std::uint32_t LineCount() const { return static_cast<std::uint32_t>(line_starts_.size()); }
    // The text of a 1-based line, without its line terminator.
    std::string_view Line(std::uint32_t line) const;
    std::uint32_t LineStart(std::uint32_t line) const { return line_starts_[line - 1]; }

  private:
    FileId id_;
    std::string path_;
    std::string text_;
    std::vector<std::uint32_t> line_starts_;
};

// Owns every file of a build; FileIds are dense and in load order, which is also the order
// in which diagnostics are printed.
class SourceManager {
  public:
    // Drops a leading UTF-8 byte-order mark; offsets count from the first byte after it.
    FileId Add(std::string display_path, std::string text);
    const SourceFile& Get(FileId id) const { return *files_[id]; }
    std::size_t size() const { return files_.size(); }

  private:
    std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace flowc
