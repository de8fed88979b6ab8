#include "backend/registry.h"

#include <map>

namespace flowc::backend {

// Each target's factory, defined in its own folder.
std::unique_ptr<Backend> MakeGenesysJsonBackend();
std::unique_ptr<Backend> MakeArchyBackend();

namespace {

std::map<std::string, BackendFactory, std::less<>>& Registry() {
    static std::map<std::string, BackendFactory, std::less<>> registry{
        {std::string(kDefaultTarget), MakeGenesysJsonBackend},
        {"archy", MakeArchyBackend},
    };
    return registry;
}

}  // namespace

void RegisterBackend(std::string name, BackendFactory factory) {
    Registry()[std::move(name)] = factory;
}

std::unique_ptr<Backend> MakeBackend(std::string_view target) {
    auto it = Registry().find(target);
    return it == Registry().end() ? nullptr : it->second();
}

std::vector<std::string> TargetNames() {
    std::vector<std::string> names;
    for (const auto& [name, factory] : Registry()) names.push_back(name);
    return names;
}

}  // namespace flowc::backend
