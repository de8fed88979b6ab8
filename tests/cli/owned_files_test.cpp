// The hashes a build records as its own are read from the manifest it writes by a scan of
// its text (a parse costs a noticeable part of an incremental build); the scan must give what
// a parse gives, for every shape a manifest can have.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "driver/internal/output_dir.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

OwnedFiles ByParsing(const std::string& manifest) {
    OwnedFiles files;
    nlohmann::json parsed = nlohmann::json::parse(manifest);
    for (const auto& flow : parsed["flows"]) {
        files[flow["file"].get<std::string>()] = flow["sha256"].get<std::string>();
    }
    files["manifest.json"] = "";
    return files;
}

OwnedFiles ByStaging(const std::string& manifest) {
    std::string pattern = (fs::temp_directory_path() / "flowc-owned-XXXXXX").string();
    EXPECT_NE(::mkdtemp(pattern.data()), nullptr);
    OwnedFiles files;
    {
        DiagnosticEngine diags;
        StagedDirectory staged(pattern, {}, diags);
        staged.Write("manifest.json", manifest);
        files = staged.written();
        EXPECT_EQ(diags.error_count(), 0u);
    }
    fs::remove_all(pattern);
    files["manifest.json"] = "";  // its own hash is not the point here
    return files;
}

std::string Hash(char c) { return std::string(64, c); }

nlohmann::ordered_json Flow(const std::string& id, char hash) {
    return {{"id", id},
            {"name", id + " \"quoted\" \\ name"},
            {"type", "conversation"},
            {"file", id + ".json"},
            {"sha256", Hash(hash)},
            {"calls", nlohmann::json::array()},
            {"queues", {"Queue \"file\": \"x\""}}};
}

TEST(OwnedFiles, ScanOfTheManifestGivesWhatAParseGives) {
    nlohmann::ordered_json manifest = {{"format", "flowc-manifest"},
                                       {"version", 1},
                                       {"target", "genesys-json"},
                                       {"flows", {Flow("A", 'a'), Flow("B", 'b')}},
                                       {"references",
                                        {{{"file", "A.json"}, {"pointer", "/queueIds/0"}},
                                         {{"file", "B.json"}, {"pointer", "/queueIds/1"}}}}};
    std::string text = manifest.dump(2) + "\n";
    EXPECT_EQ(ByStaging(text), ByParsing(text));
    EXPECT_EQ(ByStaging(text).size(), 3u);

    manifest["flows"] = nlohmann::json::array();  // no flows, references left
    text = manifest.dump(2) + "\n";
    OwnedFiles empty = ByStaging(text);
    EXPECT_EQ(empty.size(), 1u);  // the manifest alone

    manifest.erase("references");
    manifest["flows"] = {Flow("Only", 'c')};
    text = manifest.dump(2) + "\n";
    EXPECT_EQ(ByStaging(text), ByParsing(text));
}

}  // namespace
}  // namespace flowc
