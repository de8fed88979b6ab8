#include "backend/manifest.h"

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace flowc::backend {
namespace {

using nlohmann::ordered_json;

// The references of each output file, in manifest order; nullopt unless each file's
// references are contiguous (as the backends write them), so that regrouping loses nothing.
std::optional<std::map<std::string, std::vector<ordered_json>>> ReferencesByFile(
    const ordered_json& manifest) {
    std::map<std::string, std::vector<ordered_json>> by_file;
    std::string last;
    for (const ordered_json& ref : manifest.at("references")) {
        std::string file = ref.at("file").get<std::string>();
        if (file != last && by_file.contains(file)) return std::nullopt;
        by_file[file].push_back(ref);
        last = file;
    }
    return by_file;
}

}  // namespace

std::optional<PatchedManifest> PatchManifest(const std::string& previous,
                                             const std::string& current,
                                             const std::set<std::string>& regenerated) {
    ordered_json old_manifest = ordered_json::parse(previous, nullptr, false);
    ordered_json new_manifest = ordered_json::parse(current, nullptr, false);
    if (old_manifest.is_discarded() || new_manifest.is_discarded()) return std::nullopt;
    try {
        if (old_manifest.at("format") != new_manifest.at("format") ||
            old_manifest.at("version") != new_manifest.at("version") ||
            old_manifest.at("target") != new_manifest.at("target")) {
            return std::nullopt;
        }
        std::map<std::string, ordered_json*> fresh;
        for (ordered_json& entry : new_manifest.at("flows")) {
            std::string name = entry.at("id").get<std::string>();
            if (regenerated.contains(name)) fresh.emplace(name, &entry);
        }
        if (fresh.size() != regenerated.size()) return std::nullopt;
        auto old_refs = ReferencesByFile(old_manifest);
        auto new_refs = ReferencesByFile(new_manifest);
        if (!old_refs || !new_refs) return std::nullopt;
        PatchedManifest patched;
        ordered_json references = ordered_json::array();
        std::size_t replaced = 0;
        for (ordered_json& entry : old_manifest.at("flows")) {
            auto it = fresh.find(entry.at("id").get<std::string>());
            bool is_fresh = it != fresh.end();
            if (is_fresh) {
                if (it->second->at("file") != entry.at("file")) return std::nullopt;
                entry = std::move(*it->second);
                patched.regenerated_files.insert(entry.at("file").get<std::string>());
                ++replaced;
            }
            auto& refs = is_fresh ? *new_refs : *old_refs;
            if (auto found = refs.find(entry.at("file").get<std::string>()); found != refs.end()) {
                for (ordered_json& ref : found->second) references.push_back(std::move(ref));
            }
        }
        if (replaced != regenerated.size()) return std::nullopt;
        old_manifest.at("references") = std::move(references);
        patched.bytes = old_manifest.dump(2) + "\n";
        return patched;
    } catch (const ordered_json::exception&) {
        return std::nullopt;
    }
}

}  // namespace flowc::backend
