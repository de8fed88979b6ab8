#include "deploy/target.h"

#include <gtest/gtest.h>

#include "base/exit_codes.h"
#include "deploy/deploy.h"
#include "unit/deploy/scripted_http.h"

namespace flowc::deploy {
namespace {

TEST(Target, EachRegisteredTargetSaysHowItIsPublished) {
    EXPECT_EQ(ParseTarget("archy"), Target::kArchy);
    EXPECT_EQ(ParseTarget("genesys-json"), Target::kGenesysJson);
    EXPECT_EQ(ParseTarget("Archy"), std::nullopt);
    EXPECT_EQ(ParseTarget(""), std::nullopt);
}

// A target deploy cannot publish is flowc's own bug (the build wrote the manifest): reported
// as an internal error before any request, not published as some other target.
TEST(Target, AnUnknownTargetStopsDeployBeforeTheNetwork) {
    Bundle bundle;
    bundle.target = "yaml";
    DeployConfig config;
    config.endpoints = {"https://api.example.com", "https://login.example.com", "example"};
    config.credentials.access_token = "token-for-tests";
    ScriptedHttp http;  // no answers: any request fails the test
    Redactor redactor;
    DiagnosticEngine diags;
    EXPECT_EQ(Deploy(bundle, config, DeployOptions{}, http, redactor, diags, stdout, stderr),
              exit_code::kInternal);
    EXPECT_TRUE(diags.Has(Code::kInternalError));
    EXPECT_TRUE(http.sent.empty());
}

}  // namespace
}  // namespace flowc::deploy
