// `flowc deploy PATH... --target T`: build in memory (same checks as `build`; any error stops
// it before the network), read the configuration, then plan and apply (src/deploy/).
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "backend/backend.h"
#include "base/paths.h"
#include "cli/commands.h"
#include "cli/print.h"
#include "deploy/config.h"
#include "deploy/deploy.h"
#include "deploy/environment.h"
#include "deploy/http.h"
#include "deploy/redact.h"
#include "driver/driver.h"
#include "lower/lower.h"

namespace flowc {
namespace {

// Configuration messages quote what the user gave (an option, a dotenv key, a variable's
// value): printed as PrintableText like everything else deploy prints.
void ReportConfigFailure(DiagnosticEngine& diags, const deploy::Failure& failure) {
    Diagnostic d = MakeDiagnostic(deploy::CodeFor(failure.kind), Span{},
                                  deploy::PrintableText(failure.message));
    if (!failure.help.empty()) d.help = deploy::PrintableText(failure.help);
    diags.Report(std::move(d));
}

std::optional<std::string> FromEnvironment(const std::string& name) {
    if (const char* value = std::getenv(name.c_str())) return std::string(value);
    return std::nullopt;
}

// Every credential the configuration could hold, from the environment and from the dotenv
// file alike (both are redacted, whichever wins), known before anything is printed: a build
// diagnostic can quote any file (a `.flow` that is a link to `.env`, `/proc/self/environ`).
deploy::Redactor MakeRedactor(const DeployCommandOptions& options,
                              const deploy::EnvFileRead& env_file) {
    deploy::Redactor redactor;
    for (const std::string& variable : deploy::SecretVariables()) {
        auto [begin, end] = env_file.file.unparsed.equal_range(variable);
        for (auto it = begin; it != end; ++it) redactor.AddSecret(it->second);
    }
    std::vector<deploy::EnvLookup> sources = {
        FromEnvironment, [&](const std::string& name) -> std::optional<std::string> {
            auto it = env_file.file.values.find(name);
            if (it == env_file.file.values.end()) return std::nullopt;
            return it->second;
        }};
    for (const deploy::EnvLookup& source : sources) {
        for (const std::string& variable : deploy::SecretVariables()) {
            std::optional<std::string> secret = source(variable);
            if (!secret) continue;
            redactor.AddSecret(*secret);
            for (const deploy::EnvLookup& id_source : sources) {
                for (const std::string& id_variable : deploy::ClientIdVariables()) {
                    if (std::optional<std::string> id = id_source(id_variable)) {
                        redactor.AddClientPair(*id, *secret);
                    }
                }
            }
        }
    }
    // `--api-base https://user:password@host` is refused, and its password never shown.
    std::string_view base = options.api_base;
    if (std::size_t start = base.find("://"); start != std::string_view::npos) {
        std::string_view authority = base.substr(start + 3);
        authority = authority.substr(0, authority.find_first_of("/?#"));
        if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
            std::string_view userinfo = authority.substr(0, at);
            std::size_t colon = userinfo.find(':');
            redactor.AddSecret(colon == std::string_view::npos ? userinfo
                                                               : userinfo.substr(colon + 1));
        }
    }
    return redactor;
}

// The environment first; the dotenv file fills in only what is not set (as dotenv does).
std::optional<deploy::DeployConfig> ReadConfig(const DeployCommandOptions& options,
                                               const deploy::EnvFileRead& env_file,
                                               const std::string& environment_region,
                                               DiagnosticEngine& diags, std::string& extra_ca_pem) {
    for (const deploy::Failure& failure : env_file.file.errors) {
        ReportConfigFailure(diags, failure);
    }
    if (!env_file.file.errors.empty()) return std::nullopt;
    deploy::EnvLookup configured = [&](const std::string& name) -> std::optional<std::string> {
        if (std::optional<std::string> value = FromEnvironment(name)) return value;
        auto it = env_file.file.values.find(name);
        if (it != env_file.file.values.end()) return it->second;
        return std::nullopt;
    };
    // `--env`'s region is the region; one configured as well must be the same, or the
    // deploy would go to another org than the environment says.
    if (!environment_region.empty() && options.api_base.empty()) {
        for (const char* variable : {"GENESYSCLOUD_REGION", "GENESYS_CLOUD_REGION"}) {
            std::optional<std::string> value = configured(variable);
            if (value && !value->empty() && *value != environment_region) {
                ReportConfigFailure(
                    diags, deploy::ConfigFailure(
                               fmt::format("`{}` is `{}` but the environment's region is `{}`",
                                           variable, *value, environment_region),
                               "unset the variable (the environment says the region) or correct "
                               "one of them"));
                return std::nullopt;
            }
        }
    }
    deploy::EnvLookup lookup = [&](const std::string& name) -> std::optional<std::string> {
        if (!environment_region.empty() &&
            (name == "GENESYSCLOUD_REGION" || name == "GENESYS_CLOUD_REGION"))
            return environment_region;
        return configured(name);
    };
    std::vector<deploy::Failure> errors;
    std::optional<deploy::DeployConfig> config =
        deploy::ResolveConfig(lookup, options.api_base, errors);
    for (const deploy::Failure& failure : errors) ReportConfigFailure(diags, failure);
    if (!options.ca_bundle.empty()) {
        deploy::Result<std::string> pem =
            deploy::ReadCaBundle(CollapseSeparators(options.ca_bundle));
        if (!pem) {
            ReportConfigFailure(diags, pem.failure());
            return std::nullopt;
        }
        extra_ca_pem = std::move(pem).value();
    }
    return errors.empty() ? config : std::nullopt;
}

// FLOWC_DEPLOY_TIME_SCALE: multiplies every wait (tests use 0.001); must be in (0, 1].
bool ReadTimeScale(double& scale, DiagnosticEngine& diags) {
    const char* text = std::getenv("FLOWC_DEPLOY_TIME_SCALE");
    if (text == nullptr || *text == '\0') return true;
    char* end = nullptr;
    double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || !(value > 0 && value <= 1)) {
        ReportConfigFailure(
            diags, deploy::ConfigFailure(
                       fmt::format("FLOWC_DEPLOY_TIME_SCALE=`{}` is not a number in (0, 1]", text),
                       "unset it; it exists to make tests fast"));
        return false;
    }
    scale = value;
    return true;
}

