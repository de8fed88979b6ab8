#include "deploy/responses.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace flowc::deploy {
namespace {

using nlohmann::json;

// What was wrong with a body; PlatformClient names the call it answered.
Failure BadBody(std::string problem) {
    return Failure{FailureKind::kBadResponse, std::move(problem), "", 0};
}

// Parses without exceptions; a failure when the body is not one JSON object.
Result<json> ParseObject(std::string_view body) {
    json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        std::string_view start = body.substr(0, 64);
        bool html = start.find('<') != std::string_view::npos;
        return BadBody(body.empty() ? "the body is empty"
                       : html       ? "the body is HTML, not JSON (a proxy or an error page?)"
                                    : "the body is not valid JSON (garbled or truncated?)");
    }
    if (!document.is_object()) return BadBody("the body is JSON but not an object");
    return document;
}

std::string StringAt(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::int64_t IntAt(const json& object, const char* key, std::int64_t fallback) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return fallback;
    return it->get<std::int64_t>();
}

const json* ObjectAt(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_object() ? &*it : nullptr;
}

RemoteFlow FlowFrom(const json& entity) {
    RemoteFlow flow;
    flow.id = StringAt(entity, "id");
    flow.name = StringAt(entity, "name");
    flow.type = StringAt(entity, "type");
    if (const json* published = ObjectAt(entity, "publishedVersion")) {
        flow.version = StringAt(*published, "id");
    }
    // A flow checked out in Architect names its user; one locked by an OAuth client (another
    // tool's deploy) names the client.
    for (const char* holder : {"lockedUser", "lockedClient"}) {
        const json* locked = ObjectAt(entity, holder);
        if (locked == nullptr || !flow.locked_by.empty()) continue;
        flow.locked_by = StringAt(*locked, "name");
        if (flow.locked_by.empty()) flow.locked_by = StringAt(*locked, "id");
        if (!flow.locked_by.empty() && std::string_view(holder) == "lockedClient")
            flow.locked_by = "the OAuth client " + flow.locked_by;
    }
    flow.description = StringAt(entity, "description");
    flow.category = StringAt(entity, "category");
    return flow;
}

}  // namespace

Result<Token> ParseToken(std::string_view body) {
    Result<json> document = ParseObject(body);
    if (!document) return document.failure();
    Token token;
    token.access_token = StringAt(*document, "access_token");
    token.expires_in = IntAt(*document, "expires_in", 0);
    if (token.access_token.empty()) {
        return BadBody("the token response has no `access_token`");
    }
    return token;
}

Result<Page> ParsePage(std::string_view body) {
    Result<json> document = ParseObject(body);
    if (!document) return document.failure();
    auto entities = document->find("entities");
    if (entities == document->end() || !entities->is_array()) {
        return BadBody("the listing has no `entities` array");
    }
    Page page;
    for (const json& entity : *entities) {
        if (!entity.is_object()) continue;
        RemoteFlow flow = FlowFrom(entity);
        if (flow.id.empty()) {
            return BadBody("a listed entity has no `id`");
        }
        page.entities.push_back(std::move(flow));
    }
    page.page_number = IntAt(*document, "pageNumber", 1);
    page.page_count = IntAt(*document, "pageCount", 1);
    return page;
}

Result<RemoteFlow> ParseFlow(std::string_view body) {
    Result<json> document = ParseObject(body);
    if (!document) return document.failure();
    RemoteFlow flow = FlowFrom(*document);
    if (flow.id.empty()) {
        return BadBody("the response has no `id`");
    }
    return flow;
}

Result<UploadTarget> ParseUploadTarget(std::string_view body) {
    Result<json> document = ParseObject(body);
    if (!document) return document.failure();
    UploadTarget target;
    target.job_id = StringAt(*document, "id");
    target.url = StringAt(*document, "presignedUrl");
    if (const json* headers = ObjectAt(*document, "headers")) {
        for (const auto& [name, value] : headers->items()) {
            if (value.is_string()) target.headers[name] = value.get<std::string>();
        }
    }
    if (target.job_id.empty() || target.url.empty()) {
        return BadBody("the job has no `id` or no `presignedUrl`");
    }
    return target;
}

Result<Job> ParseJob(std::string_view body) {
    Result<json> document = ParseObject(body);
    if (!document) return document.failure();
    Job job;
    job.id = StringAt(*document, "id");
    job.status = StringAt(*document, "status");
    if (const json* flow = ObjectAt(*document, "flow")) job.flow_id = StringAt(*flow, "id");
    if (auto messages = document->find("messages");
        messages != document->end() && messages->is_array()) {
        for (const json& message : *messages) {
            if (message.is_string()) {
                job.messages.push_back(message.get<std::string>());
            } else if (message.is_object()) {
                std::string text = StringAt(message, "text");
                if (text.empty()) text = StringAt(message, "message");
                if (text.empty())
                    text = message.dump(-1, ' ', false, json::error_handler_t::replace);
                job.messages.push_back(std::move(text));
            }
        }
    }
    if (job.status.empty()) {
        return BadBody("the job has no `status`");
    }
    return job;
}

ErrorBody ParseErrorBody(std::string_view body) {
    ErrorBody error;
    Result<json> document = ParseObject(body);
    if (!document) return error;
    error.message = StringAt(*document, "message");
    if (error.message.empty()) error.message = StringAt(*document, "error_description");
    error.code = StringAt(*document, "code");
    if (error.code.empty()) error.code = StringAt(*document, "error");
    if (const json* locked = ObjectAt(*document, "lockedUser")) {
        error.locked_by = StringAt(*locked, "name");
    }
    if (const json* params = ObjectAt(*document, "messageParams");
        params && error.locked_by.empty()) {
        for (const char* key : {"lockedUser", "userName", "user", "name"}) {
            error.locked_by = StringAt(*params, key);
            if (!error.locked_by.empty()) break;
        }
    }
    return error;
}

std::string BodySnippet(std::string_view body, const Redactor& redactor) {
    constexpr std::size_t kLimit = 1024;
    // Redact first, then cut: a secret that crosses the limit is never half-printed.
    std::string flat(body);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    std::replace(flat.begin(), flat.end(), '\t', ' ');
    std::string clean = redactor.Clean(flat);
    bool cut = clean.size() > kLimit;
    std::string out = redactor.Cut(std::move(clean), kLimit);
    if (cut) out += fmt::format(" ... ({} bytes in all)", body.size());
    return out;
}

}  // namespace flowc::deploy
