// ANTLR's C++ runtime indexes tokens by code point; our spans are byte offsets. This maps one
// to the other, and costs nothing for pure-ASCII files.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace flowc::syntax_internal {

class OffsetMap {
  public:
    explicit OffsetMap(std::string_view utf8) : size_(static_cast<std::uint32_t>(utf8.size())) {
        bool ascii = true;
        for (char c : utf8) ascii &= static_cast<unsigned char>(c) < 0x80;
        if (ascii) return;
        for (std::uint32_t i = 0; i < utf8.size(); ++i) {
            if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) byte_of_.push_back(i);
        }
        byte_of_.push_back(size_);
    }

    // Byte offset of the code point with this index; the end of the text past the last one.
    std::uint32_t ByteOffset(std::size_t code_point) const {
        if (byte_of_.empty())
            return code_point < size_ ? static_cast<std::uint32_t>(code_point) : size_;
        return code_point < byte_of_.size() ? byte_of_[code_point] : size_;
    }

  private:
    std::uint32_t size_;
    std::vector<std::uint32_t> byte_of_;  // empty when the text is ASCII
};

}  // namespace flowc::syntax_internal
