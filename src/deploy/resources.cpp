#include "deploy/resources.h"

namespace flowc::deploy {

// Paths, filters and permissions as the Platform API's SDKs list them
// (purecloud-platform-client-v2: RoutingApi.getRoutingQueues, ArchitectApi.getFlows, ...);
// docs/deploy.md has the table with each SDK method.
const std::vector<ResourceKind>& ResourceKinds() {
    static const std::vector<ResourceKind> kinds = {
        {"queue", "queue", "/api/v2/routing/queues", "", "list queues", "routing:queue:view",
         "create the queue in Admin > Contact Center > Queues, or correct its name"},
        {"schedule", "schedule group", "/api/v2/architect/schedulegroups", "",
         "list schedule groups", "routing:scheduleGroup:view",
         "create the schedule group in Admin > Architect > Scheduling, or correct its name"},
        {"emergency", "emergency group", "/api/v2/architect/emergencygroups", "",
         "list emergency groups", "routing:emergencyGroup:view",
         "create the emergency group in Admin > Architect > Emergency Groups, or correct its "
         "name"},
        {"prompt", "prompt", "/api/v2/architect/prompts", "", "list prompts",
         "architect:userPrompt:view",
         "create the prompt in Admin > Architect > User Prompts, or correct its name"},
        {"skill", "skill", "/api/v2/routing/skills", "", "list skills", "routing:skill:view",
         "create the skill in Admin > Routing > Skills, or correct its name"},
        {"languageSkill", "language", "/api/v2/routing/languages", "", "list languages", nullptr,
         "create the language in Admin > Routing > Languages, or correct its name"},
        {"inqueueFlow", "in-queue flow", "/api/v2/flows", "inqueuecall", "list flows",
         "architect:flow:view",
         "publish the in-queue flow first (or add it to the sources: the deploy then publishes "
         "it before the flows that name it), or correct the name in `via`"},
        {"inboundFlow", "inbound flow", "/api/v2/flows", "inboundcall", "list flows",
         "architect:flow:view",
         "publish that inbound flow first (or add it to the sources), or correct the name in "
         "`transfer flow`"},
        {"commonModule", "common module", "/api/v2/flows", "commonmodule", "list flows",
         "architect:flow:view",
         "publish the common module first (or add it to the sources instead of declaring it "
         "external), or correct its `@name`"},
        {"dataAction", "data action", "/api/v2/integrations/actions", "", "list data actions",
         "integrations:action:view",
         "create the data action in Admin > Integrations > Actions (and publish it), or "
         "correct its `@name` and `@integration`"},
    };
    return kinds;
}

const ResourceKind* FindResourceKind(std::string_view kind) {
    for (const ResourceKind& known : ResourceKinds()) {
        if (known.kind == kind) return &known;
    }
    return nullptr;
}

std::string_view ResourceKindOfReference(std::string_view reference_kind) {
    if (reference_kind == "scheduleGroup") return "schedule";
    if (reference_kind == "emergencyGroup") return "emergency";
    return reference_kind;
}

}  // namespace flowc::deploy
