// The manifest every target writes beside its flows (`manifest.json`, format "flowc-manifest"
// version 1): one entry per flow, sorted by name, with its file, content hash, calls and
// queues, and what of the org it names (`resources`, written only when there is some); the
// deploy order; and the references a deploy resolves (genesys-json only). The
// one place that knows its layout: the generation loop writes it, the incremental build
// patches it, the output directory reads its hashes and deploy reads it back.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::backend {

// A placeholder in a flow's file that a deploy replaces with an id from the org.
struct Reference {
    std::string file;         // the flow's file it is in (empty in a backend's RenderFlow)
    std::string pointer;      // JSON pointer into that file
    std::string kind;         // "flow" or "queue"
    std::string name;         // the flow's platform name or the queue's name
    std::string placeholder;  // the text at `pointer`: "ref:queue:Sales"

    bool operator==(const Reference&) const = default;
};

// Something of the org a flow names, which a deploy must find there (lower::OrgReference).
struct ManifestResource {
    std::string kind;  // "queue", "schedule", ..., "languageSkill", "commonModule", ...
    std::string name;  // its platform name
    // A data action's integration: the action is looked up by name within it. Empty for
    // other kinds, and then not written.
    std::string integration;

    bool operator==(const ManifestResource&) const = default;
};

struct ManifestFlow {
    std::string id;    // the flow's identifier; the file stem and deploy's state key
    std::string name;  // its platform name
    std::string type;  // the target's spelling of the flow's kind ("call", "commonmodule")
    std::string file;
    std::string sha256;               // empty for a flow an incremental build did not render
    std::vector<std::string> calls;   // identifiers of the shared flows it calls
    std::vector<std::string> queues;  // queue names it transfers to
    std::vector<ManifestResource> resources;  // sorted by kind then name
    // Identifiers of the inbound flows of the build it names in `transfer flow`, which a
    // deploy publishes first where it can (they may transfer back); written when not empty.
    std::vector<std::string> transfers;

    bool operator==(const ManifestFlow&) const = default;
};

struct Manifest {
    std::string target;
    std::vector<ManifestFlow> flows;    // sorted by id
    std::vector<std::string> order;     // every flow, each after the shared flows it calls
    std::vector<Reference> references;  // grouped by file, in the flows' order

    bool operator==(const Manifest&) const = default;

    // The manifest's text: what nlohmann's `dump(2)` writes for it, and a newline.
    std::string Write() const;
    // Strict: any member missing, of the wrong type or unknown is an error, described in
    // `error`.
    static std::optional<Manifest> Parse(std::string_view text, std::string& error);
};

// The hash of every flow file a manifest lists, by file name; nullopt when it cannot be read.
// Scanned from the text when it is laid out as Write() lays it out (a parse of a large
// manifest costs a noticeable part of an incremental build), parsed otherwise.
std::optional<std::map<std::string, std::string>> FileHashes(std::string_view text);

// The manifest of an incremental build: `previous` (the last build's) with the entries of the
// flows in `regenerated` (by flow id), and their references, taken from `current` (which
// was generated from the edited files and the declarations of the others, so that only
// those entries are true). nullopt when a regenerated flow is missing from either or changed
// its file, or a manifest cannot be read: then only a full build can say.
std::optional<std::string> PatchManifest(const std::string& previous, const std::string& current,
                                         const std::set<std::string>& regenerated);

// PatchManifest's two ways, public for the test that compares them: cutting the texts where
// Write() puts the entries (an order of magnitude faster; nullopt also when a text is not
// laid out that way), and parsing both manifests, which PatchManifest falls back to.
std::optional<std::string> PatchManifestText(std::string_view previous, std::string_view current,
                                             const std::set<std::string>& regenerated);
std::optional<std::string> PatchManifestParsed(std::string_view previous, std::string_view current,
                                               const std::set<std::string>& regenerated);

}  // namespace flowc::backend
