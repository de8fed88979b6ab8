// What a deploy tells its user while it runs: a progress line per flow on stderr, or one JSON
// event per line on stdout (--json). Every string is cleaned first (made printable, every
// secret redacted: Redactor::Clean), so that no secret and no terminal control reaches any
// output whatever the server sends back.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "deploy/redact.h"

namespace flowc::deploy {

// A duration as every deploy line prints it: "2.1 s".
std::string FormatSeconds(double seconds);

class Reporter {
  public:
    Reporter(bool json, std::FILE* out, std::FILE* err, const Redactor& redactor)
        : json_(json), out_(out), err_(err), redactor_(redactor) {}

    // A human line on stderr (text mode) and an event on stdout (json mode).
    void Progress(const std::string& line, nlohmann::json event);
    // A line for stdout in text mode only (the plan, the summary); json mode gets `event`.
    void Result(const std::string& line, nlohmann::json event);
    // --verbose lines: stderr in both modes.
    void Log(const std::string& line);

  private:
    void Event(nlohmann::json event);
    void Write(std::FILE* stream, const std::string& text);

    bool json_;
    std::FILE* out_;
    std::FILE* err_;
    const Redactor& redactor_;
};

}  // namespace flowc::deploy
