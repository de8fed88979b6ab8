// What `flowc build` writes of the org resources and external shared flows a program names:
// each flow's `resources` in the manifest, the same for both targets, and no file, entry or
// place in the order for an external flow.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "backend/manifest.h"
#include "cli/cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using flowc::backend::Manifest;
using flowc::backend::ManifestResource;
using flowc::testing::Cli;
using flowc::testing::Result;

class ManifestResources : public Cli {
  protected:
    Manifest Read(const fs::path& path) {
        std::string error;
        std::optional<Manifest> manifest = Manifest::Parse(Slurp(path), error);
        EXPECT_TRUE(manifest) << error;
        return manifest.value_or(Manifest{});
    }
};

TEST_F(ManifestResources, EachFlowListsWhatOfTheOrgItNamesForBothTargets) {
    const std::string source = FLOWC_SOURCE_DIR "/tests/golden/org_resources/resources.flow";
    Result run = Flowc("build '" + source + "' -o out --target genesys-json --target archy");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const char* target : {"genesys-json", "archy"}) {
        SCOPED_TRACE(target);
        Manifest manifest = Read(dir_ / "out" / target / "manifest.json");
        ASSERT_EQ(manifest.flows.size(), 2u);  // CrmLookup is external: never built
        EXPECT_EQ(manifest.flows[0].id, "BillingLine");
        EXPECT_EQ(manifest.flows[0].calls, (std::vector<std::string>{"CrmLookup", "PickQueue"}));
        EXPECT_EQ(manifest.flows[0].resources,
                  (std::vector<ManifestResource>{{"queue", "Billing Queue", ""},
                                                 {"skill", "French", ""},
                                                 {"commonModule", "CRM Lookup", ""}}));
        EXPECT_EQ(manifest.flows[1].id, "PickQueue");
        EXPECT_EQ(manifest.flows[1].resources,
                  (std::vector<ManifestResource>{{"queue", "Billing Queue", ""},
                                                 {"schedule", "Billing Hours", ""}}));
        EXPECT_EQ(manifest.order, (std::vector<std::string>{"PickQueue", "BillingLine"}));
        for (const auto& entry : fs::directory_iterator(dir_ / "out" / target))
            EXPECT_EQ(entry.path().stem().string().find("Crm"), std::string::npos);
    }
}

TEST_F(ManifestResources, AProjectOfExternalFlowsOnlyWritesAManifestWithoutFlows) {
    Write("org.flow",
          "@name(\"CRM Lookup\")\nshared flow Crm(phone: string) -> <tier: string>;\n"
          "shared flow Audit();\n");
    for (const char* target : {"genesys-json", "archy"}) {
        SCOPED_TRACE(target);
        Result run = Flowc(std::string("build org.flow -o out-") + target + " --target " + target);
        ASSERT_EQ(run.exit_code, 0) << run.err;
        Manifest manifest = Read(dir_ / (std::string("out-") + target) / "manifest.json");
        EXPECT_EQ(manifest.target, target);
        EXPECT_TRUE(manifest.flows.empty());
        EXPECT_TRUE(manifest.order.empty());
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(dir_ / (std::string("out-") + target)))
            files.push_back(entry.path().filename().string());
        EXPECT_EQ(files, std::vector<std::string>{"manifest.json"});
    }
}

}  // namespace
