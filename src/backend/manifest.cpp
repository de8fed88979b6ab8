#include "backend/manifest.h"

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "backend/json_writer.h"

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

// A manifest's text as `dump(2)` lays it out, cut where the flow entries and the references
// are, without parsing it (it is megabytes for a large project; an incremental build patches
// a few entries). Every element of the two arrays spans from a line `    {` to a line `    }`:
// JSON strings hold no raw newline, and everything inside an element is indented further.
struct ManifestText {
    std::string_view prefix;  // up to and including `"flows": `
    std::vector<std::string_view> flows;
    std::string_view infix;  // from after the flows through `"references": `
    std::vector<std::string_view> references;
    std::string_view suffix;
};

// The elements of the array starting at `at` (its `[`); `at` moves past its `]`.
std::optional<std::vector<std::string_view>> ArrayElements(std::string_view text, std::size_t& at) {
    std::vector<std::string_view> elements;
    if (text.substr(at, 2) == "[]") {
        at += 2;
        return elements;
    }
    if (text.substr(at, 2) != "[\n") return std::nullopt;
    at += 2;
    while (true) {
        if (text.substr(at, 5) != "    {") return std::nullopt;
        std::size_t close = text.find("\n    }", at);
        if (close == std::string_view::npos) return std::nullopt;
        elements.push_back(text.substr(at, close + 6 - at));
        at = close + 6;
        if (text.substr(at, 2) == ",\n") {
            at += 2;
        } else if (text.substr(at, 4) == "\n  ]") {
            at += 4;
            return elements;
        } else {
            return std::nullopt;
        }
    }
}

std::optional<ManifestText> SplitManifest(std::string_view text) {
    constexpr std::string_view kFlows = "\n  \"flows\": ";
    constexpr std::string_view kReferences = "\n  \"references\": ";
    ManifestText split;
    std::size_t at = text.find(kFlows);
    if (at == std::string_view::npos) return std::nullopt;
    at += kFlows.size();
    split.prefix = text.substr(0, at);
    auto flows = ArrayElements(text, at);
    std::size_t refs = text.find(kReferences, at);
    if (!flows || refs == std::string_view::npos) return std::nullopt;
    split.flows = std::move(*flows);
    refs += kReferences.size();
    split.infix = text.substr(at, refs - at);
    auto references = ArrayElements(text, refs);
    if (!references || text.substr(refs) != "\n}\n") return std::nullopt;
    split.references = std::move(*references);
    split.suffix = text.substr(refs);
    return split;
}

// The raw JSON text of `key`'s value on the element's second line: `      "key": <value>,`.
std::optional<std::string_view> SecondLineValue(std::string_view element, std::string_view key) {
    std::string head = "    {\n      \"" + std::string(key) + "\": ";
    if (!element.starts_with(head)) return std::nullopt;
    std::size_t end = element.find(",\n", head.size());
    if (end == std::string_view::npos) return std::nullopt;
    return element.substr(head.size(), end - head.size());
}

// The value of `key` on some line of a flow entry: `      "key": <value>,` or last, without
// the comma.
std::optional<std::string_view> MemberValue(std::string_view element, std::string_view key) {
    std::string marker = "\n      \"" + std::string(key) + "\": ";
    std::size_t at = element.find(marker);
    if (at == std::string_view::npos) return std::nullopt;
    at += marker.size();
    std::size_t end = element.find('\n', at);
    std::string_view value = element.substr(at, end - at);
    if (value.ends_with(",")) value.remove_suffix(1);
    return value;
}

void AppendArray(std::string& out, const std::vector<std::string_view>& elements) {
    if (elements.empty()) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i) out += ",\n";
        out += elements[i];
    }
    out += "\n  ]";
}

}  // namespace

