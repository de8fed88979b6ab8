#include "base/utf8.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cstdlib>

namespace flowc {
namespace {

// Decodes one well-formed sequence; returns its length, or 0 and a reason when malformed.
std::size_t DecodeOne(std::string_view s, std::string* reason) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    std::size_t length;
    std::uint32_t min_value;
    std::uint32_t value;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, min_value = 0x80, value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, min_value = 0x800, value = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, min_value = 0x10000, value = lead & 0x07;
    } else {
        if (reason) {
            *reason = lead < 0xC0 ? fmt::format("unexpected continuation byte 0x{:02X}", lead)
                                  : fmt::format("byte 0x{:02X} never appears in UTF-8", lead);
        }
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if (i >= s.size()) {
            if (reason) *reason = fmt::format("sequence starting with 0x{:02X} is cut short", lead);
            return 0;
        }
        if ((byte(i) & 0xC0) != 0x80) {
            if (reason) {
                *reason = fmt::format("byte 0x{:02X} after 0x{:02X} is not a continuation byte",
                                      byte(i), lead);
            }
            return 0;
        }
        value = (value << 6) | (byte(i) & 0x3F);
    }
    if (value < min_value) {
        if (reason) *reason = "overlong encoding";
        return 0;
    }
    if (value >= 0xD800 && value <= 0xDFFF) {
        if (reason) *reason = fmt::format("encoded surrogate U+{:04X}", value);
        return 0;
    }
    if (value > 0x10FFFF) {
        if (reason) *reason = "code point above U+10FFFF";
        return 0;
    }
    return length;
}

}  // namespace

std::optional<Utf8Error> FindInvalidUtf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        std::string reason;
        std::size_t n = DecodeOne(bytes.substr(i), &reason);
        if (n == 0) return Utf8Error{static_cast<std::uint32_t>(i), std::move(reason)};
        i += n;
    }
    return std::nullopt;
}

std::size_t SequenceLength(std::string_view bytes) {
    if (bytes.empty()) return 0;
    std::size_t n = DecodeOne(bytes, nullptr);
    return n == 0 ? 1 : n;
}

std::uint32_t CountCodePoints(std::string_view bytes) {
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < bytes.size(); i += SequenceLength(bytes.substr(i))) ++count;
    return count;
}

std::string SanitizeUtf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        std::size_t n = DecodeOne(bytes.substr(i), nullptr);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(bytes.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string PrintableText(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        auto byte = static_cast<unsigned char>(bytes[i]);
        std::size_t n = DecodeOne(bytes.substr(i), nullptr);
        if (n == 0 || byte < 0x20 || byte == 0x7F) {
            // A control character, or a byte that is not part of valid UTF-8: shown as the
            // byte it is (not U+FFFD), so that what the server or the file said stays legible.
            out += fmt::format("\\x{:02x}", byte);
            ++i;
            continue;
        }
        char32_t c = byte;
        if (n == 2) c = ((byte & 0x1F) << 6) | (static_cast<unsigned char>(bytes[i + 1]) & 0x3F);
        if (n == 3) {
            c = ((byte & 0x0F) << 12) | ((static_cast<unsigned char>(bytes[i + 1]) & 0x3F) << 6) |
                (static_cast<unsigned char>(bytes[i + 2]) & 0x3F);
        }
        bool c1 = c >= 0x80 && c <= 0x9F;
        bool bidi = c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
                    (c >= 0x2066 && c <= 0x2069);
        if (n > 1 && (c1 || bidi)) {
            out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(c));
        } else {
            out.append(bytes.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::string CaselessKey(std::string_view utf8) {
    // ASCII (every identifier, most platform names) folds to lower case and is already NFC
    // with nothing ignorable: a loop instead of utf8proc's allocation and tables.
    bool ascii = true;
    for (char c : utf8) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
        std::string out(utf8);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return out;
    }
    utf8proc_uint8_t* folded = nullptr;
    utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                     static_cast<utf8proc_ssize_t>(utf8.size()), &folded,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                    UTF8PROC_CASEFOLD | UTF8PROC_IGNORE));
    if (length < 0) return std::string(utf8);
    std::string out(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length));
    std::free(folded);
    return out;
}

}  // namespace flowc
