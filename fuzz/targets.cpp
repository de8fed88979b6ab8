#include "targets.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backend/registry.h"
#include "base/utf8.h"
#include "deploy/config.h"
#include "deploy/environment.h"
#include "deploy/marker.h"
#include "deploy/publish.h"
#include "deploy/redact.h"
#include "deploy/responses.h"
#include "deploy/retry.h"
#include "lower/lower.h"
#include "support/pipeline.h"
#include "syntax/lexer_equivalence.h"
#include "syntax/parse.h"

namespace flowc::fuzz {
namespace {

void AbortOnInternalError(const DiagnosticEngine& diags) {
    if (diags.Has(Code::kInternalError)) std::abort();
}

std::vector<std::pair<std::string, std::string>> Generate(const lower::FlowGraph& graph,
                                                          bool archy) {
    backend::MemorySink sink;
    DiagnosticEngine diags;
    backend::GenerateAll(graph, archy ? "archy" : "genesys-json", sink, diags);
    AbortOnInternalError(diags);
    return sink.files();
}

// The whole front end over the input split into virtual files; the model when it checks.
std::optional<sema::Model> CheckedModel(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model =
        testing::RunFrontEnd(testing::SplitTestFile("fuzz.flow", text), sources, diags);
    AbortOnInternalError(diags);
    if (model.has_value() == diags.has_errors()) std::abort();  // a model exactly when no error
    return model;
}

}  // namespace

int Parse(const std::uint8_t* data, std::size_t size) {
    SourceManager sources;
    DiagnosticEngine diags;
    FileId id = sources.Add("fuzz.flow", std::string(reinterpret_cast<const char*>(data), size));
    ParseResult result = ParseFile(sources.Get(id), diags);
    AbortOnInternalError(diags);
    if (result.ok == diags.has_errors()) std::abort();  // ok means exactly "no errors"
    // ParseFile lexes with the hand-written lexer; it must match the generated one on
    // anything that passes the byte guards.
    std::string_view text = sources.Get(id).text();
    if (text.find('\0') == std::string_view::npos && !FindInvalidUtf8(text) &&
        FirstLexerDifference(text)) {
        std::abort();
    }
    return 0;
}

int Check(const std::uint8_t* data, std::size_t size) {
    (void)CheckedModel(data, size);
    return 0;
}

namespace {

std::size_t Length(const Span& span) { return span.end - span.begin; }

// What a target may write for a source of `size` bytes: output grows linearly with the
// source (no construct nests or repeats more than its text), apart from what a target is
// documented to repeat: a call names its callee and lists every input and output of it with
// the defaults (archy), and a `switch` on a variable names it in every case.
std::size_t OutputBound(const sema::Model& model, const lower::FlowGraph& graph, std::size_t size) {
    constexpr std::size_t kPerSourceByte = 64;  // e.g. `transfer "Q";` is 13 bytes, 450 in YAML
    constexpr std::size_t kPerFlow = 4096;      // headers, variables, the manifest's entry
    constexpr std::size_t kPerBuild = 4096;     // the manifest of a build without flows
    std::size_t bound = kPerBuild + kPerSourceByte * size + kPerFlow * model.flows.size();
    for (const lower::LoweredFlow& flow : graph.lowered) {
        for (const lower::Node& node : flow.nodes) {
            if (const auto* subflow = std::get_if<lower::SubflowNode>(&node.body)) {
                const sema::Flow& callee = model.flows[subflow->callee];
                bound += 256 * (callee.params.size() + callee.outputs.size()) +
                         8 * callee.display_name.size();
                for (const sema::ExprPtr& value : callee.param_defaults)
                    bound += value ? 8 * Length(value->span) : 0;
            }
            for (const lower::Transition& t : node.transitions) {
                const auto* eq = std::get_if<lower::EqualsLiteral>(&t.condition);
                if (eq && !eq->temporary) bound += 8 * Length(eq->subject->span);
            }
        }
    }
    return bound;
}

}  // namespace

int Build(const std::uint8_t* data, std::size_t size) {
    std::optional<sema::Model> model = CheckedModel(data, size);
    if (!model) return 0;
    lower::FlowGraph graph = lower::Lower(*model);
    const std::size_t bound = OutputBound(*model, graph, size);
    for (bool archy : {false, true}) {
        auto first = Generate(graph, archy);
        std::size_t written = 0;
        for (const auto& file : first) written += file.second.size();
        if (written > bound) std::abort();                       // output linear in the source
        if (Generate(graph, archy) != first) std::abort();       // lowering twice: identical bytes
        lower::FlowGraph planned = lower::PlanLowering(*model);  // as `flowc build` lowers
        if (Generate(planned, archy) != first || planned.order != graph.order) std::abort();
        for (const auto& [name, bytes] : first) {
            try {
                if (name.ends_with(".yaml")) {
                    YAML::Load(bytes);
                } else {
                    if (nlohmann::json::parse(bytes).is_discarded()) std::abort();
                }
            } catch (...) {
                std::abort();  // the output must be valid JSON/YAML
            }
        }
    }
    return 0;
}

namespace {

// A body that does not parse says what was wrong with it, as a bad response.
template <typename T>
void ExactlyOne(const deploy::Result<T>& parsed) {
    if (parsed) return;
    if (parsed.failure().kind != deploy::FailureKind::kBadResponse) std::abort();
    if (parsed.failure().message.empty()) std::abort();
}

}  // namespace

int Deploy(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    // Selectors from 243 up are the parsers issue 21 added; below, the mapping the seeds
    // (tests/fuzz-regressions/deploy) were written for.
    if (data[0] >= 243) {
        switch ((data[0] - 243) % 3) {
            case 0: {
                // A description read back after flowc writes its marker below it says that
                // marker, whatever the user's text was.
                deploy::Marker marker{std::string(64, 'a'),
                                      body.size() % 2 ? std::string(64, 'b') : ""};
                std::string described = deploy::WithMarker(body, marker);
                if (deploy::ReadMarker(described) != marker) std::abort();
                if (auto read = deploy::ReadMarker(body)) {
                    if (read->sha256.size() != 64) std::abort();
                }
                break;
            }
            case 1: {
                std::vector<std::string> messages;
                for (std::size_t at = 0; at <= body.size();) {
                    std::size_t end = body.find('\n', at);
                    if (end == std::string_view::npos) end = body.size();
                    messages.emplace_back(body.substr(at, end - at));
                    at = end + 1;
                }
                deploy::Failure failure = deploy::JobFailure("job-1", messages);
                if (failure.message.empty() || failure.notes.size() != messages.size())
                    std::abort();
                break;
            }
            default:
                ExactlyOne(deploy::ParseEnvironment(body, "flowc.env.json", "test"));
                break;
        }
        return 0;
    }
    switch (data[0] % 9) {
        case 0: {
            auto token = deploy::ParseToken(body);
            ExactlyOne(token);
            if (token && token->access_token.empty()) std::abort();
            break;
        }
        case 1: {
            auto page = deploy::ParsePage(body);
            ExactlyOne(page);
            if (page) {
                for (const auto& entity : page->entities) {
                    if (entity.id.empty()) std::abort();
                }
            }
            break;
        }
        case 2:
            ExactlyOne(deploy::ParseFlow(body));
            break;
        case 3:
            ExactlyOne(deploy::ParseUploadTarget(body));
            break;
        case 4:
            ExactlyOne(deploy::ParseJob(body));
            break;
        case 5:
            (void)deploy::ParseErrorBody(body);
            break;
        case 6: {
            // The first byte sizes a secret taken from the start of the body; the rest is
            // the body it is hidden in (echoed raw, encoded, across the 1 KiB cut...).
            std::size_t length = body.empty() ? 0 : 4 + static_cast<unsigned char>(body[0]) % 29;
            std::string_view rest = body.empty() ? body : body.substr(1);
            std::string secret(rest.substr(0, length));
            std::string_view text = rest.substr(secret.size());
            deploy::Redactor redactor;
            redactor.AddClientPair("flowc-client", secret);
            std::string snippet = deploy::BodySnippet(text, redactor);
            // 1 KiB of printable text, plus the size note.
            if (snippet.size() > 1024 + 64) std::abort();
            for (char c : snippet) {
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
            }
            // No secret outside the markers, and no cut that ends in the start of one.
            std::string_view marker = deploy::Redactor::kMarker;
            std::string_view shown = snippet;
            std::string note = " ... (" + std::to_string(text.size()) + " bytes in all)";
            if (shown.size() >= note.size() && shown.substr(shown.size() - note.size()) == note) {
                shown.remove_suffix(note.size());
            }
            bool checkable = secret.size() >= deploy::Redactor::kMinLength &&
                             deploy::PrintableText(secret) == secret &&
                             secret.find_first_of("[]") == std::string::npos;
            for (std::size_t start = 0; checkable && start <= shown.size();) {
                std::size_t end = shown.find(marker, start);
                std::string_view piece = shown.substr(
                    start, end == std::string_view::npos ? std::string_view::npos : end - start);
                if (piece.find(secret) != std::string_view::npos) std::abort();
                if (end == std::string_view::npos) break;
                start = end + marker.size();
            }
            if (checkable && shown.size() < snippet.size()) {
                for (std::size_t k = deploy::Redactor::kMinLength; k < secret.size(); ++k) {
                    if (shown.size() >= k &&
                        shown.substr(shown.size() - k) == std::string_view(secret).substr(0, k)) {
                        std::abort();
                    }
                }
            }
            break;
        }
        case 7: {
            auto wait = deploy::ParseRetryAfter(body, std::chrono::system_clock::from_time_t(0));
            if (wait && !(*wait >= 0)) std::abort();
            break;
        }
        default: {
            deploy::EnvFile file = deploy::ParseEnvFile(body, ".env");
            for (const auto& [key, value] : file.values) {
                if (key.empty()) std::abort();
            }
            break;
        }
    }
    return 0;
}

}  // namespace flowc::fuzz
