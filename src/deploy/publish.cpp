#include "deploy/publish.h"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

#include "deploy/reporter.h"

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
    Result<UploadTarget> job = client_.CreateJob();
    if (!job) return job.failure();
    const UploadTarget& target = job.value();
    if (Result<void> uploaded = client_.Upload(target, flow.bytes); !uploaded) {
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
        const auto& ids = ref.kind == "queue" ? queue_ids_ : flow_ids_;
        auto it = ids.find(ref.name);
        json::json_pointer pointer(ref.pointer);
        if (it == ids.end() || !body.contains(pointer)) {
            return Failure{FailureKind::kRejected,
                           fmt::format("no id for {} `{}` (a bug in flowc's deploy order)",
                                       ref.kind, ref.name),
                           "", 0};
        }
        body[pointer] = it->second;
    }
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
    } else if (Result<RemoteFlow> read = client_.GetFlow(published.id)) {
        published.version = read->version;
    }
    return published;
}

}  // namespace flowc::deploy
