#include "deploy/publish.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "unit/deploy/scripted_http.h"

namespace flowc::deploy {
namespace {

class PublisherTest : public ::testing::Test {
  protected:
    PublisherTest()
        : client_(http_, Config(), Policy(),
                  std::chrono::steady_clock::now() + std::chrono::hours(1), {}, redactor_) {
        options_.time_scale = 0;  // job polls do not wait
    }
    static DeployConfig Config() {
        DeployConfig config;
        config.endpoints = {"https://api.example.com", "https://login.example.com", "example"};
        config.credentials.access_token = "token-for-tests";
        return config;
    }
    static RetryPolicy Policy() {
        RetryPolicy policy;
        policy.time_scale = 0;
        return policy;
    }
    ScriptedHttp http_;
    Redactor redactor_;
    PlatformClient client_;
    DeployOptions options_;
};

BundleFlow CallerOf(std::string shared, std::string queue) {
    BundleFlow flow;
    flow.identifier = "Caller";
    flow.name = "Caller";
    flow.type = "inboundcall";
    flow.bytes =
        R"({"start":{"call":"ref:flow:)" + shared + R"("},"to":"ref:queue:)" + queue + R"("})";
    flow.references = {{"Caller.json", "/start/call", "flow", shared, "ref:flow:" + shared},
                       {"Caller.json", "/to", "queue", queue, "ref:queue:" + queue}};
    return flow;
}

TEST_F(PublisherTest, GenesysJsonReplacesEveryPlaceholderWithItsId) {
    Publisher publisher(client_, Target::kGenesysJson, options_);
    publisher.AddFlowId("Shared Menu", "shared-1");
    publisher.AddResourceId("queue", "Sales", "queue-1");
    BundleFlow flow = CallerOf("Shared Menu", "Sales");
    PlannedFlow planned{&flow, Action::kCreate, "", "", "", ""};
    http_.Answer(200, R"({"id":"caller-1","name":"Caller"})");
    Result<std::string> id = publisher.Publish(planned);
    ASSERT_TRUE(id.ok()) << id.failure().message;
    EXPECT_EQ(id.value(), "caller-1");
    ASSERT_EQ(http_.sent.size(), 1u);
    EXPECT_EQ(http_.sent[0].method, "POST");
    EXPECT_EQ(http_.sent[0].url, "https://api.example.com/api/v2/flows");
    nlohmann::json sent = nlohmann::json::parse(http_.sent[0].body);
    EXPECT_EQ(sent["start"]["call"], "shared-1");
    EXPECT_EQ(sent["to"], "queue-1");
    EXPECT_EQ(sent["description"], MarkerLine(flow.marker));
}

TEST_F(PublisherTest, GenesysJsonUpdatesAFlowTheOrgHas) {
    Publisher publisher(client_, Target::kGenesysJson, options_);
    publisher.AddFlowId("Shared Menu", "shared-1");
    publisher.AddResourceId("queue", "Sales", "queue-1");
    BundleFlow flow = CallerOf("Shared Menu", "Sales");
    PlannedFlow planned{&flow, Action::kUpdate, "caller-1", "", "", ""};
    http_.Answer(200, R"({"id":"caller-1","name":"Caller"})");
    ASSERT_TRUE(publisher.Publish(planned).ok());
    EXPECT_EQ(http_.sent[0].method, "PUT");
    EXPECT_EQ(http_.sent[0].url, "https://api.example.com/api/v2/flows/caller-1");
}

TEST_F(PublisherTest, APlaceholderWithoutAnIdIsFlowcsBugAndNothingIsSent) {
    Publisher publisher(client_, Target::kGenesysJson, options_);
    publisher.AddResourceId("queue", "Sales", "queue-1");
    BundleFlow flow = CallerOf("Shared Menu", "Sales");
    PlannedFlow planned{&flow, Action::kCreate, "", "", "", ""};
    Result<std::string> id = publisher.Publish(planned);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.failure().kind, FailureKind::kRejected);
    EXPECT_EQ(id.failure().message, "no id for flow `Shared Menu` (a bug in flowc's deploy order)");
    EXPECT_TRUE(http_.sent.empty());
}

TEST_F(PublisherTest, ArchyPollsTheJobAndReturnsTheFlowItNames) {
    Publisher publisher(client_, Target::kArchy, options_);
    BundleFlow flow = CallerOf("Shared Menu", "Sales");
    flow.bytes = "inboundCall:\n  name: Caller\n  description: Routes calls.\n  division: Home\n";
    flow.marker = {std::string(64, 'a'), ""};
    PlannedFlow planned{&flow, Action::kCreate, "", "", "", ""};
    http_.Answer(200, R"({"id":"job-1","presignedUrl":"https://upload.example.com/x?sig=abcd",)"
                      R"("headers":{"x-amz-acl":"private"}})");
    http_.Answer(200, "");
    http_.Answer(200, R"({"id":"job-1","status":"Started"})");
    http_.Answer(200, R"({"id":"job-1","status":"Success","flow":{"id":"caller-1"}})");
    Result<std::string> id = publisher.Publish(planned);
    ASSERT_TRUE(id.ok()) << id.failure().message;
    EXPECT_EQ(id.value(), "caller-1");
    ASSERT_EQ(http_.sent.size(), 4u);
    // The upload is the compiled file with the marker below the flow's own description.
    EXPECT_EQ(http_.sent[1].body,
              "inboundCall:\n  name: Caller\n  description: \"Routes "
              "calls.\\n\\nflowc: sha256=" +
                  std::string(64, 'a') + "\"\n  division: Home\n");
    EXPECT_EQ(http_.sent[3].url, "https://api.example.com/api/v2/flows/jobs/job-1?expand=messages");
}

TEST_F(PublisherTest, AFailedJobIsRejectedWithItsMessagesAsNotes) {
    Publisher publisher(client_, Target::kArchy, options_);
    BundleFlow flow = CallerOf("Shared Menu", "Sales");
    flow.bytes = "inboundCall:\n  name: Caller\n  description: \"\"\n  division: Home\n";
    PlannedFlow planned{&flow, Action::kCreate, "", "", "", ""};
    http_.Answer(200,
                 R"({"id":"job-1","presignedUrl":"https://upload.example.com/x","headers":{}})");
    http_.Answer(200, "");
    http_.Answer(200, R"({"id":"job-1","status":"Failure","messages":[{"text":"no queue"}]})");
    Result<std::string> id = publisher.Publish(planned);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.failure().kind, FailureKind::kRejected);
    EXPECT_EQ(id.failure().message, "the publish job job-1 failed");
    EXPECT_EQ(id.failure().notes, std::vector<std::string>{"Genesys Cloud: no queue"});
}

}  // namespace
}  // namespace flowc::deploy
