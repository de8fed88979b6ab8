// How one flow reaches the org, per target: archy through a publish job (create it, upload
// the YAML, poll it), genesys-json through the flows API with every placeholder replaced by
// the real id. Reports nothing: a failure is returned, and the run reports it.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "deploy/deploy.h"
#include "deploy/plan.h"
#include "deploy/platform_client.h"
#include "deploy/result.h"
#include "deploy/target.h"

namespace flowc::deploy {

// A published flow's id and published version, as the org reports them; the version is
// empty when the org did not say (then nothing is recorded for the flow).
struct Published {
    std::string id;
    std::string version;
};

// How often a flow that has just been published is read before flowc gives up on its
// version: 1 + 2 + 4 + 8 + 8 s of waits at most.
inline constexpr int kReadAfterWriteAttempts = 6;

// What a failed publish job's messages say, as a Failure: a lock, a missing permission or a
// name the org lacks get their own kind and help; the messages are its notes either way.
Failure JobFailure(const std::string& job_id, const std::vector<std::string>& messages);

class Publisher {
  public:
    Publisher(PlatformClient& client, Target target, const DeployOptions& options)
        : client_(client), target_(target), options_(options) {}

    // The ids placeholders are replaced with: the org's resources found before the first
    // write (by the manifest's kind: "queue", "schedule", ...), flows as they are published
    // (or found) in this run.
    void AddResourceId(const std::string& kind, const std::string& name, const std::string& id) {
        resource_ids_[{kind, name}] = id;
    }
    void AddFlowId(const std::string& name, const std::string& id) { flow_ids_[name] = id; }

    // The id of the published flow; "" when a publish job did not name it.
    Result<std::string> Publish(const PlannedFlow& planned);

    // After a publish: the published version to record (and the id, when a job did not name
    // its flow: found by identity). A 404 right after the publish is retried; a look-up that
    // still fails leaves the version empty.
    Published Locate(const BundleFlow& flow, std::string id);

  private:
    Result<std::string> PublishArchy(const BundleFlow& flow);
    Result<std::string> PublishJson(const PlannedFlow& planned);

    PlatformClient& client_;
    Target target_;
    const DeployOptions& options_;
    std::map<std::pair<std::string, std::string>, std::string> resource_ids_;  // (kind, name)
    std::map<std::string, std::string> flow_ids_;                              // flow name -> id
};

}  // namespace flowc::deploy
