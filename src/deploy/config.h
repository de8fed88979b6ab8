// Where to deploy and with which credentials: the environment, an optional dotenv file, the
// region table and `--api-base`. Everything here is checked before any network call.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploy/result.h"

namespace flowc::deploy {

// A problem with the configuration (kConfig: exit code 78); `help` says how to fix it.
inline Failure ConfigFailure(std::string message, std::string help = "") {
    return Failure{FailureKind::kConfig, std::move(message), std::move(help), 0};
}

struct EnvFile {
    std::map<std::string, std::string> values;
    std::vector<Failure> errors;  // kConfig, one per malformed line, naming it
    // KEY -> the text after `=` of a malformed line, as written and without its opening
    // quote: not a value, but possibly a secret, and redacted like one.
    std::multimap<std::string, std::string> unparsed;
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
    // From `--api-base`: an endpoint of the user's choosing (the tests' fake, a proxy), not
    // a Genesys Cloud region; only such an endpoint may take the genesys-json model.
    bool custom = false;
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
// given). Appends every problem to `errors` (kConfig), not only the first, so that one run
// names all there is to fix.
std::optional<DeployConfig> ResolveConfig(const EnvLookup& lookup,
                                          const std::string& api_base_override,
                                          std::vector<Failure>& errors);

// Ok when `url` is http:// or https:// with a host and no user name or password; plain
// http only for loopback hosts, decided on the parsed host: a dotted-quad literal in
// 127.0.0.0/8, the IPv6 literal [::1], or `localhost` (never a name such as `127.0.0.1.` or
// `127.0.0.1.example.com`, which goes to DNS). A refusal (kConfig) says why.
Result<void> CheckBaseUrl(std::string_view url);

// `url` with its user name and password (if any) replaced by `[redacted]`, for messages.
std::string WithoutUserinfo(std::string_view url);

// A dotenv file read for deploy: `./.env` by default, `--env-file PATH` when given.
struct EnvFileRead {
    bool present = false;  // false: no file to read (no error)
    EnvFile file;          // values, and errors (also for a file that cannot be read)
};
// Reads through ReadOwnFile (never blocks on a FIFO, size-capped). The default `.env` that
// is missing or a directory (`python -m venv .env`) is simply not a dotenv file: absent,
// no error. Anything else that cannot be read is an error naming it: a given path that is
// missing or a directory, a FIFO, a device, a file too large or unreadable.
EnvFileRead ReadEnvFile(const std::string& path, bool given);

// Reads `--ca-bundle PATH` (ReadOwnFile: a regular file of at most 16 MiB): the PEM text, or
// why it cannot be used (kConfig).
Result<std::string> ReadCaBundle(const std::string& path);

// The names under which a credential is configured: both spellings of the client secret and
// the access token (values to redact), both spellings of the client id (pairs to redact).
std::vector<std::string> SecretVariables();
std::vector<std::string> ClientIdVariables();

}  // namespace flowc::deploy
