#include "deploy/reporter.h"

#include <fmt/format.h>

namespace flowc::deploy {
namespace {

// Cleans every string in an event, so that a consumer that prints a decoded field gets the
// same escapes as the text mode, not the raw control characters.
void CleanStrings(nlohmann::json& value, const Redactor& redactor) {
    if (value.is_string()) {
        value = redactor.Clean(value.get_ref<const std::string&>());
    } else if (value.is_structured()) {
        for (nlohmann::json& item : value) CleanStrings(item, redactor);
    }
}

}  // namespace

std::string FormatSeconds(double seconds) { return fmt::format("{:.1f} s", seconds); }

void Reporter::Write(std::FILE* stream, const std::string& text) {
    std::string line = redactor_.Clean(text) + "\n";
    std::fwrite(line.data(), 1, line.size(), stream);
    std::fflush(stream);
}

void Reporter::Event(nlohmann::json event) {
    CleanStrings(event, redactor_);
    // The serialised line is cleaned again in Write: a secret's JSON-escaped form is redacted.
    Write(out_, event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Reporter::Progress(const std::string& line, nlohmann::json event) {
    if (json_) {
        Event(std::move(event));
    } else {
        Write(err_, line);
    }
}

void Reporter::Result(const std::string& line, nlohmann::json event) {
    if (json_) {
        Event(std::move(event));
    } else {
        Write(out_, line);
    }
}

void Reporter::Log(const std::string& line) { Write(err_, line); }

}  // namespace flowc::deploy
