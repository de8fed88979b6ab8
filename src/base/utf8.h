// UTF-8 checks that run before any byte reaches ANTLR: the 4.9 runtime aborts the process
// on malformed UTF-8, so every malformed input must be caught here first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowc {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Why a byte sequence is not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF).
struct Utf8Error {
    std::uint32_t offset;  // of the first byte of the bad sequence
    std::string reason;    // e.g. "unexpected continuation byte 0x80"
};

std::optional<Utf8Error> FindInvalidUtf8(std::string_view bytes);

// Counts code points; each byte of a malformed sequence counts as one, so this is total.
std::uint32_t CountCodePoints(std::string_view bytes);

// Replaces malformed sequences with U+FFFD so text can be echoed safely in a terminal.
std::string SanitizeUtf8(std::string_view bytes);

// Text flowc did not write (a string literal of a source: an import path, a platform name; a
// server's message) made safe to print: C0 controls and DEL, and every byte that is not part
// of valid UTF-8, are written as `\x1b`-style escapes, C1 controls and the bidirectional
// controls as `\u202e`-style ones, so that a string cannot move the cursor, ring the bell or
// reorder the line it is shown in. Printable text, non-ASCII letters included, is unchanged.
std::string PrintableText(std::string_view bytes);

// Length in bytes of the (possibly malformed) sequence starting at `bytes[0]`; at least 1.
std::size_t SequenceLength(std::string_view bytes);

// The key under which two names that a reader cannot tell apart are equal: NFC normalisation
// (a precomposed `é` and `e` + U+0301 are one name), Unicode case folding (`Straße` and
// `STRASSE`), and default-ignorable code points (zero-width spaces and joiners, soft hyphens)
// dropped. utf8proc's tables, not ours. Text that is not valid UTF-8 is returned unchanged.
std::string CaselessKey(std::string_view utf8);

}  // namespace flowc
