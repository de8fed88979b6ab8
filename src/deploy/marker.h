// What identifies a published flow's content, kept in the org itself: the last line of the
// flow's description, `flowc: sha256=<hex> [calls=<hex>]`, which flowc writes with every
// publish and reads back from the flow listing. So a deploy from a fresh checkout (CI: no
// state file, no cache) knows what is already there; the state file is only a cache.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowc::deploy {

struct Marker {
    std::string sha256;  // of the compiled flow file: the uploaded document without the marker
    // Of the shared flows of the build it calls, each with its own marker's content (so a
    // change anywhere below reaches it); empty when it calls none.
    std::string calls;

    bool operator==(const Marker&) const = default;
};

std::string MarkerLine(const Marker& marker);

// The marker on the last line of `description`; nullopt when there is none (a flow flowc
// never published, or whose description someone rewrote).
std::optional<Marker> ReadMarker(std::string_view description);

// `description` with its marker line (if any) replaced by `marker`'s: the user's own text
// stays above it, separated by a blank line.
std::string WithMarker(std::string_view description, const Marker& marker);

}  // namespace flowc::deploy
