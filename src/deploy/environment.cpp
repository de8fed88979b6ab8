#include "deploy/environment.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "base/own_files.h"
#include "deploy/config.h"

namespace flowc::deploy {
namespace {

using nlohmann::json;

// Renames through one kind's map, remembering which keys were used.
class Renamer {
  public:
    explicit Renamer(const Environment& environment) : environment_(environment) {}

    void Rename(const std::string& kind, std::string& name) {
        auto of_kind = environment_.names.find(kind);
        if (of_kind == environment_.names.end()) return;
        auto it = of_kind->second.find(name);
        if (it == of_kind->second.end()) return;
        used_.insert({kind, name});
        name = it->second;
    }

    void Block(sema::Block& block) {
        for (sema::StmtPtr& stmt : block) Statement(*stmt);
    }

    std::vector<std::string> Unused() const {
        std::vector<std::string> unused;
        for (const auto& [kind, map] : environment_.names) {
            for (const auto& [from, to] : map) {
                if (!used_.contains({kind, from}))
                    unused.push_back(fmt::format("{} `{}`", kind, from));
            }
        }
        return unused;
    }

  private:
    void Path(sema::FailurePath& path) {
        if (path) Block(*path);
    }
    void Queue(sema::QueueTarget& queue) {
        if (auto* named = std::get_if<sema::QueueByName>(&queue))
            Rename("queue", named->platform_name);
    }

