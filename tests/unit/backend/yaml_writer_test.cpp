// Strings that a YAML 1.1 reader would take for another type must come out quoted, and read
// back as the same text.
#include "backend/archy/yaml_writer.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace flowc::backend::archy {
namespace {

const std::vector<std::string> kTricky = {"yes",       "No",         "ON",
                                          "off",       "y",          "N",
                                          "true",      "False",      "null",
                                          "~",         "",           "1",
                                          "-1",        "+1",         "1.5",
                                          ".5",        "1e3",        "0x1F",
                                          "0o17",      "017",        "0b101",
                                          "1_000",     ".inf",       "-.inf",
                                          ".NaN",      "2001-12-14", "12:30",
                                          "<<",        "=",          " leading",
                                          "trailing ", "a: b",       "# not a comment",
                                          "- dash",    "[list]",     "{map}",
                                          "*star",     "&anchor",    "!tag",
                                          "%percent",  "@at",        "`tick",
                                          "\"quote",   "'single",    "multi\nline",
                                          "tab\there", "ünïcödé"};

TEST(YamlWriter, TrickyStringsAreQuotedAndRoundTrip) {
    for (const std::string& text : kTricky) {
        EXPECT_TRUE(NeedsQuotes(text) || text == "ünïcödé") << text;
        YamlWriter writer;
        writer.BeginMap();
        writer.Field("key", text);
        writer.EndMap();
        std::string yaml = writer.Finish();
        YAML::Node node = YAML::Load(yaml);
        ASSERT_TRUE(node["key"].IsScalar()) << yaml;
        EXPECT_EQ(node["key"].as<std::string>(), text) << yaml;
        if (NeedsQuotes(text)) {
            EXPECT_EQ(node["key"].Tag(), "!") << "not quoted: " << yaml;
        }
    }
}

TEST(YamlWriter, PlainWordsStayPlain) {
    for (std::string text : {"Home", "Flow.menuSelection", "Shared IVR Menu", "en-us", "digit_1"}) {
        EXPECT_FALSE(NeedsQuotes(text)) << text;
    }
}

}  // namespace
}  // namespace flowc::backend::archy
