// Property: no program the checker accepts writes a secure value anywhere but a secure place,
// in either target's output (LANGUAGE.md v2, "Secure values"; issue 20, "Done when").
// Seeded and deterministic: each program grows one random statement at a time, a statement
// the checker refuses is dropped, and every accepted program is built for both targets. The
// generated files are then scanned: every reference to a secure variable must be a
// comparison operand, a whole value stored into a secure variable, parameter or output, or a
// declaration or destination; anything else is a leak the checker let through.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "backend/registry.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"
#include "sema/secure.h"

namespace flowc {
namespace {

constexpr int kPrograms = 300;
constexpr int kStatementsTried = 14;

constexpr const char* kPrelude = R"(queue Q = "Q";
shared flow Keep(p: secure string) -> <o: secure string> { o = p; }
shared flow Show(t: string) -> <r: string> { r = t; }
inbound flow Main {
    collect secure v0 prompt "PIN" digits 4;
    var v1 = "plain";
)";

class Generator {
  public:
    explicit Generator(unsigned seed) : random_(seed) {}

    // One statement that may declare `next_name`; `names` are the variables declared so far.
    std::string Statement(const std::vector<std::string>& names, const std::string& next) {
        auto pick = [&](const std::vector<std::string>& from) {
            return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random_)];
        };
        std::vector<std::string> values = names;
        values.push_back("\"1234\"");
        values.push_back("\"+14155550100\"");
        std::string v = pick(values);
        std::string u = pick(values);
        std::string w = pick(names);
        std::string_view statement = kStatements[std::uniform_int_distribution<std::size_t>(
            0, kStatements.size() - 1)(random_)];
        return fmt::format(fmt::runtime(statement), fmt::arg("v", v), fmt::arg("u", u),
                           fmt::arg("w", w), fmt::arg("next", next));
    }

  private:
    // One template per kind of statement; {v} and {u} are values (variables or literals), {w}
    // a variable, {next} the name a statement may declare.
    static constexpr std::array<std::string_view, 23> kStatements = {{
        "var {next} = {v};",
        "var {next}: string = {v};",
        "var {next}: secure string = {v};",
        "{w} = {v};",
        "play {v};",
        "contact.attributes.K = {v};",
        "if {v} == {u} {{ play \"x\"; }}",
        "if {v} != \"1\" && {u} == {w} {{ play \"y\"; }}",
        "call Keep(p = {v}) -> <{next} = o>;",
        "call Show(t = {v}) -> <{next} = r>;",
        "call Keep(p = {v}) -> <{w} = o>;",
        "var {next} = len({v});",
        "var {next} = {v} + \"x\";",
        "transfer number {v} else {{ play \"no\"; }}",
        "switch {v} {{ case \"1\" => play \"1\"; default => play \"2\"; }}",
        "callback Q number {v};",
        "collect secure {next} prompt \"x\" digits 4;",
        "collect {w} prompt {v} digits 2;",
        "collect secure {next} prompt \"x\" digits 4..6;",
        "var {next} = toString({v});",
        "menu {v} {{ \"1\" => play \"1\"; else => play \"2\"; }}",
        "call Show(t = {v}) -> <{w} = r>;",
        "var {next} = {v} == {u};",
    }};
    std::mt19937 random_;
};

std::optional<sema::Model> CheckProgram(const std::string& source) {
    InMemoryLoader memory;
    memory.Add("p.flow", source);
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program = LoadProgram({"p.flow"}, memory, sources, diags, LoadOptions{});
    return sema::Check(program, diags);
}

struct Program {
    std::string source;
    std::set<std::string> secure;  // every secure variable of every flow
};

// A program of the prelude and up to kStatementsTried statements, each kept only when the
// checker accepts the program with it.
Program Grow(unsigned seed) {
    Generator generator(seed);
    std::vector<std::string> names = {"v0", "v1"};
    std::vector<std::string> body;
    auto source_of = [&](const std::vector<std::string>& statements) {
        std::string source = kPrelude;
        for (const std::string& s : statements) source += "    " + s + "\n";
        return source + "}\n";
    };
    for (int i = 0; i < kStatementsTried; ++i) {
        std::string next = "v" + std::to_string(names.size());
        std::vector<std::string> tried = body;
        tried.push_back(generator.Statement(names, next));
        if (!CheckProgram(source_of(tried))) continue;
        body = std::move(tried);
        if (body.back().find(next) != std::string::npos) names.push_back(next);
    }
    Program out{source_of(body), {}};
    std::optional<sema::Model> model = CheckProgram(out.source);
    for (const sema::Flow& flow : model->flows) {
        for (const sema::Variable& var : flow.vars) {
            if (sema::IsSecure(var.type)) out.secure.insert(var.name);
        }
    }
    return out;
}

