// Where source bytes come from: the disk, or memory (tests). Import resolution is written
// once against this interface (protobuf's SourceTree, jsonnet's import callback).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace flowc {

struct ReadOutcome {
    std::optional<std::string> text;  // set on success
    std::string error;                // why not, e.g. "no such file or directory"
    std::optional<std::string> help;
    bool too_large = false;
    std::uint64_t size = 0;
};

class SourceLoader {
  public:
    virtual ~SourceLoader() = default;
    // A key that is equal for every path naming the same file; nullopt when there is no
    // regular file (or, for the disk, anything else that exists) at `path`.
    virtual std::optional<std::string> Identity(const std::string& path) const = 0;
    virtual ReadOutcome Read(const std::string& path, std::uint64_t max_bytes) const = 0;
};

// Canonical paths via the file system; symlinks resolved, FIFOs and devices refused.
class DiskLoader final : public SourceLoader {
  public:
    std::optional<std::string> Identity(const std::string& path) const override;
    ReadOutcome Read(const std::string& path, std::uint64_t max_bytes) const override;
};

// Files held in memory, keyed by normalised relative path.
class InMemoryLoader final : public SourceLoader {
  public:
    void Add(const std::string& path, std::string text);
    std::optional<std::string> Identity(const std::string& path) const override;
    ReadOutcome Read(const std::string& path, std::uint64_t max_bytes) const override;

  private:
    std::map<std::string, std::string> files_;
};

}  // namespace flowc
