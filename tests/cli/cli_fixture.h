// The fixture of the tests that run the real `flowc` binary: a scratch directory per test,
// files written into it, and flowc run there with its own build cache.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace flowc::testing {

namespace fs = std::filesystem;

struct Result {
    int exit_code;
    std::string out;
    std::string err;
};

class Cli : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("flowc_cli_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string Write(const std::string& name, const std::string& text) {
        fs::path path = dir_ / name;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }

    static std::string Slurp(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }

    // Runs flowc in the test directory with stdin closed, NO_COLOR unset and a build cache of
    // its own.
    Result Flowc(const std::string& args, const std::string& env = "") {
        std::string command = "cd '" + dir_.string() + "' && env -u NO_COLOR " + env +
                              " FLOWC_CACHE_DIR='" + (dir_ / ".cache").string() +
                              "' '" FLOWC_BINARY "' " + args +
                              " >stdout.txt 2>stderr.txt </dev/null";
        int status = std::system(command.c_str());
        Result run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(dir_ / "stdout.txt"),
                   Slurp(dir_ / "stderr.txt")};
        fs::remove(dir_ / "stdout.txt");
        fs::remove(dir_ / "stderr.txt");
        return run;
    }

    fs::path dir_;
};

}  // namespace flowc::testing
