#include "backend/manifest.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "backend/internal/manifest_text.h"
#include "backend/json_writer.h"

namespace flowc::backend {
namespace {

using nlohmann::json;

void WriteStrings(JsonWriter& w, const std::vector<std::string>& strings) {
    w.BeginArray();
    for (const std::string& s : strings) w.String(s);
    w.EndArray();
}

// Reads one JSON object's members by name, each exactly once; Done() refuses the others.
class ObjectReader {
  public:
    ObjectReader(const json& object, std::string where, std::string& error)
        : object_(object), where_(std::move(where)), error_(error) {
        if (!object_.is_object()) Fail("is not an object");
    }

    bool String(const char* key, std::string& out) {
        const json* value = Member(key);
        if (!value) return false;
        if (!value->is_string()) return Fail(fmt::format("`{}` is not a string", key));
        out = value->get<std::string>();
        return true;
    }
    bool Strings(const char* key, std::vector<std::string>& out) {
        const json* value = Member(key);
        if (!value) return false;
        if (!value->is_array()) return Fail(fmt::format("`{}` is not an array", key));
        for (const json& item : *value) {
            if (!item.is_string())
                return Fail(fmt::format("`{}` holds something other than strings", key));
            out.push_back(item.get<std::string>());
        }
        return true;
    }
    const json* Array(const char* key) {
        const json* value = Member(key);
        if (value && !value->is_array()) {
            Fail(fmt::format("`{}` is not an array", key));
            return nullptr;
        }
        return value;
    }
    // A member that may be left out: null when it is (or when reading already failed).
    const json* OptionalArray(const char* key) {
        if (failed_ || !object_.contains(key)) return nullptr;
        return Array(key);
    }
    // Members that may be left out: absent leaves `out` as it is.
    bool OptionalString(const char* key, std::string& out) {
        return failed_ ? false : !object_.contains(key) || String(key, out);
    }
    bool OptionalStrings(const char* key, std::vector<std::string>& out) {
        return failed_ ? false : !object_.contains(key) || Strings(key, out);
    }
    const json* Member(const char* key) {
        if (failed_) return nullptr;
        auto it = object_.find(key);
        if (it == object_.end()) {
            Fail(fmt::format("`{}` is missing", key));
            return nullptr;
        }
        ++read_;
        return &*it;
    }
    bool Done() {
        if (!failed_ && read_ != object_.size()) Fail("has members a manifest does not have");
        return !failed_;
    }

  private:
    bool Fail(std::string what) {
        if (!failed_) error_ = fmt::format("manifest.json: {} {}", where_, what);
        failed_ = true;
        return false;
    }

