#include "deploy/marker.h"

#include <fmt/format.h>

namespace flowc::deploy {
namespace {

constexpr std::string_view kPrefix = "flowc: sha256=";

bool IsHex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

// The text before the last line when that line is a marker; the whole text otherwise.
std::string_view WithoutMarker(std::string_view description) {
    if (!ReadMarker(description)) return description;
    while (!description.empty() && (description.back() == '\n' || description.back() == '\r' ||
                                    description.back() == ' ')) {
        description.remove_suffix(1);
    }
    std::size_t start = description.rfind('\n');
    return start == std::string_view::npos ? std::string_view{} : description.substr(0, start);
}

}  // namespace

std::string MarkerLine(const Marker& marker) {
    std::string line = std::string(kPrefix) + marker.sha256;
    if (!marker.calls.empty()) line += " calls=" + marker.calls;
    return line;
}

std::optional<Marker> ReadMarker(std::string_view description) {
    while (!description.empty() && (description.back() == '\n' || description.back() == '\r' ||
                                    description.back() == ' ')) {
        description.remove_suffix(1);
    }
    std::size_t start = description.rfind('\n');
    std::string_view line =
        start == std::string_view::npos ? description : description.substr(start + 1);
    if (!line.starts_with(kPrefix)) return std::nullopt;
    line.remove_prefix(kPrefix.size());
    Marker marker;
    marker.sha256 = std::string(line.substr(0, 64));
    if (!IsHex(marker.sha256)) return std::nullopt;
    line.remove_prefix(64);
    if (line.empty()) return marker;
    constexpr std::string_view kCalls = " calls=";
    if (!line.starts_with(kCalls) || !IsHex(line.substr(kCalls.size()))) return std::nullopt;
    marker.calls = std::string(line.substr(kCalls.size()));
    return marker;
}

std::string WithMarker(std::string_view description, const Marker& marker) {
    std::string_view above = WithoutMarker(description);
    while (!above.empty() && (above.back() == '\n' || above.back() == ' ')) above.remove_suffix(1);
    if (above.empty()) return MarkerLine(marker);
    return fmt::format("{}\n\n{}", above, MarkerLine(marker));
}

}  // namespace flowc::deploy
