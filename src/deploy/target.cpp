#include "deploy/target.h"

namespace flowc::deploy {

std::optional<Target> ParseTarget(std::string_view name) {
    if (name == TargetName(Target::kArchy)) return Target::kArchy;
    if (name == TargetName(Target::kGenesysJson)) return Target::kGenesysJson;
    return std::nullopt;
}

std::string_view TargetName(Target target) {
    switch (target) {
        case Target::kArchy:
            return "archy";
        case Target::kGenesysJson:
            return "genesys-json";
    }
    return "archy";
}

}  // namespace flowc::deploy
