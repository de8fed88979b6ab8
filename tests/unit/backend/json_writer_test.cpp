#include "backend/json_writer.h"

#include <gtest/gtest.h>

#include <random>

namespace flowc::backend {
namespace {

using nlohmann::ordered_json;

// Writes `value` through the writer's structural calls, as the backends do.
void Stream(JsonWriter& w, const ordered_json& value) {
    if (value.is_object()) {
        w.BeginObject();
        for (const auto& [key, member] : value.items()) {
            w.Key(key);
            Stream(w, member);
        }
        w.EndObject();
    } else if (value.is_array()) {
        w.BeginArray();
        for (const ordered_json& element : value) Stream(w, element);
        w.EndArray();
    } else if (value.is_string()) {
        w.String(value.get<std::string>());
    } else if (value.is_boolean()) {
        w.Bool(value.get<bool>());
    } else if (value.is_null()) {
        w.Null();
    } else if (value.is_number_integer()) {
        w.Int(value.get<std::int64_t>());
    } else {
        w.Value(value);
    }
}

std::string Random(std::mt19937& rng) {
    static const std::vector<std::string> pieces = {
        "a",    "Z",    " ",     "\"", "\\", "/",
        "\b",   "\f",   "\n",    "\r", "\t", std::string(1, '\0'),
        "\x01", "\x1f", "\x7f",  "é",  "✓",  "日本",
        "😀",    "${x}", "\u2028"};
    std::string text;
    for (int n = rng() % 6; n > 0; --n) text += pieces[rng() % pieces.size()];
    return text;
}

ordered_json RandomValue(std::mt19937& rng, int depth) {
    switch (depth > 3 ? rng() % 5 : rng() % 7) {
        case 0:
            return Random(rng);
        case 1:
            return static_cast<std::int64_t>(rng()) - (1LL << 31);
        case 2:
            return rng() % 2 == 0;
        case 3:
            return nullptr;
        case 4:
            return ordered_json::parse(std::to_string(rng() % 1000) + "." +
                                       std::to_string(rng() % 100));
        case 5: {
            ordered_json object = ordered_json::object();
            for (int n = rng() % 4; n > 0; --n)
                object[Random(rng) + std::to_string(n)] = RandomValue(rng, depth + 1);
            return object;
        }
        default: {
            ordered_json array = ordered_json::array();
            for (int n = rng() % 4; n > 0; --n) array.push_back(RandomValue(rng, depth + 1));
            return array;
        }
    }
}

TEST(JsonWriter, WritesWhatNlohmannDumpWrites) {
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
        ordered_json doc = RandomValue(rng, 0);
        JsonWriter streamed;
        Stream(streamed, doc);
        EXPECT_EQ(streamed.Take(), doc.dump(2)) << doc.dump();
        JsonWriter whole;  // nested values handed over in one piece
        whole.BeginArray();
        whole.Value(doc);
        whole.BeginObject();
        whole.Key("k");
        whole.Value(doc);
        whole.EndObject();
        whole.EndArray();
        EXPECT_EQ(whole.Take(), ordered_json::array({doc, {{"k", doc}}}).dump(2));
    }
}

TEST(JsonWriter, EmptyContainersStayOnOneLine) {
    JsonWriter w;
    w.BeginObject();
    w.Key("a");
    w.BeginArray();
    w.EndArray();
    w.Key("o");
    w.BeginObject();
    w.EndObject();
    w.EndObject();
    EXPECT_EQ(w.Take(), "{\n  \"a\": [],\n  \"o\": {}\n}");
}

}  // namespace
}  // namespace flowc::backend
