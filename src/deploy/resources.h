// What of the org a flow may name (the manifest's `resources` kinds), and where the Platform
// API lists each: the one table deploy resolves names through, before the first write.
#pragma once

#include <string_view>
#include <vector>

namespace flowc::deploy {

struct ResourceKind {
    std::string_view kind;  // the manifest's spelling: "queue", "schedule", "dataAction", ...
    std::string_view noun;  // as messages say it: "schedule group"
    std::string_view path;  // the listing: "/api/v2/architect/schedulegroups"
    // For flows: the listing's `type` filter ("inqueuecall"); empty for other resources.
    std::string_view flow_type;
    const char* what;              // the operation, for messages: "list schedule groups"
    const char* permission;        // to list them; null: the listing needs none
    std::string_view create_help;  // where a missing one is made
};

// The kind the manifest spells `kind`; null for one this version does not know.
const ResourceKind* FindResourceKind(std::string_view kind);
const std::vector<ResourceKind>& ResourceKinds();

// The manifest's resource kind a genesys-json placeholder's kind stands for ("scheduleGroup"
// -> "schedule"); "flow" for flows, which are found by name among the build's and the org's.
std::string_view ResourceKindOfReference(std::string_view reference_kind);

}  // namespace flowc::deploy
