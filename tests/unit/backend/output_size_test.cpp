// Output grows linearly with the source: a chain of N arms (`else if`, `switch` cases, menus)
// writes the same number of bytes per arm whatever N is, with the same deepest indentation,
// in both targets. Archy once nested each `else if` in the previous one's "no" branch:
// 2,000 arms wrote 261 MB. The flat switches that replaced it are run here by a small
// interpreter, which checks that every arm is the one the chain would take.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <sstream>
#include <string>

#include "backend/registry.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

// kLongSubjectSwitch: a switch whose computed subject grows with its cases (a subject written
// into every case's condition is output quadratic in the source).
enum class Family { kElseIf, kSwitch, kComputedSwitch, kLongSubjectSwitch, kMenus };

// A flow whose size grows by about the same number of bytes per arm.
std::string ChainSource(Family family, int arms) {
    std::string text = "inbound flow Chain {\n    var n = toInt(call.dnis);\n";
    switch (family) {
        case Family::kElseIf:
            for (int i = 0; i < arms; ++i) {
                text += (i == 0 ? "    if" : "    } else if") + (" n == " + std::to_string(i)) +
                        " {\n        play \"arm " + std::to_string(i) + "\";\n";
            }
            text += "    } else {\n        play \"other\";\n    }\n";
            break;
        case Family::kSwitch:
        case Family::kComputedSwitch:
        case Family::kLongSubjectSwitch:
            text += family == Family::kSwitch ? "    switch n {\n"
                    : family == Family::kComputedSwitch
                        ? "    switch n * 2 - n {\n"
                        : "    switch n + len(\"" + std::string(20 * arms, 'x') + "\") {\n";
            for (int i = 0; i < arms; ++i) {
                text += "        case " + std::to_string(i) + " => play \"arm " +
                        std::to_string(i) + "\";\n";
            }
            text += "        default => play \"other\";\n    }\n";
            break;
        case Family::kMenus:  // a menu takes twelve keys at most: many menus, one after another
            for (int i = 0; i < arms; i += 12) {
                text += "    menu \"Menu " + std::to_string(i) + "\" {\n";
                for (const char* key : {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"})
                    text += std::string("        \"") + key + "\" => play \"arm\";\n";
                text += "        else => play \"other\";\n    }\n";
            }
            break;
    }
    return text + "}\n";
}

std::string Build(const std::string& source, bool archy) {
    InMemoryLoader memory;
    memory.Add("chain.flow", source);
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program = LoadProgram({"chain.flow"}, memory, sources, diags, LoadOptions{});
    std::optional<sema::Model> model = sema::Check(program, diags);
    EXPECT_TRUE(model) << diags.error_count() << " errors";
    if (!model) return "";
    lower::FlowGraph graph = lower::Lower(*model);
    backend::MemorySink sink;
    backend::GenerateAll(graph, archy ? "archy" : "genesys-json", sink, diags);
    EXPECT_FALSE(diags.has_errors());
    return sink.files().at(0).second;
}

std::size_t DeepestIndent(const std::string& text) {
    std::size_t deepest = 0;
    for (std::size_t line = 0; line < text.size();) {
        std::size_t end = text.find('\n', line);
        if (end == std::string::npos) end = text.size();
        std::size_t indent = text.find_first_not_of(' ', line) - line;
        deepest = std::max(deepest, std::min(indent, end - line));
        line = end + 1;
    }
    return deepest;
}

void PrintTo(Family family, std::ostream* out) {
    const char* names[] = {"ElseIf", "Switch", "ComputedSwitch", "LongSubjectSwitch", "Menus"};
    *out << names[static_cast<int>(family)];
}

class OutputSize : public ::testing::TestWithParam<std::tuple<Family, bool>> {};

TEST_P(OutputSize, BytesPerArmAndIndentationDoNotGrowWithTheChain) {
    const auto [family, archy] = GetParam();
    std::size_t small_bytes = 0;
    std::size_t small_indent = 0;
    for (int arms : {10, 100, 1000, 5000}) {
        std::string source = ChainSource(family, arms);
        std::string out = Build(source, archy);
        ASSERT_FALSE(out.empty());
        // Far below the quadratic growth this guards against, whatever the arm's spelling.
        EXPECT_LE(out.size(), 20 * source.size()) << arms << " arms";
        if (arms == 100) {
            small_bytes = out.size();
            small_indent = DeepestIndent(out);
        } else if (arms > 100) {
            double growth = (static_cast<double>(out.size()) / arms) / (small_bytes / 100.0);
            EXPECT_LT(growth, 1.1) << arms << " arms: bytes per arm grew by " << growth;
            EXPECT_EQ(DeepestIndent(out), small_indent) << arms << " arms";
        }
    }
}

std::string CaseName(const ::testing::TestParamInfo<std::tuple<Family, bool>>& param) {
    std::ostringstream name;
    PrintTo(std::get<0>(param.param), &name);
    return name.str() + (std::get<1>(param.param) ? "Archy" : "GenesysJson");
}

INSTANTIATE_TEST_SUITE_P(
    Chains, OutputSize,
    ::testing::Combine(::testing::Values(Family::kElseIf, Family::kSwitch, Family::kComputedSwitch,
                                         Family::kLongSubjectSwitch, Family::kMenus),
                       ::testing::Bool()),
    CaseName);

// Runs the actions of an Archy task as far as these chains need: integer `updateData`,
// `switch` (first true case), `decision`, `playAudio`; conditions `Flow.x == N` and
// `Flow.x != N`. Returns the prompts played.
class ArchyRunner {
  public:
    explicit ArchyRunner(std::int64_t n) { vars_["Flow.n"] = n; }

    std::vector<std::string> Run(const YAML::Node& actions) {
        Actions(actions);
        return played_;
    }

    std::size_t widest_switch() const { return widest_switch_; }

  private:
    void Actions(const YAML::Node& actions) {
        for (const auto& item : actions) {
            const std::string kind = item.begin()->first.as<std::string>();
            const YAML::Node action = item.begin()->second;
            if (kind == "updateData") {
                const YAML::Node statement = action["statements"][0]["integer"];
                if (statement && statement["value"]["lit"])
                    vars_[statement["variable"].as<std::string>()] =
                        statement["value"]["lit"].as<std::int64_t>();
            } else if (kind == "switch") {
                const YAML::Node first_true = action["evaluate"]["firstTrue"];
                // Architect takes 64 cases, the default included.
                widest_switch_ = std::max<std::size_t>(
                    widest_switch_, first_true["cases"].size() + (first_true["default"] ? 1 : 0));
                bool taken = false;
                for (const auto& c : first_true["cases"]) {
                    if (Holds(c["case"]["value"]["exp"].as<std::string>())) {
                        if (c["case"]["actions"]) Actions(c["case"]["actions"]);
                        taken = true;
                        break;
                    }
                }
                if (!taken && first_true["default"]) Actions(first_true["default"]["actions"]);
            } else if (kind == "decision") {
                const YAML::Node outputs = action["outputs"];
                const YAML::Node branch = Holds(action["condition"]["exp"].as<std::string>())
                                              ? outputs["yes"]
                                              : outputs["no"];
                if (branch) Actions(branch["actions"]);
            } else if (kind == "playAudio") {
                played_.push_back(action["audio"]["tts"].as<std::string>());
            }
        }
    }

    bool Holds(const std::string& condition) {
        for (std::string_view op : {" == ", " != "}) {
            std::size_t at = condition.find(op);
            if (at == std::string::npos) continue;
            std::int64_t lhs = vars_.at(condition.substr(0, at));
            std::int64_t rhs = std::stoll(condition.substr(at + op.size()));
            return op == " == " ? lhs == rhs : lhs != rhs;
        }
        ADD_FAILURE() << "condition the runner does not know: " << condition;
        return false;
    }

    std::map<std::string, std::int64_t> vars_;
    std::vector<std::string> played_;
    std::size_t widest_switch_ = 0;
};

TEST(ArchyChains, EveryArmOfALongChainIsTakenExactlyWhenTheSourceTakesIt) {
    // Around the boundaries of one, two and three switches (63 arms, then 62 more each).
    for (int arms : {1, 2, 62, 63, 64, 65, 125, 126, 127, 200}) {
        for (Family family : {Family::kElseIf, Family::kSwitch}) {
            YAML::Node doc = YAML::Load(Build(ChainSource(family, arms), true));
            const YAML::Node actions = doc["inboundCall"]["tasks"][0]["task"]["actions"];
            for (int n = -1; n <= arms; ++n) {
                ArchyRunner runner(n);
                std::vector<std::string> played = runner.Run(actions);
                std::string expected = n >= 0 && n < arms ? "arm " + std::to_string(n) : "other";
                ASSERT_EQ(played, std::vector<std::string>{expected}) << arms << " arms, n = " << n;
                EXPECT_LE(runner.widest_switch(), 64u);
            }
        }
    }
}

TEST(ArchyChains, AChainInALoopStartsOverOnEveryPass) {
    // Pass one (n = 75) falls through the first switch and takes arm 70 (`n != 5`) in the
    // second; pass two (n = 0) takes arm 0 in the first switch, and a progress left over from
    // pass one must not let the second switch take arm 70 as well.
    std::string source = "inbound flow Chain {\n    var n = 75;\n    repeat 2 {\n";
    for (int i = 0; i < 80; ++i) {
        std::string condition = i == 70 ? "n != 5" : "n == " + std::to_string(i);
        source += (i == 0 ? "        if " : "        } else if ") + condition +
                  " {\n            play \"arm " + std::to_string(i) + "\";\n";
    }
    source += "        }\n        n = 0;\n    }\n}\n";
    YAML::Node doc = YAML::Load(Build(source, true));
    const YAML::Node actions = doc["inboundCall"]["tasks"][0]["task"]["actions"];
    const YAML::Node body = actions[1]["loop"]["outputs"]["loop"]["actions"];
    ASSERT_TRUE(body.IsSequence());
    ArchyRunner runner(75);  // one runner for both passes: variables carry over, as in a loop
    runner.Run(body);
    EXPECT_EQ(runner.Run(body), (std::vector<std::string>{"arm 70", "arm 0"}));
}

TEST(ArchyChains, TheVariablesAChoiceAddsBelongToItEvenAfterUnreachableOnes) {
    // The string switch after `hangup` is never written (W0701), but its variables were
    // declared: the int switch after it must set the int variable declared for it.
    std::string source =
        "inbound flow Chain {\n    var n = toInt(call.dnis);\n    if n == 99 {\n"
        "        hangup;\n        switch toString(n) + \"x\" {\n"
        "            case \"a\", \"b\" => play \"A\";\n            default => play \"B\";\n"
        "        }\n    }\n    switch n * 2 {\n        case 2 => play \"Two\";\n"
        "        case 4 => play \"Four\";\n        default => play \"Other\";\n    }\n}\n";
    YAML::Node flow = YAML::Load(Build(source, true))["inboundCall"];
    std::map<std::string, std::string> declared;  // name -> kind
    for (const auto& var : flow["variables"])
        declared[var.begin()->second["name"].as<std::string>()] =
            var.begin()->first.as<std::string>();
    int checked = 0;
    for (const auto& item : flow["tasks"][0]["task"]["actions"]) {
        if (!item["updateData"]) continue;
        const YAML::Node statement = item["updateData"]["statements"][0];
        const std::string kind = statement.begin()->first.as<std::string>();
        const std::string variable = statement.begin()->second["variable"].as<std::string>();
        EXPECT_EQ(declared.at(variable), kind + "Variable") << variable;
        ++checked;
    }
    EXPECT_EQ(checked, 2);  // n, then the switch's subject
}

}  // namespace
}  // namespace flowc
