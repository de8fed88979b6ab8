#include "backend/json_writer.h"

#include <fmt/format.h>

namespace flowc::backend {

void AppendJsonString(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                } else {
                    out += c;  // UTF-8 passes through (sources are validated on reading)
                }
        }
    }
    out += '"';
}

void JsonWriter::Newline(std::size_t depth) {
    out_ += '\n';
    out_.append(depth * 2, ' ');
}

void JsonWriter::BeforeValue() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (members_.empty()) return;  // the document itself
    out_ += members_.back()++ == 0 ? "" : ",";
    Newline(members_.size());
}

void JsonWriter::Key(std::string_view key) {
    out_ += members_.back()++ == 0 ? "" : ",";
    Newline(members_.size());
    AppendJsonString(out_, key);
    out_ += ": ";
    after_key_ = true;
}

void JsonWriter::BeginObject() {
    BeforeValue();
    out_ += '{';
    members_.push_back(0);
}

void JsonWriter::Close(char bracket) {
    std::size_t members = members_.back();
    members_.pop_back();
    if (members > 0) Newline(members_.size());
    out_ += bracket;
}

void JsonWriter::EndObject() { Close('}'); }

void JsonWriter::BeginArray() {
    BeforeValue();
    out_ += '[';
    members_.push_back(0);
}

void JsonWriter::EndArray() { Close(']'); }

void JsonWriter::String(std::string_view value) {
    BeforeValue();
    AppendJsonString(out_, value);
}

void JsonWriter::Int(std::int64_t value) {
    BeforeValue();
    out_ += std::to_string(value);
}

void JsonWriter::Number(std::string_view json_number) {
    BeforeValue();
    out_ += json_number;
}

void JsonWriter::Bool(bool value) {
    BeforeValue();
    out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
    BeforeValue();
    out_ += "null";
}

void JsonWriter::Value(const nlohmann::ordered_json& value) {
    BeforeValue();
    if (!value.is_structured()) {
        out_ += value.dump();
        return;
    }
    // A nested value: nlohmann's own text, indented to where it stands (JSON text has no raw
    // newline inside a string, so every newline is structure).
    std::string text = value.dump(2);
    std::string indent(members_.size() * 2, ' ');
    for (char c : text) {
        out_ += c;
        if (c == '\n') out_ += indent;
    }
}

}  // namespace flowc::backend
