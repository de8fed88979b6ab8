// The manifest that both backends write beside the flows (`manifest.json`, format
// "flowc-manifest" version 1): one entry per flow, sorted by name, with its file, content
// hash, calls and queues; the deploy order; and (genesys-json) the references to resolve.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace flowc::backend {

// The manifest of an incremental build: `previous` (the last build's) with the entries of the
// flows in `regenerated` (by flow name), and their references, taken from `current` (which
// was generated from the edited files and the declarations of the others, so that only
// those entries are true). nullopt when a regenerated flow is missing from either or changed
// its file, or a manifest cannot be read: then only a full build can say.
std::optional<std::string> PatchManifest(const std::string& previous, const std::string& current,
                                         const std::set<std::string>& regenerated);

// PatchManifest's two ways, public for the test that compares them: cutting the texts where
// `dump(2)` puts the entries (an order of magnitude faster; nullopt also when a text is not
// laid out that way), and parsing both manifests, which PatchManifest falls back to.
std::optional<std::string> PatchManifestText(std::string_view previous, std::string_view current,
                                             const std::set<std::string>& regenerated);
std::optional<std::string> PatchManifestJson(const std::string& previous,
                                             const std::string& current,
                                             const std::set<std::string>& regenerated);

}  // namespace flowc::backend