// The tokens around a reference: a comparison operand is next to `==`/`!=`, and its other
// side is a boundary (the expression's end, a parenthesis, `&&`/`||`), never an operator or
// a function's argument list that would compute something from it.
bool IsComparisonOperand(const std::string& text, std::size_t begin, std::size_t end) {
    std::string before = text.substr(0, begin);
    std::string after = text.substr(end);
    auto trim_right = [](std::string s) {
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s;
    };
    auto trim_left = [](std::string s) {
        std::size_t i = s.find_first_not_of(' ');
        return i == std::string::npos ? std::string() : s.substr(i);
    };
    before = trim_right(before);
    after = trim_left(after);
    auto ends = [&](std::string_view t) {
        return before.size() >= t.size() &&
               before.compare(before.size() - t.size(), t.size(), t) == 0;
    };
    auto starts = [&](std::string_view t) { return after.rfind(t, 0) == 0; };
    bool eq_before = ends("==") || ends("!=");
    bool eq_after = starts("==") || starts("!=");
    bool boundary_before = before.empty() || ends("${") || ends("(") || ends("&&") || ends("||") ||
                           ends(" and") || ends(" or") || eq_before;
    bool boundary_after = after.empty() || starts("}") || starts(")") || starts("&&") ||
                          starts("||") || starts("and ") || starts("or ") || eq_after;
    return (eq_before || eq_after) && boundary_before && boundary_after;
}

class Scanner {
  public:
    Scanner(const std::set<std::string>& secure, std::string file)
        : secure_(secure), file_(std::move(file)) {}
    const std::vector<std::string>& leaks() const { return leaks_; }

    // genesys-json
    void Json(const nlohmann::json& value, const std::string& key, const nlohmann::json* object,
              const std::string& container) {
        if (value.is_object()) {
            for (const auto& [k, v] : value.items()) Json(v, k, &value, key);
        } else if (value.is_array()) {
            for (const nlohmann::json& item : value) Json(item, key, object, container);
        } else if (value.is_string()) {
            JsonString(value.get<std::string>(), key, object, container);
        }
    }

    // archy: `frames` are the keys from the document root to `node`, with each key's map.
    void Yaml(const YAML::Node& node, std::vector<std::pair<std::string, YAML::Node>>& frames) {
        if (node.IsMap()) {
            for (const auto& entry : node) {
                std::string key = entry.first.as<std::string>();
                frames.emplace_back(key, node);
                Yaml(entry.second, frames);
                frames.pop_back();
            }
        } else if (node.IsSequence()) {
            for (const auto& item : node) Yaml(item, frames);
        } else if (node.IsScalar() && !frames.empty()) {
            YamlString(node.as<std::string>(), frames);
        }
    }

  private:
    bool IsSecureName(const std::string& name) const { return secure_.count(name) > 0; }

    void Leak(const std::string& where, const std::string& text) {
        leaks_.push_back(file_ + ": " + where + ": " + text);
    }

    // Each reference to a secure variable in `text`, written `scope.name`: accepted when
    // `whole_value_ok` and it is all of `text` (between `prefix` and `suffix`), or when it is
    // a comparison operand.
    void References(const std::string& text, const std::regex& pattern, const std::string& where,
                    bool whole_value_ok, const std::string& prefix, const std::string& suffix) {
        for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
             it != std::sregex_iterator(); ++it) {
            if (!IsSecureName((*it)[2].str())) continue;
            auto begin = static_cast<std::size_t>(it->position());
            std::size_t end = begin + it->length();
            bool whole = text == prefix + it->str() + suffix;
            if (whole && whole_value_ok) continue;
            if (IsComparisonOperand(text, begin, end)) continue;
            Leak(where, text);
        }
    }

    void JsonString(const std::string& text, const std::string& key, const nlohmann::json* object,
                    const std::string& container) {
        static const std::regex kRef(R"(\b(local|input|output)\.([A-Za-z_][A-Za-z0-9_]*)\b)");
        if (IsSecureName(text)) {  // a bare name: a declaration, a destination, or a binding
            bool ok = key == "name" || key == "variable" ||
                      (container == "outputVariables" && IsSecureName(key));
            if (!ok) Leak(key, text);
            return;
        }
        // A whole value may go into a secure variable, parameter or output.
        bool secure_destination = false;
        if (key == "value" && object != nullptr && object->contains("variable") &&
            (*object)["variable"].is_string()) {
            secure_destination = IsSecureName((*object)["variable"].get<std::string>());
        }
        if (container == "inputVariables" || container == "returnVariables") {
            secure_destination = IsSecureName(key);
        }
        // A condition `{"value": a, "operator": "equals", "comparisonValue": b}` compares.
        if ((key == "value" || key == "comparisonValue") && object != nullptr &&
            object->contains("operator")) {
            const nlohmann::json& op = (*object)["operator"];
            if (op == "equals" || op == "notEquals") secure_destination = true;
        }
        References(text, kRef, key, secure_destination, "${", "}");
    }

    void YamlString(const std::string& text,
                    const std::vector<std::pair<std::string, YAML::Node>>& frames) {
        static const std::regex kRef(R"(\b(Flow|Common|Task)\.([A-Za-z_][A-Za-z0-9_]*)\b)");
        const std::string& key = frames.back().first;
        if (key == "name") return;  // declarations and action titles: never a value
        std::string container = frames.size() >= 2 ? frames[frames.size() - 2].first : "";
        std::string outer = frames.size() >= 3 ? frames[frames.size() - 3].first : "";
        auto secure_ref = [&](const std::string& s) {
            std::smatch m;
            return std::regex_match(s, m, kRef) && IsSecureName(m[2].str());
        };
        if (key == "var" || key == "variable") {  // a destination
            // `outputs: {Common.o: {var: Flow.x}}`: a secure output lands in a secure variable.
            if (outer == "outputs" && secure_ref(container) && !secure_ref(text)) {
                Leak(container, text);
            }
            return;
        }
        bool secure_destination = false;
        if (container == "value" && frames.size() >= 2) {
            YAML::Node statement = frames[frames.size() - 2].second;
            if (statement["variable"] && statement["variable"].IsScalar())
                secure_destination = secure_ref(statement["variable"].as<std::string>());
        }
        if (outer == "inputs" && secure_ref(container)) secure_destination = true;
        References(text, kRef, key, secure_destination, "", "");
    }

    const std::set<std::string>& secure_;
    std::string file_;
    std::vector<std::string> leaks_;
};