    const json& object_;
    std::string where_;
    std::string& error_;
    std::size_t read_ = 0;
    bool failed_ = false;
};

// The references of each file, in manifest order; nullopt unless each file's references are
// contiguous (as the generation loop writes them), so that regrouping loses nothing.
std::optional<std::map<std::string, std::vector<Reference>>> ReferencesByFile(
    const Manifest& manifest) {
    std::map<std::string, std::vector<Reference>> by_file;
    std::string last;
    for (const Reference& ref : manifest.references) {
        if (ref.file != last && by_file.contains(ref.file)) return std::nullopt;
        by_file[ref.file].push_back(ref);
        last = ref.file;
    }
    return by_file;
}

}  // namespace

std::string Manifest::Write() const {
    JsonWriter w;
    w.BeginObject();
    w.Key("format");
    w.String("flowc-manifest");
    w.Key("version");
    w.Int(1);
    w.Key("target");
    w.String(target);
    w.Key("flows");
    w.BeginArray();
    for (const ManifestFlow& flow : flows) {
        w.BeginObject();
        w.Key("id");
        w.String(flow.id);
        w.Key("name");
        w.String(flow.name);
        w.Key("type");
        w.String(flow.type);
        w.Key("file");
        w.String(flow.file);
        w.Key("sha256");
        w.String(flow.sha256);
        w.Key("calls");
        WriteStrings(w, flow.calls);
        w.Key("queues");
        WriteStrings(w, flow.queues);
        // Left out when empty, so that a manifest of a build that names nothing of the org
        // is what it was before there were resources.
        if (!flow.resources.empty()) {
            w.Key("resources");
            w.BeginArray();
            for (const ManifestResource& resource : flow.resources) {
                w.BeginObject();
                w.Key("kind");
                w.String(resource.kind);
                w.Key("name");
                w.String(resource.name);
                if (!resource.integration.empty()) {
                    w.Key("integration");
                    w.String(resource.integration);
                }
                w.EndObject();
            }
            w.EndArray();
        }
        if (!flow.transfers.empty()) {
            w.Key("transfers");
            WriteStrings(w, flow.transfers);
        }
        w.EndObject();
    }
    w.EndArray();
    w.Key("order");
    WriteStrings(w, order);
    w.Key("references");
    w.BeginArray();
    for (const Reference& ref : references) {
        w.BeginObject();
        w.Key("file");
        w.String(ref.file);
        w.Key("pointer");
        w.String(ref.pointer);
        w.Key("kind");
        w.String(ref.kind);
        w.Key("name");
        w.String(ref.name);
        w.Key("placeholder");
        w.String(ref.placeholder);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::string text = w.Take();
    text += '\n';
    return text;
}

std::optional<Manifest> Manifest::Parse(std::string_view text, std::string& error) {
    json document = json::parse(text, nullptr, false);
    if (document.is_discarded()) {
        error = "manifest.json is not JSON";
        return std::nullopt;
    }
    Manifest manifest;
    ObjectReader top(document, "the document", error);
    std::string format;
    const json* version = nullptr;
    if (!top.String("format", format) || !(version = top.Member("version"))) return std::nullopt;
    if (format != "flowc-manifest" || *version != 1) {
        error = "manifest.json is not a flowc manifest of version 1";
        return std::nullopt;
    }
    const json* flows = nullptr;
    const json* references = nullptr;
    if (!top.String("target", manifest.target) || !(flows = top.Array("flows")) ||
        !top.Strings("order", manifest.order) || !(references = top.Array("references")) ||
        !top.Done()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < flows->size(); ++i) {
        ObjectReader entry((*flows)[i], fmt::format("`flows[{}]`", i), error);
        ManifestFlow& flow = manifest.flows.emplace_back();
        if (!entry.String("id", flow.id) || !entry.String("name", flow.name) ||
            !entry.String("type", flow.type) || !entry.String("file", flow.file) ||
            !entry.String("sha256", flow.sha256) || !entry.Strings("calls", flow.calls) ||
            !entry.Strings("queues", flow.queues)) {
            return std::nullopt;
        }
        if (const json* resources = entry.OptionalArray("resources")) {
            for (std::size_t r = 0; r < resources->size(); ++r) {
                ObjectReader item((*resources)[r], fmt::format("`flows[{}].resources[{}]`", i, r),
                                  error);
                ManifestResource& resource = flow.resources.emplace_back();
                if (!item.String("kind", resource.kind) || !item.String("name", resource.name) ||
                    !item.OptionalString("integration", resource.integration) || !item.Done()) {
                    return std::nullopt;
                }
            }
        }
        if (!entry.OptionalStrings("transfers", flow.transfers)) return std::nullopt;
        if (!entry.Done()) return std::nullopt;
    }
    for (std::size_t i = 0; i < references->size(); ++i) {
        ObjectReader entry((*references)[i], fmt::format("`references[{}]`", i), error);
        Reference& ref = manifest.references.emplace_back();
        if (!entry.String("file", ref.file) || !entry.String("pointer", ref.pointer) ||
            !entry.String("kind", ref.kind) || !entry.String("name", ref.name) ||
            !entry.String("placeholder", ref.placeholder) || !entry.Done()) {
            return std::nullopt;
        }
    }
    return manifest;
}

std::optional<std::map<std::string, std::string>> FileHashes(std::string_view text) {
    if (auto scanned = ScanFileHashes(text)) return scanned;
    std::string error;
    std::optional<Manifest> manifest = Manifest::Parse(text, error);
    if (!manifest) return std::nullopt;
    std::map<std::string, std::string> hashes;
    for (const ManifestFlow& flow : manifest->flows) hashes[flow.file] = flow.sha256;
    return hashes;
}

std::optional<std::string> PatchManifest(const std::string& previous, const std::string& current,
                                         const std::set<std::string>& regenerated) {
    if (std::optional<std::string> fast = PatchManifestText(previous, current, regenerated))
        return fast;
    return PatchManifestParsed(previous, current, regenerated);
}

std::optional<std::string> PatchManifestParsed(std::string_view previous, std::string_view current,
                                               const std::set<std::string>& regenerated) {
    std::string error;
    std::optional<Manifest> old_manifest = Manifest::Parse(previous, error);
    std::optional<Manifest> new_manifest = Manifest::Parse(current, error);
    if (!old_manifest || !new_manifest || old_manifest->target != new_manifest->target)
        return std::nullopt;
    std::map<std::string, ManifestFlow*> fresh;
    for (ManifestFlow& entry : new_manifest->flows) {
        if (regenerated.contains(entry.id)) fresh.emplace(entry.id, &entry);
    }
    if (fresh.size() != regenerated.size()) return std::nullopt;
    auto old_refs = ReferencesByFile(*old_manifest);
    auto new_refs = ReferencesByFile(*new_manifest);
    if (!old_refs || !new_refs) return std::nullopt;
    std::vector<Reference> references;
    std::size_t replaced = 0;
    std::size_t old_refs_owned = 0;  // old references that belong to some flow's file
    for (ManifestFlow& entry : old_manifest->flows) {
        const std::string file = entry.file;
        if (auto owned = old_refs->find(file); owned != old_refs->end())
            old_refs_owned += owned->second.size();
        auto it = fresh.find(entry.id);
        bool is_fresh = it != fresh.end();
        if (is_fresh) {
            if (it->second->file != file) return std::nullopt;
            entry = std::move(*it->second);
            ++replaced;
        }
        auto& refs = is_fresh ? *new_refs : *old_refs;
        if (auto found = refs.find(file); found != refs.end()) {
            for (Reference& ref : found->second) references.push_back(std::move(ref));
        }
    }
    // Every regenerated flow was found, and no old reference is lost.
    if (replaced != regenerated.size() || old_refs_owned != old_manifest->references.size())
        return std::nullopt;
    old_manifest->references = std::move(references);
    return old_manifest->Write();
}

}  // namespace flowc::backend
