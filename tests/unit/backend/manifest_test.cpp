#include "backend/manifest.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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
std::string Manifest(std::vector<ordered_json> flows, std::vector<ordered_json> refs,
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
    std::string previous = Manifest(
        {Entry("A", "a1"), Entry("B", "b1"), Entry("C", "c1")},
        {Ref("A", "/a"), Ref("B", "/b1"), Ref("B", "/b2"), Ref("C", "/c")}, {"C", "A", "B"});
    // The incremental build knows B in truth and A only by its declaration.
    std::string current =
        Manifest({Entry("A", ""), Entry("B", "b2")}, {Ref("B", "/b3")}, {"A", "B"});
    std::optional<PatchedManifest> patched = PatchManifest(previous, current, {"B"});
    ASSERT_TRUE(patched);
    EXPECT_EQ(patched->bytes,
              Manifest({Entry("A", "a1"), Entry("B", "b2"), Entry("C", "c1")},
                       {Ref("A", "/a"), Ref("B", "/b3"), Ref("C", "/c")}, {"C", "A", "B"}));
    EXPECT_EQ(patched->regenerated_files, std::set<std::string>{"B.json"});
}

TEST(PatchManifest, RefusesWhatItCannotPatchExactly) {
    std::string previous = Manifest({Entry("A", "a1"), Entry("B", "b1")}, {}, {"A", "B"});
    std::string current = Manifest({Entry("B", "b2")}, {}, {"B"});
    EXPECT_FALSE(PatchManifest(previous, current, {"Z"}));  // not regenerated
    EXPECT_FALSE(PatchManifest(Manifest({Entry("A", "a1")}, {}, {"A"}), current, {"B"}));  // new
    EXPECT_FALSE(PatchManifest("{", current, {"B"}));
    EXPECT_FALSE(PatchManifest(previous, "[]", {"B"}));
    ordered_json moved = Entry("B", "b2");
    moved["file"] = "Elsewhere.json";
    EXPECT_FALSE(PatchManifest(previous, Manifest({moved}, {}, {"B"}), {"B"}));
    // References of one file that are not together cannot be regrouped without reordering.
    std::string scattered = Manifest({Entry("A", "a1"), Entry("B", "b1")},
                                     {Ref("A", "/1"), Ref("B", "/2"), Ref("A", "/3")}, {"A", "B"});
    EXPECT_FALSE(PatchManifest(scattered, current, {"B"}));
    EXPECT_TRUE(PatchManifest(previous, current, {"B"}));
}

}  // namespace
}  // namespace flowc::backend
