// Fuzz targets: each takes arbitrary bytes and runs a part of flowc on them. An internal
// error (a diagnostic that says "this is a bug") or a broken invariant aborts, so that the
// fuzzer counts it as a crash. Built twice: as libFuzzer binaries with clang
// (-DFLOWC_FUZZ=ON) and, always, into the ctest that replays tests/fuzz-regressions/.
#pragma once

#include <cstddef>
#include <cstdint>

namespace flowc::fuzz {

// bytes -> UTF-8 guard -> lexer -> parser -> AST
int Parse(const std::uint8_t* data, std::size_t size);
// bytes split into virtual files on "\n// --- " -> imports, resolution and every check
int Check(const std::uint8_t* data, std::size_t size);
// inputs that check cleanly -> both backends; output must parse back and be identical when
// generated twice
int Build(const std::uint8_t* data, std::size_t size);
// the deploy step's readers of untrusted text: the first byte picks one (token, listing page,
// flow, job upload target, job status, error body, body snippet, Retry-After, dotenv file);
// each must give a value or an error, never both or neither
int Deploy(const std::uint8_t* data, std::size_t size);

}  // namespace flowc::fuzz
