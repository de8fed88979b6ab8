#include "base/file_names.h"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace flowc {
namespace {

std::string AsciiUpper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

}  // namespace

bool IsManifestStem(std::string_view stem) { return AsciiUpper(stem) == AsciiUpper(kManifestStem); }

std::optional<std::string> WindowsDeviceName(std::string_view stem) {
    std::string upper = AsciiUpper(stem);
    static constexpr std::array<std::string_view, 7> kDevices = {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"};
    for (std::string_view device : kDevices) {
        if (upper == device) return upper;
    }
    if (upper.size() < 4 || !(upper.starts_with("COM") || upper.starts_with("LPT"))) {
        return std::nullopt;
    }
    std::string_view digit = std::string_view(upper).substr(3);
    // ISO 8859-1's superscripts, which Windows also takes for digits here, in UTF-8.
    static constexpr std::array<std::string_view, 3> kSuperscripts = {"\xC2\xB9", "\xC2\xB2",
                                                                      "\xC2\xB3"};
    bool is_digit = digit.size() == 1 && digit[0] >= '0' && digit[0] <= '9';
    for (std::string_view superscript : kSuperscripts) is_digit |= digit == superscript;
    if (!is_digit) return std::nullopt;
    return upper;
}

std::string SafeFileStem(std::string_view identifier) {
    if (IsManifestStem(identifier) || WindowsDeviceName(identifier)) {
        throw std::logic_error(fmt::format(
            "flow `{}` reached a backend with a file name the checker refuses", identifier));
    }
    return std::string(identifier);
}

}  // namespace flowc
