// Google Benchmark of flowc's phases one at a time, over the .flow files below
// $FLOWC_BENCH_CORPUS (bench/run points it at a generated project). Each benchmark's input
// is prepared once, outside the timed loop; bytes/s are source bytes.
//   UTF-8 check + lex, lex + SLL parse (no AST), ParseFile (lex, parse and AST), check,
//   lower, generate (genesys-json, in memory), write (atomic commit to a directory).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "FlowLexer.h"
#include "FlowParser.h"
#include "backend/registry.h"
#include "base/utf8.h"
#include "driver/internal/output_dir.h"
#include "load/load.h"
#include "lower/lower.h"
#include "sema/check.h"
#include "syntax/parse.h"

namespace fs = std::filesystem;
using namespace flowc;

namespace {

struct Corpus {
    std::vector<std::string> paths;
    std::vector<std::string> texts;
    std::int64_t bytes = 0;
};

const Corpus& TheCorpus() {
    static const Corpus corpus = [] {
        Corpus c;
        const char* dir = std::getenv("FLOWC_BENCH_CORPUS");
        if (dir == nullptr || !fs::is_directory(dir)) {
            std::fprintf(stderr,
                         "set FLOWC_BENCH_CORPUS to a directory of .flow files "
                         "(bench/gen.py makes one)\n");
            std::exit(78);
        }
        for (const auto& entry : fs::recursive_directory_iterator(dir))
            if (entry.path().extension() == ".flow") c.paths.push_back(entry.path().string());
        std::sort(c.paths.begin(), c.paths.end());
        for (const std::string& path : c.paths) {
            std::ifstream in(path, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            c.texts.push_back(text.str());
            c.bytes += static_cast<std::int64_t>(c.texts.back().size());
        }
        return c;
    }();
    return corpus;
}

// The whole pipeline up to a phase, kept alive for the phases after it.
struct Loaded {
    SourceManager sources;
    DiagnosticEngine diags;
    ast::Program program;
    std::optional<sema::Model> model;
    std::optional<lower::FlowGraph> graph;
    backend::MemorySink output;
};

Loaded& TheLoaded() {
    static Loaded* loaded = [] {
        auto* l = new Loaded;
        DiskLoader loader;
        l->program = LoadProgram(TheCorpus().paths, loader, l->sources, l->diags, LoadOptions{});
        l->model = sema::Check(l->program, l->diags);
        if (!l->model) std::exit(1);
        l->graph = lower::Lower(*l->model);
        backend::GenerateAll(*l->graph, backend::kDefaultTarget, l->output, l->diags);
        return l;
    }();
    return *loaded;
}

void Utf8AndLex(benchmark::State& state) {
    const Corpus& corpus = TheCorpus();
    for (auto _ : state) {
        for (const std::string& text : corpus.texts) {
            benchmark::DoNotOptimize(FindInvalidUtf8(text));
            antlr4::ANTLRInputStream input(text.data(), text.size());
            flowc_grammar::FlowLexer lexer(&input);
            antlr4::CommonTokenStream tokens(&lexer);
            tokens.fill();
            benchmark::DoNotOptimize(tokens.size());
        }
    }
    state.SetBytesProcessed(state.iterations() * corpus.bytes);
}

void LexAndSllParse(benchmark::State& state) {
    const Corpus& corpus = TheCorpus();
    for (auto _ : state) {
        for (const std::string& text : corpus.texts) {
            antlr4::ANTLRInputStream input(text.data(), text.size());
            flowc_grammar::FlowLexer lexer(&input);
            antlr4::CommonTokenStream tokens(&lexer);
            flowc_grammar::FlowParser parser(&tokens);
            parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
                antlr4::atn::PredictionMode::SLL);
            benchmark::DoNotOptimize(parser.file());
        }
    }
    state.SetBytesProcessed(state.iterations() * corpus.bytes);
}

void ParseToAst(benchmark::State& state) {
    const Corpus& corpus = TheCorpus();
    for (auto _ : state) {
        SourceManager sources;
        DiagnosticEngine diags;
        for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
            FileId id = sources.Add(corpus.paths[i], corpus.texts[i]);
            benchmark::DoNotOptimize(ParseFile(sources.Get(id), diags));
        }
    }
    state.SetBytesProcessed(state.iterations() * corpus.bytes);
}

void Check(benchmark::State& state) {
    Loaded& loaded = TheLoaded();
    for (auto _ : state) {
        DiagnosticEngine diags;
        benchmark::DoNotOptimize(sema::Check(loaded.program, diags));
    }
    state.SetBytesProcessed(state.iterations() * TheCorpus().bytes);
}

void Lower(benchmark::State& state) {
    Loaded& loaded = TheLoaded();
    for (auto _ : state) benchmark::DoNotOptimize(lower::Lower(*loaded.model));
    state.SetBytesProcessed(state.iterations() * TheCorpus().bytes);
}

void Generate(benchmark::State& state) {
    Loaded& loaded = TheLoaded();
    for (auto _ : state) {
        backend::MemorySink sink;
        DiagnosticEngine diags;
        backend::GenerateAll(*loaded.graph, backend::kDefaultTarget, sink, diags);
        benchmark::DoNotOptimize(sink.files().size());
    }
    state.SetBytesProcessed(state.iterations() * TheCorpus().bytes);
}

void Write(benchmark::State& state) {
    Loaded& loaded = TheLoaded();
    fs::path dir = fs::temp_directory_path() / "flowc-phases-benchmark-out";
    fs::remove_all(dir);
    int round = 0;
    for (auto _ : state) {
        // Alternate two contents so that every round really writes (unchanged files may be
        // skipped by the writer).
        auto files = loaded.output.files();
        if (++round % 2 == 0) {
            for (auto& file : files) file.second += "\n";
        }
        DiagnosticEngine diags;
        StagedDirectory staged(dir.string(), {}, diags);
        for (auto& [name, bytes] : files) staged.Write(name, std::move(bytes));
        benchmark::DoNotOptimize(CommitAll({&staged}, nullptr, nullptr));
    }
    state.SetBytesProcessed(state.iterations() * TheCorpus().bytes);
    fs::remove_all(dir);
}

}  // namespace

BENCHMARK(Utf8AndLex)->Unit(benchmark::kMillisecond);
BENCHMARK(LexAndSllParse)->Unit(benchmark::kMillisecond);
BENCHMARK(ParseToAst)->Unit(benchmark::kMillisecond);
BENCHMARK(Check)->Unit(benchmark::kMillisecond);
BENCHMARK(Lower)->Unit(benchmark::kMillisecond);
BENCHMARK(Generate)->Unit(benchmark::kMillisecond);
BENCHMARK(Write)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
