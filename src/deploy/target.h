// The ways deploy publishes, and the one place that reads a manifest's target name. The
// backend registry owns the targets and their names (backend/registry.h); each target says
// how Genesys Cloud takes its files in (Backend::publish_method), which is all deploy needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace flowc::deploy {

enum class Target : std::uint8_t {
    kArchy,        // Archy YAML through publish jobs
    kGenesysJson,  // the flow model through POST/PUT /api/v2/flows
};

// How the registry's target `name` is published; nullopt for a name the registry does not
// know or a target that cannot be deployed.
std::optional<Target> ParseTarget(std::string_view name);

}  // namespace flowc::deploy
