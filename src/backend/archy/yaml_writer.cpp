#include "backend/archy/yaml_writer.h"

#include <array>
#include <cctype>

namespace flowc::backend::archy {

bool NeedsQuotes(std::string_view text) {
    if (text.empty()) return true;
    static constexpr std::array<std::string_view, 22> kWords = {
        "y", "yes",  "n",     "no",    "true", "false", "on", "off",  "null",  "~",  "<<",
        "=", ".inf", "-.inf", "+.inf", ".nan", "yes",   "no", "true", "false", "on", "off"};
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::string_view word : kWords) {
        if (lower == word) return true;
    }
    // Plain only for a word: a letter first, then letters, digits and a few safe marks, no
    // leading or trailing space. Numbers, dates and anything with YAML syntax get quotes.
    if (!std::isalpha(static_cast<unsigned char>(text.front()))) return true;
    if (text.back() == ' ') return true;
    for (char c : text) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ' ' ||
              c == '-' || c == '/' || c == '(' || c == ')' || c == ',')) {
            return true;
        }
    }
    return text.find(" -") != std::string_view::npos || text.find("- ") != std::string_view::npos;
}

YamlWriter::YamlWriter() {
    out_.SetIndent(2);
    out_.SetMapFormat(YAML::Block);
    out_.SetSeqFormat(YAML::Block);
}

void YamlWriter::Key(std::string_view key) {
    out_ << YAML::Key;
    Text(key);
    out_ << YAML::Value;
}

void YamlWriter::Text(std::string_view value) {
    if (NeedsQuotes(value)) out_ << YAML::DoubleQuoted;
    out_ << std::string(value);
}

std::string YamlWriter::Finish() const { return std::string(out_.c_str()) + "\n"; }

}  // namespace flowc::backend::archy
