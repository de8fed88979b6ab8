// The hand-written lexer against the generated one (grammar/Flow.g4 stays the definition):
// every source we have, every code point, and random text built from the pieces where lexers
// go wrong.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/utf8.h"
#include "syntax/lexer_equivalence.h"

namespace flowc {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string Utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

// What ParseFile would hand to a lexer: valid UTF-8 without NUL, the byte-order mark dropped.
bool Lexable(const std::string& text) {
    return text.find('\0') == std::string::npos && !FindInvalidUtf8(text) &&
           !text.starts_with("\xEF\xBB\xBF") && !text.starts_with("\xFF\xFE") &&
           !text.starts_with("\xFE\xFF");
}

TEST(HandWrittenLexer, MatchesFlowLexerOnEverySourceInTheRepository) {
    std::size_t files = 0;
    for (const char* dir : {"examples", "stdlib", "tests/diagnostics", "tests/bad-inputs",
                            "tests/fuzz-regressions", "tests/golden", "docs"}) {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(FLOWC_SOURCE_DIR) / dir)) {
            if (!entry.is_regular_file()) continue;
            std::string ext = entry.path().extension().string();
            if (ext != ".flow" && ext != ".md" &&
                entry.path().string().find("fuzz-regressions") == std::string::npos)
                continue;
            std::string text = Read(entry.path());
            if (!Lexable(text)) continue;
            ++files;
            EXPECT_EQ(FirstLexerDifference(text), std::nullopt) << entry.path();
        }
    }
    EXPECT_GT(files, 100u);
}

// The generated FlowLexer ends lines at LF only; flowc's lexer, like SourceFile, also at a lone
// CR, and the equivalence check expects SourceFile's lines.
TEST(HandWrittenLexer, CountsLoneCarriageReturnsAsLineEnds) {
    for (const char* text :
         {"a\rb", "a\r\nb", "a\n\rb", "// c\r\r\nb", "\"s\r\"\rb", "/* x\ry */\rb", "\r\r\r"}) {
        EXPECT_EQ(FirstLexerDifference(text), std::nullopt) << text;
    }
}

TEST(HandWrittenLexer, MatchesFlowLexerOnAGeneratedProject) {
    fs::path out = fs::temp_directory_path() / ("flowc-lexer-" + std::to_string(getpid()));
    std::string command = "python3 '" + (fs::path(FLOWC_SOURCE_DIR) / "bench/gen.py").string() +
                          "' '" + out.string() + "' --files 20 --seed 3 > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    for (const auto& entry : fs::recursive_directory_iterator(out / "flow")) {
        if (entry.is_regular_file()) {
            EXPECT_EQ(FirstLexerDifference(Read(entry.path())), std::nullopt) << entry.path();
        }
    }
    fs::remove_all(out);
}

TEST(HandWrittenLexer, MatchesFlowLexerOnEveryCodePoint) {
    // Alone, inside a name, after a name, in a string and in a comment: the non-ASCII letter
    // ranges, combining marks and the catch-all must agree everywhere. Every code point of
    // the BMP (where every range of the grammar lies), and a sample above it.
    std::string batch;
    for (char32_t c = 1; c <= 0x10FFFF; c += c < 0x10000 ? 1 : 97) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        std::string s = Utf8(c);
        batch += s + " a" + s + " " + s + "b _" + s + "9 \"" + s + "\" //" + s + "\n";
        if (batch.size() > 200000 || c + 97 > 0x10FFFF) {
            ASSERT_EQ(FirstLexerDifference(batch), std::nullopt)
                << "near U+" << std::hex << static_cast<std::uint32_t>(c);
            batch.clear();
        }
    }
}

// `digits 4..6`: `..` is one token, also right after a number (never a decimal's point).
TEST(HandWrittenLexer, MatchesFlowLexerOnRanges) {
    for (const char* text :
         {"4..6", "4...6", "4. .6", "1.5..2", "..", "...", "x..y", "4..", "..6"}) {
        EXPECT_EQ(FirstLexerDifference(text), std::nullopt) << text;
    }
}

TEST(HandWrittenLexer, MatchesFlowLexerOnRandomText) {
    const std::vector<std::string> pieces = {
        " ",      "\t",     "\n",   "\r",     "\r\n",   "\f",        "\"",     "\\",     "/",
        "*",      "/*",     "*/",   "//",     "///",    "0",         "7",      "12",     ".",
        "1.5",    "a",      "Z",    "_",      "x9",     "if",        "iff",    "flow",   "transfer",
        "prompt", "digits", "-",    ">",      "->",     "=",         "=>",     "==",     "!",
        "!=",     "<",      "<=",   ">=",     "&",      "&&",        "|",      "||",     "+",
        "(",      ")",      "{",    "}",      ",",      ";",         ":",      "@",      "'",
        "#",      "%",      "[",    "é",      "É",      "ß",         "ǅ",      "\u0301", "\u036F",
        "ж",      "λ",      "日",   "한",     "ア",     "😀",         "\u00A0", "\u2028", "\u202E",
        "\uFEFF", "\x7F",   "\x01", "\u0E31", "\u0E01", "\U0001F600"};
    std::mt19937 rng(20261124);
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        for (int n = static_cast<int>(rng() % 24); n > 0; --n)
            text += pieces[rng() % pieces.size()];
        ASSERT_EQ(FirstLexerDifference(text), std::nullopt) << "input: " << text;
    }
}

}  // namespace
}  // namespace flowc
