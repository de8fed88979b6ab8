#include "deploy/target.h"

#include "backend/registry.h"

namespace flowc::deploy {

std::optional<Target> ParseTarget(std::string_view name) {
    std::unique_ptr<backend::Backend> target = backend::MakeBackend(name);
    if (!target) return std::nullopt;
    switch (target->publish_method()) {
        case backend::PublishMethod::kArchyJob:
            return Target::kArchy;
        case backend::PublishMethod::kFlowsApi:
            return Target::kGenesysJson;
        case backend::PublishMethod::kNone:
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace flowc::deploy
