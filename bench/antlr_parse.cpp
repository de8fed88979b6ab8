// flowc_antlr_parse PATH...: lexes and parses every *.flow file below PATH with the generated
// ANTLR parser in SLL mode, one file at a time, and prints files, bytes and tokens. This is
// the "bare ANTLR" of docs/performance.md: what any ANTLR-based front end must pay at least.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "FlowLexer.h"
#include "FlowParser.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        if (fs::is_directory(argv[i])) {
            for (const auto& entry : fs::recursive_directory_iterator(argv[i]))
                if (entry.path().extension() == ".flow") files.push_back(entry.path());
        } else {
            files.push_back(argv[i]);
        }
    }
    std::sort(files.begin(), files.end());
    std::size_t bytes = 0, tokens_seen = 0, failed = 0;
    for (const fs::path& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        std::string source = text.str();
        bytes += source.size();
        antlr4::ANTLRInputStream input(source.data(), source.size());
        flowc_grammar::FlowLexer lexer(&input);
        lexer.removeErrorListeners();
        antlr4::CommonTokenStream tokens(&lexer);
        tokens.fill();
        tokens_seen += tokens.size();
        flowc_grammar::FlowParser parser(&tokens);
        parser.removeErrorListeners();
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
            antlr4::atn::PredictionMode::SLL);
        parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
        try {
            parser.file();
        } catch (const antlr4::ParseCancellationException&) {
            ++failed;
        }
    }
    std::cout << files.size() << " files, " << bytes << " bytes, " << tokens_seen << " tokens, "
              << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
