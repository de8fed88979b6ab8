#include "syntax/internal/repair.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "syntax/internal/token_names.h"

namespace flowc::syntax_internal {
namespace {

using P = flowc_grammar::FlowParser;

bool CanStartOperand(std::size_t type) {
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
        case P::CALL:
        case P::CONTACT:
        case P::LPAREN:
        case P::BANG:
        case P::MINUS:
            return true;
        default:
            return false;
    }
}

bool IsName(std::size_t type) {
    return type == P::IDENT || type == P::PROMPT || type == P::DIGITS || type == P::HOURS;
}

// Where a statement can begin: after these, or at the start of the file.
bool EndsStatement(std::size_t type) {
    return type == P::SEMI || type == P::LBRACE || type == P::RBRACE || type == P::FAT_ARROW;
}

enum class BraceKind {
    kFlowBody,
    kSwitchBody,
    kMenuBody,
    kArmBody,
    kIfBody,
    kElseBody,
    kRepeatBody,
    kBlock
};

std::string_view Describe(BraceKind kind, std::size_t arm_of) {
    switch (kind) {
        case BraceKind::kFlowBody:
            return "flow's body";
        case BraceKind::kSwitchBody:
            return "`switch`";
        case BraceKind::kMenuBody:
            return "`menu`";
        case BraceKind::kArmBody:
            return arm_of == P::CASE || arm_of == P::DEFAULT ? "`switch` arm" : "`menu` arm";
        case BraceKind::kIfBody:
            return "`if` block";
        case BraceKind::kElseBody:
            return "`else` block";
        case BraceKind::kRepeatBody:
            return "`repeat` block";
        case BraceKind::kBlock:
            return "block";
    }
    return "block";
}

struct OpenBrace {
    std::size_t at;      // position in the live tokens
    std::size_t indent;  // column of the first token on the brace's line
    BraceKind kind;
    std::size_t arm_of;  // for an arm: the token that opened the arm
};

// The tokens the parser sees (default channel, EOF last), with edits planned on them.
class Repairer {
  public:
    Repairer(RepairableTokenStream& tokens, ErrorSink& sink) : tokens_(tokens), sink_(sink) {
        for (antlr4::Token* token : tokens.getTokens()) {
            if (token->getChannel() == antlr4::Token::DEFAULT_CHANNEL) live_.push_back(token);
        }
        for (std::size_t k = 0; k < live_.size(); ++k) {
            std::size_t line = live_[k]->getLine();
            if (line >= indent_of_line_.size()) indent_of_line_.resize(line + 1, kNoIndent);
            if (indent_of_line_[line] == kNoIndent)
                indent_of_line_[line] = live_[k]->getCharPositionInLine();
        }
    }

    void Run() {
        RepairOperatorSlips();
        RepairUnclosedBraces();
        // Insert from the back so the planned positions stay right.
        std::stable_sort(inserts_.begin(), inserts_.end(),
                         [](const Insert& a, const Insert& b) { return a.before < b.before; });
        for (auto it = inserts_.rbegin(); it != inserts_.rend(); ++it) {
            tokens_.InsertBefore(live_[it->before]->getTokenIndex(), it->type, it->text);
        }
    }

  private:
    static constexpr std::size_t kNoIndent = static_cast<std::size_t>(-1);

    struct Insert {
        std::size_t before;
        std::size_t type;
        std::string text;
    };

