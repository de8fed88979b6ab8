#include "deploy/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "diag/suggest.h"

namespace flowc::deploy {
namespace {

struct Region {
    const char* name;
    const char* domain;
};

// Genesys Cloud's public regions (the platform SDKs' host tables and the Archy location list).
constexpr std::array kRegions{
    Region{"us-east-1", "mypurecloud.com"},         Region{"us-east-2", "use2.us-gov-pure.cloud"},
    Region{"us-west-2", "usw2.pure.cloud"},         Region{"ca-central-1", "cac1.pure.cloud"},
    Region{"sa-east-1", "sae1.pure.cloud"},         Region{"eu-west-1", "mypurecloud.ie"},
    Region{"eu-west-2", "euw2.pure.cloud"},         Region{"eu-central-1", "mypurecloud.de"},
    Region{"eu-central-2", "euc2.pure.cloud"},      Region{"me-central-1", "mec1.pure.cloud"},
    Region{"ap-south-1", "aps1.pure.cloud"},        Region{"ap-northeast-1", "mypurecloud.jp"},
    Region{"ap-northeast-2", "apne2.pure.cloud"},   Region{"ap-northeast-3", "apne3.pure.cloud"},
    Region{"ap-southeast-2", "mypurecloud.com.au"},
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

// Parses the value part of `KEY=value`; false with `why` when malformed.
bool ParseValue(std::string_view raw, std::string& value, std::string& why) {
    raw = Trim(raw);
    value.clear();
    if (raw.empty()) return true;
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
            why = fmt::format("the value's opening {} has no closing one", quote);
            return false;
        }
        std::string_view rest = Trim(raw.substr(i + 1));
        if (!rest.empty() && rest.front() != '#') {
            why = "text after the closing quote";
            return false;
        }
        return true;
    }
    std::size_t comment = raw.find(" #");
    value = std::string(Trim(comment == std::string_view::npos ? raw : raw.substr(0, comment)));
    return true;
}

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Extracts the host of an http(s) URL ("" when there is none).
std::string HostOf(std::string_view url, std::string& scheme) {
    std::size_t colon = url.find("://");
    if (colon == std::string_view::npos) return "";
    scheme = Lower(url.substr(0, colon));
    std::string_view rest = url.substr(colon + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    if (!rest.empty() && rest.front() == '[') {
        std::size_t close = rest.find(']');
        return close == std::string_view::npos ? "" : Lower(rest.substr(1, close - 1));
    }
    return Lower(rest.substr(0, rest.find(':')));
}

bool IsLoopbackHost(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    if (host.rfind("127.", 0) != 0) return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
    });
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
        std::string value;
        std::string why;
        if (equals == std::string_view::npos) {
            why = "expected `KEY=value`";
        } else if (!IsKey(key)) {
            why = fmt::format("`{}` is not a variable name", key.substr(0, 64));
        } else if (ParseValue(line.substr(equals + 1), value, why)) {
            file.values.insert_or_assign(std::string(key), std::move(value));
            continue;
        }
        file.errors.push_back(
            {fmt::format("{}:{}: malformed line: {}", origin, line_number, why),
             "write each setting as `NAME=value` (quotes optional), or start the line with `#`"});
    }
    return file;
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

bool IsAcceptableBaseUrl(std::string_view url, std::string& why) {
    std::string scheme;
    std::string host = HostOf(url, scheme);
    if (host.empty() || (scheme != "http" && scheme != "https")) {
        why = "expected an http:// or https:// URL with a host";
        return false;
    }
    if (scheme == "http" && !IsLoopbackHost(host)) {
        why =
            "plain http is allowed only for loopback addresses (127.0.0.1, ::1, localhost); "
            "use https";
        return false;
    }
    return true;
}

std::optional<DeployConfig> ResolveConfig(const EnvLookup& lookup,
                                          const std::string& api_base_override,
                                          std::vector<ConfigError>& errors) {
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
            errors.push_back(
                {fmt::format("`{}` and `{}` are both set, to different values", primary, alternate),
                 fmt::format("unset one of them; flowc reads either spelling")});
            conflict = true;
            return std::nullopt;
        }
        return a ? a : b;
    };

    DeployConfig config;
    std::optional<std::string> region = read("GENESYSCLOUD_REGION", "GENESYS_CLOUD_REGION");
    if (!api_base_override.empty()) {
        std::string why;
        std::string base = api_base_override;
        while (!base.empty() && base.back() == '/') base.pop_back();
        if (!IsAcceptableBaseUrl(base, why)) {
            errors.push_back({fmt::format("`--api-base {}`: {}", api_base_override, why),
                              "give the API's base URL, e.g. https://api.mypurecloud.ie"});
        }
        config.endpoints = {base, base, base};
    } else if (!region && !conflict) {
        errors.push_back(
            {"no Genesys Cloud region: `GENESYSCLOUD_REGION` is not set",
             "set it to a region such as `eu-west-1` or a domain such as `mypurecloud.ie` (in "
             "the environment or .env)"});
    } else if (region) {
        std::string name = Lower(Trim(*region));
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
            std::optional<std::string> near = SuggestName(name, regions);
            errors.push_back(
                {fmt::format("unknown Genesys Cloud region `{}`", *region),
                 near ? *near : fmt::format("known regions: {}", fmt::join(regions, ", "))});
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
        errors.push_back(
            {fmt::format("`{}` is set but `{}` is not",
                         id ? "GENESYSCLOUD_OAUTHCLIENT_ID" : "GENESYSCLOUD_OAUTHCLIENT_SECRET",
                         id ? "GENESYSCLOUD_OAUTHCLIENT_SECRET" : "GENESYSCLOUD_OAUTHCLIENT_ID"),
             "an OAuth client-credentials grant needs both the id and the secret"});
    } else if (!conflict) {
        errors.push_back(
            {"no credentials: set `GENESYSCLOUD_OAUTHCLIENT_ID` and "
             "`GENESYSCLOUD_OAUTHCLIENT_SECRET` (or `GENESYSCLOUD_ACCESS_TOKEN`)",
             "create an OAuth client with the Client Credentials grant in Genesys Cloud Admin; "
             "put the pair in the environment or in .env, never on the command line"});
    }
    if (errors.size() != errors_before) return std::nullopt;
    return config;
}

}  // namespace flowc::deploy
