#include "deploy/publish.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
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

namespace {

// The `a:b:c` permission quoted just before `suffix` ("the 'architect:flow:add' permission
// is required"); nullopt when there is none.
std::optional<std::string> QuotedBefore(const std::string& message, std::string_view suffix) {
    std::size_t end = message.find(suffix);
    if (end == std::string::npos) return std::nullopt;
    std::size_t start = message.rfind('\'', end == 0 ? 0 : end - 1);
    if (start == std::string::npos || start + 1 >= end) return std::nullopt;
    std::string quoted = message.substr(start + 1, end - start - 1);
    int colons = 0;
    for (char c : quoted) {
        if (c == ':') {
            ++colons;
        } else if (!std::isalnum(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
    }
    if (colons != 2 || quoted.front() == ':' || quoted.back() == ':') return std::nullopt;
    return quoted;
}

}  // namespace

// A failed job's messages are Archy's own text; three kinds are worth their own error
// because each is fixed elsewhere: a lock (by its holder, or --force-unlock), a permission
// (by the role), and a name the org lacks (which the resolution before the first write
// rules out, unless the org changed during the deploy).
Failure JobFailure(const std::string& job_id, const std::vector<std::string>& messages) {
    std::vector<std::string> notes;
    for (const std::string& message : messages) notes.push_back("Genesys Cloud: " + message);
    if (notes.empty()) notes.push_back("the job gave no messages");
    for (const std::string& message : messages) {
        if (message.find("is locked by another entity") != std::string::npos) {
            return Failure{FailureKind::kLocked,
                           fmt::format("the publish job {} failed: the flow is locked in "
                                       "Architect by another user or client",
                                       job_id),
                           "ask whoever has it checked out to publish or check it in, or "
                           "re-run with `--force-unlock` (needs `architect:flow:unlock`; their "
                           "unsaved changes are lost)",
                           0, std::move(notes)};
        }
        if (std::optional<std::string> permission = QuotedBefore(message, "' permission")) {
            return Failure{
                FailureKind::kPermission,
                fmt::format("the publish job {} failed: the OAuth client lacks the "
                            "`{}` permission",
                            job_id, *permission),
                fmt::format("give the OAuth client's role the `{}` permission", *permission), 0,
                std::move(notes)};
        }
        std::size_t find = message.find("find '");
        std::size_t by = find == std::string::npos ? find : message.find("' by value of '", find);
        std::size_t end = by == std::string::npos ? by : message.find("' - no matches", by);
        if (end != std::string::npos) {
            std::string kind = message.substr(find + 6, by - find - 6);
            std::string name = message.substr(by + 15, end - by - 15);
            return Failure{FailureKind::kRejected,
                           fmt::format("the publish job {} failed: Architect found no {} `{}`",
                                       job_id, kind, name),
                           "flowc found everything the flows name before the first write, so "
                           "it was deleted or renamed in the org during the deploy: restore it "
                           "and re-run",
                           0, std::move(notes)};
        }
    }
    return Failure{FailureKind::kRejected, fmt::format("the publish job {} failed", job_id),
                   "fix the flow (or the org) and re-run", 0, std::move(notes)};
}

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
        if (status.status == "Failure") return JobFailure(target.job_id, status.messages);
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