    std::size_t Type(std::size_t k) const {
        return k < live_.size() ? live_[k]->getType() : antlr4::Token::EOF;
    }
    std::size_t Previous(std::size_t k) const {
        return k == 0 ? antlr4::Token::INVALID_TYPE : live_[k - 1]->getType();
    }
    std::string Text(std::size_t k) const { return live_[k]->getText(); }
    bool FirstOnLine(std::size_t k) const {
        return k == 0 || live_[k - 1]->getLine() != live_[k]->getLine();
    }
    std::size_t Indent(std::size_t k) const { return indent_of_line_[live_[k]->getLine()]; }
    void Retype(std::size_t k, std::size_t type) {
        dynamic_cast<antlr4::WritableToken*>(live_[k])->setType(type);
    }
    void Hide(std::size_t k) {
        dynamic_cast<antlr4::WritableToken*>(live_[k])->setChannel(antlr4::Token::HIDDEN_CHANNEL);
    }
    void Report(std::size_t k, std::string message, std::string help) {
        sink_.Report(Code::kSyntaxError, sink_.SpanOf(live_[k]), std::move(message),
                     std::move(help));
    }

    void RepairOperatorSlips() {
        bool in_condition = false;  // between `if` and its `{`: no `=` can be meant there
        for (std::size_t k = 0; k + 1 < live_.size(); ++k) {
            std::size_t type = Type(k);
            std::size_t previous = Previous(k);
            std::size_t next = Type(k + 1);
            if (type == P::IF) in_condition = true;
            if (type == P::LBRACE || type == P::SEMI) in_condition = false;
            if (type == P::IDENT) {
                std::string text = Text(k);
                if ((text == "and" || text == "or") && CanEndOperand(previous) &&
                    CanStartOperand(next)) {
                    bool is_and = text == "and";
                    Report(k, fmt::format("`{}` is not an operator", text),
                           is_and ? "logical and is `&&`" : "logical or is `||`");
                    Retype(k, is_and ? P::AND : P::OR);
                } else if (text == "not" && !CanEndOperand(previous) && !EndsStatement(previous) &&
                           CanStartOperand(next) && next != P::LPAREN) {
                    Report(k, "`not` is not an operator", "logical not is `!`");
                    Retype(k, P::BANG);
                } else if ((text == "elif" || text == "elseif" || text == "elsif") &&
                           previous == P::RBRACE && next != P::ASSIGN) {
                    Report(k, fmt::format("`{}` is not a keyword", text), "write `else if`");
                    Retype(k, P::ELSE);
                    inserts_.push_back({k + 1, P::IF, "if"});
                    in_condition = true;
                }
            } else if (type == P::ASSIGN && in_condition) {
                Report(k, "expected `==` in a condition, found `=`",
                       "use `==` to compare; `=` assigns");
                Retype(k, P::EQ);
            } else if (type == P::EQ && IsName(previous) && k >= 2 &&
                       (EndsStatement(Type(k - 2)) || Type(k - 2) == P::VAR)) {
                Report(k, "expected `=` in an assignment, found `==`",
                       "use `=` to assign; `==` compares");
                Retype(k, P::ASSIGN);
            } else if (type == P::CALL && next == P::DOT && k + 3 < live_.size() &&
                       IsName(Type(k + 2)) && Type(k + 3) == P::ASSIGN &&
                       (k == 0 || EndsStatement(previous))) {
                ReportReadOnly(k);
                Retype(k, P::IDENT);  // parse on as an assignment to a name
                Hide(k + 1);
                Hide(k + 2);
            }
        }
    }

    void ReportReadOnly(std::size_t k) {
        std::string property = Text(k + 2);
        Span span = sink_.SpanOf(live_[k]);
        span.end = sink_.SpanOf(live_[k + 2]).end;
        std::string help =
            property == "language"
                ? "the call's language is switched with a `language \"en-us\";` statement, "
                  "which comes with version 2 of the language"
                : fmt::format("copy it into a variable and change that: `var {} = call.{};`",
                              property, property);
        sink_.Report(MakeDiagnostic(Code::kReadOnlyAssignment, span,
                                    fmt::format("`call.{}` is read-only", property))
                         .WithHelp(std::move(help)));
    }