std::optional<std::string> PatchManifestText(std::string_view previous, std::string_view current,
                                             const std::set<std::string>& regenerated) {
    std::optional<ManifestText> old_text = SplitManifest(previous);
    std::optional<ManifestText> new_text = SplitManifest(current);
    if (!old_text || !new_text || old_text->prefix != new_text->prefix) return std::nullopt;
    // The regenerated entries, by their id as written.
    std::map<std::string, std::string_view> fresh;
    for (const std::string& name : regenerated) {
        std::string quoted;
        AppendJsonString(quoted, name);
        fresh.emplace(std::move(quoted), std::string_view());
    }
    for (std::string_view entry : new_text->flows) {
        std::optional<std::string_view> id = SecondLineValue(entry, "id");
        if (!id) return std::nullopt;
        if (auto it = fresh.find(std::string(*id)); it != fresh.end()) it->second = entry;
    }
    // Each file's references, which must stand together.
    auto by_file = [](const std::vector<std::string_view>& refs)
        -> std::optional<std::map<std::string_view, std::vector<std::string_view>>> {
        std::map<std::string_view, std::vector<std::string_view>> grouped;
        std::string_view last;
        for (std::string_view ref : refs) {
            std::optional<std::string_view> file = SecondLineValue(ref, "file");
            if (!file) return std::nullopt;
            if (*file != last && grouped.contains(*file)) return std::nullopt;
            grouped[*file].push_back(ref);
            last = *file;
        }
        return grouped;
    };
    auto old_refs = by_file(old_text->references);
    auto new_refs = by_file(new_text->references);
    if (!old_refs || !new_refs) return std::nullopt;

    std::vector<std::string_view> flows;
    std::vector<std::string_view> references;
    std::size_t replaced = 0;
    std::size_t old_refs_owned = 0;  // old references that belong to some flow's file
    for (std::string_view entry : old_text->flows) {
        std::optional<std::string_view> id = SecondLineValue(entry, "id");
        std::optional<std::string_view> file = MemberValue(entry, "file");
        if (!id || !file) return std::nullopt;
        if (auto owned = old_refs->find(*file); owned != old_refs->end())
            old_refs_owned += owned->second.size();
        auto it = fresh.find(std::string(*id));
        bool is_fresh = it != fresh.end();
        if (is_fresh) {
            if (it->second.empty() || MemberValue(it->second, "file") != file) return std::nullopt;
            entry = it->second;
            ++replaced;
        }
        auto& refs = is_fresh ? *new_refs : *old_refs;
        if (auto found = refs.find(*file); found != refs.end())
            references.insert(references.end(), found->second.begin(), found->second.end());
        flows.push_back(entry);
    }
    // Every regenerated flow was found, and no old reference is lost.
    if (replaced != regenerated.size() || old_refs_owned != old_text->references.size())
        return std::nullopt;
    std::string out;
    out.reserve(previous.size() + current.size() / 4);
    out += old_text->prefix;
    AppendArray(out, flows);
    out += old_text->infix;
    AppendArray(out, references);
    out += old_text->suffix;
    return out;
}

std::optional<std::string> PatchManifest(const std::string& previous, const std::string& current,
                                         const std::set<std::string>& regenerated) {
    if (std::optional<std::string> fast = PatchManifestText(previous, current, regenerated))
        return fast;
    return PatchManifestJson(previous, current, regenerated);
}

std::optional<std::string> PatchManifestJson(const std::string& previous,
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
        ordered_json references = ordered_json::array();
        std::size_t replaced = 0;
        std::size_t old_refs_owned = 0;  // old references that belong to some flow's file
        for (ordered_json& entry : old_manifest.at("flows")) {
            std::string file = entry.at("file").get<std::string>();
            if (auto owned = old_refs->find(file); owned != old_refs->end())
                old_refs_owned += owned->second.size();
            auto it = fresh.find(entry.at("id").get<std::string>());
            bool is_fresh = it != fresh.end();
            if (is_fresh) {
                if (it->second->at("file") != file) return std::nullopt;
                entry = std::move(*it->second);
                ++replaced;
            }
            auto& refs = is_fresh ? *new_refs : *old_refs;
            if (auto found = refs.find(file); found != refs.end()) {
                for (ordered_json& ref : found->second) references.push_back(std::move(ref));
            }
        }
        // Every regenerated flow was found, and no old reference is lost.
        if (replaced != regenerated.size() ||
            old_refs_owned != old_manifest.at("references").size()) {
            return std::nullopt;
        }
        old_manifest.at("references") = std::move(references);
        return old_manifest.dump(2) + "\n";
    } catch (const ordered_json::exception&) {
        return std::nullopt;
    }
}

}  // namespace flowc::backend
