// JSON text written as it is produced, byte for byte what nlohmann's `dump(2)` writes for the
// same document (two-space indentation, `"key": value`, `{}` and `[]` when empty, UTF-8 kept,
// control characters escaped), without building the document first: a flow's JSON is most of
// what `flowc build` writes, and building a tree of ordered_json values only to serialise it
// took about as long as everything after parsing (docs/performance.md).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::backend {

class JsonWriter {
  public:
    void BeginObject();
    void EndObject();
    void BeginArray();
    void EndArray();
    // In an object, before each value.
    void Key(std::string_view key);
    void String(std::string_view value);
    void Int(std::int64_t value);
    void Bool(bool value);
    void Null();
    // A number already in JSON's number syntax, written as it is (exact decimals: a double
    // would round them).
    void Number(std::string_view json_number);
    // Any value, nested or not, as nlohmann writes it.
    void Value(const nlohmann::ordered_json& value);

    // The text so far; complete once every object and array is closed.
    std::string Take() { return std::move(out_); }

  private:
    void BeforeValue();
    void Close(char bracket);
    void Newline(std::size_t depth);

    std::string out_;
    std::vector<std::size_t> members_;  // per open object or array: members written so far
    bool after_key_ = false;
};

// `text` as a JSON string literal, quotes included, as nlohmann escapes it.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace flowc::backend
