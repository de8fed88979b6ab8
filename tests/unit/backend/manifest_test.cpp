#include "backend/manifest.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace flowc::backend {
namespace {

using nlohmann::ordered_json;

ordered_json Entry(const std::string& id, const std::string& sha) {
    return {{"id", id},
            {"name", id},
            {"type", "call"},
            {"file", id + ".json"},
            {"sha256", sha},
            {"calls", ordered_json::array()},
            {"queues", ordered_json::array()}};
}
ordered_json Ref(const std::string& id, const std::string& pointer) {
    return {{"file", id + ".json"},
            {"pointer", pointer},
            {"kind", "queue"},
            {"name", "Q"},
            {"placeholder", "ref:queue:Q"}};
}
ordered_json Resource(const std::string& kind, const std::string& name) {
    return {{"kind", kind}, {"name", name}};
}
std::string ManifestText(std::vector<ordered_json> flows, std::vector<ordered_json> refs,
                         std::vector<std::string> order) {
    return ordered_json{{"format", "flowc-manifest"},
                        {"version", 1},
                        {"target", "genesys-json"},
                        {"flows", flows},
                        {"order", order},
                        {"references", refs}}
               .dump(2) +
           "\n";
}

TEST(PatchManifest, TakesTheRegeneratedEntriesAndReferencesAndKeepsTheRest) {
    std::string previous = ManifestText(
        {Entry("A", "a1"), Entry("B", "b1"), Entry("C", "c1")},
        {Ref("A", "/a"), Ref("B", "/b1"), Ref("B", "/b2"), Ref("C", "/c")}, {"C", "A", "B"});
    // The incremental build knows B in truth and A only by its declaration.
    std::string current =
        ManifestText({Entry("A", ""), Entry("B", "b2")}, {Ref("B", "/b3")}, {"A", "B"});
    std::optional<std::string> patched = PatchManifest(previous, current, {"B"});
    ASSERT_TRUE(patched);
    EXPECT_EQ(*patched,
              ManifestText({Entry("A", "a1"), Entry("B", "b2"), Entry("C", "c1")},
                           {Ref("A", "/a"), Ref("B", "/b3"), Ref("C", "/c")}, {"C", "A", "B"}));
}

TEST(PatchManifest, RefusesWhatItCannotPatchExactly) {
    std::string previous = ManifestText({Entry("A", "a1"), Entry("B", "b1")}, {}, {"A", "B"});
    std::string current = ManifestText({Entry("B", "b2")}, {}, {"B"});
    EXPECT_FALSE(PatchManifest(previous, current, {"Z"}));  // not regenerated
    EXPECT_FALSE(
        PatchManifest(ManifestText({Entry("A", "a1")}, {}, {"A"}), current, {"B"}));  // new
    EXPECT_FALSE(PatchManifest("{", current, {"B"}));
    EXPECT_FALSE(PatchManifest(previous, "[]", {"B"}));
    ordered_json moved = Entry("B", "b2");
    moved["file"] = "Elsewhere.json";
    EXPECT_FALSE(PatchManifest(previous, ManifestText({moved}, {}, {"B"}), {"B"}));
    // References of one file that are not together cannot be regrouped without reordering.
    std::string scattered =
        ManifestText({Entry("A", "a1"), Entry("B", "b1")},
                     {Ref("A", "/1"), Ref("B", "/2"), Ref("A", "/3")}, {"A", "B"});
    EXPECT_FALSE(PatchManifest(scattered, current, {"B"}));
    // A reference of no flow's file would be dropped: neither way patches that.
    std::string orphan =
        ManifestText({Entry("A", "a1"), Entry("B", "b1")}, {Ref("Z", "/z")}, {"A", "B"});
    EXPECT_FALSE(PatchManifestText(orphan, current, {"B"}));
    EXPECT_FALSE(PatchManifestParsed(orphan, current, {"B"}));
    EXPECT_TRUE(PatchManifest(previous, current, {"B"}));
}

// The text patch must give the JSON patch's bytes whenever it answers, and answer for what
// the backends write (both targets, with and without references, one or several edits).
TEST(PatchManifest, CuttingTheTextGivesWhatParsingGives) {
    std::mt19937 rng(11);
    int answered = 0;
    for (int round = 0; round < 500; ++round) {
        bool archy = round % 3 == 0;
        std::size_t count = 1 + rng() % 8;
        std::vector<ordered_json> old_flows, new_flows, old_refs, new_refs;
        std::vector<std::string> order;
        std::set<std::string> regenerated;
        for (std::size_t i = 0; i < count; ++i) {
            std::string id =
                std::string(1, static_cast<char>('A' + i)) + (i % 2 ? "\"q\u00e9" : "");
            order.push_back(id);
            bool fresh = rng() % 3 == 0;
            old_flows.push_back(Entry(id, "old" + std::to_string(i)));
            new_flows.push_back(Entry(id, fresh ? "new" : ""));
            if (i % 2 == 0) {  // nested arrays, indented deeper than the entries
                old_flows.back()["calls"] = {"X", "Y"};
                new_flows.back()["calls"] = {"X", "Y"};
                new_flows.back()["queues"] = {"Q"};
            }
            // Resources, nested two deep, gained, lost or renamed by the edit.
            if (rng() % 2) old_flows.back()["resources"] = {Resource("queue", "Old \"Q\"")};
            if (rng() % 2) {
                new_flows.back()["resources"] = {Resource("queue", "New"),
                                                 Resource("commonModule", "CRM")};
            }
            if (fresh) regenerated.insert(id);
            if (!archy) {
                for (std::size_t r = rng() % 3; r > 0; --r)
                    old_refs.push_back(Ref(id, "/o" + std::to_string(r)));
                if (fresh) {
                    for (std::size_t r = rng() % 3; r > 0; --r)
                        new_refs.push_back(Ref(id, "/n" + std::to_string(r)));
                }
            }
        }
        if (regenerated.empty()) continue;
        std::string previous = ManifestText(old_flows, old_refs, order);
        std::string current = ManifestText(new_flows, new_refs, order);
        std::optional<std::string> by_json = PatchManifestParsed(previous, current, regenerated);
        std::optional<std::string> by_text = PatchManifestText(previous, current, regenerated);
        ASSERT_TRUE(by_json) << previous;
        ASSERT_TRUE(by_text) << previous << current;
        ++answered;
        EXPECT_EQ(*by_text, *by_json);
        EXPECT_EQ(PatchManifest(previous, current, regenerated), by_json);
    }
    EXPECT_GT(answered, 300);
    // What the text patch cannot vouch for, it leaves to the JSON patch.
    EXPECT_FALSE(PatchManifestText("{\"flows\": []}", "{}", {"A"}));
}

// What nlohmann's `dump(2)` writes (the manifest's layout since version 1), Write() writes, and
// Parse() reads it back whole.
TEST(Manifest, WritesWhatDumpWroteAndParsesItBack) {
    std::vector<ordered_json> flows{Entry("A", "a1"), Entry("B\"\u00e9", "")};
    flows[0]["calls"] = {"B\"\u00e9"};
    flows[0]["queues"] = {"Sales", "Support"};
    for (const std::string& text :
         {ManifestText(flows, {Ref("A", "/a"), Ref("A", "/b")}, {"B\"\u00e9", "A"}),
          ManifestText({}, {}, {})}) {
        std::string error;
        std::optional<Manifest> parsed = Manifest::Parse(text, error);
        ASSERT_TRUE(parsed) << error;
        EXPECT_EQ(parsed->Write(), text);
    }
    std::string error;
    std::optional<Manifest> parsed =
        Manifest::Parse(ManifestText(flows, {Ref("A", "/a")}, {"B\"\u00e9", "A"}), error);
    ASSERT_TRUE(parsed) << error;
    EXPECT_EQ(parsed->target, "genesys-json");
    ASSERT_EQ(parsed->flows.size(), 2u);
    EXPECT_EQ(parsed->flows[0].calls, std::vector<std::string>{"B\"\u00e9"});
    EXPECT_EQ(parsed->flows[1].sha256, "");
    ASSERT_EQ(parsed->references.size(), 1u);
    EXPECT_EQ(parsed->references[0], (Reference{"A.json", "/a", "queue", "Q", "ref:queue:Q"}));
}

// `resources` is written only when a flow names something of the org, and read back whole.
TEST(Manifest, ResourcesRoundTripAndAreLeftOutWhenThereAreNone) {
    const std::string a(64, 'a'), b(64, 'b');
    std::vector<ordered_json> flows{Entry("A", a), Entry("B", b)};
    ordered_json action = Resource("dataAction", "Lookup Customer");
    action["integration"] = "CRM";
    flows[0]["resources"] = {Resource("queue", "Sales \"East\""),
                             Resource("languageSkill", "Espa\u00f1ol"),
                             Resource("commonModule", "CRM Lookup"), action};
    flows[0]["transfers"] = {"B"};
    std::string text = ManifestText(flows, {}, {"A", "B"});
    std::string error;
    std::optional<Manifest> parsed = Manifest::Parse(text, error);
    ASSERT_TRUE(parsed) << error;
    EXPECT_EQ(parsed->flows[0].resources,
              (std::vector<ManifestResource>{{"queue", "Sales \"East\"", ""},
                                             {"languageSkill", "Espa\u00f1ol", ""},
                                             {"commonModule", "CRM Lookup", ""},
                                             {"dataAction", "Lookup Customer", "CRM"}}));
    EXPECT_EQ(parsed->flows[0].transfers, std::vector<std::string>{"B"});
    EXPECT_TRUE(parsed->flows[1].resources.empty());
    EXPECT_TRUE(parsed->flows[1].transfers.empty());
    EXPECT_EQ(parsed->Write(), text);
    EXPECT_EQ(parsed->Write().find("resources", text.find("\"id\": \"B\"")), std::string::npos);
    // The hashes are scanned past the nested objects.
    EXPECT_EQ(FileHashes(text), (std::map<std::string, std::string>{{"A.json", a}, {"B.json", b}}));
}

// An entry whose resources an edit changed is taken whole from the regenerated manifest.
TEST(PatchManifest, AFlowWhoseResourcesChangedIsRewritten) {
    std::vector<ordered_json> old_flows{Entry("A", "a1"), Entry("B", "b1")};
    old_flows[0]["resources"] = {Resource("queue", "Sales")};
    old_flows[1]["resources"] = {Resource("schedule", "Hours")};
    std::vector<ordered_json> new_flows{Entry("A", "a2"), Entry("B", "")};
    new_flows[0]["resources"] = {Resource("queue", "Sales Line"), Resource("skill", "French")};
    std::vector<ordered_json> want{new_flows[0], old_flows[1]};
    for (const auto& patch : {PatchManifestText, PatchManifestParsed}) {
        std::optional<std::string> patched = patch(ManifestText(old_flows, {}, {"A", "B"}),
                                                   ManifestText(new_flows, {}, {"A", "B"}), {"A"});
        ASSERT_TRUE(patched);
        EXPECT_EQ(*patched, ManifestText(want, {}, {"A", "B"}));
    }
    // And one that names nothing of the org any more loses the member.
    new_flows[0].erase("resources");
    std::optional<std::string> patched = PatchManifest(
        ManifestText(old_flows, {}, {"A", "B"}), ManifestText(new_flows, {}, {"A", "B"}), {"A"});
    ASSERT_TRUE(patched);
    EXPECT_EQ(*patched, ManifestText({new_flows[0], old_flows[1]}, {}, {"A", "B"}));
}

TEST(Manifest, ParseRefusesWhatIsNotAManifestAndSaysWhere) {
    ordered_json good =
        ordered_json::parse(ManifestText({Entry("A", "a")}, {Ref("A", "/a")}, {"A"}));
    auto error_of = [](const ordered_json& document) {
        std::string error;
        EXPECT_FALSE(Manifest::Parse(document.dump(2), error)) << document.dump(2);
        return error;
    };
    std::string error;
    EXPECT_FALSE(Manifest::Parse("{", error));
    EXPECT_EQ(error, "manifest.json is not JSON");
    ordered_json bad = good;
    bad["version"] = 2;
    EXPECT_EQ(error_of(bad), "manifest.json is not a flowc manifest of version 1");
    bad = good;
    bad.erase("order");
    EXPECT_EQ(error_of(bad), "manifest.json: the document `order` is missing");
    bad = good;
    bad["flows"][0]["sha256"] = 7;
    EXPECT_EQ(error_of(bad), "manifest.json: `flows[0]` `sha256` is not a string");
    bad = good;
    bad["flows"][0]["extra"] = true;
    EXPECT_EQ(error_of(bad), "manifest.json: `flows[0]` has members a manifest does not have");
    bad = good;
    bad["references"][0].erase("placeholder");
    EXPECT_EQ(error_of(bad), "manifest.json: `references[0]` `placeholder` is missing");
    bad = good;
    bad["flows"][0]["calls"] = {1};
    EXPECT_EQ(error_of(bad),
              "manifest.json: `flows[0]` `calls` holds something other than strings");
    bad = good;
    bad["flows"][0]["resources"] = "queue Sales";
    EXPECT_EQ(error_of(bad), "manifest.json: `flows[0]` `resources` is not an array");
    bad["flows"][0]["resources"] = {{{"kind", "queue"}}};
    EXPECT_EQ(error_of(bad), "manifest.json: `flows[0].resources[0]` `name` is missing");
    bad["flows"][0]["resources"] = {{{"kind", "queue"}, {"name", "Q"}, {"id", "1"}}};
    EXPECT_EQ(error_of(bad),
              "manifest.json: `flows[0].resources[0]` has members a manifest does not have");
    bad["flows"][0]["resources"] = {{{"kind", 1}, {"name", "Q"}}};
    EXPECT_EQ(error_of(bad), "manifest.json: `flows[0].resources[0]` `kind` is not a string");
}

TEST(Manifest, FileHashesScannedOrParsedAreTheSame) {
    std::string text =
        ManifestText({Entry("A", std::string(64, 'a')), Entry("B", std::string(64, 'b'))},
                     {Ref("A", "/a")}, {"A", "B"});
    std::map<std::string, std::string> expected{{"A.json", std::string(64, 'a')},
                                                {"B.json", std::string(64, 'b')}};
    EXPECT_EQ(FileHashes(text), expected);
    // Laid out otherwise (one line): the scan cannot say, the parse does.
    EXPECT_EQ(FileHashes(ordered_json::parse(text).dump()), expected);
    EXPECT_FALSE(FileHashes("[]"));
}

}  // namespace
}  // namespace flowc::backend
