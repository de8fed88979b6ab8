// Where to deploy and with which credentials: the environment, an optional dotenv file, the
// region table and `--api-base`. Everything here is checked before any network call.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::deploy {

// A problem with the configuration (exit code 78); `help` says how to fix it.
struct ConfigError {
    std::string message;
    std::string help;
};

struct EnvFile {
    std::map<std::string, std::string> values;
    std::vector<ConfigError> errors;  // one per malformed line, naming it
};

// Parses dotenv syntax: `KEY=value`, optional `export `, `#` comments, blank lines, values in
// single quotes (literal) or double quotes (\n, \", \\ escapes), `#` after unquoted
// values starting a comment. `origin` names the file in errors.
EnvFile ParseEnvFile(std::string_view text, std::string_view origin);

// A public Genesys Cloud region: `eu-west-1` -> `mypurecloud.ie`. Null when unknown.
const char* DomainForRegion(std::string_view region);
// Every known region name, for "did you mean" help and the docs.
std::vector<std::string_view> KnownRegions();

struct Endpoints {
    std::string api_base;    // "https://api.mypurecloud.ie", no trailing slash
    std::string login_base;  // "https://login.mypurecloud.ie"
    std::string display;     // "eu-west-1 (mypurecloud.ie)" or the --api-base URL
};

struct Credentials {
    std::string client_id;
    std::string client_secret;
    std::string access_token;  // set instead of the client pair; cannot be renewed
};

struct DeployConfig {
    Endpoints endpoints;
    Credentials credentials;
};

// Looks a variable up; the process environment first, then the dotenv file (dotenv never
// overrides what is set).
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Resolves endpoints and credentials. `api_base_override` is `--api-base` (empty when not
// given). Reports every problem, not only the first.
std::optional<DeployConfig> ResolveConfig(const EnvLookup& lookup,
                                          const std::string& api_base_override,
                                          std::vector<ConfigError>& errors);

// True when `url` is http:// or https:// with a host; plain http only for loopback hosts
// (127.0.0.0/8, ::1, localhost). `why` explains a refusal.
bool IsAcceptableBaseUrl(std::string_view url, std::string& why);

}  // namespace flowc::deploy
