#include "syntax/internal/error_sink.h"

namespace flowc::syntax_internal {

Span ErrorSink::SpanOf(const antlr4::Token* token) const {
    if (token == nullptr) return Span{file_, 0, 0};
    if (token->getType() == antlr4::Token::EOF) {
        std::uint32_t end = offsets_.ByteOffset(token->getStartIndex());
        return Span{file_, end, end};
    }
    return Span{file_, offsets_.ByteOffset(token->getStartIndex()),
                offsets_.ByteOffset(token->getStopIndex() + 1)};
}

Span ErrorSink::After(const antlr4::Token* token) const {
    Span span = SpanOf(token);
    return Span{file_, span.end, span.end};
}

Span ErrorSink::SpanOf(antlr4::ParserRuleContext* ctx) const {
    Span begin = SpanOf(ctx->getStart());
    const antlr4::Token* stop = ctx->getStop();
    if (stop == nullptr || stop->getTokenIndex() < ctx->getStart()->getTokenIndex()) {
        return Span{file_, begin.begin, begin.begin};
    }
    return Span{file_, begin.begin, SpanOf(stop).end};
}

bool ErrorSink::InSuppressedRegion(Span span) const {
    for (Span region : suppressed_) {
        if (span.begin >= region.begin && span.begin <= region.end) return true;
    }
    return false;
}

void ErrorSink::Report(Code code, Span span, std::string message, std::optional<std::string> help) {
    Diagnostic d = MakeDiagnostic(code, span, std::move(message));
    d.help = std::move(help);
    Report(std::move(d));
}

void ErrorSink::Report(Diagnostic d) {
    if (d.code == Code::kSyntaxError) {
        ++syntax_errors_;
        if (InSuppressedRegion(d.span)) return;
    }
    ++count_;
    if (count_ == kMaxSyntaxErrorsPerFile) {
        d.notes.push_back("too many syntax errors in this file: the rest of it was not checked");
    }
    diags_.Report(std::move(d));
    if (count_ >= kMaxSyntaxErrorsPerFile) throw antlr4::ParseCancellationException();
}

void ErrorSink::Warn(Code code, Span span, std::string message, std::string help) {
    Diagnostic d = MakeDiagnostic(code, span, std::move(message));
    d.help = std::move(help);
    diags_.Report(std::move(d));
}

}  // namespace flowc::syntax_internal
