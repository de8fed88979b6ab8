#include "syntax/parse.h"

#include <fmt/format.h>

#include "FlowParser.h"
#include "base/utf8.h"
#include "syntax/internal/builder.h"
#include "syntax/internal/error_sink.h"
#include "syntax/internal/error_strategy.h"
#include "syntax/internal/lexer.h"
#include "syntax/internal/offset_map.h"
#include "syntax/internal/repair.h"
#include "syntax/internal/token_checks.h"

namespace flowc {
namespace {

using syntax_internal::ErrorSink;
using syntax_internal::OffsetMap;

// The byte-level guards: nothing malformed may reach ANTLR.
bool CheckBytes(const SourceFile& source, DiagnosticEngine& diags, const ParseOptions& options) {
    std::string_view text = source.text();
    if (text.size() > options.max_file_bytes) {
        diags.Report(MakeDiagnostic(Code::kFileTooLarge, Span{source.id(), 0, 0},
                                    fmt::format("`{}` is {} bytes, over the limit of {} bytes",
                                                source.path(), text.size(), options.max_file_bytes))
                         .WithHelp("raise the limit with `--max-file-size`, or split the file"));
        return false;
    }
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        diags.Report(MakeDiagnostic(Code::kInvalidUtf8, Span{source.id(), 0, 2},
                                    "file is UTF-16, not UTF-8 (it starts with a UTF-16 "
                                    "byte-order mark)")
                         .WithHelp("save it as UTF-8 (for example `iconv -f utf-16 -t utf-8`)"));
        return false;
    }
    if (std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        auto at = static_cast<std::uint32_t>(nul);
        diags.Report(MakeDiagnostic(Code::kBinaryFile, Span{source.id(), at, at + 1},
                                    "file contains a NUL byte; it looks like a binary file")
                         .WithHelp("flow sources are UTF-8 text"));
        return false;
    }
    if (std::optional<Utf8Error> bad = FindInvalidUtf8(text)) {
        diags.Report(
            MakeDiagnostic(Code::kInvalidUtf8, Span{source.id(), bad->offset, bad->offset + 1},
                           fmt::format("file is not valid UTF-8: {}", bad->reason))
                .WithHelp("save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`)"));
        return false;
    }
    return true;
}

ParseResult ParseChecked(const SourceFile& source, DiagnosticEngine& diags,
                         const ParseOptions& options) {
    using flowc_grammar::FlowParser;
    OffsetMap offsets(source.text());
    ErrorSink sink(source.id(), offsets, diags);
    ParseResult result;
    result.file.file = source.id();

    antlr4::ANTLRInputStream input(source.text().data(), source.text().size());
    syntax_internal::FlowTokenSource lexer(source.text(), &input);
    syntax_internal::RepairableTokenStream tokens(&lexer);
    tokens.fill();

    FlowParser parser(&tokens);
    parser.removeErrorListeners();
    FlowParser::FileContext* tree = nullptr;
    try {
        if (!syntax_internal::CheckTokens(tokens, sink, options.max_nesting)) return result;
        // Fast path: SLL prediction, bail at the first error. Only a file with an error pays
        // for the second, full-LL parse with recovery, whose errors are the ones reported.
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
            antlr4::atn::PredictionMode::SLL);
        parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
        try {
            tree = parser.file();
        } catch (const antlr4::ParseCancellationException&) {
            result.sll_fallback = true;
            syntax_internal::RepairSlips(tokens, sink);
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
                antlr4::atn::PredictionMode::LL);
            parser.setErrorHandler(std::make_shared<syntax_internal::FriendlyErrorStrategy>(sink));
            tree = parser.file();
        }
        // Lexical errors were repaired in the token stream, so the tree is whole unless the
        // parser itself had to recover.
        if (tree != nullptr && sink.syntax_errors() == 0) {
            // CheckTokens bounds what users see as nesting (brackets and prefix operators). The
            // builder counts every block, statement and expression it recurses through, up to
            // about three per bracket; its own limit is only a stack guard behind that check.
            syntax_internal::AstBuilder builder(sink, tokens, options.max_nesting * 4);
            result.file = builder.BuildFile(tree);
        }
    } catch (const antlr4::ParseCancellationException&) {
        // The per-file error cap was reached; what was reported stands.
    }
    result.ok = sink.count() == 0 && sink.syntax_errors() == 0;
    return result;
}

}  // namespace

ParseResult ParseFile(const SourceFile& source, DiagnosticEngine& diags,
                      const ParseOptions& options) {
    if (!CheckBytes(source, diags, options))
        return ParseResult{ast::File{source.id(), {}, {}, {}}, false};
    // An empty file is a valid one with nothing in it (an incremental build reads every
    // unchanged file as empty).
    if (source.text().empty()) return ParseResult{ast::File{source.id(), {}, {}, {}}, true};
    try {
        return ParseChecked(source, diags, options);
    } catch (const std::exception& e) {
        diags.Report(MakeDiagnostic(Code::kInternalError, Span{source.id(), 0, 0},
                                    fmt::format("internal error while parsing: {}", e.what()))
                         .WithNote("this is a bug in flowc; please report it with this file"));
    } catch (...) {
        // ANTLR 4.9 has been known to throw non-std exceptions.
        diags.Report(MakeDiagnostic(Code::kInternalError, Span{source.id(), 0, 0},
                                    "internal error while parsing: unknown exception")
                         .WithNote("this is a bug in flowc; please report it with this file"));
    }
    return ParseResult{ast::File{source.id(), {}, {}, {}}, false};
}

}  // namespace flowc
