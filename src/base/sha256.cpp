#include "base/sha256.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <memory>
#include <stdexcept>

namespace flowc {

namespace {

std::string Hex(const unsigned char* digest, unsigned int length) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 15];
    }
    return out;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
        1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return Hex(digest.data(), length);
}

std::optional<std::string> Sha256HexOfSource(const std::string& path) {
    // O_NONBLOCK: a FIFO put where a source was must not hang the build (it is refused below).
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ctx &&
              EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) == 1;
    std::array<char, 65536> buffer;
    bool first = true;
    while (ok) {
        ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
        // What the build read: SourceManager drops a leading byte-order mark.
        if (first && chunk.starts_with("\xEF\xBB\xBF")) chunk.remove_prefix(3);
        first = false;
        ok = EVP_DigestUpdate(ctx.get(), chunk.data(), chunk.size()) == 1;
    }
    ::close(fd);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (!ok || EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) return std::nullopt;
    return Hex(digest.data(), length);
}

}  // namespace flowc
