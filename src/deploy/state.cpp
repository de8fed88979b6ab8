#include "deploy/state.h"

#include <filesystem>
#include <initializer_list>
#include <system_error>

#include "base/own_files.h"

namespace flowc::deploy {
namespace {

using nlohmann::json;
constexpr const char* kFormat = "flowc-deploy-state";

json EmptyDocument() { return json{{"format", kFormat}, {"version", 1}, {"orgs", json::object()}}; }

std::string StringAt(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// At most this much is read: a state file records a few hundred bytes per flow.
constexpr std::size_t kMaxStateBytes = 64u << 20;

// What is wrong with the document's shape, naming where, or "" when every part is what
// Records and Put expect.
std::string ShapeProblem(const json& document) {
    if (document.is_discarded()) return "it is not valid JSON";
    if (!document.is_object()) return "it is not a JSON object";
    if (StringAt(document, "format") != kFormat) return "`format` is not `flowc-deploy-state`";
    if (auto version = document.find("version");
        version != document.end() && !(version->is_number_integer() && *version == 1)) {
        return "`version` is not 1";
    }
    auto orgs = document.find("orgs");
    if (orgs == document.end() || !orgs->is_object()) return "`orgs` is not an object";
    auto where = [](std::initializer_list<std::string> keys) {
        json::json_pointer pointer;
        for (const std::string& key : keys) pointer /= key;
        return "`" + pointer.to_string() + "`";
    };
    for (const auto& [org, targets] : orgs->items()) {
        if (!targets.is_object()) return where({"orgs", org}) + " is not an object";
        for (const auto& [target, records] : targets.items()) {
            if (!records.is_object()) return where({"orgs", org, target}) + " is not an object";
            for (const auto& [identifier, record] : records.items()) {
                if (!record.is_object()) {
                    return where({"orgs", org, target, identifier}) + " is not an object";
                }
                for (const auto& [field, value] : record.items()) {
                    if (!value.is_string()) {
                        return where({"orgs", org, target, identifier, field}) + " is not a string";
                    }
                }
            }
        }
    }
    return "";
}

}  // namespace

StateFile StateFile::Empty(const std::string& path) {
    StateFile state;
    state.path_ = path;
    state.document_ = EmptyDocument();
    return state;
}

Result<StateFile> StateFile::Load(const std::string& path) {
    auto fail = [](FailureKind kind, std::string message) {
        return Failure{kind, std::move(message), "", 0};
    };
    OwnFileRead read = ReadOwnFile(path, kMaxStateBytes);
    switch (read.outcome) {
        case OwnFileOutcome::kOk:
            break;
        case OwnFileOutcome::kMissing:
            return Empty(path);
        case OwnFileOutcome::kNotRegular:
            return fail(FailureKind::kStateUnwritable,
                        "the state file `" + path + "` " + read.reason);
        case OwnFileOutcome::kTooLarge:
            return fail(FailureKind::kStateUnreadable,
                        "the state file `" + path + "` " + read.reason);
        case OwnFileOutcome::kError:
            return fail(FailureKind::kStateUnreadable,
                        "cannot read the state file `" + path + "`: " + read.reason);
    }
    json document = json::parse(read.bytes, nullptr, /*allow_exceptions=*/false);
    std::string problem = ShapeProblem(document);
    if (!problem.empty()) {
        return fail(FailureKind::kStateUnreadable,
                    "the state file `" + path + "` is not a flowc deploy state: " + problem);
    }
    StateFile state;
    state.path_ = path;
    state.document_ = std::move(document);
    return state;
}

std::map<std::string, FlowRecord> StateFile::Records(const std::string& org,
                                                     const std::string& target) const {
    std::map<std::string, FlowRecord> records;
    const json& orgs = document_.at("orgs");
    auto org_it = orgs.find(org);
    if (org_it == orgs.end() || !org_it->is_object()) return records;
    auto target_it = org_it->find(target);
    if (target_it == org_it->end() || !target_it->is_object()) return records;
    for (const auto& [identifier, entry] : target_it->items()) {
        if (!entry.is_object()) continue;
        records[identifier] =
            FlowRecord{StringAt(entry, "name"), StringAt(entry, "type"), StringAt(entry, "id"),
                       StringAt(entry, "sha256"), StringAt(entry, "version")};
    }
    return records;
}

void StateFile::Put(const std::string& org, const std::string& target,
                    const std::string& identifier, const FlowRecord& record) {
    json& slot = document_["orgs"][org][target][identifier];
    slot = json{{"name", record.name},
                {"type", record.type},
                {"id", record.id},
                {"sha256", record.sha256},
                {"version", record.version}};
}

Result<void> StateFile::Save() const {
    namespace fs = std::filesystem;
    fs::path path(path_);
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    if (ec) {
        return Failure{FailureKind::kStateUnwritable,
                       "cannot create `" + path.parent_path().string() + "`: " + ec.message(), "",
                       0};
    }
    // WriteOwnFile is base's, shared with the build's outputs; its reason becomes the failure.
    std::string reason;
    if (!WriteOwnFile(path_, document_.dump(2) + "\n", SpecialTarget::kRefuse, reason)) {
        return Failure{FailureKind::kStateUnwritable, std::move(reason), "", 0};
    }
    return {};
}

}  // namespace flowc::deploy
