#include "load/source_loader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace flowc {
namespace {

namespace fs = std::filesystem;

std::string Normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

}  // namespace

std::optional<std::string> DiskLoader::Identity(const std::string& path) const {
    std::error_code ec;
    if (!fs::exists(path, ec) || ec) return std::nullopt;
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? Normal(path) : canonical.string();
}

ReadOutcome DiskLoader::Read(const std::string& path, std::uint64_t max_bytes) const {
    ReadOutcome out;
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        out.error = "no such file or directory";
        return out;
    }
    if (fs::is_directory(status)) {
        out.error = "it is a directory";
        return out;
    }
    if (!fs::is_regular_file(status)) {
        out.error = "not a regular file (a FIFO, socket or device)";
        out.help = "flowc reads `.flow` source files only";
        return out;
    }
    out.size = fs::file_size(path, ec);
    if (!ec && out.size > max_bytes) {
        out.too_large = true;
        return out;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        out.error = std::strerror(errno);
        return out;
    }
    std::string text(static_cast<std::size_t>(out.size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad() || static_cast<std::uint64_t>(in.gcount()) != out.size) {
        out.error = "read failed or the file changed while being read";
        return out;
    }
    out.text = std::move(text);
    return out;
}

void InMemoryLoader::Add(const std::string& path, std::string text) {
    files_[Normal(path)] = std::move(text);
}

std::optional<std::string> InMemoryLoader::Identity(const std::string& path) const {
    std::string key = Normal(path);
    return files_.count(key) ? std::optional<std::string>(key) : std::nullopt;
}

ReadOutcome InMemoryLoader::Read(const std::string& path, std::uint64_t max_bytes) const {
    ReadOutcome out;
    auto it = files_.find(Normal(path));
    if (it == files_.end()) {
        out.error = "no such file or directory";
        return out;
    }
    out.size = it->second.size();
    if (out.size > max_bytes) {
        out.too_large = true;
        return out;
    }
    out.text = it->second;
    return out;
}

}  // namespace flowc
