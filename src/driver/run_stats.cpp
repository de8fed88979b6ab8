#include "driver/run_stats.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

namespace flowc {

RunStats::RunStats(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

namespace {

// Resident memory now, in KiB (/proc/self/statm counts pages).
std::uint64_t CurrentRssKiB() {
    std::FILE* statm = std::fopen("/proc/self/statm", "r");
    if (statm == nullptr) return 0;
    unsigned long long size = 0;
    unsigned long long resident = 0;
    int read = std::fscanf(statm, "%llu %llu", &size, &resident);
    std::fclose(statm);
    return read == 2 ? resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)) / 1024 : 0;
}

}  // namespace

void RunStats::Lap(std::string phase) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    phases_.push_back(
        {std::move(phase), std::chrono::duration<double>(now - last_).count(), CurrentRssKiB()});
    last_ = now;
}

void RunStats::Count(std::string name, std::uint64_t value) {
    if (enabled_) counts_.emplace_back(std::move(name), value);
}

std::string RunStats::Text() const {
    if (!enabled_) return {};
    std::string out = "flowc stats:\n";
    out += fmt::format("  files: {}\n  source bytes: {}\n  sll fallbacks: {}\n", load_.files,
                       load_.bytes, load_.sll_fallbacks);
    for (const auto& [name, value] : counts_) out += fmt::format("  {}: {}\n", name, value);
    for (const auto& [name, seconds, rss] : phases_) {
        out += fmt::format("  rss after {}: {} KiB\n", name, rss);
    }
    for (const auto& [name, seconds, rss] : phases_) {
        if (name == "load") {
            // Reading and parsing interleave file by file inside loading; split them out.
            out += fmt::format("  time read: {:.3f} s\n", load_.read_seconds);
            out += fmt::format("  time parse: {:.3f} s\n", load_.parse_seconds);
            out += fmt::format("  time resolve imports: {:.3f} s\n",
                               std::max(0.0, seconds - load_.read_seconds - load_.parse_seconds));
        } else {
            out += fmt::format("  time {}: {:.3f} s\n", name, seconds);
        }
    }
    out += fmt::format("  time total: {:.3f} s\n",
                       std::chrono::duration<double>(last_ - start_).count());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    out += fmt::format("  cpu: {:.3f} s\n",
                       usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6);
    out += fmt::format("  peak rss: {} KiB\n", usage.ru_maxrss);
    return out;
}

}  // namespace flowc
