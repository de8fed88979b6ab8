#include "deploy/config.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <utility>

#include "base/own_files.h"
#include "base/strings.h"
#include "diag/suggest.h"

namespace flowc::deploy {
namespace {

struct Region {
    const char* name;
    const char* domain;
};

// Genesys Cloud's public regions, in the order of the JavaScript SDK's `PureCloudRegionHosts`
// (MyPureCloud/platform-client-sdk-javascript, build/src/purecloud-platform-client-v2/
// PureCloudRegionHosts.js, read 2026-12-02 at 183b06c, which ends with mx-central-1 and
// ap-southeast-1); eusc-de-east-1, the EU sovereign cloud, is in the SDK's later releases
// (issue 21) and in Archy's location list. Keep it in step with that file.
constexpr std::array kRegions{
    Region{"us-east-1", "mypurecloud.com"},
    Region{"eu-west-1", "mypurecloud.ie"},
    Region{"ap-southeast-2", "mypurecloud.com.au"},
    Region{"ap-northeast-1", "mypurecloud.jp"},
    Region{"eu-central-1", "mypurecloud.de"},
    Region{"us-west-2", "usw2.pure.cloud"},
    Region{"ca-central-1", "cac1.pure.cloud"},
    Region{"ap-northeast-2", "apne2.pure.cloud"},
    Region{"eu-west-2", "euw2.pure.cloud"},
    Region{"ap-south-1", "aps1.pure.cloud"},
    Region{"us-east-2", "use2.us-gov-pure.cloud"},
    Region{"sa-east-1", "sae1.pure.cloud"},
    Region{"me-central-1", "mec1.pure.cloud"},
    Region{"ap-northeast-3", "apne3.pure.cloud"},
    Region{"eu-central-2", "euc2.pure.cloud"},
    Region{"mx-central-1", "mxc1.pure.cloud"},
    Region{"ap-southeast-1", "apse1.pure.cloud"},
    Region{"eusc-de-east-1", "edee1.eusc-pure.cloud"},
};

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

bool IsKey(std::string_view key) {
    if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    });
}

// Parses the value part of `KEY=value`; a failure saying why when malformed.
Result<std::string> ParseValue(std::string_view raw) {
    raw = Trim(raw);
    std::string value;
    if (raw.empty()) return value;
    char quote = raw.front();
    if (quote == '\'' || quote == '"') {
        std::size_t i = 1;
        for (; i < raw.size() && raw[i] != quote; ++i) {
            if (quote == '"' && raw[i] == '\\' && i + 1 < raw.size()) {
                char next = raw[++i];
                value += next == 'n' ? '\n' : next == 't' ? '\t' : next;
                continue;
            }
            value += raw[i];
        }
        if (i >= raw.size()) {
            return ConfigFailure(fmt::format("the value's opening {} has no closing one", quote));
        }
        std::string_view rest = Trim(raw.substr(i + 1));
        if (!rest.empty() && rest.front() != '#') {
            return ConfigFailure("text after the closing quote");
        }
        return value;
    }
    std::size_t comment = raw.find(" #");
    return std::string(Trim(comment == std::string_view::npos ? raw : raw.substr(0, comment)));
}

// An http(s) URL taken apart the way libcurl will read it, or why it is refused. Refused
// outright: no scheme or host, a user name or password (it would be printed with the URL),
// and characters libcurl might read differently from this parser (backslash, spaces,
// controls, percent-escapes in the host).
struct ParsedUrl {
    std::string scheme;  // lowercase
    std::string host;    // lowercase, without the brackets of an IPv6 literal
    bool ipv6 = false;
    std::string_view after_authority;  // path, query and fragment
};

