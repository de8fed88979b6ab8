// Grammar health, counted, not timed (docs/performance.md): every valid source we have, and a
// generated project like the benchmark's, parses with SLL prediction alone, without full-context
// retries and without ambiguity. A grammar change that breaks this makes every build slower.
#include "syntax/grammar_health.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "syntax/parse.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> FlowFiles(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.path().extension() == ".flow") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void ExpectHealthy(const std::vector<fs::path>& files) {
    ASSERT_FALSE(files.empty());
    for (const fs::path& path : files) {
        SourceManager sources;
        FileId id = sources.Add(path.string(), Read(path));
        GrammarHealth health = MeasureGrammarHealth(sources.Get(id));
        EXPECT_TRUE(health.ll_ok) << path;
        EXPECT_TRUE(health.sll_ok) << path;
        EXPECT_EQ(health.full_context_attempts, 0u) << path;
        EXPECT_EQ(health.context_sensitivities, 0u) << path;
        EXPECT_EQ(health.ambiguities, 0u) << path;

        DiagnosticEngine diags;
        ParseResult parsed = ParseFile(sources.Get(id), diags);
        EXPECT_TRUE(parsed.ok) << path;
        EXPECT_FALSE(parsed.sll_fallback) << path;
    }
}

TEST(GrammarHealth, ExamplesAndStdlibNeedNoFullContext) {
    std::vector<fs::path> files = FlowFiles(fs::path(FLOWC_SOURCE_DIR) / "examples");
    std::vector<fs::path> stdlib = FlowFiles(fs::path(FLOWC_SOURCE_DIR) / "stdlib");
    files.insert(files.end(), stdlib.begin(), stdlib.end());
    ExpectHealthy(files);
}

TEST(GrammarHealth, GeneratedBenchmarkProjectNeedsNoFullContext) {
    fs::path out = fs::temp_directory_path() / ("flowc-grammar-health-" + std::to_string(getpid()));
    std::string command = "python3 '" + (fs::path(FLOWC_SOURCE_DIR) / "bench/gen.py").string() +
                          "' '" + out.string() + "' --files 30 --seed 7 > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    ExpectHealthy(FlowFiles(out / "flow"));
    fs::remove_all(out);
}

// Single-statement timeout arms beside every other `else` of the language: the arm is a closed
// statement (grammar/Flow.g4, `timeoutArm`), so no `if ... else` needs full context.
TEST(GrammarHealth, SingleStatementTimeoutArmsNeedNoFullContext) {
    const char* text = R"(
@integration("CRM")
data action Lookup(phone: string) -> <id: string>;
queue Support = "Support";
shared flow Greet() { play "Hello."; }
inbound flow Main {
    call Lookup(phone = call.ani) -> <a = id> timeout hangup; else { play "x"; hangup; }
    call Lookup(phone = call.ani) -> <b = id> timeout transfer Support; else hangup;
    call Lookup(phone = call.ani) -> <c = id> timeout play "Slow today."; else play "Not found.";
    call Lookup(phone = call.ani) -> <d = id> timeout { play "a"; } else hangup;
    call Lookup(phone = call.ani) -> <e = id> timeout var t = 1; else if a == "" { } else { }
    call Lookup(phone = call.ani) -> <f = id> timeout call Greet(); else transfer Support else hangup;
    call Lookup(phone = call.ani) -> <g = id> timeout language "en-us"; else callback Support number call.ani else hangup;
    call Lookup(phone = call.ani) -> <h = id> timeout menu "Press 1." { "1" => if a == "" { } else { } else => hangup; } else hangup;
    call Lookup(phone = call.ani) -> <i = id> timeout switch a { case "x" => if b == "" { } else { } default => { } } else { }
    call Lookup(phone = call.ani) -> <j = id> timeout repeat 2 { if c == "" { break; } else { } } else return;
    call Lookup(phone = call.ani) -> <k = id> timeout contact.attributes.Key = a; else collect pin prompt "PIN" digits 4;
    call Lookup(phone = call.ani) -> <l = id> else hangup;
    if a == b { play "1"; } else if b == c { play "2"; } else { play "3"; }
    menu "Press 1." { "1" => transfer Support else hangup; "2" => if a == "" { } else { } else => hangup; }
    if d == e { if f == g { } else { } } else { transfer Support else { hangup; } }
    hours Open { open => if h == i { } else { } else => hangup; }
    play j + k + l;
}
)";
    SourceManager sources;
    FileId id = sources.Add("timeout_arms.flow", text);
    GrammarHealth health = MeasureGrammarHealth(sources.Get(id));
    EXPECT_TRUE(health.sll_ok);
    EXPECT_TRUE(health.ll_ok);
    EXPECT_EQ(health.full_context_attempts, 0u);
    EXPECT_EQ(health.context_sensitivities, 0u);
    EXPECT_EQ(health.ambiguities, 0u);
    DiagnosticEngine diags;
    ParseResult parsed = ParseFile(sources.Get(id), diags);
    EXPECT_TRUE(parsed.ok);
    EXPECT_FALSE(parsed.sll_fallback);
    // Every single-statement arm that checks cleanly.
    ExpectHealthy({fs::path(FLOWC_SOURCE_DIR) /
                   "tests/diagnostics/dataactions/ok_timeout_single_statement.flow"});
}

// The counters are live: a file with a syntax error defeats SLL, and ParseFile says so.
TEST(GrammarHealth, ASyntaxErrorIsSeenAsAnSllFailure) {
    SourceManager sources;
    FileId id = sources.Add("bad.flow", "inbound flow A { play \"x\" }\n");
    GrammarHealth health = MeasureGrammarHealth(sources.Get(id));
    EXPECT_FALSE(health.sll_ok);
    EXPECT_FALSE(health.ll_ok);
    DiagnosticEngine diags;
    EXPECT_TRUE(ParseFile(sources.Get(id), diags).sll_fallback);
}

}  // namespace
}  // namespace flowc
