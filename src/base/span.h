// Source locations as byte offsets. Lines and columns are computed only when rendering.
#pragma once

#include <cstdint>
#include <limits>

namespace flowc {

using FileId = std::uint32_t;

// A diagnostic about the command line or the build as a whole has no file.
inline constexpr FileId kNoFile = std::numeric_limits<FileId>::max();

// Half-open byte range [begin, end) in one file.
struct Span {
    FileId file = kNoFile;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    bool has_file() const { return file != kNoFile; }
    friend bool operator==(const Span&, const Span&) = default;
};

// The smallest span covering both; both must be in the same file.
inline Span Join(Span a, Span b) {
    return Span{a.file, a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
}

}  // namespace flowc