std::vector<std::string> LeaksIn(const Program& program, const std::string& target) {
    InMemoryLoader memory;
    memory.Add("p.flow", program.source);
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program parsed = LoadProgram({"p.flow"}, memory, sources, diags, LoadOptions{});
    std::optional<sema::Model> model = sema::Check(parsed, diags);
    if (!model) return {"the program no longer checks"};
    backend::MemorySink sink;
    backend::GenerateAll(lower::Lower(*model), target, sink, diags);
    if (diags.has_errors()) return {target + " refused the program"};
    std::vector<std::string> leaks;
    for (const auto& [path, bytes] : sink.files()) {
        if (path == "manifest.json") continue;
        Scanner scanner(program.secure, path);
        if (target == "archy") {
            std::vector<std::pair<std::string, YAML::Node>> frames;
            scanner.Yaml(YAML::Load(bytes), frames);
        } else {
            scanner.Json(nlohmann::json::parse(bytes), "", nullptr, "");
        }
        leaks.insert(leaks.end(), scanner.leaks().begin(), scanner.leaks().end());
    }
    return leaks;
}

TEST(SecureProperty, NoAcceptedProgramWritesASecretToAPlainPlace) {
    int with_secure_uses = 0;
    for (int seed = 1; seed <= kPrograms; ++seed) {
        Program program = Grow(static_cast<unsigned>(seed));
        if (program.secure.size() > 3) ++with_secure_uses;
        for (const std::string target : {"genesys-json", "archy"}) {
            for (const std::string& leak : LeaksIn(program, target)) {
                ADD_FAILURE() << "seed " << seed << ", " << target << ": " << leak << "\n"
                              << program.source;
            }
        }
    }
    // The generator must exercise the rule: most programs keep more secure variables than
    // the prelude's (v0, and Keep's p and o).
    EXPECT_GT(with_secure_uses, kPrograms / 2);
}

// The scanner itself: a leak in a generated file is found, a comparison is not one.
TEST(SecureProperty, TheScannerFindsALeak) {
    std::set<std::string> secure = {"pin"};
    Scanner json(secure, "Main.json");
    json.Json(nlohmann::json::parse(R"({"nodes": [
        {"type": "setParticipantData", "attributes": {"K": "${local.pin}"}},
        {"type": "play", "prompt": "${\"PIN \" + local.pin}"},
        {"type": "decision", "transitions": [{"conditions": [{"value": "${local.pin == input.x}"}]}]},
        {"type": "decision", "transitions": [{"conditions": [{"value": "${len(local.pin) == 4}"}]}]}
    ]})"),
              "", nullptr, "");
    EXPECT_EQ(json.leaks().size(), 3u);
    Scanner yaml(secure, "Main.yaml");
    std::vector<std::pair<std::string, YAML::Node>> frames;
    yaml.Yaml(YAML::Load(R"(
- updateData:
    statements:
      - string:
          variable: Flow.plain
          value:
            exp: Flow.pin
- decision:
    condition:
      exp: Flow.pin == "1234"
- playAudio:
    audio:
      exp: ToAudioTTS(Flow.pin)
)"),
              frames);
    EXPECT_EQ(yaml.leaks().size(), 2u);
}

}  // namespace
}  // namespace flowc
