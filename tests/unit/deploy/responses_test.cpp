#include "deploy/responses.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "deploy/http.h"
#include "deploy/retry.h"

namespace flowc::deploy {
namespace {

TEST(Responses, Token) {
    EXPECT_EQ(ParseToken(R"({"access_token":"abc","expires_in":86400})")->access_token, "abc");
    EXPECT_EQ(ParseToken(R"({"token_type":"bearer"})").failure().message,
              "the token response has no `access_token`");
    EXPECT_EQ(ParseToken("<html>").failure().message,
              "the body is HTML, not JSON (a proxy or an error page?)");
    EXPECT_EQ(ParseToken("").failure().message, "the body is empty");
    EXPECT_EQ(ParseToken("[1]").failure().message, "the body is JSON but not an object");
    EXPECT_EQ(ParseToken("").failure().kind, FailureKind::kBadResponse);
}

TEST(Responses, FlowPage) {
    auto page = ParsePage(
        R"({"entities":[{"id":"f1","name":"A","type":"INBOUNDCALL","publishedVersion":{"id":"3"},
            "lockedUser":{"name":"Dana"}}],"pageNumber":2,"pageCount":5})");
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->page_number, 2);
    EXPECT_EQ(page->page_count, 5);
    EXPECT_EQ(page->entities[0].version, "3");
    EXPECT_EQ(page->entities[0].locked_by, "Dana");
    EXPECT_FALSE(ParsePage(R"({"entities":[{"name":"no id"}]})").ok());
    EXPECT_FALSE(ParsePage(R"({"entities":{}})").ok());
    EXPECT_FALSE(ParsePage(R"({"entities":[{"id":"f1"}],)").ok());  // truncated
}

// What the plan reads from a listing besides identity: who holds a lock (a user, else an
// OAuth client), the description that carries flowc's marker, a data action's category.
TEST(Responses, LocksDescriptionsAndCategories) {
    Result<Page> page = ParsePage(
        R"({"entities":[
            {"id":"f1","name":"A","lockedUser":{"name":"Dana"},"lockedClient":{"name":"CI"}},
            {"id":"f2","name":"B","lockedClient":{"name":"Terraform"},"description":"Hi.\nflowc: x"},
            {"id":"f3","name":"C","lockedUser":{"id":"user-7"},"category":"CRM"},
            {"id":"f4","name":"D","lockedUser":"not an object","description":7}],
            "pageCount":1})");
    ASSERT_TRUE(page.ok()) << page.failure().message;
    ASSERT_EQ(page->entities.size(), 4u);
    EXPECT_EQ(page->entities[0].locked_by, "Dana");
    EXPECT_EQ(page->entities[1].locked_by, "the OAuth client Terraform");
    EXPECT_EQ(page->entities[1].description, "Hi.\nflowc: x");
    EXPECT_EQ(page->entities[2].locked_by, "user-7");
    EXPECT_EQ(page->entities[2].category, "CRM");
    EXPECT_EQ(page->entities[3].locked_by, "");
    EXPECT_EQ(page->entities[3].description, "");
}

TEST(Responses, Jobs) {
    auto target = ParseUploadTarget(
        R"({"id":"j1","presignedUrl":"https://s3/x?sig=1","headers":{"a":"b","n":1}})");
    ASSERT_TRUE(target.ok());
    EXPECT_EQ(target->headers.size(), 1u);
    auto job = ParseJob(
        R"({"id":"j1","status":"Failure","flow":{"id":"f"},"messages":[{"text":"bad"},"plain",{"x":1}]})");
    ASSERT_TRUE(job.ok());
    EXPECT_EQ(job->flow_id, "f");
    ASSERT_EQ(job->messages.size(), 3u);
    EXPECT_EQ(job->messages[0], "bad");
    EXPECT_EQ(job->messages[1], "plain");
    EXPECT_EQ(job->messages[2], R"({"x":1})");
    EXPECT_FALSE(ParseJob(R"({"id":"j1"})").ok());
}

TEST(Responses, ErrorBodies) {
    ErrorBody error = ParseErrorBody(
        R"({"message":"Flow is locked","code":"flow.locked","messageParams":{"userName":"Lee"}})");
    EXPECT_EQ(error.message, "Flow is locked");
    EXPECT_EQ(error.locked_by, "Lee");
    EXPECT_EQ(ParseErrorBody("<html/>").message, "");
}

TEST(Responses, SnippetIsAtMostOneKibibyte) {
    std::string huge(100000, 'x');
    Redactor none;
    std::string snippet = BodySnippet(huge, none);
    EXPECT_LT(snippet.size(), 1100u);
    EXPECT_NE(snippet.find("(100000 bytes in all)"), std::string::npos);
    EXPECT_EQ(BodySnippet(std::string("a\x01\nb", 4), none), "a\\x01 b");
}

TEST(Retry, RetryAfterSecondsAndDates) {
    auto now = std::chrono::system_clock::from_time_t(1445412480);  // 2015-10-21 07:28:00 UTC
    EXPECT_EQ(ParseRetryAfter("120", now), 120.0);
    EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), 30.0);
    EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now), 0.0);  // past: no wait
    EXPECT_FALSE(ParseRetryAfter("soon", now));
    EXPECT_FALSE(ParseRetryAfter("", now));
    EXPECT_FALSE(ParseRetryAfter("-5", now));
}

TEST(Retry, FullJitterStaysInBounds) {
    RetryPolicy policy;
    std::mt19937_64 random(42);
    for (int attempt = 0; attempt < 12; ++attempt) {
        for (int i = 0; i < 100; ++i) {
            double s = BackoffSeconds(policy, attempt, random);
            EXPECT_GE(s, 1.0);
            EXPECT_LE(s, std::min(30.0, std::pow(2.0, attempt)));
        }
    }
}

TEST(Http, Encodings) {
    EXPECT_EQ(Base64("flowc-test-client:s3cr3t"), "Zmxvd2MtdGVzdC1jbGllbnQ6czNjcjN0");
    EXPECT_EQ(Base64("ab"), "YWI=");
    EXPECT_EQ(Base64("a"), "YQ==");
    EXPECT_EQ(FormEncode({{"grant_type", "client_credentials"}, {"n", "a b&c"}}),
              "grant_type=client_credentials&n=a%20b%26c");
}

}  // namespace
}  // namespace flowc::deploy
