// PlatformClient against a scripted HttpClient: each test says what the server answers, in
// order, and reads what the client made of it (the calls and their fault policy end to end
// are tests/deploy/test_deploy.py's, against a fake server over real HTTP).
#include "deploy/platform_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "unit/deploy/scripted_http.h"

namespace flowc::deploy {
namespace {

class PlatformClientTest : public ::testing::Test {
  protected:
    PlatformClient MakeClient() {
        DeployConfig config;
        config.endpoints = {"https://api.example.com", "https://login.example.com", "example"};
        config.credentials.access_token = "token-for-tests";
        RetryPolicy policy;
        policy.time_scale = 0;  // no test waits
        return PlatformClient(http_, config, policy,
                              std::chrono::steady_clock::now() + std::chrono::hours(1), {},
                              redactor_);
    }
    ScriptedHttp http_;
    Redactor redactor_;
};

TEST_F(PlatformClientTest, ACallParsesItsAnswer) {
    http_.Answer(200, R"({"id":"f1","name":"Main","type":"INBOUNDCALL",)"
                      R"("publishedVersion":{"id":"3"}})");
    PlatformClient client = MakeClient();
    Result<RemoteFlow> flow = client.GetFlow("f1");
    ASSERT_TRUE(flow.ok()) << flow.failure().message;
    EXPECT_EQ(flow->id, "f1");
    EXPECT_EQ(flow->version, "3");
    EXPECT_EQ(http_.urls, std::vector<std::string>{"https://api.example.com/api/v2/flows/f1"});
}

TEST_F(PlatformClientTest, AnAnswerThatDoesNotParseNamesTheCallAndShowsTheBody) {
    http_.Answer(200, "<html>busy</html>");
    http_.Answer(200, "[1]");
    PlatformClient client = MakeClient();
    Result<RemoteFlow> flow = client.GetFlow("f1");
    ASSERT_FALSE(flow.ok());
    EXPECT_EQ(flow.failure().kind, FailureKind::kBadResponse);
    EXPECT_EQ(flow.failure().message,
              "cannot read the answer to `read a flow`: the body is HTML, not JSON (a proxy or "
              "an error page?)");
    EXPECT_EQ(flow.failure().help, "the body began: <html>busy</html>");
    Result<Job> job = client.GetJob("j1");
    ASSERT_FALSE(job.ok());
    EXPECT_EQ(job.failure().kind, FailureKind::kBadResponse);
    EXPECT_EQ(job.failure().message,
              "cannot read the answer to `read a publish job`: the body is JSON but not an object");
}

TEST_F(PlatformClientTest, AFailedExchangeIsTheCallsFailure) {
    http_.Answer(403, R"({"message":"missing permission"})");
    PlatformClient client = MakeClient();
    Result<Job> job = client.GetJob("j1");
    ASSERT_FALSE(job.ok());
    EXPECT_EQ(job.failure().kind, FailureKind::kPermission);
    EXPECT_EQ(job.failure().status, 403);
    EXPECT_EQ(job.failure().help,
              "give the OAuth client's role the `architect:job:view` permission");
}

// Platform names are compared as the checker compares them (CaselessKey): NFC and Unicode
// case folding, so a flow renamed only in case or written decomposed is the same flow, not
// a second one to create beside it. The type is an ASCII enum, compared ignoring case.
TEST_F(PlatformClientTest, FlowNamesMatchAsAReaderSeesThem) {
    http_.Answer(200, R"({"pageNumber":1,"pageCount":1,"entities":[)"
                      R"({"id":"a","name":"Caf\u00e9 Stra\u00dfe","type":"INBOUNDCALL"},)"
                      R"({"id":"b","name":"CAFE\u0301 STRASSE","type":"inboundcall"},)"
                      R"({"id":"c","name":"Cafe Strasse","type":"INBOUNDCALL"},)"
                      R"({"id":"d","name":"Café Straße 2","type":"INBOUNDCALL"},)"
                      R"({"id":"e","name":"Café Straße","type":"INBOUNDEMAIL"}]})");
    PlatformClient client = MakeClient();
    Result<std::vector<RemoteFlow>> found = client.FindFlows("café straße", "inboundcall");
    ASSERT_TRUE(found.ok()) << found.failure().message;
    std::vector<std::string> ids;
    for (const RemoteFlow& flow : found.value()) ids.push_back(flow.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"a", "b"}));
}

TEST_F(PlatformClientTest, QueueNamesMatchAlike) {
    http_.Answer(200, R"({"pageNumber":1,"pageCount":1,"entities":[)"
                      R"({"id":"q1","name":"Sales Queue"},{"id":"q2","name":"Sales Queue EU"}]})");
    PlatformClient client = MakeClient();
    Result<std::vector<RemoteFlow>> found =
        client.FindResources(*FindResourceKind("queue"), "sales queue");
    ASSERT_TRUE(found.ok()) << found.failure().message;
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(found->front().id, "q1");
}

}  // namespace
}  // namespace flowc::deploy
