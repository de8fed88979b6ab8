// Turns token positions into spans and syntax problems into diagnostics for one file, and
// caps how many a single file may produce (pathological input must stay fast).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "FlowParser.h"
#include "base/span.h"
#include "diag/engine.h"
#include "syntax/internal/offset_map.h"

namespace flowc::syntax_internal {

inline constexpr std::size_t kMaxSyntaxErrorsPerFile = 50;

class ErrorSink {
  public:
    ErrorSink(FileId file, const OffsetMap& offsets, DiagnosticEngine& diags)
        : file_(file), offsets_(offsets), diags_(diags) {}

    Span SpanOf(const antlr4::Token* token) const;
    // An empty span just after `token`: where a missing `;` belongs.
    Span After(const antlr4::Token* token) const;
    Span SpanOf(antlr4::ParserRuleContext* ctx) const;

    // Throws antlr4::ParseCancellationException once the per-file cap is reached, which ends
    // the parse; the caller catches it.
    void Report(Code code, Span span, std::string message,
                std::optional<std::string> help = std::nullopt);
    void Report(Diagnostic diagnostic);
    // A warning: reported, but neither counted nor capped, and the parse stays ok.
    void Warn(Code code, Span span, std::string message, std::string help);
    // Syntax errors that start inside `region` are consequences of a lexical error already
    // reported there (an unterminated string swallowing the `;`): counted, not reported.
    void SuppressSyntaxErrorsIn(Span region) { suppressed_.push_back(region); }
    void CountCascade() { ++syntax_errors_; }
    bool InSuppressedRegion(Span span) const;
    std::size_t count() const { return count_; }
    // Errors from the parser itself; the tree is incomplete when there is any.
    std::size_t syntax_errors() const { return syntax_errors_; }
    FileId file() const { return file_; }

  private:
    FileId file_;
    const OffsetMap& offsets_;
    DiagnosticEngine& diags_;
    std::size_t count_ = 0;
    std::size_t syntax_errors_ = 0;
    std::vector<Span> suppressed_;
};

}  // namespace flowc::syntax_internal
