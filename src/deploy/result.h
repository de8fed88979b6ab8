// The one error type of deploy: every parser, loader and platform call returns a Result<T>,
// the value or a Failure (a kind that chooses the diagnostic code and exit code, a message
// and a help). A small std::expected for C++20.
//
// Why one Failure with more kinds, not a sibling type per layer: what deploy does with any
// failure is the same (report it as one diagnostic whose code the kind picks), so a second
// type would only add a conversion at each boundary. A parser says what was wrong with a body
// (kBadResponse, the message without the call), and PlatformClient wraps that into the
// failure naming the call; a loader's message is the one reported, so nothing is lost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace flowc::deploy {

enum class FailureKind : std::uint8_t {
    kAuth,             // credentials refused, token expired and not renewable (77)
    kPermission,       // 403 (77)
    kLocked,           // 409 (1)
    kRejected,         // any other 4xx, a failed publish job: the platform said no (1)
    kBadResponse,      // a body flowc cannot read (75)
    kTransient,        // gave up after retries or at the deadline (75)
    kTls,              // certificate problem (78)
    kJobTimeout,       // a publish job still running at --poll-timeout (75)
    kConfig,           // the environment, dotenv file, `--api-base` or `--ca-bundle` (78)
    kStateUnreadable,  // the state file cannot be read or is not one: a warning, deploy goes on
    kStateUnwritable,  // the state file can never be (or could not be) written (74)
    kInternal,         // the build's bundle is malformed: flowc's own bug (70)
};

struct Failure {
    FailureKind kind;
    std::string message;
    std::string help;
    long status = 0;
    std::vector<std::string> notes = {};  // what the platform said besides (a job's messages)
};

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
    Result(Failure failure)                                                // NOLINT: implicit
        : state_(std::in_place_index<1>, std::move(failure)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Only on a result that is ok() / is not.
    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Failure& failure() const { return std::get<1>(state_); }

  private:
    std::variant<T, Failure> state_;
};

// Success carries nothing: `return {};`.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Failure failure) : failure_(std::move(failure)) {}  // NOLINT: implicit

    bool ok() const { return !failure_; }
    explicit operator bool() const { return ok(); }
    const Failure& failure() const { return *failure_; }

  private:
    std::optional<Failure> failure_;
};

}  // namespace flowc::deploy
