// What a deploy tells its user while it runs: a progress line per flow on stderr, or one JSON
// event per line on stdout (--json). Every string passes the redactor first, so that no
// secret reaches any output whatever the server echoes back.
#pragma once

#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace flowc::deploy {

using Redactor = std::function<std::string(std::string)>;

class Reporter {
  public:
    Reporter(bool json, std::FILE* out, std::FILE* err, Redactor redact)
        : json_(json), out_(out), err_(err), redact_(std::move(redact)) {}

    // A human line on stderr (text mode) and an event on stdout (json mode).
    void Progress(const std::string& line, nlohmann::json event);
    // A line for stdout in text mode only (the plan, the summary); json mode gets `event`.
    void Result(const std::string& line, nlohmann::json event);
    // --verbose lines: stderr in both modes.
    void Log(const std::string& line);
    std::string Redact(std::string text) const { return redact_(std::move(text)); }

  private:
    void Event(nlohmann::json event);
    void Write(std::FILE* stream, const std::string& text);

    bool json_;
    std::FILE* out_;
    std::FILE* err_;
    Redactor redact_;
};

}  // namespace flowc::deploy
