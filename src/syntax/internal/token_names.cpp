#include "syntax/internal/token_names.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "base/utf8.h"

namespace flowc::syntax_internal {
namespace {

using P = flowc_grammar::FlowParser;

std::string LiteralText(const antlr4::dfa::Vocabulary& vocabulary, std::size_t type) {
    std::string literal = vocabulary.getLiteralName(type);
    if (literal.size() >= 2 && literal.front() == '\'' && literal.back() == '\'') {
        return literal.substr(1, literal.size() - 2);
    }
    return {};
}

bool Contains(const antlr4::misc::IntervalSet& set, std::initializer_list<std::size_t> types,
              std::size_t at_least) {
    std::size_t n = 0;
    for (std::size_t t : types) n += set.contains(t) ? 1 : 0;
    return n >= at_least;
}

const std::initializer_list<std::size_t> kExprStarts = {
    P::STRING_LIT, P::INT_LIT, P::DECIMAL_LIT, P::TRUE, P::FALSE, P::CALL,
    P::CONTACT,    P::IDENT,   P::LPAREN,      P::BANG, P::MINUS};
const std::initializer_list<std::size_t> kStmtStarts = {
    P::VAR,   P::PLAY, P::COLLECT,  P::MENU,   P::IF,     P::SWITCH, P::REPEAT,
    P::BREAK, P::CALL, P::TRANSFER, P::HANGUP, P::RETURN, P::HOURS};
const std::initializer_list<std::size_t> kBinaryOps = {
    P::STAR, P::SLASH, P::PLUS, P::EQ, P::NE, P::LT, P::LE, P::GT, P::GE, P::AND, P::OR};

}  // namespace

bool IsKeyword(std::size_t type) { return type >= P::IMPORT && type <= P::FALSE; }

bool CanEndOperand(std::size_t type) {
    switch (type) {
        case P::IDENT:
        case P::PROMPT:
        case P::DIGITS:
        case P::HOURS:
        case P::STRING_LIT:
        case P::INT_LIT:
        case P::DECIMAL_LIT:
        case P::TRUE:
        case P::FALSE:
        case P::RPAREN:
            return true;
        default:
            return false;
    }
}

std::string DescribeToken(const antlr4::Token* token) {
    if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
    std::string text = SanitizeUtf8(token->getText());
    if (text.size() > 24) text = text.substr(0, 21) + "...";
    return fmt::format("`{}`", text);
}

std::string DescribeExpected(const antlr4::misc::IntervalSet& expected,
                             const antlr4::dfa::Vocabulary& vocabulary) {
    std::vector<std::string> parts;
    std::vector<std::size_t> covered;
    auto cover = [&](std::initializer_list<std::size_t> types) {
        for (std::size_t t : types) covered.push_back(t);
    };
    if (Contains(expected, kStmtStarts, 5)) {
        parts.push_back("a statement");
        cover(kStmtStarts);
        cover({P::IDENT, P::PROMPT, P::DIGITS, P::HOURS, P::CONTACT, P::LBRACE});
    }
    if (Contains(expected, kExprStarts, 6)) {
        parts.push_back("an expression");
        cover(kExprStarts);
        cover({P::PROMPT, P::DIGITS, P::HOURS});
    }
    if (Contains(expected, kBinaryOps, 6)) {
        parts.push_back("an operator");
        cover(kBinaryOps);
        cover({P::MINUS});
    }
    if (expected.contains(static_cast<std::size_t>(P::IDENT)) &&
        std::find(covered.begin(), covered.end(), P::IDENT) == covered.end()) {
        parts.push_back("a name");
        cover({P::IDENT, P::PROMPT, P::DIGITS, P::HOURS});
    }
    for (std::size_t type : expected.toList()) {
        if (std::find(covered.begin(), covered.end(), type) != covered.end()) continue;
        switch (type) {
            case antlr4::Token::EOF:
                parts.push_back("end of file");
                break;
            case P::STRING_LIT:
                parts.push_back("a string literal");
                break;
            case P::INT_LIT:
                parts.push_back("an integer literal");
                break;
            case P::DECIMAL_LIT:
                parts.push_back("a decimal literal");
                break;
            case P::AT:
                parts.push_back("an attribute");
                break;
            default: {
                std::string literal = LiteralText(vocabulary, type);
                if (!literal.empty()) parts.push_back(fmt::format("`{}`", literal));
            }
        }
    }
    if (parts.empty()) return {};
    if (parts.size() > 5) {
        parts.resize(5);
        parts.back() = "...";
    }
    std::string out = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) {
        out += (i + 1 == parts.size() ? " or " : ", ");
        out += parts[i];
    }
    return out;
}

}  // namespace flowc::syntax_internal
