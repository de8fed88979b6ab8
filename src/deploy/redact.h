// What deploy prints ends up in terminals and in CI logs that many people read, and part of
// it comes from places flowc does not control: the server's answers, and (in build
// diagnostics) any file a `.flow` path or import happens to point at. Two rules hold for every
// line: nothing a terminal would act on is printed raw (PrintableText), and no secret is
// printed in any encoding flowc knows of, whole or cut (Redactor).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace flowc::deploy {

// Server text is printed through the one PrintableText (base/utf8.h).
using flowc::PrintableText;

class Redactor {
  public:
    // Replaces a secret wherever it is printed.
    static constexpr std::string_view kMarker = "[redacted]";
    // Shorter values are not redacted (a 1-character "secret" would blot out every line),
    // and a cut never leaves a prefix of a secret this long or longer.
    static constexpr std::size_t kMinLength = 4;

    // A secret (the client secret, an access token): redacted as written, JSON-escaped,
    // percent-encoded (upper- and lowercase hex, `+` for a space) and as PrintableText
    // writes it.
    void AddSecret(std::string_view secret);
    // The OAuth client pair as flowc sends it: `Authorization: Basic base64(id:secret)`.
    // Adds the secret, and the Basic credential in standard and URL-safe base64 (with or
    // without its padding), with `/` JSON-escaped, percent-encoded, and the base64 of the
    // percent-encoded pair (RFC 6749's form, which other clients send).
    void AddClientPair(std::string_view id, std::string_view secret);

    // Every known form of every secret replaced with kMarker.
    std::string Redact(std::string text) const;
    // Server text as it may be printed: redacted, made printable, redacted again (so that
    // neither a secret with control characters nor one that escaping spells out survives).
    std::string Clean(std::string_view text) const;
    // `text` (already clean) cut to at most `limit` bytes: on a UTF-8 boundary, never
    // inside kMarker, and never ending in a prefix (kMinLength bytes or more) of a secret's
    // form. Unchanged when it fits.
    std::string Cut(std::string text, std::size_t limit) const;
    // Redact, and also every run of kMinFragment or more bytes that occurs inside a secret:
    // for diagnostics, whose messages quote single tokens (a lexer splits `ab-cd3f` in
    // three) and cut long ones (`found `abcdefghijklmnopqrstu...``).
    static constexpr std::size_t kMinFragment = 6;
    std::string RedactWithFragments(std::string text) const;

    bool empty() const { return forms_.empty(); }

  private:
    void AddForm(std::string form);

    std::vector<std::string> forms_;    // longest first, so that no form hides inside another
    std::vector<std::string> secrets_;  // as written, for RedactWithFragments
};

}  // namespace flowc::deploy
