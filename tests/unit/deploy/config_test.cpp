#include "deploy/config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

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
    // The three regions issue 21 found missing (the SDK's PureCloudRegionHosts has them).
    EXPECT_STREQ(DomainForRegion("mx-central-1"), "mxc1.pure.cloud");
    EXPECT_STREQ(DomainForRegion("ap-southeast-1"), "apse1.pure.cloud");
    EXPECT_STREQ(DomainForRegion("eusc-de-east-1"), "edee1.eusc-pure.cloud");
    EXPECT_EQ(KnownRegions().size(), 18u);
}

TEST(ResolveConfig, RegionOrDomain) {
    std::vector<Failure> errors;
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
    std::vector<Failure> errors;
    auto config = ResolveConfig(
        From({{"GENESYSCLOUD_REGION", "eu-wset-1"}, {"GENESYSCLOUD_OAUTHCLIENT_ID", "id"}}), "",
        errors);
    EXPECT_FALSE(config);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].help, "did you mean `eu-west-1`?");
    EXPECT_NE(errors[1].message.find("SECRET` is not"), std::string::npos);
}

TEST(ResolveConfig, SpellingsMustAgree) {
    std::vector<Failure> errors;
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
    EXPECT_TRUE(CheckBaseUrl("http://127.0.0.1:8080").ok());
    EXPECT_TRUE(CheckBaseUrl("http://localhost/x").ok());
    EXPECT_TRUE(CheckBaseUrl("http://[::1]:9/").ok());
    EXPECT_TRUE(CheckBaseUrl("https://api.example.com").ok());
    EXPECT_FALSE(CheckBaseUrl("http://example.com").ok());
    EXPECT_FALSE(CheckBaseUrl("http://127.0.0.1.evil.com").ok());
    EXPECT_FALSE(CheckBaseUrl("http://user@127.0.0.1.evil.com").ok());
    EXPECT_FALSE(CheckBaseUrl("ftp://127.0.0.1").ok());
    EXPECT_FALSE(CheckBaseUrl("127.0.0.1").ok());
}

TEST(BaseUrl, LoopbackIsDecidedOnTheParsedLiteral) {
    for (const char* url : {"http://127.0.0.1", "http://127.255.3.4:1/", "http://LOCALHOST:80",
                            "http://[0:0:0:0:0:0:0:1]/api", "https://127.0.0.1.example.com"}) {
        Result<void> acceptable = CheckBaseUrl(url);
        EXPECT_TRUE(acceptable.ok()) << url << ": " << acceptable.failure().message;
    }
    // Names a resolver sends to DNS, or that resolvers read differently: not loopback.
    for (const char* url :
         {"http://127.0.0.1.", "http://127.0.0.1.192.0.2.1", "http://127.1", "http://0x7f.0.0.1",
          "http://0177.0.0.1", "http://127.0.0.256", "http://localhost.", "http://[::2]",
          "http://[::ffff:127.0.0.1]", "http://128.0.0.1", "http://127.0.0.1:99999",
          "http://127.0.0.1:", "http://127.0.0.1\\@evil.example/", "http://127.0.0.1 /",
          "http://[::1"}) {
        EXPECT_FALSE(CheckBaseUrl(url).ok()) << url;
    }
}

TEST(BaseUrl, UserinfoIsRefusedAndNeverShown) {
    Result<void> refused = CheckBaseUrl("https://user:hunter22@api.example.com");
    ASSERT_FALSE(refused.ok());
    const std::string& why = refused.failure().message;
    EXPECT_NE(why.find("user name or password"), std::string::npos);
    EXPECT_EQ(why.find("hunter22"), std::string::npos);
    EXPECT_EQ(WithoutUserinfo("https://user:hunter22@api.example.com/x@y"),
              "https://[redacted]@api.example.com/x@y");
    EXPECT_EQ(WithoutUserinfo("https://api.example.com/x@y"), "https://api.example.com/x@y");
    std::vector<Failure> errors;
    ResolveConfig(From({{"GENESYSCLOUD_ACCESS_TOKEN", "t"}}), "https://u:hunter22@host", errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message.find("hunter22"), std::string::npos);
    EXPECT_NE(errors[0].message.find("[redacted]@host"), std::string::npos);
}

