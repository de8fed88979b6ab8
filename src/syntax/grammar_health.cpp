#include "syntax/grammar_health.h"

#include "FlowLexer.h"
#include "FlowParser.h"

namespace flowc {
namespace {

class CountingListener : public antlr4::BaseErrorListener {
  public:
    explicit CountingListener(GrammarHealth& health) : health_(health) {}
    std::size_t errors = 0;

    void syntaxError(antlr4::Recognizer*, antlr4::Token*, size_t, size_t, const std::string&,
                     std::exception_ptr) override {
        ++errors;
    }
    void reportAmbiguity(antlr4::Parser*, const antlr4::dfa::DFA&, size_t, size_t, bool,
                         const antlrcpp::BitSet&, antlr4::atn::ATNConfigSet*) override {
        ++health_.ambiguities;
    }
    void reportAttemptingFullContext(antlr4::Parser*, const antlr4::dfa::DFA&, size_t, size_t,
                                     const antlrcpp::BitSet&, antlr4::atn::ATNConfigSet*) override {
        ++health_.full_context_attempts;
    }
    void reportContextSensitivity(antlr4::Parser*, const antlr4::dfa::DFA&, size_t, size_t, size_t,
                                  antlr4::atn::ATNConfigSet*) override {
        ++health_.context_sensitivities;
    }

  private:
    GrammarHealth& health_;
};

}  // namespace

GrammarHealth MeasureGrammarHealth(const SourceFile& source) {
    using flowc_grammar::FlowLexer;
    using flowc_grammar::FlowParser;
    GrammarHealth health;
    antlr4::ANTLRInputStream input(source.text().data(), source.text().size());
    FlowLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();

    FlowParser parser(&tokens);
    parser.removeErrorListeners();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
        parser.file();
        health.sll_ok = true;
    } catch (const antlr4::ParseCancellationException&) {
    }

    tokens.seek(0);
    parser.reset();
    CountingListener listener(health);
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL_EXACT_AMBIG_DETECTION);
    parser.file();
    health.ll_ok = listener.errors == 0;
    return health;
}

}  // namespace flowc
