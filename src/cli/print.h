// What the commands print: the driver's texts, written whole and flushed, so that stderr's
// diagnostics come before stdout's lines when both go to one terminal or file.
#pragma once

#include <cstdio>
#include <string_view>

namespace flowc {

inline void Print(std::FILE* stream, std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
}

}  // namespace flowc