    // An unclosed `{` is found by the first token that cannot be inside it (a `case` outside
    // a `switch` arm's block, an `else` after a statement, a flow inside a flow), or by a
    // `}` whose indentation matches an outer `{`; the `}` goes where the indentation says the
    // block ends. Only as many `}` are added as the file lacks.
    void RepairUnclosedBraces() {
        std::size_t opens = 0;
        std::size_t closes = 0;
        for (antlr4::Token* token : live_) {
            opens += token->getType() == P::LBRACE ? 1 : 0;
            closes += token->getType() == P::RBRACE ? 1 : 0;
        }
        if (opens <= closes) return;
        budget_ = opens - closes;
        std::optional<BraceKind> pending;
        std::size_t arm_start = antlr4::Token::INVALID_TYPE;
        for (std::size_t k = 0; k < live_.size() && budget_ > 0; ++k) {
            std::size_t type = Type(k);
            std::size_t previous = Previous(k);
            std::size_t next = Type(k + 1);
            switch (type) {
                case P::FLOW:
                    pending = BraceKind::kFlowBody;
                    break;
                case P::SWITCH:
                    pending = BraceKind::kSwitchBody;
                    break;
                case P::MENU:
                    pending = BraceKind::kMenuBody;
                    break;
                case P::IF:
                    pending = BraceKind::kIfBody;
                    break;
                case P::REPEAT:
                    pending = BraceKind::kRepeatBody;
                    break;
                case P::LBRACE: {
                    BraceKind kind = previous == P::FAT_ARROW ? BraceKind::kArmBody
                                     : previous == P::ELSE    ? BraceKind::kElseBody
                                                              : pending.value_or(BraceKind::kBlock);
                    pending.reset();
                    open_.push_back({k, Indent(k), kind, arm_start});
                    break;
                }
                case P::RBRACE:
                    CloseBrace(k);
                    break;
                case P::CASE:
                case P::DEFAULT:
                    arm_start = type;
                    CloseAbove(k, BraceKind::kSwitchBody, false);
                    break;
                case P::STRING_LIT:
                    if (next == P::FAT_ARROW && previous != P::CASE && previous != P::COMMA) {
                        arm_start = type;
                        CloseAbove(k, BraceKind::kMenuBody, false);
                    }
                    break;
                case P::ELSE:
                    if (next == P::FAT_ARROW) {
                        arm_start = type;
                        CloseAbove(k, BraceKind::kMenuBody, false);
                    } else if (previous != P::RBRACE && !EndsTimeoutArm(k)) {
                        CloseAbove(k, BraceKind::kIfBody, true);
                    }
                    break;
                case P::INBOUND:
                case P::SHARED:
                case P::IMPORT:
                case P::AT:
                    if (previous == P::SEMI || previous == P::RBRACE) CloseAll(k);
                    break;
                default:
                    if (type == antlr4::Token::EOF) CloseAll(k);
                    break;
            }
        }
    }

    // `call D() -> <x> timeout hangup; else ...`: the `else` at `k` is the call's, after a
    // single-statement timeout arm. Such an arm ends in `;` and holds no `;`, `{` or `}`.
    bool EndsTimeoutArm(std::size_t k) const {
        if (Previous(k) != P::SEMI) return false;
        for (std::size_t j = k - 1; j-- > 1;) {  // from the token before the `;`
            std::size_t type = Type(j);
            if (type == P::SEMI || type == P::LBRACE || type == P::RBRACE) return false;
            if (IsName(type) && Text(j) == "timeout" &&
                (Type(j - 1) == P::RPAREN || Type(j - 1) == P::GT)) {
                return true;
            }
        }
        return false;
    }

    void CloseBrace(std::size_t k) {
        if (open_.empty()) return;
        std::size_t indent = Indent(k);
        if (FirstOnLine(k) && indent < open_.back().indent) {
            // The `}` lines up with an outer `{`: the ones between were left open.
            for (std::size_t j = open_.size() - 1; j-- > 0;) {
                if (open_[j].indent > indent) continue;
                if (open_[j].indent == indent && open_.size() - 1 - j <= budget_) {
                    Unclosed(j + 1, k);
                }
                break;
            }
        }
        open_.pop_back();
    }

