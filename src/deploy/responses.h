// Reading the platform's response bodies. Pure functions of the bytes, so that they can be
// fuzzed: any body (garbled, truncated, HTML, huge) gives a value or a kBadResponse failure
// saying what was wrong with the body (without the body itself), never a crash.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "deploy/redact.h"
#include "deploy/result.h"

namespace flowc::deploy {

struct Token {
    std::string access_token;
    std::int64_t expires_in = 0;
};

struct RemoteFlow {
    std::string id;
    std::string name;
    std::string type;
    std::string version;      // publishedVersion.id, or "" when never published
    std::string locked_by;    // lockedUser.name (or lockedClient.name), when the listing says
    std::string description;  // a flow's description: where flowc keeps its marker
    std::string category;     // a data action's category: the integration it belongs to
};

struct Page {
    std::vector<RemoteFlow> entities;  // queues and orgs reuse id and name
    std::int64_t page_number = 1;
    std::int64_t page_count = 1;
};

struct Job {
    std::string id;
    std::string status;  // as sent: Started, Pending, Success, Failure
    std::string flow_id;
    std::vector<std::string> messages;
};

struct UploadTarget {
    std::string job_id;
    std::string url;
    std::map<std::string, std::string> headers;
};

// What an error body says, when it is the platform's JSON error.
struct ErrorBody {
    std::string message;
    std::string code;
    std::string locked_by;  // for 409: who holds the lock, when the body names them
};

Result<Token> ParseToken(std::string_view body);
Result<Page> ParsePage(std::string_view body);  // flows, queues: {entities, pageNumber, pageCount}
Result<RemoteFlow> ParseFlow(std::string_view body);  // one flow, or the org (id, name)
Result<UploadTarget> ParseUploadTarget(std::string_view body);
Result<Job> ParseJob(std::string_view body);
ErrorBody ParseErrorBody(std::string_view body);

// At most 1 KiB of `body` for an error message: line breaks as spaces, the rest made
// printable and every secret `redactor` knows redacted before the cut (so a cut never shows
// part of one), and a note of the full size when cut.
std::string BodySnippet(std::string_view body, const Redactor& redactor);

}  // namespace flowc::deploy