Result<ParsedUrl> ParseUrl(std::string_view url) {
    const Failure not_a_url = ConfigFailure("expected an http:// or https:// URL with a host");
    std::size_t colon = url.find("://");
    if (colon == std::string_view::npos) return not_a_url;
    ParsedUrl parsed;
    parsed.scheme = Lowercase(url.substr(0, colon));
    if (parsed.scheme != "http" && parsed.scheme != "https") return not_a_url;
    std::string_view rest = url.substr(colon + 3);
    std::size_t authority_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, authority_end);
    parsed.after_authority =
        authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
    if (authority.find('@') != std::string_view::npos) {
        return ConfigFailure(
            "the URL carries a user name or password; flowc never sends either in a URL "
            "(and would print it)");
    }
    for (char c : url) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F || c == '\\') {
            return ConfigFailure(
                "the URL holds a space, a backslash, a control or a non-ASCII character");
        }
    }
    std::string_view port;
    bool has_port = false;
    if (!authority.empty() && authority.front() == '[') {
        std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return not_a_url;
        parsed.host = Lowercase(authority.substr(1, close - 1));
        parsed.ipv6 = true;
        std::string_view tail = authority.substr(close + 1);
        if (!tail.empty() && tail.front() != ':') return not_a_url;
        has_port = !tail.empty();
        if (has_port) port = tail.substr(1);
        in6_addr address{};
        if (inet_pton(AF_INET6, parsed.host.c_str(), &address) != 1) {
            return ConfigFailure(fmt::format("`[{}]` is not an IPv6 address", parsed.host));
        }
    } else {
        std::size_t port_colon = authority.find(':');
        parsed.host = Lowercase(authority.substr(0, port_colon));
        has_port = port_colon != std::string_view::npos;
        if (has_port) port = authority.substr(port_colon + 1);
        if (parsed.host.empty() || !std::all_of(parsed.host.begin(), parsed.host.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                       c == '_';
            })) {
            return not_a_url;
        }
    }
    if (has_port &&
        (port.empty() || port.size() > 5 ||
         !std::all_of(port.begin(), port.end(),
                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) ||
         std::stoul(std::string(port)) > 65535)) {
        return ConfigFailure("the port is not a number from 0 to 65535");
    }
    return parsed;
}

// A dotted-quad IPv4 literal, as written: four decimal numbers 0-255 without leading zeros.
// (`127.1`, `0x7f.0.0.1` and `127.0.0.1.` are names to a resolver, or read differently by
// different ones; they are not accepted as loopback.)
std::optional<std::array<int, 4>> ParseDottedQuad(std::string_view host) {
    std::array<int, 4> parts{};
    for (int i = 0; i < 4; ++i) {
        std::size_t dot = host.find('.');
        std::string_view part = host.substr(0, dot);
        if ((i < 3) == (dot == std::string_view::npos)) return std::nullopt;
        if (part.empty() || part.size() > 3 || (part.size() > 1 && part.front() == '0') ||
            !std::all_of(part.begin(), part.end(),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            return std::nullopt;
        }
        parts[static_cast<std::size_t>(i)] = std::stoi(std::string(part));
        if (parts[static_cast<std::size_t>(i)] > 255) return std::nullopt;
        host = dot == std::string_view::npos ? std::string_view{} : host.substr(dot + 1);
    }
    return parts;
}

// Loopback, decided on the parsed literal: 127.0.0.0/8, [::1], or the name `localhost`
// (which libcurl resolves to loopback itself, never through DNS).
bool IsLoopbackHost(const ParsedUrl& url) {
    if (url.ipv6) {
        in6_addr address{};
        return inet_pton(AF_INET6, url.host.c_str(), &address) == 1 &&
               IN6_IS_ADDR_LOOPBACK(&address);
    }
    if (url.host == "localhost") return true;
    std::optional<std::array<int, 4>> quad = ParseDottedQuad(url.host);
    return quad && (*quad)[0] == 127;
}

}  // namespace

EnvFile ParseEnvFile(std::string_view text, std::string_view origin) {
    EnvFile file;
    std::size_t line_number = 0;
    while (!text.empty()) {
        std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
        ++line_number;
        line = Trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (line.rfind("export ", 0) == 0) line = Trim(line.substr(7));
        std::size_t equals = line.find('=');
        std::string_view key =
            equals == std::string_view::npos ? line : Trim(line.substr(0, equals));
        std::string why;
        if (equals == std::string_view::npos) {
            why = "expected `KEY=value`";
        } else if (!IsKey(key)) {
            why = fmt::format("`{}` is not a variable name", key.substr(0, 64));
        } else if (Result<std::string> value = ParseValue(line.substr(equals + 1))) {
            file.values.insert_or_assign(std::string(key), std::move(value).value());
            continue;
        } else {
            why = value.failure().message;
        }
        if (equals != std::string_view::npos) {
            std::string_view raw = Trim(line.substr(equals + 1));
            file.unparsed.emplace(std::string(key), std::string(raw));
            if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
                file.unparsed.emplace(std::string(key), std::string(raw.substr(1)));
            }
        }
        file.errors.push_back(ConfigFailure(
            fmt::format("{}:{}: malformed line: {}", origin, line_number, why),
            "write each setting as `NAME=value` (quotes optional), or start the line with `#`"));
    }
    return file;
}

