// `flowc deploy PATH... --target T`: build in memory (same checks as `build`; any error stops
// it before the network), read the configuration, then plan and apply (src/deploy/).
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "backend/backend.h"
#include "cli/load_inputs.h"
#include "cli/options.h"
#include "cli/print_diagnostics.h"
#include "deploy/config.h"
#include "deploy/deploy.h"
#include "deploy/http.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

void ConfigError(DiagnosticEngine& diags, const deploy::ConfigError& error) {
    Diagnostic d = MakeDiagnostic(Code::kDeployConfig, Span{}, error.message);
    if (!error.help.empty()) d.help = error.help;
    diags.Report(std::move(d));
}

// The environment first; a dotenv file fills in only what is not set (as dotenv does).
std::optional<deploy::DeployConfig> ReadConfig(const DeployCommandOptions& options,
                                               DiagnosticEngine& diags) {
    std::string path = options.env_file.empty() ? ".env" : options.env_file;
    std::map<std::string, std::string> file_values;
    std::error_code ec;
    bool exists = std::filesystem::exists(path, ec);
    if (!exists && !options.env_file.empty()) {
        ConfigError(diags, {fmt::format("`--env-file {}`: no such file", path),
                            "give the path of a dotenv file, or leave the option out"});
        return std::nullopt;
    }
    if (exists) {
        std::ifstream in(path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            ConfigError(diags, {fmt::format("cannot read `{}`", path), ""});
            return std::nullopt;
        }
        deploy::EnvFile env = deploy::ParseEnvFile(text, path);
        for (const deploy::ConfigError& error : env.errors) ConfigError(diags, error);
        if (!env.errors.empty()) return std::nullopt;
        file_values = std::move(env.values);
    }
    deploy::EnvLookup lookup = [&](const std::string& name) -> std::optional<std::string> {
        if (const char* value = std::getenv(name.c_str())) return std::string(value);
        auto it = file_values.find(name);
        if (it != file_values.end()) return it->second;
        return std::nullopt;
    };
    std::vector<deploy::ConfigError> errors;
    std::optional<deploy::DeployConfig> config =
        deploy::ResolveConfig(lookup, options.api_base, errors);
    for (const deploy::ConfigError& error : errors) ConfigError(diags, error);
    if (!options.ca_bundle.empty() && !std::filesystem::is_regular_file(options.ca_bundle, ec)) {
        ConfigError(diags, {fmt::format("`--ca-bundle {}`: no such file", options.ca_bundle),
                            "give a PEM file with the CA certificates to trust"});
        return std::nullopt;
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
        ConfigError(diags,
                    {fmt::format("FLOWC_DEPLOY_TIME_SCALE=`{}` is not a number in (0, 1]", text),
                     "unset it; it exists to make tests fast"});
        return false;
    }
    scale = value;
    return true;
}

int Finish(const DiagnosticEngine& diags, const SourceManager& sources,
           const DeployCommandOptions& options, int code) {
    PrintDiagnostics(diags, sources, options.check.diagnostics);
    return code;
}

}  // namespace

int RunDeploy(const DeployCommandOptions& options) {
    DiagnosticEngine diags;
    SourceManager sources;
    ast::Program program = LoadInputs(options.check, sources, diags);
    std::optional<sema::Model> model = sema::Check(program, diags);
    backend::MemorySink sink;
    if (model) {
        lower::FlowGraph graph = lower::Lower(*model);
        std::unique_ptr<backend::Backend> backend = options.target == "archy"
                                                        ? backend::MakeArchyBackend()
                                                        : backend::MakeGenesysJsonBackend();
        backend->Generate(graph, sink, diags);
    }
    if (!model || diags.has_errors()) return Finish(diags, sources, options, ExitCodeFor(diags));

    std::string error;
    std::optional<deploy::Bundle> bundle = deploy::ReadBundle(sink.files(), error);
    if (!bundle) {
        diags.Report(MakeDiagnostic(Code::kInternalError, Span{}, error));
        return Finish(diags, sources, options, exit_code::kInternal);
    }
    for (deploy::BundleFlow& flow : bundle->flows) {
        for (const sema::Flow& declared : model->flows) {
            if (declared.name == flow.identifier) flow.span = declared.head_span;
        }
    }

    deploy::DeployOptions deploy_options = options.deploy;
    std::optional<deploy::DeployConfig> config = ReadConfig(options, diags);
    if (!config || !ReadTimeScale(deploy_options.time_scale, diags)) {
        return Finish(diags, sources, options, exit_code::kConfig);
    }
    deploy::HttpOptions http_options;
    http_options.extra_ca_file = options.ca_bundle;
    std::unique_ptr<deploy::HttpClient> http = deploy::MakeCurlClient(http_options);
    int code = deploy::Deploy(*bundle, *config, deploy_options, *http, diags, stdout, stderr);
    return Finish(diags, sources, options, code);
}

}  // namespace flowc
