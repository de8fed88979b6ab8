#include "deploy/config.h"

#include <gtest/gtest.h>

namespace flowc::deploy {
namespace {

EnvLookup From(std::map<std::string, std::string> values) {
    return [values](const std::string& name) -> std::optional<std::string> {
        auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
    };
}

TEST(EnvFile, DotenvSyntax) {
    EnvFile file = ParseEnvFile(
        "# comment\n\nexport A=1\nB = two words # note\nC='lit # \\n'\nD=\"x\\ny "
        "\\\"q\\\"\"\r\nE=\n",
        ".env");
    EXPECT_TRUE(file.errors.empty());
    EXPECT_EQ(file.values["A"], "1");
    EXPECT_EQ(file.values["B"], "two words");
    EXPECT_EQ(file.values["C"], "lit # \\n");
    EXPECT_EQ(file.values["D"], "x\ny \"q\"");
    EXPECT_EQ(file.values["E"], "");
}

TEST(EnvFile, MalformedLinesAreNamed) {
    EnvFile file = ParseEnvFile("A=1\nnot a setting\nB=\"open\n9X=1\n", "deploy.env");
    ASSERT_EQ(file.errors.size(), 3u);
    EXPECT_EQ(file.errors[0].message, "deploy.env:2: malformed line: expected `KEY=value`");
    EXPECT_NE(file.errors[1].message.find("deploy.env:3:"), std::string::npos);
    EXPECT_NE(file.errors[2].message.find("`9X` is not a variable name"), std::string::npos);
}

TEST(Regions, TableAndDomains) {
    EXPECT_STREQ(DomainForRegion("eu-west-1"), "mypurecloud.ie");
    EXPECT_STREQ(DomainForRegion("us-east-1"), "mypurecloud.com");
    EXPECT_STREQ(DomainForRegion("ap-southeast-2"), "mypurecloud.com.au");
    EXPECT_EQ(DomainForRegion("mars-1"), nullptr);
    EXPECT_GE(KnownRegions().size(), 15u);
}

TEST(ResolveConfig, RegionOrDomain) {
    std::vector<ConfigError> errors;
    auto config = ResolveConfig(From({{"GENESYSCLOUD_REGION", "eu-west-1"},
                                      {"GENESYSCLOUD_OAUTHCLIENT_ID", "id"},
                                      {"GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret"}}),
                                "", errors);
    ASSERT_TRUE(config) << errors.front().message;
    EXPECT_EQ(config->endpoints.api_base, "https://api.mypurecloud.ie");
    EXPECT_EQ(config->endpoints.login_base, "https://login.mypurecloud.ie");
    config = ResolveConfig(
        From({{"GENESYS_CLOUD_REGION", "api.usw2.pure.cloud"}, {"GENESYSCLOUD_ACCESS_TOKEN", "t"}}),
        "", errors);
    ASSERT_TRUE(config);
    EXPECT_EQ(config->endpoints.api_base, "https://api.usw2.pure.cloud");
    EXPECT_EQ(config->credentials.access_token, "t");
}

TEST(ResolveConfig, ReportsEveryProblem) {
    std::vector<ConfigError> errors;
    auto config = ResolveConfig(
        From({{"GENESYSCLOUD_REGION", "eu-wset-1"}, {"GENESYSCLOUD_OAUTHCLIENT_ID", "id"}}), "",
        errors);
    EXPECT_FALSE(config);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].help, "did you mean `eu-west-1`?");
    EXPECT_NE(errors[1].message.find("SECRET` is not"), std::string::npos);
}

TEST(ResolveConfig, SpellingsMustAgree) {
    std::vector<ConfigError> errors;
    ResolveConfig(From({{"GENESYSCLOUD_REGION", "eu-west-1"},
                        {"GENESYS_CLOUD_REGION", "us-east-1"},
                        {"GENESYSCLOUD_ACCESS_TOKEN", "t"}}),
                  "", errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("both set, to different values"), std::string::npos);
    errors.clear();
    EXPECT_TRUE(ResolveConfig(From({{"GENESYSCLOUD_REGION", "eu-west-1"},
                                    {"GENESYS_CLOUD_REGION", "eu-west-1"},
                                    {"GENESYSCLOUD_ACCESS_TOKEN", "t"}}),
                              "", errors));
}

TEST(BaseUrl, PlainHttpOnlyForLoopback) {
    std::string why;
    EXPECT_TRUE(IsAcceptableBaseUrl("http://127.0.0.1:8080", why));
    EXPECT_TRUE(IsAcceptableBaseUrl("http://localhost/x", why));
    EXPECT_TRUE(IsAcceptableBaseUrl("http://[::1]:9/", why));
    EXPECT_TRUE(IsAcceptableBaseUrl("https://api.example.com", why));
    EXPECT_FALSE(IsAcceptableBaseUrl("http://example.com", why));
    EXPECT_FALSE(IsAcceptableBaseUrl("http://127.0.0.1.evil.com", why));
    EXPECT_FALSE(IsAcceptableBaseUrl("http://user@127.0.0.1.evil.com", why));
    EXPECT_FALSE(IsAcceptableBaseUrl("ftp://127.0.0.1", why));
    EXPECT_FALSE(IsAcceptableBaseUrl("127.0.0.1", why));
}

}  // namespace
}  // namespace flowc::deploy
