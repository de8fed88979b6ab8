#include <openssl/evp.h>

#include <array>
#include <cctype>
#include <stdexcept>

#include "backend/backend.h"

namespace flowc::backend {

std::string Sha256Hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
        1) {
        throw std::runtime_error("SHA-256 failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 15];
    }
    return out;
}

std::string SafeFileStem(std::string_view identifier) {
    std::string stem(identifier);
    std::string upper;
    for (char c : stem) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    static constexpr std::array<std::string_view, 6> kReserved = {"CON", "PRN",    "AUX",
                                                                  "NUL", "CLOCK$", "CONIN$"};
    bool reserved = false;
    for (std::string_view name : kReserved) reserved |= upper == name;
    if (upper.size() == 4 && (upper.rfind("COM", 0) == 0 || upper.rfind("LPT", 0) == 0) &&
        std::isdigit(static_cast<unsigned char>(upper[3]))) {
        reserved = true;
    }
    return reserved ? stem + "_" : stem;
}

}  // namespace flowc::backend
