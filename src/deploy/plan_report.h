// What `flowc deploy --plan` found, as one value, and its two reviewable renderings:
// Markdown (fits a pull-request comment) and JSON (one document, for tools). The text plan is
// printed line by line as it is made (deploy.cpp); these are made whole at the end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flowc::deploy {

enum class PlanFormat : std::uint8_t { kText, kMarkdown, kJson };

struct PlanReport {
    std::string org;       // as printed: the org's name
    std::string endpoint;  // "eu-west-1 (mypurecloud.ie)" or the --api-base URL
    std::string target;
    std::string environment;  // --env NAME; empty: none
    struct Flow {
        std::string name, type, action, reason, id, locked_by;
    };
    struct Resource {
        std::string kind;  // as messages say it: "schedule group"
        std::string name;
        std::string id;        // empty when missing
        std::string named_by;  // the first flow that names it
    };
    struct Consumer {
        std::string name, type, id;
        std::string module;  // the changed common module it calls
    };
    std::vector<Flow> flows;
    std::vector<Resource> resources;  // found and missing, in lookup order
    std::vector<Consumer> consumers;  // flows outside the project calling a changed module
    std::string consumers_unknown;    // why they could not be listed, when they could not
    bool republish_consumers = false;
    bool force_unlock = false;
    std::vector<std::string> problems;  // every error the plan found, one line each
    std::size_t changes = 0;
};

std::string RenderPlanMarkdown(const PlanReport& report);
std::string RenderPlanJson(const PlanReport& report);

}  // namespace flowc::deploy
