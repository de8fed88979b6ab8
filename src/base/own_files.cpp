#include "base/own_files.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace flowc {

std::string KindOfFile(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISLNK(mode)) return "a symbolic link";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    return "a special file";
}

bool WriteAllTo(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool WriteAllAndClose(int fd, const std::string& bytes, bool sync) {
    bool ok = WriteAllTo(fd, bytes) && (!sync || ::fsync(fd) == 0);
    int first_error = errno;
    if (::close(fd) != 0 && ok) return false;  // errno: close's
    if (!ok) errno = first_error;
    return ok;
}

namespace {

std::string RandomSuffix() {
    static constexpr char kAlphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::array<unsigned char, 12> random{};
    std::size_t got = 0;
    while (got < random.size()) {
        ssize_t n = ::getrandom(random.data() + got, random.size() - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got < random.size()) {
        // No entropy source: the name is still unique among flowc's own (pid and a counter),
        // and O_EXCL keeps a planted name from being followed.
        static unsigned counter = 0;
        unsigned value = static_cast<unsigned>(::getpid()) * 2654435761u + ++counter;
        for (unsigned char& byte : random) {
            value = value * 1103515245u + 12345u;
            byte = static_cast<unsigned char>(value >> 16);
        }
    }
    std::string suffix;
    for (unsigned char byte : random) suffix += kAlphabet[byte % (sizeof(kAlphabet) - 1)];
    return suffix;
}

}  // namespace

OwnFileRead ReadOwnFile(const std::string& path, std::size_t max_bytes) {
    OwnFileRead result;
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        result.outcome = errno == ENOENT ? OwnFileOutcome::kMissing : OwnFileOutcome::kError;
        result.reason = std::strerror(errno);
        if (errno == ENOENT) result.reason = "no such file";
        return result;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        result.reason = std::strerror(errno);
        ::close(fd);
        return result;
    }
    if (!S_ISREG(st.st_mode)) {
        result.outcome = OwnFileOutcome::kNotRegular;
        result.reason = "is " + KindOfFile(st.st_mode) + ", not a regular file";
        ::close(fd);
        return result;
    }
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        result.outcome = OwnFileOutcome::kTooLarge;
        result.reason = "is larger than " + std::to_string(max_bytes) + " bytes";
        ::close(fd);
        return result;
    }
    // A regular file cannot block; clear O_NONBLOCK anyway so that reads behave as usual.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(st.st_size));
    std::array<char, 65536> buffer;
    for (;;) {
        ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            result.reason = std::strerror(errno);
            ::close(fd);
            return result;
        }
        if (n == 0) break;
        // The file may grow while it is read: the cap holds for what is read, too.
        if (bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
            result.outcome = OwnFileOutcome::kTooLarge;
            result.reason = "is larger than " + std::to_string(max_bytes) + " bytes";
            ::close(fd);
            return result;
        }
        bytes.append(buffer.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    result.outcome = OwnFileOutcome::kOk;
    result.bytes = std::move(bytes);
    return result;
}

int CreateTemporaryBeside(const std::string& final_path, std::string& temporary) {
    std::filesystem::path final(final_path);
    std::filesystem::path dir = final.parent_path();
    std::string name = final.filename().string();
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::filesystem::path candidate = dir / ("." + name + kTemporaryMarker + RandomSuffix());
        // O_EXCL|O_NOFOLLOW: never opens an existing file or follows a planted link.
        int fd =
            ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            temporary = candidate.string();
            return fd;
        }
        if (errno != EEXIST) return -1;
    }
    errno = EEXIST;
    return -1;
}

bool WriteOwnFile(const std::string& path, const std::string& bytes, SpecialTarget special,
                  std::string& error) {
    struct stat st {};
    bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        error = "cannot write `" + path + "`: it is a directory";
        return false;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        if (special == SpecialTarget::kRefuse) {
            error = "cannot write `" + path + "`: it is " + KindOfFile(st.st_mode) +
                    ", not a regular file";
            return false;
        }
        // A device or FIFO is written into, never renamed over (that would replace
        // /dev/stdout with a regular file).
        int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            error = "cannot write `" + path + "`: " + std::strerror(errno);
            return false;
        }
        if (!WriteAllAndClose(fd, bytes, /*sync=*/false)) {
            error = "cannot write `" + path + "`: " + std::strerror(errno);
            return false;
        }
        return true;
    }
    std::string temporary;
    int fd = CreateTemporaryBeside(path, temporary);
    if (fd < 0) {
        error = "cannot write `" + path + "`: " + std::strerror(errno);
        return false;
    }
    bool ok = WriteAllAndClose(fd, bytes, /*sync=*/true);
    int saved = errno;
    if (ok && ::rename(temporary.c_str(), path.c_str()) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        ::unlink(temporary.c_str());
        error = "cannot write `" + path + "`: " + std::strerror(saved);
        return false;
    }
    return true;
}

}  // namespace flowc
