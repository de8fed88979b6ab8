// Process exit codes, shared by every command (sysexits.h where one fits).
#pragma once

namespace flowc {

// Exit codes (sysexits.h where one fits); documented in `flowc --help` and README.md.
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kInputErrors = 1;
inline constexpr int kChangesPending = 2;
inline constexpr int kUsage = 64;
inline constexpr int kNoInput = 66;
inline constexpr int kInternal = 70;
inline constexpr int kCannotCreate = 73;
inline constexpr int kIoError = 74;
inline constexpr int kTransient = 75;
inline constexpr int kNotAuthorised = 77;
inline constexpr int kConfig = 78;
}  // namespace exit_code

}  // namespace flowc
