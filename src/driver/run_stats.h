// `--stats`: where one run's time went, which the CLI prints on stderr after the
// diagnostics, one `name: value` line each so that scripts (bench/run) can read it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "load/load.h"

namespace flowc {

class RunStats {
  public:
    explicit RunStats(bool enabled);

    bool enabled() const { return enabled_; }
    // Handed to the loader; nullptr when disabled, so that it does no timing at all.
    LoadStats* load() { return enabled_ ? &load_ : nullptr; }
    // Ends the phase that began at the previous Lap (or at construction).
    void Lap(std::string phase);
    void Count(std::string name, std::uint64_t value);
    // The report, from the first phase to the last Lap; empty when disabled.
    std::string Text() const;

  private:
    bool enabled_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
    LoadStats load_;
    struct Phase {
        std::string name;
        double seconds;
        std::uint64_t rss_kib;  // resident memory when the phase ended
    };
    std::vector<Phase> phases_;
    std::vector<std::pair<std::string, std::uint64_t>> counts_;
};

}  // namespace flowc
