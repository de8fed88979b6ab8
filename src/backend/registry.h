// The targets, by name: the only place that names them (besides the option that names the
// default). Choosing a target, listing the valid ones for `--target` and adding one all go
// through here; a test registers a target of its own the same way.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "backend/backend.h"

namespace flowc::backend {

// What `flowc build` writes without `--target`.
inline constexpr std::string_view kDefaultTarget = "genesys-json";

using BackendFactory = std::unique_ptr<Backend> (*)();

// Adds a target; a name registered before is replaced. Not thread-safe: register before
// building.
void RegisterBackend(std::string name, BackendFactory factory);

// The backend of `target`, or null when no target has that name.
std::unique_ptr<Backend> MakeBackend(std::string_view target);

// Every target's name, sorted.
std::vector<std::string> TargetNames();

}  // namespace flowc::backend
