// The targets deploy knows how to publish, and the one place that reads a manifest's target
// name. (The backend registry owns the list of target names; deploy needs to know only how
// each of its targets is published: a publish job for archy, the flows API for genesys-json.)
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace flowc::deploy {

enum class Target : std::uint8_t {
    kArchy,        // Archy YAML through publish jobs
    kGenesysJson,  // the flow model through POST/PUT /api/v2/flows
};

// nullopt for a name deploy cannot publish.
std::optional<Target> ParseTarget(std::string_view name);
// The manifest's spelling, as printed and as the state file keys its records.
std::string_view TargetName(Target target);

}  // namespace flowc::deploy
