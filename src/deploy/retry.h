// Waiting policy for transient faults: Retry-After for 429, exponential backoff with full
// jitter for the rest, all scaled by FLOWC_DEPLOY_TIME_SCALE (tests run with a small scale).
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace flowc::deploy {

struct RetryPolicy {
    double time_scale = 1.0;    // multiplies every wait; FLOWC_DEPLOY_TIME_SCALE
    int max_attempts = 6;       // per request, for 5xx and connection faults
    int max_rate_limited = 12;  // per request, for 429
    double min_backoff_seconds = 1;
    double max_backoff_seconds = 30;
};

// Seconds to wait from a Retry-After header: an integer, or an HTTP date relative to `now`.
// nullopt when the value is neither.
std::optional<double> ParseRetryAfter(std::string_view value,
                                      std::chrono::system_clock::time_point now);

// Full jitter (AWS architecture blog): uniform in [min, min(max, min * 2^attempt)], unscaled.
double BackoffSeconds(const RetryPolicy& policy, int attempt, std::mt19937_64& random);

}  // namespace flowc::deploy
