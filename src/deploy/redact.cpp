#include "deploy/redact.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "deploy/http.h"

namespace flowc::deploy {
namespace {

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
