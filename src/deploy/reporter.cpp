#include "deploy/reporter.h"

namespace flowc::deploy {

void Reporter::Write(std::FILE* stream, const std::string& text) {
    std::string line = redact_(text) + "\n";
    std::fwrite(line.data(), 1, line.size(), stream);
    std::fflush(stream);
}

void Reporter::Event(nlohmann::json event) {
    // Redact the serialised line: secrets could sit in any string field.
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
