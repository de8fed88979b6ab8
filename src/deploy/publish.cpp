#include "deploy/publish.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "backend/backend.h"
#include "deploy/marker.h"
#include "deploy/reporter.h"
#include "deploy/resources.h"

namespace flowc::deploy {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

Clock::duration InSeconds(double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

Result<std::string> Publisher::Publish(const PlannedFlow& planned) {
    switch (target_) {
        case Target::kArchy:
            return PublishArchy(*planned.flow);
        case Target::kGenesysJson:
            return PublishJson(planned);
    }
    return PublishJson(planned);
}

Result<std::string> Publisher::PublishArchy(const BundleFlow& flow) {
    std::optional<std::string> document = backend::ReplaceArchyDescription(
        flow.bytes,
        [&](const std::string& description) { return WithMarker(description, flow.marker); });
    if (!document) {
        return Failure{FailureKind::kInternal,
                       "the compiled YAML has no description line where the archy backend "
                       "writes one (a bug in flowc)",
                       "", 0};
    }
    Result<UploadTarget> job = client_.CreateJob();
    if (!job) return job.failure();
    const UploadTarget& target = job.value();
    if (Result<void> uploaded = client_.Upload(target, *document); !uploaded) {
        return uploaded.failure();
    }
    double interval = options_.poll_interval_seconds * options_.time_scale;
    auto poll_deadline = Clock::now() + InSeconds(options_.poll_timeout_seconds);
    while (true) {
        Result<Job> state = client_.GetJob(target.job_id);
        if (!state) return state.failure();
        const Job& status = state.value();
        if (status.status == "Success") return status.flow_id;
        if (status.status == "Failure") {
            std::vector<std::string> notes;
            for (const std::string& message : status.messages) {
                notes.push_back("Genesys Cloud: " + message);
            }
            if (notes.empty()) notes.push_back("the job gave no messages");
            return Failure{
                FailureKind::kRejected, fmt::format("the publish job {} failed", target.job_id),
                "fix the flow (or the org: missing queues, prompts, data actions) and re-run", 0,
                std::move(notes)};
        }
        if (Clock::now() + InSeconds(interval) > poll_deadline) {
            return Failure{
                FailureKind::kJobTimeout,
                fmt::format("the publish job {} was still `{}` after {}", target.job_id,
                            status.status, FormatSeconds(options_.poll_timeout_seconds)),
                "the platform may be slow; re-run later (the job may still finish; flowc will "
                "then find the flow up to date or republish it), or raise `--poll-timeout`",
                0};
        }
        if (Result<void> slept = client_.Sleep(interval, "publish job " + status.status, false);
            !slept) {
            return slept.failure();
        }
    }
}

Result<std::string> Publisher::PublishJson(const PlannedFlow& planned) {
    const BundleFlow& flow = *planned.flow;
    json body = json::parse(flow.bytes, nullptr, false);
    if (body.is_discarded()) {
        return Failure{FailureKind::kRejected, "the compiled JSON is malformed (a bug in flowc)",
                       "", 0};
    }
    for (const Reference& ref : flow.references) {
        const std::string* id = nullptr;
        if (ref.kind == "flow") {
            if (auto it = flow_ids_.find(ref.name); it != flow_ids_.end()) id = &it->second;
        } else if (auto it = resource_ids_.find(
                       {std::string(ResourceKindOfReference(ref.kind)), ref.name});
                   it != resource_ids_.end()) {
            id = &it->second;
        }
        json::json_pointer pointer(ref.pointer);
        if (id == nullptr || id->empty() || !body.contains(pointer)) {
            return Failure{FailureKind::kRejected,
                           fmt::format("no id for {} `{}` (a bug in flowc's deploy order)",
                                       ref.kind, ref.name),
                           "", 0};
        }
        body[pointer] = *id;
    }
    const json* description = body.contains("description") ? &body["description"] : nullptr;
    body["description"] =
        WithMarker(description && description->is_string() ? description->get<std::string>() : "",
                   flow.marker);
    std::string text = body.dump(2);
    Result<RemoteFlow> result = planned.remote_id.empty()
                                    ? client_.CreateFlow(flow.name, flow.type, text)
                                    : client_.UpdateFlow(planned.remote_id, text);
    if (!result) return result.failure();
    return result->id;
}

Published Publisher::Locate(const BundleFlow& flow, std::string id) {
    Published published{std::move(id), ""};
    if (published.id.empty()) {
        Result<std::vector<RemoteFlow>> found = client_.FindFlows(flow.name, flow.type);
        if (found && found->size() == 1) {
            published.id = found->front().id;
            published.version = found->front().version;
        }
        return published;
    }
    // Right after a job's `Success` the flow may not be readable for a moment (the vendor's
    // Terraform provider retries this read too): a 404 is waited out briefly, never taken
    // for "no version".
    for (int attempt = 0;; ++attempt) {
        Result<RemoteFlow> read = client_.GetFlow(published.id);
        if (read) {
            published.version = read->version;
            return published;
        }
        if (read.failure().status != 404 || attempt + 1 >= kReadAfterWriteAttempts) break;
        double seconds = std::min(1 << attempt, 8) * options_.time_scale;
        if (!client_.Sleep(seconds, "the published flow is not readable yet")) break;
    }
    return published;
}

}  // namespace flowc::deploy
