// SHA-256 content hashes (OpenSSL's libcrypto): the manifest's per-file hashes, the build
// cache's source hashes and its record names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowc {

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// The SHA-256 of a source file as a build reads it (a leading byte-order mark dropped),
// streamed from the disk; nullopt when it is not a readable regular file.
std::optional<std::string> Sha256HexOfSource(const std::string& path);

}  // namespace flowc
