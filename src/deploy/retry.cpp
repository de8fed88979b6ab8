#include "deploy/retry.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <string>

namespace flowc::deploy {

std::optional<double> ParseRetryAfter(std::string_view value,
                                      std::chrono::system_clock::time_point now) {
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        if (value.size() > 9) return 1e9;  // absurd, but a number: the deadline will refuse it
        return std::stod(std::string(value));
    }
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110 section 5.6.7).
    std::tm tm{};
    std::string text(value);
    const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0') return std::nullopt;
    std::time_t when = timegm(&tm);
    double seconds = std::difftime(when, std::chrono::system_clock::to_time_t(now));
    return std::max(0.0, seconds);
}

double BackoffSeconds(const RetryPolicy& policy, int attempt, std::mt19937_64& random) {
    double ceiling = policy.min_backoff_seconds * std::pow(2.0, std::min(attempt, 30));
    ceiling = std::clamp(ceiling, policy.min_backoff_seconds, policy.max_backoff_seconds);
    std::uniform_real_distribution<double> jitter(policy.min_backoff_seconds, ceiling);
    return jitter(random);
}

}  // namespace flowc::deploy