EnvFileRead ReadEnvFile(const std::string& path, bool given) {
    constexpr std::size_t kMaxEnvFileBytes = 1u << 20;
    EnvFileRead result;
    OwnFileRead read = ReadOwnFile(path, kMaxEnvFileBytes);
    std::string option = given ? "`--env-file " + path + "`" : "`" + path + "`";
    std::string help = given ? "give the path of a dotenv file, or leave the option out"
                             : "make it a dotenv file of `NAME=value` lines, or use "
                               "`--env-file PATH`";
    switch (read.outcome) {
        case OwnFileOutcome::kOk:
            result.present = true;
            result.file = ParseEnvFile(read.bytes, path);
            return result;
        case OwnFileOutcome::kMissing:
            if (given) result.file.errors.push_back(ConfigFailure(option + ": no such file", help));
            return result;
        case OwnFileOutcome::kNotRegular: {
            std::error_code ec;
            if (!given && std::filesystem::is_directory(path, ec)) return result;  // a venv
            result.file.errors.push_back(
                ConfigFailure(fmt::format("{} {}", option, read.reason), help));
            return result;
        }
        case OwnFileOutcome::kTooLarge:
            result.file.errors.push_back(
                ConfigFailure(fmt::format("{} {}", option, read.reason), help));
            return result;
        case OwnFileOutcome::kError:
            result.file.errors.push_back(
                ConfigFailure(fmt::format("cannot read {}: {}", option, read.reason), help));
            return result;
    }
    return result;
}

Result<std::string> ReadCaBundle(const std::string& path) {
    OwnFileRead read = ReadOwnFile(path, 16u << 20);
    if (read.outcome == OwnFileOutcome::kOk) return std::move(read.bytes);
    bool says_what =
        read.outcome == OwnFileOutcome::kMissing || read.outcome == OwnFileOutcome::kError;
    return ConfigFailure(
        fmt::format("`--ca-bundle {}`: {}", path, says_what ? read.reason : "it " + read.reason),
        "give a PEM file with the CA certificates to trust");
}

std::vector<std::string> SecretVariables() {
    return {"GENESYSCLOUD_OAUTHCLIENT_SECRET", "GENESYS_CLOUD_CLIENT_SECRET",
            "GENESYSCLOUD_ACCESS_TOKEN"};
}

std::vector<std::string> ClientIdVariables() {
    return {"GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYS_CLOUD_CLIENT_ID"};
}

const char* DomainForRegion(std::string_view region) {
    for (const Region& r : kRegions) {
        if (region == r.name) return r.domain;
    }
    return nullptr;
}

std::vector<std::string_view> KnownRegions() {
    std::vector<std::string_view> names;
    for (const Region& r : kRegions) names.emplace_back(r.name);
    return names;
}

std::string WithoutUserinfo(std::string_view url) {
    std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::string(url);
    std::size_t start = scheme_end + 3;
    std::size_t authority_end = url.find_first_of("/?#", start);
    std::size_t at = url.substr(0, authority_end).rfind('@');
    if (at == std::string_view::npos || at < start) return std::string(url);
    return std::string(url.substr(0, start)) + "[redacted]" + std::string(url.substr(at));
}

Result<void> CheckBaseUrl(std::string_view url) {
    Result<ParsedUrl> parsed = ParseUrl(url);
    if (!parsed) return parsed.failure();
    if (parsed->scheme == "http" && !IsLoopbackHost(*parsed)) {
        return ConfigFailure(
            "plain http is allowed only for loopback addresses (127.0.0.1, ::1, localhost); "
            "use https");
    }
    return {};
}

