#include "load/source_loader.h"

#include <fcntl.h>
#include <unistd.h>

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
    if (!fs::exists(path, ec) || ec) {
        // A link that cannot be followed (a loop, a dangling target) is still a file the user
        // named: found here, so that reading it reports why it cannot be read.
        std::error_code link_ec;
        if (fs::is_symlink(fs::symlink_status(path, link_ec))) return Normal(path);
        return std::nullopt;
    }
    fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? Normal(path) : canonical.string();
}

ReadOutcome DiskLoader::Read(const std::string& path, std::uint64_t max_bytes) const {
    ReadOutcome out;
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        out.error = ec.message();
        return out;
    }
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
    // Read to the end rather than trusting the size: files in /proc report 0 bytes, and a
    // file may grow while it is read. The cap holds either way.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        out.error = std::strerror(errno);
        return out;
    }
    std::string text;
    char buffer[65536];
    while (true) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            out.error = std::strerror(errno);
            ::close(fd);
            return out;
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > max_bytes) {
            out.size = text.size();
            out.too_large = true;
            ::close(fd);
            return out;
        }
    }
    ::close(fd);
    out.size = text.size();
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
