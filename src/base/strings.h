// ASCII case helpers for text whose case rules are ASCII's: language names (identifiers are
// ASCII), URL schemes and hosts, platform enum values, and searches in a server's answer.
// Names a user reads (platform names: flows, queues) are compared with CaselessKey
// (base/utf8.h) instead, which folds all of Unicode.
#pragma once

#include <string>
#include <string_view>

namespace flowc {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline std::string Lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = AsciiLower(c);
    return out;
}

// True when the texts are equal ignoring ASCII case (equal texts included).
inline bool EqualIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
    }
    return true;
}

}  // namespace flowc
