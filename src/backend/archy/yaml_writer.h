// A thin layer over yaml-cpp's emitter that never lets a reader mistake text for another
// type: yaml-cpp 0.7 writes `yes`, `no`, `on`, `1`, `1.5`, `0x1F` unquoted, and a YAML 1.1
// reader takes them for booleans or numbers. Every string goes through Text(), which double-
// quotes anything that is not plainly a word.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace flowc::backend::archy {

// True when a YAML 1.1 reader could resolve `text`, written plain, to anything but that
// string (bool, null, number, timestamp, merge key) or when it is not plainly safe.
bool NeedsQuotes(std::string_view text);

class YamlWriter {
  public:
    YamlWriter();
    void BeginMap() { out_ << YAML::BeginMap; }
    void EndMap() { out_ << YAML::EndMap; }
    void BeginSeq() { out_ << YAML::BeginSeq; }
    void EndSeq() { out_ << YAML::EndSeq; }
    void Key(std::string_view key);
    void Text(std::string_view value);
    void Int(std::int64_t value) { out_ << value; }
    void Bool(bool value) { out_ << (value ? "true" : "false"); }
    // A number already spelled as YAML expects it (e.g. exact decimal text).
    void Number(const std::string& text) { out_ << text; }
    // `key: value` with value as text.
    void Field(std::string_view key, std::string_view value) {
        Key(key);
        Text(value);
    }
    std::string Finish() const;

  private:
    YAML::Emitter out_;
};

}  // namespace flowc::backend::archy
