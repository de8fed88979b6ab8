#include "syntax/internal/token_checks.h"

#include <fmt/format.h>

#include <vector>

#include "syntax/internal/token_names.h"

namespace flowc::syntax_internal {
namespace {

using P = flowc_grammar::FlowParser;

std::optional<std::string> StrayCharacterHint(std::string_view text) {
    if (text == "'") return "strings are written in double quotes: \"like this\"";
    if (text == "#") return "comments start with `//`";
    if (text == "&") return "logical and is `&&`";
    if (text == "|") return "logical or is `||`";
    if (text == "[" || text == "]") return "the language has no lists or indexing";
    if (text == "%") return "there is no `%` operator";
    if (static_cast<unsigned char>(text[0]) >= 0xC0) {
        return "names are ASCII letters, digits and `_`; text in other scripts belongs in strings";
    }
    return std::nullopt;
}

std::string DescribeStray(std::string_view text) {
    if (text.size() == 1 && static_cast<unsigned char>(text[0]) >= 0x20 && text[0] != 0x7F) {
        return fmt::format("`{}`", text);
    }
    // Invisible or control characters are named by code point so the reader can find them.
    char32_t c = 0;
    auto byte = [&](std::size_t i) {
        return static_cast<char32_t>(static_cast<unsigned char>(text[i]));
    };
    if (text.size() == 1) c = byte(0);
    if (text.size() == 2) c = ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    if (text.size() == 3) c = ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    if (text.size() == 4) {
        c = ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
            (byte(3) & 0x3F);
    }
    if (c >= 0x80 && c != 0x85 && c != 0xA0 && !(c >= 0x2000 && c <= 0x206F) && c != 0xFEFF) {
        return fmt::format("`{}` (U+{:04X})", text, static_cast<std::uint32_t>(c));
    }
    return fmt::format("U+{:04X}", static_cast<std::uint32_t>(c));
}

// The explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): inside a
// string or comment they can make a line display in another order than the compiler reads it
// ("Trojan Source", CVE-2021-42574). rustc denies them in literals and comments for this.
const char* BidiControlName(std::string_view bytes) {
    if (bytes.size() != 3 || static_cast<unsigned char>(bytes[0]) != 0xE2) return nullptr;
    auto b1 = static_cast<unsigned char>(bytes[1]);
    auto b2 = static_cast<unsigned char>(bytes[2]);
    if (b1 == 0x80) {
        switch (b2) {
            case 0xAA:
                return "LEFT-TO-RIGHT EMBEDDING";
            case 0xAB:
                return "RIGHT-TO-LEFT EMBEDDING";
            case 0xAC:
                return "POP DIRECTIONAL FORMATTING";
            case 0xAD:
                return "LEFT-TO-RIGHT OVERRIDE";
            case 0xAE:
                return "RIGHT-TO-LEFT OVERRIDE";
            default:
                return nullptr;
        }
    }
    if (b1 == 0x81) {
        switch (b2) {
            case 0xA6:
                return "LEFT-TO-RIGHT ISOLATE";
            case 0xA7:
                return "RIGHT-TO-LEFT ISOLATE";
            case 0xA8:
                return "FIRST STRONG ISOLATE";
            case 0xA9:
                return "POP DIRECTIONAL ISOLATE";
            default:
                return nullptr;
        }
    }
    return nullptr;
}

void WarnAboutBidiControls(antlr4::Token* token, ErrorSink& sink) {
    std::string text = token->getText();
    Span span = sink.SpanOf(token);
    bool comment = text.size() >= 2 && text[0] == '/';
    for (std::size_t at = text.find('\xE2'); at != std::string::npos;
         at = text.find('\xE2', at + 1)) {
        const char* name = BidiControlName(std::string_view(text).substr(at, 3));
        if (name == nullptr) continue;
        auto offset = static_cast<std::uint32_t>(at);
        sink.Warn(Code::kBidiControl, Span{span.file, span.begin + offset, span.begin + offset + 3},
                  fmt::format("{} contains the invisible bidirectional control U+{:04X} ({})",
                              comment ? "comment" : "string",
                              ((static_cast<unsigned char>(text[at + 1]) & 0x3F) << 6) |
                                  (static_cast<unsigned char>(text[at + 2]) & 0x3F) | 0x2000,
                              name),
                  "it can make this line display in another order than flowc reads it "
                  "(\"Trojan Source\", CVE-2021-42574); remove it");
    }
}

bool IsQuote(const antlr4::Token* token) {
    return token->getType() == P::UNKNOWN_CHAR && token->getText() == "'";
}

// A `'` that a `'` closes later on the same line: a string in single quotes. A doubled `''`
// inside is an escaped quote, as in SQL (`'it''s'`).
std::optional<std::size_t> ClosingQuote(const std::vector<antlr4::Token*>& all, std::size_t open) {
    if (!IsQuote(all[open])) return std::nullopt;
    for (std::size_t k = open + 1; k < all.size() && all[k]->getLine() == all[open]->getLine();
         ++k) {
        if (!IsQuote(all[k])) continue;
        if (k + 1 < all.size() && IsQuote(all[k + 1]) &&
            all[k + 1]->getStartIndex() == all[k]->getStopIndex() + 1) {
            ++k;
            continue;
        }
        return k;
    }
    return std::nullopt;
}

// Reported once, then parsed on as the double-quoted string it was meant to be.
void RepairSingleQuotedString(const std::vector<antlr4::Token*>& all, std::size_t open,
                              std::size_t close, ErrorSink& sink) {
    auto* first = dynamic_cast<antlr4::CommonToken*>(all[open]);
    std::string inner;
    if (all[close]->getStartIndex() > first->getStopIndex() + 1) {
        inner = first->getInputStream()->getText(
            antlr4::misc::Interval(first->getStopIndex() + 1, all[close]->getStartIndex() - 1));
    }
    std::string quoted = "\"";
    for (std::size_t i = 0; i < inner.size(); ++i) {
        if (inner[i] == '"') quoted += '\\';
        quoted += inner[i];
        if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') ++i;
    }
    quoted += '"';
    Span span = sink.SpanOf(all[open]);
    span.end = sink.SpanOf(all[close]).end;
    sink.Report(Code::kUnexpectedCharacter, span, "string in single quotes",
                fmt::format("strings are written in double quotes: {}", quoted));
    first->setType(P::STRING_LIT);
    first->setText(quoted);
    first->setStopIndex(all[close]->getStopIndex());
    for (std::size_t k = open + 1; k <= close; ++k) {
        dynamic_cast<antlr4::CommonToken*>(all[k])->setChannel(antlr4::Token::HIDDEN_CHANNEL);
    }
}

void ReportLexicalErrors(antlr4::CommonTokenStream& tokens, ErrorSink& sink) {
    const std::vector<antlr4::Token*>& all = tokens.getTokens();
    for (std::size_t i = 0; i < all.size(); ++i) {
        auto* token = dynamic_cast<antlr4::CommonToken*>(all[i]);
        if (token == nullptr) continue;
        switch (token->getType()) {
            case P::STRING_LIT:
            case P::UNTERMINATED_STRING:
            case P::LINE_COMMENT:
            case P::DOC_COMMENT:
            case P::BLOCK_COMMENT:
            case P::UNTERMINATED_COMMENT:
                WarnAboutBidiControls(token, sink);
                break;
            default:
                break;
        }
        switch (token->getType()) {
            case P::UNTERMINATED_STRING:
                sink.Report(Code::kUnterminatedString, sink.SpanOf(token),
                            "missing closing `\"` for this string",
                            "a string must end on the line where it starts; write `\\n` for a "
                            "line break");
                token->setType(P::STRING_LIT);
                sink.SuppressSyntaxErrorsIn(sink.SpanOf(token));
                break;
            case P::UNTERMINATED_COMMENT: {
                Span span = sink.SpanOf(token);
                span.end = span.begin + 2;
                sink.Report(Code::kUnterminatedComment, span, "block comment is never closed",
                            "end it with `*/`");
                token->setChannel(antlr4::Token::HIDDEN_CHANNEL);
                break;
            }
            case P::NON_ASCII_IDENT: {
                std::string text = token->getText();
                std::size_t bad = 0;
                while (bad < text.size() && static_cast<unsigned char>(text[bad]) < 0x80) ++bad;
                std::size_t length = 1;
                while (bad + length < text.size() &&
                       (static_cast<unsigned char>(text[bad + length]) & 0xC0) == 0x80) {
                    ++length;
                }
                sink.Report(Code::kUnexpectedCharacter, sink.SpanOf(token),
                            fmt::format("name `{}` contains {}", text,
                                        DescribeStray(text.substr(bad, length))),
                            "names are ASCII letters, digits and `_`; text in other scripts "
                            "belongs in strings");
                token->setType(P::IDENT);  // parse on as the name it was meant to be
                break;
            }
            case P::UNKNOWN_CHAR: {
                if (std::optional<std::size_t> close = ClosingQuote(all, i)) {
                    RepairSingleQuotedString(all, i, *close, sink);
                    i = *close;
                    break;
                }
                // A run of stray characters is one mistake, reported once.
                Span span = sink.SpanOf(token);
                std::string first = token->getText();
                std::size_t last = i;
                while (last + 1 < all.size() && all[last + 1]->getType() == P::UNKNOWN_CHAR) {
                    ++last;
                    span.end = sink.SpanOf(all[last]).end;
                }
                bool run = last > i;
                sink.Report(Code::kUnexpectedCharacter, span,
                            run ? fmt::format("unexpected characters starting with {}",
                                              DescribeStray(first))
                                : fmt::format("unexpected character {}", DescribeStray(first)),
                            StrayCharacterHint(first));
                if (!run && (first == "&" || first == "|")) {
                    // The intent is plain: parse on as `&&` / `||` so nothing else is reported.
                    token->setType(first == "&" ? P::AND : P::OR);
                } else {
                    for (std::size_t k = i; k <= last; ++k) {
                        dynamic_cast<antlr4::CommonToken*>(all[k])->setChannel(
                            antlr4::Token::HIDDEN_CHANNEL);
                    }
                    // What follows on the line was probably meant differently; one error per
                    // mistake is enough.
                    std::size_t end = last;
                    while (end + 1 < all.size() &&
                           all[end + 1]->getLine() == all[last]->getLine()) {
                        ++end;
                    }
                    sink.SuppressSyntaxErrorsIn(
                        Span{span.file, span.begin, sink.SpanOf(all[end]).end});
                }
                i = last;
                break;
            }
            default:
                break;
        }
    }
}

}  // namespace

bool CheckTokens(antlr4::CommonTokenStream& tokens, ErrorSink& sink, std::uint32_t max_nesting) {
    ReportLexicalErrors(tokens, sink);

    // Depth = open brackets plus pending prefix operators (`- - - x` recurses in the parser as
    // deeply as `(((x)))`). Runs of prefix operators are stacked per open bracket.
    std::uint32_t brackets = 0;
    std::uint32_t stacked_prefix = 0;
    std::uint32_t prefix = 0;
    std::vector<std::uint32_t> prefix_stack;
    std::size_t previous = antlr4::Token::INVALID_TYPE;
    for (antlr4::Token* token : tokens.getTokens()) {
        if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
        std::size_t type = token->getType();
        if (type == P::LPAREN || type == P::LBRACE) {
            ++brackets;
            prefix_stack.push_back(prefix);
            stacked_prefix += prefix;
            prefix = 0;
        } else if (type == P::RPAREN || type == P::RBRACE) {
            if (!prefix_stack.empty()) {
                --brackets;
                stacked_prefix -= prefix_stack.back();
                prefix_stack.pop_back();
            }
            prefix = 0;
        } else if ((type == P::BANG || type == P::MINUS) && !CanEndOperand(previous)) {
            ++prefix;
        } else {
            prefix = 0;
        }
        previous = type;
        if (brackets + stacked_prefix + prefix > max_nesting) {
            sink.Report(Code::kNestingTooDeep, sink.SpanOf(token),
                        fmt::format("nesting deeper than {} levels", max_nesting),
                        "move inner logic into variables or a separate shared flow");
            return false;
        }
    }
    return true;
}

}  // namespace flowc::syntax_internal
