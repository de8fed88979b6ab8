#include "backend/json_writer.h"

#include <gtest/gtest.h>

#include <random>

#include "backend/genesys/expressions.h"

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

// genesys-json writes decimal literals as their text: a double would round `1.50` to `1.5`
// and `12345678901234567890.25` to `1.2345678901234567e+19`, and `007.5` made nlohmann
// throw (exit 70). The text must stay valid JSON and keep every digit.
TEST(DecimalJson, KeepsEveryDigitAndIsValidJson) {
    const std::pair<const char*, const char*> cases[] = {
        {"1.50", "1.50"},
        {"12345678901234567890.25", "12345678901234567890.25"},
        {"0.000000000000000000001", "0.000000000000000000001"},
        {"007.50", "7.50"},
        {"-00.10", "-0.10"},
        {"000", "0"},
        {"-5", "-5"},
    };
    for (const auto& [source, json] : cases) {
        std::string text = genesys::DecimalJson(sema::DecimalText{source});
        EXPECT_EQ(text, json) << source;
        JsonWriter w;
        w.BeginArray();
        w.Number(text);
        w.EndArray();
        EXPECT_FALSE(ordered_json::parse(w.Take(), nullptr, false).is_discarded()) << source;
    }
}

}  // namespace
}  // namespace flowc::backend
