// `transfer ...` and `hours ...` (v2): words that are names elsewhere (`number`, `voicemail`,
// the option words, the `hours` outcomes) are read here from their text.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include "base/edit_distance.h"
#include "syntax/internal/builder.h"

namespace flowc::syntax_internal {
namespace {

constexpr std::array<std::string_view, 4> kTransferOptions = {"priority", "skills", "language",
                                                              "via"};

struct OutcomeSpelling {
    std::string_view text;
    ast::HoursOutcome outcome;
};
constexpr std::array<OutcomeSpelling, 4> kOutcomes = {
    {{"open", ast::HoursOutcome::kOpen},
     {"closed", ast::HoursOutcome::kClosed},
     {"holiday", ast::HoursOutcome::kHoliday},
     {"emergency", ast::HoursOutcome::kEmergency}}};

// The closest of `words` to `text`, when it is close enough to be a typo.
std::optional<std::string_view> Closest(std::string_view text,
                                        std::span<const std::string_view> words) {
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;
    for (std::string_view word : words) {
        std::size_t distance = EditDistance(text, word);
        if (distance < best_distance && distance < word.size()) {
            best = word;
            best_distance = distance;
        }
    }
    return best;
}

std::string_view KindWord(ast::TransferKind kind) {
    switch (kind) {
        case ast::TransferKind::kQueue:
            return "transfer";
        case ast::TransferKind::kNumber:
            return "transfer number";
        case ast::TransferKind::kVoicemail:
            return "transfer voicemail";
        case ast::TransferKind::kFlow:
            return "transfer flow";
    }
    return "transfer";
}

}  // namespace

ast::StmtPtr AstBuilder::BuildTransfer(P::TransferHeadContext* s,
                                       antlr4::tree::TerminalNode* else_token,
                                       antlr4::ParserRuleContext* otherwise, Span span) {
    ast::TransferStmt out;
    if (s->flowTarget != nullptr) {
        out.kind = ast::TransferKind::kFlow;
        out.kind_span = SpanOf(s->FLOW()->getSymbol());
        out.target = BuildExpr(s->flowTarget);
    } else if (s->kind != nullptr) {
        std::string kind = s->kind->getText();
        out.kind_span = SpanOf(s->kind);
        if (kind == "number") {
            out.kind = ast::TransferKind::kNumber;
        } else if (kind == "voicemail") {
            out.kind = ast::TransferKind::kVoicemail;
        } else {
            sink_.Report(Code::kSyntaxError, SpanOf(s->kind),
                         fmt::format("`{}` is not a kind of transfer", kind),
                         "transfer to a queue with `transfer Sales;` (a `queue`) or "
                         "`transfer \"Queue\";`, to a phone number with `transfer number "
                         "\"+15551234567\";`, to a queue's voicemail with `transfer voicemail "
                         "Sales;`, or to another inbound flow with `transfer flow Main;`");
            return std::make_unique<ast::Stmt>(ast::Stmt{span, ast::Block{span, {}}});
        }
        out.target = BuildExpr(s->target);
    } else {
        out.target = BuildExpr(s->target);
    }

    std::array<Span, kTransferOptions.size()> seen{};
    for (P::ClauseContext* option : s->options) {
        std::string word = option->option->getText();
        Span word_span = SpanOf(option->option);
        auto known = std::find(kTransferOptions.begin(), kTransferOptions.end(), word);
        if (known == kTransferOptions.end()) {
            std::optional<std::string_view> meant = Closest(word, kTransferOptions);
            sink_.Report(Code::kTransferOption, word_span,
                         fmt::format("`{}` is not a transfer option", word),
                         meant ? fmt::format("did you mean `{}`?", *meant)
                               : std::string("the options of a transfer to a queue are "
                                             "`priority`, `skills`, `language` and `via`"));
            continue;
        }
        auto index = static_cast<std::size_t>(known - kTransferOptions.begin());
        if (out.kind != ast::TransferKind::kQueue) {
            sink_.Report(Code::kTransferOption, word_span,
                         fmt::format("`{}` has no option `{}`", KindWord(out.kind), word),
                         "`priority`, `skills`, `language` and `via` apply to a transfer to a "
                         "queue (`transfer Sales priority 5;`)");
            continue;
        }
        if (seen[index].has_file()) {
            sink_.Report(MakeDiagnostic(Code::kTransferOption, word_span,
                                        fmt::format("option `{}` given twice", word))
                             .WithLabel(seen[index], "first given here")
                             .WithHelp(word == "skills"
                                           ? "list every skill after one `skills`: `skills "
                                             "Spanish, Mortgages`"
                                           : "keep one of them"));
            continue;
        }
        seen[index] = word_span;
        if (word != "skills" && option->values.size() > 1) {
            sink_.Report(Code::kTransferOption, SpanOf(option->values[1]),
                         fmt::format("`{}` takes one value", word), "only `skills` takes a list");
        }
        if (word == "priority") {
            out.priority = BuildExpr(option->values[0]);
        } else if (word == "skills") {
            for (P::ExprContext* value : option->values) out.skills.push_back(BuildExpr(value));
        } else if (word == "language") {
            out.language = BuildExpr(option->values[0]);
        } else {
            out.via = BuildExpr(option->values[0]);
        }
    }
    if (otherwise != nullptr) {
        out.else_span = SpanOf(else_token->getSymbol());
        out.otherwise = BuildStmt(otherwise);
    }
    return std::make_unique<ast::Stmt>(ast::Stmt{span, std::move(out)});
}

ast::StmtPtr AstBuilder::BuildHours(P::HoursStmtContext* s, Span span) {
    ast::HoursStmt out;
    out.group = BuildExpr(s->group);
    if (s->emergencyWord != nullptr) {
        std::string word = s->emergencyWord->getText();
        if (word != "emergency") {
            sink_.Report(Code::kSyntaxError, SpanOf(s->emergencyWord),
                         fmt::format("expected `emergency` or `{{`, found `{}`", word),
                         "write `hours BankHours emergency Evacuation { ... }` to evaluate an "
                         "emergency group too");
        }
        out.emergency_span = Join(SpanOf(s->emergencyWord), SpanOf(s->emergency));
        out.emergency = BuildExpr(s->emergency);
    }
    std::array<std::string_view, kOutcomes.size()> words{};
    for (std::size_t i = 0; i < kOutcomes.size(); ++i) words[i] = kOutcomes[i].text;
    for (P::HoursArmContext* arm : s->arms) {
        if (auto* outcome = dynamic_cast<P::HoursOutcomeArmContext*>(arm)) {
            std::string label = outcome->label->getText();
            Span label_span = SpanOf(outcome->label);
            const OutcomeSpelling* found = nullptr;
            for (const OutcomeSpelling& spelling : kOutcomes) {
                if (spelling.text == label) found = &spelling;
            }
            if (found == nullptr) {
                std::optional<std::string_view> meant = Closest(label, words);
                sink_.Report(Code::kUnknownHoursArm, label_span,
                             fmt::format("`{}` is not an outcome of `hours`", label),
                             meant ? fmt::format("did you mean `{}`?", *meant)
                                   : std::string("the arms of `hours` are `open`, `closed`, "
                                                 "`holiday`, `emergency` and `else`"));
                BuildStmt(outcome->body);  // still reports the errors inside it
                continue;
            }
            out.arms.push_back(ast::HoursArm{found->outcome, label_span, BuildStmt(outcome->body)});
        } else if (auto* other = dynamic_cast<P::HoursElseArmContext*>(arm)) {
            out.arms.push_back(
                ast::HoursArm{std::nullopt, SpanOf(other->getStart()), BuildStmt(other->body)});
        }
    }
    return std::make_unique<ast::Stmt>(ast::Stmt{span, std::move(out)});
}

}  // namespace flowc::syntax_internal
