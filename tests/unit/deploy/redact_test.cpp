// The redactor and the printable-text escaping every line of `flowc deploy` goes through.
#include "deploy/redact.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "deploy/http.h"
#include "deploy/responses.h"

namespace flowc::deploy {
namespace {

constexpr const char* kId = "client-id-1";
constexpr const char* kSecret = "S3cr3t/with+odd chars=\"q\"";

Redactor PairRedactor() {
    Redactor redactor;
    redactor.AddClientPair(kId, kSecret);
    return redactor;
}

TEST(PrintableText, EscapesWhatATerminalActsOn) {
    EXPECT_EQ(PrintableText("a\x1b[2Jb\a\r\n\t\x7f"), "a\\x1b[2Jb\\x07\\x0d\\x0a\\x09\\x7f");
    EXPECT_EQ(PrintableText("\xc2\x9b"
                            "31m"),
              "\\u009b31m");  // C1 CSI
    EXPECT_EQ(PrintableText("abc\xe2\x80\xae"
                            "def"),
              "abc\\u202edef");                          // RIGHT-TO-LEFT OVERRIDE
    EXPECT_EQ(PrintableText("\x9b\xff"), "\\x9b\\xff");  // not UTF-8
    EXPECT_EQ(PrintableText("\xc0\xaf"), "\\xc0\\xaf");  // overlong
    EXPECT_EQ(PrintableText("Caf\xc3\xa9 \xe6\x97\xa5"), "Caf\xc3\xa9 \xe6\x97\xa5");  // letters
}

TEST(Redactor, EveryEncodingOfTheBasicCredential) {
    Redactor redactor = PairRedactor();
    std::string pair = std::string(kId) + ":" + kSecret;
    std::string basic = Base64(pair);
    std::string url_safe = basic;
    for (char& c : url_safe) c = c == '+' ? '-' : c == '/' ? '_' : c;
    std::string json = nlohmann::json(std::string(kSecret)).dump();
    std::string rfc6749 = Base64(PercentEncode(kId) + ":" + PercentEncode(kSecret));
    for (const std::string& form :
         {std::string(kSecret), pair, basic, basic.substr(0, basic.find('=')), url_safe,
          json.substr(1, json.size() - 2), PercentEncode(kSecret), PercentEncode(basic), rfc6749}) {
        std::string text = "Authorization: Basic " + form + " end";
        std::string redacted = redactor.Clean(text);
        EXPECT_EQ(redacted.find(form), std::string::npos) << form;
        EXPECT_NE(redacted.find("[redacted]"), std::string::npos) << form;
        EXPECT_NE(redacted.find(" end"), std::string::npos) << form;
    }
    // A JSON string that escapes `/` (as some servers do).
    std::string escaped_slash = basic;
    for (std::size_t at = escaped_slash.find('/'); at != std::string::npos;
         at = escaped_slash.find('/', at + 2)) {
        escaped_slash.replace(at, 1, "\\/");
    }
    EXPECT_EQ(redactor.Clean(escaped_slash).find(escaped_slash), std::string::npos);
}

TEST(Redactor, DiagnosticsLoseEveryLongFragmentOfASecret) {
    Redactor redactor;
    redactor.AddSecret("canary-S3cr3t-7f1d2b9c");
    EXPECT_EQ(redactor.RedactWithFragments("expected `;`, found `7f1d2b9c`"),
              "expected `;`, found `[redacted]`");
    EXPECT_EQ(redactor.RedactWithFragments("found `canary-S3cr3t-...`"), "found `[redacted]...`");
    EXPECT_EQ(redactor.RedactWithFragments("play canary-S3cr3t-7f1d2b9c;"), "play [redacted];");
    // Five bytes in common are not a fragment; text without any is unchanged.
    EXPECT_EQ(redactor.RedactWithFragments("a canar b"), "a canar b");
    EXPECT_EQ(redactor.RedactWithFragments("inbound flow Main"), "inbound flow Main");
}

TEST(Redactor, ShortValuesAreNotSecrets) {
    Redactor redactor;
    redactor.AddSecret("abc");
    EXPECT_TRUE(redactor.empty());
    EXPECT_EQ(redactor.Clean("abc"), "abc");
}

TEST(Redactor, SecretSpelledOutByEscapingIsRedacted) {
    Redactor redactor;
    redactor.AddSecret("ab\\x1bcd");  // the text `\x1b`, as escaping would write ESC
    EXPECT_EQ(redactor.Clean("ab\x1b"
                             "cd"),
              "[redacted]");
}

TEST(Redactor, CutNeverEndsInTheStartOfASecret) {
    Redactor redactor;
    redactor.AddSecret("canary-S3cr3t-7f1d2b9c");
    std::string text = std::string(1020, 'x') + "canary-S3cr3t-7f1d2b9c";
    // Redacted first: the marker is whole or absent, never a part of the secret.
    std::string cut = redactor.Cut(redactor.Clean(text), 1024);
    EXPECT_EQ(cut, std::string(1020, 'x'));
    // A text that ends in a prefix of the secret (a server that truncated it) at the cut.
    std::string truncated = std::string(1018, 'x') + "canary-S3cr" + std::string(50, 'y');
    EXPECT_EQ(redactor.Cut(redactor.Clean(truncated), 1024), std::string(1018, 'x'));
    // Fewer than kMinLength bytes of a prefix are not a secret's start.
    std::string three = std::string(1021, 'x') + "canZZZZ";
    EXPECT_EQ(redactor.Cut(three, 1024), std::string(1021, 'x') + "can");
    // Not inside a marker, not inside a UTF-8 sequence.
    std::string marker = std::string(1020, 'x') + "[redacted]";
    EXPECT_EQ(redactor.Cut(marker, 1024), std::string(1020, 'x'));
    std::string accent = std::string(1023, 'x') + "\xc3\xa9";
    EXPECT_EQ(redactor.Cut(accent, 1024), std::string(1023, 'x'));
    EXPECT_EQ(redactor.Cut("short", 1024), "short");
}

TEST(Redactor, SnippetsAreRedactedBeforeTheCut) {
    Redactor redactor;
    redactor.AddSecret("canary-S3cr3t-7f1d2b9c");
    for (std::size_t before = 1000; before <= 1030; ++before) {
        std::string body =
            std::string(before, 'x') + "canary-S3cr3t-7f1d2b9c" + std::string(900, 'z');
        std::string snippet = BodySnippet(body, redactor);
        for (std::size_t k = Redactor::kMinLength; k <= 22; ++k) {
            EXPECT_EQ(snippet.find(std::string("canary-S3cr3t-7f1d2b9c").substr(0, k)),
                      std::string::npos)
                << before << " " << k;
        }
        EXPECT_NE(snippet.find("bytes in all"), std::string::npos);
    }
}

}  // namespace
}  // namespace flowc::deploy