TEST(EnvFile, MalformedLinesKeepTheirTextForTheRedactor) {
    EnvFile file = ParseEnvFile("GENESYSCLOUD_OAUTHCLIENT_SECRET=\"s3cr3t-unclosed\n", ".env");
    ASSERT_EQ(file.errors.size(), 1u);
    EXPECT_EQ(file.errors[0].message.find("s3cr3t"), std::string::npos);
    EXPECT_EQ(file.unparsed.count("GENESYSCLOUD_OAUTHCLIENT_SECRET"), 2u);
    EXPECT_TRUE(file.values.empty());
}

TEST(EnvFile, ReadThroughOwnFile) {
    namespace fs = std::filesystem;
    std::string dir = ::testing::TempDir() + "/flowc-envfile-test";
    fs::remove_all(dir);
    fs::create_directories(dir + "/venv");
    // The default `.env` that is a directory (a venv) is no dotenv file: absent, no error.
    EnvFileRead venv = ReadEnvFile(dir + "/venv", /*given=*/false);
    EXPECT_FALSE(venv.present);
    EXPECT_TRUE(venv.file.errors.empty());
    // The same directory given with --env-file is an error naming it.
    EnvFileRead given = ReadEnvFile(dir + "/venv", /*given=*/true);
    ASSERT_EQ(given.file.errors.size(), 1u);
    EXPECT_NE(given.file.errors[0].message.find("is a directory"), std::string::npos);
    // A FIFO is refused without waiting for a writer, default or given.
    ASSERT_EQ(::mkfifo((dir + "/fifo").c_str(), 0600), 0);
    for (bool is_given : {false, true}) {
        EnvFileRead fifo = ReadEnvFile(dir + "/fifo", is_given);
        ASSERT_EQ(fifo.file.errors.size(), 1u);
        EXPECT_NE(fifo.file.errors[0].message.find("is a FIFO"), std::string::npos);
    }
    EXPECT_TRUE(ReadEnvFile(dir + "/missing", false).file.errors.empty());
    EXPECT_EQ(ReadEnvFile(dir + "/missing", true).file.errors.size(), 1u);
    EXPECT_EQ(ReadEnvFile("/dev/null", true).file.errors.size(), 1u);  // a device
    EXPECT_EQ(ReadEnvFile("/dev/null", true).file.errors[0].kind, FailureKind::kConfig);
    fs::remove_all(dir);
}

TEST(CaBundle, ThePemOrAConfigFailureNamingThePath) {
    namespace fs = std::filesystem;
    std::string dir = ::testing::TempDir() + "/flowc-ca-bundle-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        std::FILE* f = std::fopen((dir + "/ca.pem").c_str(), "w");
        std::fputs("-----BEGIN CERTIFICATE-----\n", f);
        std::fclose(f);
    }
    Result<std::string> pem = ReadCaBundle(dir + "/ca.pem");
    ASSERT_TRUE(pem.ok()) << pem.failure().message;
    EXPECT_EQ(*pem, "-----BEGIN CERTIFICATE-----\n");
    for (std::string path : {dir + "/missing.pem", dir}) {
        Result<std::string> refused = ReadCaBundle(path);
        ASSERT_FALSE(refused.ok()) << path;
        EXPECT_EQ(refused.failure().kind, FailureKind::kConfig);
        EXPECT_NE(refused.failure().message.find("`--ca-bundle " + path + "`"), std::string::npos)
            << refused.failure().message;
        EXPECT_EQ(refused.failure().help, "give a PEM file with the CA certificates to trust");
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace flowc::deploy