    // `k` can only stand directly inside the innermost `{` of `kind`: everything opened since
    // (and that `{` too, when `inclusive`) was left open.
    void CloseAbove(std::size_t k, BraceKind kind, bool inclusive) {
        if (open_.empty() || (!inclusive && open_.back().kind == kind)) return;
        for (std::size_t j = open_.size(); j-- > 0;) {
            if (open_[j].kind != kind) continue;
            std::size_t first = inclusive ? j : j + 1;
            if (open_.size() - first <= budget_) Unclosed(first, k);
            return;
        }
    }

    void CloseAll(std::size_t k) {
        if (!open_.empty() && open_.size() <= budget_) Unclosed(0, k);
    }

    // The braces open_[first..] are not closed by the time of token `limit`. Braces whose
    // `}` belongs before the same token are one mistake, reported once.
    void Unclosed(std::size_t first, std::size_t limit) {
        std::optional<Diagnostic> report;
        std::size_t report_before = 0;
        for (std::size_t j = open_.size(); j-- > first;) {
            std::size_t before = EndByIndentation(open_[j], limit);
            inserts_.push_back({before, P::RBRACE, "}"});
            --budget_;
            std::string what(Describe(open_[j].kind, open_[j].arm_of));
            Span brace = sink_.SpanOf(live_[open_[j].at]);
            if (report && report_before == before) {
                report->labels.push_back({brace, "this `{` is not closed either"});
                *report->help += fmt::format(", and another for the {}", what);
                continue;
            }
            if (report) sink_.Report(std::move(*report));
            std::string token = DescribeToken(live_[before]);
            report = MakeDiagnostic(Code::kSyntaxError, sink_.SpanOf(live_[before]),
                                    fmt::format("unclosed `{{`: expected `}}` before {}", token));
            report->labels.push_back({brace, "this `{` is not closed"});
            report->help = fmt::format("add `}}` before {} to close the {}", token, what);
            report_before = before;
        }
        if (report) sink_.Report(std::move(*report));
        open_.resize(first);
    }

    // The first statement after the brace's line that is indented no deeper than the brace's
    // line; `limit` when there is none.
    std::size_t EndByIndentation(const OpenBrace& brace, std::size_t limit) const {
        std::size_t line = live_[brace.at]->getLine();
        for (std::size_t k = brace.at + 1; k < limit; ++k) {
            if (live_[k]->getLine() == line || !FirstOnLine(k)) continue;
            if (Indent(k) <= brace.indent && (Previous(k) == P::SEMI || Previous(k) == P::RBRACE))
                return k;
        }
        return limit;
    }

    RepairableTokenStream& tokens_;
    ErrorSink& sink_;
    std::vector<antlr4::Token*> live_;
    std::vector<std::size_t> indent_of_line_;
    std::vector<Insert> inserts_;
    std::vector<OpenBrace> open_;
    std::size_t budget_ = 0;
};

}  // namespace

void RepairableTokenStream::InsertBefore(std::size_t index, std::size_t type,
                                         const std::string& text) {
    antlr4::Token* at = _tokens[index].get();
    auto token = std::make_unique<antlr4::CommonToken>(at);
    token->setType(type);
    token->setText(text);
    token->setChannel(antlr4::Token::DEFAULT_CHANNEL);
    token->setStopIndex(at->getStartIndex() - 1);  // empty: it stands for what is missing
    _tokens.insert(_tokens.begin() + static_cast<std::ptrdiff_t>(index), std::move(token));
    for (std::size_t i = index; i < _tokens.size(); ++i) {
        dynamic_cast<antlr4::WritableToken*>(_tokens[i].get())->setTokenIndex(i);
    }
}

void RepairSlips(RepairableTokenStream& tokens, ErrorSink& sink) { Repairer(tokens, sink).Run(); }

}  // namespace flowc::syntax_internal
