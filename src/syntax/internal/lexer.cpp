#include "syntax/internal/lexer.h"

#include <array>
#include <utility>

#include "FlowLexer.h"

namespace flowc::syntax_internal {
namespace {

using L = flowc_grammar::FlowLexer;

constexpr std::size_t kDocChannel = 2;

// Flow.g4's NON_ASCII_LETTER, range for range (a test compares every code point).
constexpr std::array<std::pair<char32_t, char32_t>, 21> kNonAsciiLetters = {{
    {0x00C0, 0x00D6}, {0x00D8, 0x00F6}, {0x00F8, 0x02AF}, {0x0370, 0x0373}, {0x0376, 0x037D},
    {0x0386, 0x0386}, {0x0388, 0x03FF}, {0x0400, 0x0481}, {0x048A, 0x052F}, {0x0531, 0x0556},
    {0x0561, 0x0587}, {0x05D0, 0x05EA}, {0x0620, 0x064A}, {0x0904, 0x0939}, {0x0E01, 0x0E30},
    {0x1E00, 0x1FBC}, {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xAC00, 0xD7A3},
}};

bool IsNonAsciiLetter(char32_t c) {
    if (c < 0xC0) return false;
    for (const auto& [first, last] : kNonAsciiLetters) {
        if (c >= first && c <= last) return true;
    }
    return false;
}

bool IsAsciiIdentStart(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiIdentPart(char32_t c) { return IsAsciiIdentStart(c) || IsDigit(c); }
bool IsNonAsciiIdentPart(char32_t c) {
    return IsAsciiIdentPart(c) || (c >= 0x0300 && c <= 0x036F) || IsNonAsciiLetter(c);
}
bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::size_t KeywordOrIdent(std::string_view word) {
    static constexpr std::array<std::pair<std::string_view, std::size_t>, 25> kKeywords = {{
        {"import", L::IMPORT},   {"shared", L::SHARED},
        {"inbound", L::INBOUND}, {"flow", L::FLOW},
        {"var", L::VAR},         {"play", L::PLAY},
        {"collect", L::COLLECT}, {"prompt", L::PROMPT},
        {"digits", L::DIGITS},   {"menu", L::MENU},
        {"if", L::IF},           {"else", L::ELSE},
        {"switch", L::SWITCH},   {"case", L::CASE},
        {"default", L::DEFAULT}, {"repeat", L::REPEAT},
        {"break", L::BREAK},     {"call", L::CALL},
        {"contact", L::CONTACT}, {"transfer", L::TRANSFER},
        {"hangup", L::HANGUP},   {"return", L::RETURN},
        {"true", L::TRUE},       {"false", L::FALSE},
        {"hours", L::HOURS},
    }};
    if (word.size() < 2 || word.size() > 8 || word[0] < 'b' || word[0] > 'v') return L::IDENT;
    for (const auto& [keyword, type] : kKeywords) {
        if (keyword == word) return type;
    }
    return L::IDENT;
}

}  // namespace

FlowTokenSource::FlowTokenSource(std::string_view text, antlr4::CharStream* input)
    : text_(text), input_(input) {
    // ANTLRInputStream drops a leading byte-order mark (SourceManager already has).
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
}

antlr4::TokenFactory<antlr4::CommonToken>* FlowTokenSource::getTokenFactory() {
    return antlr4::CommonTokenFactory::DEFAULT.get();
}

// `at` is the first byte of a code point (the text is valid UTF-8).
char32_t FlowTokenSource::Peek(std::size_t at, std::size_t* length) const {
    if (at >= text_.size()) {
        if (length) *length = 0;
        return static_cast<char32_t>(-1);
    }
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text_[at + i]); };
    unsigned char b = byte(0);
    std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (length) *length = n;
    switch (n) {
        case 1:
            return b;
        case 2:
            return ((b & 0x1F) << 6) | (byte(1) & 0x3F);
        case 3:
            return ((b & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
        default:
            return ((b & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
                   (byte(3) & 0x3F);
    }
}

void FlowTokenSource::Advance() {
    std::size_t length = 0;
    char32_t c = Peek(pos_, &length);
    // Lines end as in SourceFile (LF, CRLF, a lone CR); the LF of a CRLF was counted at its CR.
    bool crlf_tail = c == '\n' && pos_ > 0 && text_[pos_ - 1] == '\r';
    pos_ += length;
    ++index_;
    if (c == '\r' || (c == '\n' && !crlf_tail)) {
        ++line_;
        column_ = 0;
    } else if (!crlf_tail) {
        ++column_;
    }
}

std::size_t FlowTokenSource::Lex() {
    channel_ = antlr4::Token::DEFAULT_CHANNEL;
    char32_t c = Peek(pos_);
    char32_t next = c < 0x80 ? Peek(pos_ + 1) : 0;  // operators and comments are ASCII
    auto advance_while = [&](auto&& predicate) {
        while (pos_ < text_.size() && predicate(Peek(pos_))) Advance();
    };
    if (IsSpace(c)) {
        advance_while(IsSpace);
        channel_ = antlr4::Token::HIDDEN_CHANNEL;
        return L::WS;
    }
    if (IsDigit(c)) {
        advance_while(IsDigit);
        if (Peek(pos_) == '.' && IsDigit(Peek(pos_ + 1))) {
            Advance();
            advance_while(IsDigit);
            return L::DECIMAL_LIT;
        }
        return L::INT_LIT;
    }
    if (IsAsciiIdentStart(c) || IsNonAsciiLetter(c)) {
        std::size_t start = pos_;
        bool ascii_start = IsAsciiIdentStart(c);
        if (ascii_start) advance_while(IsAsciiIdentPart);
        std::size_t ascii_end = pos_;
        if (!ascii_start) Advance();
        advance_while(IsNonAsciiIdentPart);
        // IDENT (or a keyword) wins a tie, NON_ASCII_IDENT only by being longer.
        if (ascii_start && pos_ == ascii_end)
            return KeywordOrIdent(text_.substr(start, pos_ - start));
        return L::NON_ASCII_IDENT;
    }
    if (c == '"') {
        Advance();
        while (true) {
            char32_t s = Peek(pos_);
            if (pos_ >= text_.size() || s == '\r' || s == '\n') return L::UNTERMINATED_STRING;
            if (s == '"') {
                Advance();
                return L::STRING_LIT;
            }
            if (s == '\\') {
                char32_t escaped = Peek(pos_ + 1);
                Advance();
                // A backslash before a line end or the end of the file ends the bad string.
                if (pos_ >= text_.size() || escaped == '\r' || escaped == '\n')
                    return L::UNTERMINATED_STRING;
            }
            Advance();
        }
    }
    if (c == '/' && next == '/') {
        bool doc = Peek(pos_ + 2) == '/';
        advance_while([](char32_t x) { return x != '\r' && x != '\n'; });
        channel_ = doc ? kDocChannel : antlr4::Token::HIDDEN_CHANNEL;
        return doc ? L::DOC_COMMENT : L::LINE_COMMENT;
    }
    if (c == '/' && next == '*') {
        std::size_t close = text_.find("*/", pos_ + 2);
        std::size_t end = close == std::string_view::npos ? text_.size() : close + 2;
        while (pos_ < end) Advance();
        if (close == std::string_view::npos) return L::UNTERMINATED_COMMENT;
        channel_ = antlr4::Token::HIDDEN_CHANNEL;
        return L::BLOCK_COMMENT;
    }
    auto two = [&](std::size_t type) {
        Advance();
        Advance();
        return type;
    };
    switch (c) {
        case '-':
            if (next == '>') return two(L::THIN_ARROW);
            break;
        case '=':
            if (next == '>') return two(L::FAT_ARROW);
            if (next == '=') return two(L::EQ);
            break;
        case '!':
            if (next == '=') return two(L::NE);
            break;
        case '<':
            if (next == '=') return two(L::LE);
            break;
        case '>':
            if (next == '=') return two(L::GE);
            break;
        case '&':
            if (next == '&') return two(L::AND);
            break;
        case '|':
            if (next == '|') return two(L::OR);
            break;
        case '.':
            if (next == '.') return two(L::DOTDOT);
            break;
        default:
            break;
    }
    Advance();
    switch (c) {
        case '<':
            return L::LT;
        case '>':
            return L::GT;
        case '=':
            return L::ASSIGN;
        case '!':
            return L::BANG;
        case '+':
            return L::PLUS;
        case '-':
            return L::MINUS;
        case '*':
            return L::STAR;
        case '/':
            return L::SLASH;
        case '(':
            return L::LPAREN;
        case ')':
            return L::RPAREN;
        case '{':
            return L::LBRACE;
        case '}':
            return L::RBRACE;
        case ',':
            return L::COMMA;
        case ';':
            return L::SEMI;
        case ':':
            return L::COLON;
        case '?':
            return L::QUESTION;
        case '.':
            return L::DOT;
        case '@':
            return L::AT;
        default:
            return L::UNKNOWN_CHAR;
    }
}

std::unique_ptr<antlr4::Token> FlowTokenSource::nextToken() {
    std::size_t start = index_;
    std::size_t line = line_;
    std::size_t column = column_;
    std::size_t type = pos_ >= text_.size() ? antlr4::Token::EOF : Lex();
    if (type == antlr4::Token::EOF) channel_ = antlr4::Token::DEFAULT_CHANNEL;
    auto token = std::make_unique<antlr4::CommonToken>(std::make_pair(this, input_), type, channel_,
                                                       start, index_ - 1);
    token->setLine(line);
    token->setCharPositionInLine(column);
    return token;
}

}  // namespace flowc::syntax_internal
