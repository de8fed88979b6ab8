// The manifest's text cut where Manifest::Write() lays out its entries, without a parse.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace flowc::backend {

// The hash of every flow file, by file name; nullopt unless `text` is laid out as Write()
// lays it out.
std::optional<std::map<std::string, std::string>> ScanFileHashes(std::string_view text);

}  // namespace flowc::backend