    void Statement(sema::Stmt& stmt) {
        std::visit(
            [&](auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, sema::If>) {
                    for (sema::IfBranch& branch : node.branches) Block(branch.body);
                    if (node.otherwise) Block(*node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::Menu>) {
                    for (sema::MenuChoice& choice : node.choices) Block(choice.body);
                    Block(node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::Switch>) {
                    for (sema::SwitchCase& c : node.cases) Block(c.body);
                    Block(node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::Repeat>) {
                    Block(node.body);
                } else if constexpr (std::is_same_v<T, sema::Hours>) {
                    for (sema::HoursArm& arm : node.arms) Block(arm.body);
                } else if constexpr (std::is_same_v<T, sema::Call>) {
                    if (node.outcomes) {
                        Block(node.outcomes->failure);
                        if (node.outcomes->timeout) Block(*node.outcomes->timeout);
                    }
                } else if constexpr (std::is_same_v<T, sema::Transfer>) {
                    Queue(node.queue);
                    if (node.options->via && !node.options->via_flow)
                        Rename("flow", *node.options->via);
                    Path(node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::TransferVoicemail> ||
                                     std::is_same_v<T, sema::Callback>) {
                    Queue(node.queue);
                    Path(node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::TransferFlow>) {
                    if (auto* name = std::get_if<std::string>(&node.target)) Rename("flow", *name);
                    Path(node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::TransferNumber>) {
                    Path(node.otherwise);
                }
            },
            stmt.node);
    }

    const Environment& environment_;
    std::set<std::pair<std::string, std::string>> used_;
};

Failure Bad(const std::string& file, const std::string& what) {
    return ConfigFailure(fmt::format("`{}`: {}", file, what),
                         "see docs/deploy.md, \"Environments\", for the file's shape");
}

// A JSON object of strings, into `out`.
std::optional<Failure> Strings(const json& value, const std::string& file, const std::string& where,
                               std::map<std::string, std::string>& out) {
    if (!value.is_object()) return Bad(file, where + " is not an object");
    for (const auto& [key, item] : value.items()) {
        if (!item.is_string() || item.get_ref<const std::string&>().empty())
            return Bad(file, fmt::format("{}.`{}` is not a non-empty string", where, key));
        out[key] = item.get<std::string>();
    }
    return std::nullopt;
}

}  // namespace

const std::vector<std::string>& EnvironmentNameKinds() {
    static const std::vector<std::string> kinds = {
        "queue", "schedule", "emergency", "prompt", "skill", "flow", "dataAction", "integration"};
    return kinds;
}

Result<Environment> ParseEnvironment(std::string_view text, const std::string& file,
                                     const std::string& name) {
    json document = json::parse(text, nullptr, false);
    if (document.is_discarded() || !document.is_object()) return Bad(file, "is not a JSON object");
    for (const auto& [key, value] : document.items()) {
        if (key != "environments") return Bad(file, fmt::format("has an unknown member `{}`", key));
    }
    auto all = document.find("environments");
    if (all == document.end() || !all->is_object() || all->empty())
        return Bad(file, "has no `environments` object");
    auto picked = all->find(name);
    if (picked == all->end()) {
        std::vector<std::string> known;
        for (const auto& [key, value] : all->items()) known.push_back("`" + key + "`");
        return ConfigFailure(fmt::format("`{}` has no environment `{}`", file, name),
                             fmt::format("its environments: {}", fmt::join(known, ", ")));
    }
    if (!picked->is_object()) return Bad(file, fmt::format("`{}` is not an object", name));
    Environment environment;
    environment.name = name;
    environment.file = file;
    for (const auto& [key, value] : picked->items()) {
        std::string where = fmt::format("`environments.{}.{}`", name, key);
        if (key == "region" || key == "division") {
            if (!value.is_string() || value.get_ref<const std::string&>().empty())
                return Bad(file, where + " is not a non-empty string");
            (key == "region" ? environment.region : environment.division) =
                value.get<std::string>();
        } else if (key == "names") {
            if (!value.is_object()) return Bad(file, where + " is not an object");
            for (const auto& [kind, map] : value.items()) {
                const auto& kinds = EnvironmentNameKinds();
                if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
                    return ConfigFailure(
                        fmt::format("`{}`: {} has an unknown kind `{}`", file, where, kind),
                        fmt::format("the kinds: {}", fmt::join(kinds, ", ")));
                }
                if (auto problem = Strings(map, file, fmt::format("{}.`{}`", where, kind),
                                           environment.names[kind]))
                    return *problem;
            }
        } else {
            return Bad(file, fmt::format("{} is not a member an environment has (`region`, "
                                         "`division`, `names`)",
                                         where));
        }
    }
    return environment;
}

Result<Environment> ReadEnvironment(const std::string& file, const std::string& name) {
    OwnFileRead read = ReadOwnFile(file, 1u << 20);
    if (read.outcome == OwnFileOutcome::kMissing) {
        return ConfigFailure(fmt::format("`--env {}`: there is no `{}`", name, file),
                             "create it beside the sources (docs/deploy.md, \"Environments\"), "
                             "or name it with `--env-config FILE`");
    }
    if (read.outcome != OwnFileOutcome::kOk)
        return ConfigFailure(fmt::format("cannot read `{}`: {}", file, read.reason));
    return ParseEnvironment(read.bytes, file, name);
}

std::string DefaultEnvironmentFile(const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    if (inputs.empty()) return "flowc.env.json";
    std::error_code ec;
    fs::path first(inputs.front());
    fs::path dir = fs::is_directory(first, ec) ? first : first.parent_path();
    return (dir / "flowc.env.json").lexically_normal().string();
}

std::vector<std::string> ApplyEnvironment(const Environment& environment, sema::Model& model) {
    Renamer renamer(environment);
    for (sema::Resource& resource : model.resources) {
        renamer.Rename(std::string(sema::ResourceKindName(resource.kind)), resource.platform_name);
    }
    for (sema::Flow& flow : model.flows) {
        renamer.Rename(flow.kind == sema::FlowKind::kDataAction ? "dataAction" : "flow",
                       flow.display_name);
        if (flow.kind == sema::FlowKind::kDataAction)
            renamer.Rename("integration", flow.integration);
        for (std::string& queue : flow.queues) renamer.Rename("queue", queue);
        if (!environment.division.empty() && flow.kind != sema::FlowKind::kDataAction)
            flow.division = environment.division;
        renamer.Block(flow.body);
    }
    return renamer.Unused();
}

}  // namespace flowc::deploy
