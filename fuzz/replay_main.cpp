// Replays every file under tests/fuzz-regressions/<target>/ (crashes found by fuzzing, kept
// after the fix) and the seed corpus through the fuzz targets, in an ordinary build, so CI
// guards them without clang. Prints "N passed, 0 failed"; a crash aborts the test.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "targets.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR...\n", argv[0]);
        return 64;
    }
    using Target = int (*)(const std::uint8_t*, std::size_t);
    const std::map<std::string, Target> targets = {{"parse", flowc::fuzz::Parse},
                                                   {"check", flowc::fuzz::Check},
                                                   {"build", flowc::fuzz::Build},
                                                   {"deploy", flowc::fuzz::Deploy}};
    std::size_t passed = 0;
    for (int i = 1; i < argc; ++i) {
        fs::path root = argv[i];
        std::vector<fs::path> files;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& file : files) {
            std::ifstream in(file, std::ios::binary);
            std::stringstream buffer;
            buffer << in.rdbuf();
            std::string bytes = buffer.str();
            // A file under <target>/ replays through that target; anything else through all.
            std::string parent = file.parent_path().filename().string();
            for (const auto& [name, run] : targets) {
                if (targets.count(parent) && parent != name) continue;
                run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            }
            ++passed;
        }
    }
    std::printf("%zu passed, 0 failed\n", passed);
    return 0;
}