std::optional<DeployConfig> ResolveConfig(const EnvLookup& lookup,
                                          const std::string& api_base_override,
                                          std::vector<Failure>& errors) {
    std::size_t errors_before = errors.size();
    // The platform tools' names first, then the seed tutorial's; both set and different is
    // ambiguous, so refuse rather than guess.
    bool conflict = false;
    auto read = [&](const char* primary, const char* alternate) -> std::optional<std::string> {
        std::optional<std::string> a = lookup(primary);
        std::optional<std::string> b = lookup(alternate);
        if (a && a->empty()) a.reset();
        if (b && b->empty()) b.reset();
        if (a && b && *a != *b) {
            errors.push_back(ConfigFailure(
                fmt::format("`{}` and `{}` are both set, to different values", primary, alternate),
                fmt::format("unset one of them; flowc reads either spelling")));
            conflict = true;
            return std::nullopt;
        }
        return a ? a : b;
    };

    DeployConfig config;
    std::optional<std::string> region = read("GENESYSCLOUD_REGION", "GENESYS_CLOUD_REGION");
    if (!api_base_override.empty()) {
        std::string base = api_base_override;
        while (!base.empty() && base.back() == '/') base.pop_back();
        if (Result<void> acceptable = CheckBaseUrl(base); !acceptable) {
            errors.push_back(
                ConfigFailure(fmt::format("`--api-base {}`: {}", WithoutUserinfo(api_base_override),
                                          acceptable.failure().message),
                              "give the API's base URL, e.g. https://api.mypurecloud.ie"));
        } else if (base.find_first_of("?#") != std::string::npos) {
            errors.push_back(ConfigFailure(
                fmt::format("`--api-base {}`: a base URL has no query or fragment", base),
                "give the API's base URL, e.g. https://api.mypurecloud.ie"));
        }
        config.endpoints = {base, base, base, /*custom=*/true};
    } else if (!region && !conflict) {
        errors.push_back(ConfigFailure(
            "no Genesys Cloud region: `GENESYSCLOUD_REGION` is not set",
            "set it to a region such as `eu-west-1` or a domain such as `mypurecloud.ie` (in "
            "the environment or .env)"));
    } else if (region) {
        std::string name = Lowercase(Trim(*region));
        std::string domain;
        if (const char* known = DomainForRegion(name)) {
            domain = known;
        } else if (name.find('.') != std::string::npos &&
                   name.find_first_of("/: ") == std::string::npos) {
            domain = name;  // a domain such as mypurecloud.ie
            for (std::string_view prefix : {"api.", "login."}) {
                if (domain.rfind(prefix, 0) == 0) domain.erase(0, prefix.size());
            }
        } else {
            std::vector<std::string_view> regions = KnownRegions();
            std::optional<std::string> near = SuggestNameHelp(name, regions);
            errors.push_back(ConfigFailure(
                fmt::format("unknown Genesys Cloud region `{}`", *region),
                near ? *near : fmt::format("known regions: {}", fmt::join(regions, ", "))));
        }
        if (!domain.empty()) {
            config.endpoints = {
                "https://api." + domain, "https://login." + domain,
                DomainForRegion(name) ? fmt::format("{} ({})", name, domain) : domain};
        }
    }

    std::optional<std::string> token = lookup("GENESYSCLOUD_ACCESS_TOKEN");
    if (token && token->empty()) token.reset();
    std::optional<std::string> id = read("GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYS_CLOUD_CLIENT_ID");
    std::optional<std::string> secret =
        read("GENESYSCLOUD_OAUTHCLIENT_SECRET", "GENESYS_CLOUD_CLIENT_SECRET");
    if (id && secret) {
        config.credentials.client_id = *id;
        config.credentials.client_secret = *secret;
    } else if (token) {
        config.credentials.access_token = *token;
    } else if (id || secret) {
        errors.push_back(ConfigFailure(
            fmt::format("`{}` is set but `{}` is not",
                        id ? "GENESYSCLOUD_OAUTHCLIENT_ID" : "GENESYSCLOUD_OAUTHCLIENT_SECRET",
                        id ? "GENESYSCLOUD_OAUTHCLIENT_SECRET" : "GENESYSCLOUD_OAUTHCLIENT_ID"),
            "an OAuth client-credentials grant needs both the id and the secret"));
    } else if (!conflict) {
        errors.push_back(ConfigFailure(
            "no credentials: set `GENESYSCLOUD_OAUTHCLIENT_ID` and "
            "`GENESYSCLOUD_OAUTHCLIENT_SECRET` (or `GENESYSCLOUD_ACCESS_TOKEN`)",
            "create an OAuth client with the Client Credentials grant in Genesys Cloud Admin; "
            "put the pair in the environment or in .env, never on the command line"));
    }
    if (errors.size() != errors_before) return std::nullopt;
    return config;
}

}  // namespace flowc::deploy
