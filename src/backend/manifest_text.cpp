// The manifest read without parsing it: cut where Write() puts its entries (an incremental
// build patches a few entries of a manifest of megabytes; the output directory takes the
// hashes of the files it wrote). Anything laid out otherwise is left to a parse.
#include "backend/internal/manifest_text.h"

#include <map>
#include <string>
#include <vector>

#include "backend/json_writer.h"
#include "backend/manifest.h"

namespace flowc::backend {
namespace {

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

// The scan of output_dir's record: the `flows` array of Write()'s layout, which is the only
// one that names files with hashes (`references` name files too, without); it ends at the
// first `]` of its indentation. Names of flowc's files hold no backslash.
std::optional<std::map<std::string, std::string>> ScanFileHashes(std::string_view text) {
    static constexpr std::string_view kFile = "\"file\": \"";
    static constexpr std::string_view kSha256 = "\"sha256\": \"";
    std::map<std::string, std::string> hashes;
    std::size_t flows_at = text.find("\n  \"flows\": [");
    std::size_t flows_end =
        flows_at == std::string_view::npos ? flows_at : text.find("\n  ]", flows_at);
    if (flows_end == std::string_view::npos) return std::nullopt;
    std::string_view flows = text.substr(0, flows_end);
    for (std::size_t at = flows.find(kFile, flows_at); at != std::string_view::npos;
         at = flows.find(kFile, at)) {
        std::size_t name_begin = at + kFile.size();
        std::size_t name_end = flows.find('"', name_begin);
        std::size_t hash_at = flows.find(kSha256, name_begin);
        std::size_t next_file = flows.find(kFile, name_begin);
        bool ok =
            name_end != std::string_view::npos && hash_at != std::string_view::npos &&
            hash_at < next_file && hash_at + kSha256.size() + 65 <= flows.size() &&
            flows[hash_at + kSha256.size() + 64] == '"' &&
            flows.substr(name_begin, name_end - name_begin).find('\\') == std::string_view::npos;
        if (!ok) return std::nullopt;
        hashes[std::string(flows.substr(name_begin, name_end - name_begin))] =
            std::string(flows.substr(hash_at + kSha256.size(), 64));
        at = hash_at;
    }
    return hashes;
}

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

}  // namespace flowc::backend
