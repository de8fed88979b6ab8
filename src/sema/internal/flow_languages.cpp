// Languages and loop counts (LANGUAGE.md "Audio", contract 8, `repeat`): a `language`
// statement names one of the flow's `@language`s, as a literal the build can check; a call
// of a shared flow that declares languages comes from a flow whose languages it covers; a
// `repeat` count is an `int`.
#include <fmt/format.h>

#include <algorithm>

#include "diag/suggest.h"
#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {
namespace {

// The languages a flow speaks: its `@language`s, else the platform's default. A shared flow
// that declares none has no list: it works in every language.
std::vector<std::string_view> Spoken(const Flow& flow) {
    std::vector<std::string_view> codes;
    for (const FlowLanguage& language : flow.languages) codes.push_back(language.code);
    if (codes.empty() && flow.kind != FlowKind::kShared) codes.push_back(kDefaultLanguage);
    return codes;
}

std::string QuotedList(const std::vector<std::string_view>& codes) {
    std::string out;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        out += (i == 0 ? "" : (i + 1 == codes.size() ? " and " : ", "));
        out += fmt::format("\"{}\"", codes[i]);
    }
    return out;
}

std::string Lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

}  // namespace

std::optional<std::string> FlowChecker::CheckLanguage(const ast::LanguageStmt& statement,
                                                      Span span) {
    const auto* literal = std::get_if<ast::StringLiteral>(&statement.code->node);
    if (literal == nullptr) {
        CheckExpr(*statement.code);  // still resolve its names
        diags_.Report(MakeDiagnostic(Code::kLanguageNotLiteral, statement.code->span,
                                     "`language` needs a language code known when the flow "
                                     "is built")
                          .WithHelp("the platform switches only to one of the flow's "
                                    "`@language`s; write it as a literal, e.g. "
                                    "`language \"es-us\";`, in an `if` or `menu` arm per "
                                    "language"));
        return std::nullopt;
    }
    std::string code = Lower(literal->value);
    std::vector<std::string_view> spoken = Spoken(flow_);
    if (spoken.empty()) {
        diags_.Report(MakeDiagnostic(Code::kLanguageNotDeclared, span,
                                     fmt::format("`language \"{}\"` in shared flow `{}`, which "
                                                 "declares no languages",
                                                 literal->value, flow_.name))
                          .WithHelp(fmt::format("a shared flow that switches the language must "
                                                "declare the languages it switches between: add "
                                                "`@language(\"{}\")` (and the others) to `{}`",
                                                code, flow_.name)));
        return std::nullopt;
    }
    if (std::find(spoken.begin(), spoken.end(), code) != spoken.end()) return code;
    Diagnostic d = MakeDiagnostic(
        Code::kLanguageNotDeclared, statement.code->span,
        fmt::format("`{}` is not one of the languages of `{}`", literal->value, flow_.name));
    std::optional<std::string> meant = SuggestNameHelp(code, spoken);
    std::string languages =
        fmt::format("the flow's languages are {}; add `@language(\"{}\")` to `{}` to speak it",
                    QuotedList(spoken), code, flow_.name);
    if (meant) languages[0] = 'T';
    d.help = meant ? *meant + " " + languages : languages;
    for (const FlowLanguage& language : flow_.languages) {
        d.labels.push_back({language.span, fmt::format("`{}` declared here", language.code)});
    }
    diags_.Report(std::move(d));
    return std::nullopt;
}

void FlowChecker::CheckCallLanguages(const ast::CallStmt& call, const Flow& callee) {
    if (callee.languages.empty()) return;  // works in every language
    std::vector<std::string_view> covered = Spoken(callee);
    for (std::string_view code : Spoken(flow_)) {
        if (std::find(covered.begin(), covered.end(), code) != covered.end()) continue;
        Diagnostic d =
            MakeDiagnostic(Code::kLanguagesNotCovered, call.callee.span,
                           fmt::format("`{}` speaks {}, but `{}` does not declare `{}`", flow_.name,
                                       QuotedList(Spoken(flow_)), callee.name, code));
        for (const FlowLanguage& language : callee.languages) {
            d.labels.push_back(
                {language.span, fmt::format("`{}` declares `{}`", callee.name, language.code)});
        }
        d.help = fmt::format(
            "add `@language(\"{}\")` to `{}`, or remove its `@language`s so that it works in "
            "every language",
            code, callee.name);
        diags_.Report(std::move(d));
        return;  // one report per call: the first missing language
    }
}

ExprPtr FlowChecker::CheckRepeatCount(const ast::Expr& count) {
    if (const auto* unary = std::get_if<ast::UnaryExpr>(&count.node)) {
        if (unary->op == ast::UnaryOp::kNegate &&
            std::holds_alternative<ast::IntLiteral>(unary->operand->node)) {
            diags_.Report(MakeDiagnostic(Code::kCountNotPositive, count.span,
                                         "a `repeat` count is negative: the block never runs")
                              .WithHelp("write the number of passes, at least 1; a computed "
                                        "count that is 0 or less runs no pass"));
        }
    }
    return Coerce(CheckExpr(count), Type::kInt, Code::kTypeMismatch, "a `repeat` count");
}

}  // namespace flowc::sema::internal