// Build and deploy diagnostics alike are printed through the redactor: a snippet shows
// source lines, and a source can be any file.
int Finish(const DiagnosticEngine& diags, const SourceManager& sources,
           const DeployCommandOptions& options, const deploy::Redactor& redactor, int code) {
    Print(stderr, redactor.RedactWithFragments(
                      RenderDiagnostics(diags, sources, options.check.diagnostics)));
    return code;
}

}  // namespace

int RunDeploy(const DeployCommandOptions& options) {
    DiagnosticEngine diags;
    SourceManager sources;
    deploy::EnvFileRead env_file = deploy::ReadEnvFile(
        options.env_file.empty() ? ".env" : CollapseSeparators(options.env_file),
        !options.env_file.empty());
    deploy::Redactor redactor = MakeRedactor(options, env_file);
    std::optional<sema::Model> model = LoadAndCheck(options.check, sources, diags);
    // The environment's names replace the sources' in the checked model, before any target
    // writes a name or deploy looks one up.
    std::optional<deploy::Environment> environment;
    if (!options.environment.empty()) {
        std::string file = options.environment_file.empty()
                               ? deploy::DefaultEnvironmentFile(options.check.inputs)
                               : CollapseSeparators(options.environment_file);
        deploy::Result<deploy::Environment> read =
            deploy::ReadEnvironment(file, options.environment);
        if (!read) {
            ReportConfigFailure(diags, read.failure());
            return Finish(diags, sources, options, redactor, exit_code::kConfig);
        }
        environment = std::move(read).value();
        if (model) {
            for (const std::string& unused : deploy::ApplyEnvironment(*environment, *model)) {
                diags.Report(MakeDiagnostic(Code::kDeployConfig, Span{},
                                            deploy::PrintableText(fmt::format(
                                                "`{}`, environment `{}`: the sources name "
                                                "no {}",
                                                environment->file, environment->name, unused)))
                                 .WithHelp("correct the name (it is the one the sources use, "
                                           "e.g. a `queue` declaration's string), or remove it"));
            }
            if (diags.has_errors())
                return Finish(diags, sources, options, redactor, exit_code::kConfig);
        }
    }
    backend::MemorySink sink;
    if (model) {
        lower::FlowGraph graph = lower::Lower(*model);
        backend::GenerateAll(graph, options.target, sink, diags);
    }
    if (!model || diags.has_errors())
        return Finish(diags, sources, options, redactor, ExitCodeFor(diags));

    deploy::Result<deploy::Bundle> bundle = deploy::ReadBundle(sink.files());
    if (!bundle) {
        diags.Report(MakeDiagnostic(deploy::CodeFor(bundle.failure().kind), Span{},
                                    bundle.failure().message));
        return Finish(diags, sources, options, redactor, exit_code::kInternal);
    }
    for (deploy::BundleFlow& flow : bundle->flows) {
        for (const sema::Flow& declared : model->flows) {
            if (declared.name == flow.identifier) flow.span = declared.head_span;
        }
    }

    deploy::DeployOptions deploy_options = options.deploy;
    deploy_options.state_file = CollapseSeparators(deploy_options.state_file);
    std::string extra_ca_pem;
    std::optional<deploy::DeployConfig> config =
        ReadConfig(options, env_file, environment ? environment->region : "", diags, extra_ca_pem);
    if (environment) deploy_options.environment = environment->name;
    if (!config || !ReadTimeScale(deploy_options.time_scale, diags)) {
        return Finish(diags, sources, options, redactor, exit_code::kConfig);
    }
    deploy::HttpOptions http_options;
    http_options.extra_ca_pem = std::move(extra_ca_pem);
    std::unique_ptr<deploy::HttpClient> http = deploy::MakeCurlClient(http_options);
    int code =
        deploy::Deploy(*bundle, *config, deploy_options, *http, redactor, diags, stdout, stderr);
    return Finish(diags, sources, options, redactor, code);
}

}  // namespace flowc
