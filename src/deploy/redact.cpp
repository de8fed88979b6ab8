#include "deploy/redact.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "deploy/http.h"

namespace flowc::deploy {
namespace {

// The length of the valid UTF-8 sequence at `at` with its code point, or 0 when the bytes
// there are not one (stray continuation, overlong, surrogate, beyond U+10FFFF, cut short).
std::size_t DecodeUtf8(std::string_view text, std::size_t at, char32_t& code_point) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(at);
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || at + length > text.size()) return 0;
    char32_t value = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return 0;
        value = (value << 6) | (byte(at + i) & 0x3F);
    }
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    code_point = value;
    return length;
}

bool IsReordering(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string Replaced(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string LowerHex(std::string encoded) {
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '%') continue;
        for (std::size_t j = i + 1; j < encoded.size() && j <= i + 2; ++j) {
            if (encoded[j] >= 'A' && encoded[j] <= 'F')
                encoded[j] = static_cast<char>(encoded[j] + 32);
        }
    }
    return encoded;
}

std::string Unpadded(std::string base64) {
    while (!base64.empty() && base64.back() == '=') base64.pop_back();
    return base64;
}

}  // namespace

std::string PrintableText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if (byte < 0x20 || byte == 0x7F) {
                out += fmt::format("\\x{:02x}", byte);
            } else {
                out += static_cast<char>(byte);
            }
            ++i;
            continue;
        }
        char32_t code_point = 0;
        std::size_t length = DecodeUtf8(text, i, code_point);
        if (length == 0) {
            out += fmt::format("\\x{:02x}", byte);
            ++i;
        } else if (code_point <= 0x9F || IsReordering(code_point)) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(code_point));
            i += length;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

void Redactor::AddForm(std::string form) {
    if (form.size() < kMinLength || form.find(kMarker) != std::string::npos) return;
    if (std::find(forms_.begin(), forms_.end(), form) != forms_.end()) return;
    forms_.push_back(std::move(form));
    std::stable_sort(forms_.begin(), forms_.end(), [](const std::string& a, const std::string& b) {
        return a.size() > b.size();
    });
}

void Redactor::AddSecret(std::string_view secret) {
    if (secret.size() < kMinLength) return;
    std::string raw(secret);
    if (std::find(secrets_.begin(), secrets_.end(), raw) == secrets_.end()) {
        secrets_.push_back(raw);
    }
    std::string json =
        nlohmann::json(raw).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    json = json.substr(1, json.size() - 2);
    std::string percent = PercentEncode(raw);
    for (std::string form :
         {raw, json, Replaced(json, "/", "\\/"), percent, LowerHex(percent),
          Replaced(percent, "%20", "+"), PrintableText(raw), PrintableText(json)}) {
        AddForm(std::move(form));
    }
}

void Redactor::AddClientPair(std::string_view id, std::string_view secret) {
    AddSecret(secret);
    if (secret.size() < kMinLength) return;
    std::string pair = std::string(id) + ":" + std::string(secret);
    std::string encoded_pair = PercentEncode(id) + ":" + PercentEncode(secret);
    for (const std::string& credential : {pair, encoded_pair}) {
        // Unpadded: a padded credential contains it, and a server may drop the padding.
        std::string standard = Unpadded(Base64(credential));
        std::string url_safe = standard;
        std::replace(url_safe.begin(), url_safe.end(), '+', '-');
        std::replace(url_safe.begin(), url_safe.end(), '/', '_');
        std::string percent = PercentEncode(standard);
        for (std::string form :
             {standard, url_safe, Replaced(standard, "/", "\\/"), percent, LowerHex(percent)}) {
            AddForm(std::move(form));
        }
    }
}

std::string Redactor::Redact(std::string text) const {
    for (const std::string& form : forms_) text = Replaced(std::move(text), form, kMarker);
    return text;
}

std::string Redactor::RedactWithFragments(std::string text) const {
    text = Redact(std::move(text));
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, kMarker.size(), kMarker) == 0) {
            out += kMarker;
            i += kMarker.size();
            continue;
        }
        // The longest run starting here that occurs in some secret.
        std::size_t longest = 0;
        for (const std::string& secret : secrets_) {
            for (std::size_t start = 0; start + longest < secret.size(); ++start) {
                std::size_t length = 0;
                while (i + length < text.size() && start + length < secret.size() &&
                       text[i + length] == secret[start + length]) {
                    ++length;
                }
                longest = std::max(longest, length);
            }
        }
        if (longest >= kMinFragment) {
            out += kMarker;
            i += longest;
        } else {
            out += text[i++];
        }
    }
    return out;
}

std::string Redactor::Clean(std::string_view text) const {
    return Redact(PrintableText(Redact(std::string(text))));
}

std::string Redactor::Cut(std::string text, std::size_t limit) const {
    if (text.size() <= limit) return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    for (bool changed = true; changed && end > 0;) {
        changed = false;
        // Never half a marker: it would read as text.
        std::size_t marker = text.rfind(kMarker, end - 1);
        if (marker != std::string::npos && marker < end && marker + kMarker.size() > end) {
            end = marker;
            changed = true;
        }
        // Never the start of a secret: the rest of it may be all that is left to guess.
        for (const std::string& form : forms_) {
            for (std::size_t length = std::min(form.size() - 1, end); length >= kMinLength;
                 --length) {
                if (text.compare(end - length, length, form, 0, length) == 0) {
                    end -= length;
                    changed = true;
                    break;
                }
            }
        }
    }
    text.resize(end);
    return text;
}

}  // namespace flowc::deploy
