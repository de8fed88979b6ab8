// flowc's entry point: builds the command line (CLI11 lives only here) and dispatches.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <string_view>

#include "backend/registry.h"
#include "base/edit_distance.h"
#include "cli/commands.h"
#include "diag/diagnostic.h"

namespace {

constexpr std::string_view kCommands[] = {"check", "build", "doc", "deploy", "explain"};

// Command-line text as it goes into a message: control characters escaped (an argument can
// hold ESC), at most `limit` bytes.
std::string Printable(std::string_view text, std::size_t limit = 40) {
    std::string out;
    for (char c : text.substr(0, limit)) {
        auto byte = static_cast<unsigned char>(c);
        out += byte < 0x20 || byte == 0x7f ? fmt::format("\\x{:02x}", byte) : std::string(1, c);
    }
    if (text.size() > limit) out += "...";
    return out;
}

// A whole number in [min, max], or one short line saying so: CLI11's own range checks print
// the largest double written out in full, and let `99999999999999999999999` through.
template <typename T>
CLI::Validator WholeNumber(T min, T max, std::string help) {
    return CLI::Validator(
        [min, max](std::string& input) -> std::string {
            T value{};
            const char* end = input.data() + input.size();
            auto [stop, error] = std::from_chars(input.data(), end, value);
            if (error == std::errc() && stop == end && value >= min && value <= max) return "";
            return fmt::format("expected a whole number from {} to {}, got `{}`", min, max,
                               Printable(input));
        },
        std::move(help));
}

// Seconds: more than 0 and at most a week (longer waits are a typo, and a duration of
// 1e300 seconds does not fit a clock).
constexpr double kWeek = 7 * 24 * 3600;

CLI::Validator Seconds() {
    return CLI::Validator(
        [](std::string& input) -> std::string {
            double value = 0;
            const char* end = input.data() + input.size();
            auto [stop, error] = std::from_chars(input.data(), end, value);
            if (error == std::errc() && stop == end && value > 0 && value <= kWeek) return "";
            return fmt::format("expected a number of seconds above 0 and at most {}, got `{}`",
                               kWeek, Printable(input));
        },
        "POSITIVE");
}

// An empty path names nothing: `-o ''` is a slip on the command line, not a directory that
// cannot be created.
const CLI::Validator kNonEmpty(
    [](std::string& input) -> std::string {
        return input.empty() ? "expected a path, got an empty string" : "";
    },
    "");

constexpr const char* kFooter = R"(
Imports are looked up relative to the importing file, then in each -I directory, the
standard library (--stdlib) and each directory of FLOWC_PATH (colon-separated).
build records each output directory's last build in $FLOWC_CACHE_DIR (default
$XDG_CACHE_HOME/flowc or ~/.cache/flowc) and replays it when nothing changed.

Exit codes:
  0   success (warnings allowed)
  1   errors in the input (diagnostics on stderr)
  2   changes pending (deploy --plan --detailed-exitcode)
  64  usage error on the command line
  66  an input file or directory is missing or unreadable
  70  internal error: a bug in flowc (please report it)
  73  cannot create an output file or directory
  74  cannot write output
  75  deploy: gave up on transient faults (rate limits, 5xx, timeouts); safe to re-run
  77  deploy: credentials refused or a permission missing
  78  deploy: configuration error (missing variable, unknown region, malformed .env)

deploy reads GENESYSCLOUD_REGION, GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET
(or GENESYSCLOUD_ACCESS_TOKEN; or the GENESYS_CLOUD_REGION / _CLIENT_ID / _CLIENT_SECRET
spelling) from the environment, then from .env. Never pass secrets on the command line.
)";

// The options every command that reads sources shares; `color` and `format` are parsed
// into `options` after the command line is read.
struct FrontEndFlags {
    std::string color = "auto";
    std::string format = "text";
};

void AddFrontEndOptions(CLI::App* cmd, flowc::CheckOptions& options, FrontEndFlags& flags) {
    cmd->add_option("paths", options.inputs, ".flow files, or directories searched for *.flow")
        ->required()
        ->check(kNonEmpty);
    cmd->add_option("--color", flags.color,
                    "Colour diagnostics: auto (a terminal without NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->add_option("--diagnostics-format", flags.format,
                    "text (default) or json (one document on stderr)")
        ->check(CLI::IsMember({"text", "json"}))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->add_option("--error-limit", options.diagnostics.error_limit,
                    "Stop printing after this many errors (0: no limit)")
        ->check(WholeNumber<std::size_t>(0, std::numeric_limits<std::size_t>::max(), "NONNEGATIVE"))
        ->capture_default_str();
    cmd->add_option("--max-file-size", options.max_file_bytes,
                    "Refuse source files larger than this many bytes")
        ->check(
            WholeNumber<std::uint64_t>(1, std::numeric_limits<std::uint64_t>::max(), "POSITIVE"))
        ->capture_default_str();
    cmd->add_flag("!--no-snippets", options.diagnostics.snippets,
                  "One line per diagnostic, without source snippets");
    cmd->add_option("-I,--include", options.include_dirs,
                    "Also look for imports in this directory (repeatable, searched in order)")
        ->allow_extra_args(false)
        ->check(kNonEmpty);
    cmd->add_option("--stdlib", options.stdlib_dir,
                    "Standard library directory (default: the bundled stdlib/)")
        ->check(kNonEmpty);
    cmd->add_option("-j,--jobs", options.jobs,
                    "Files to parse, flows to check and flows to generate at once (0: one per "
                    "core); output and diagnostics are the same for any number")
        ->check(WholeNumber(0u, 1024u, "UINT in [0 - 1024]"))
        ->capture_default_str();
    cmd->add_flag("--stats", options.stats,
                  "Print files, bytes, SLL fallbacks, time per phase and peak memory to stderr");
}

bool IsCommand(std::string_view word) {
    return std::find(std::begin(kCommands), std::end(kCommands), word) != std::end(kCommands);
}

// What is wrong with the command word, if anything: CLI11 says "A subcommand is required"
// both for no command and for an unknown one.
std::optional<std::string> CommandProblem(int argc, char** argv) {
    std::string list = fmt::format("{}", fmt::join(kCommands, ", "));
    if (argc < 2) return fmt::format("a command is required: {}", list);
    std::string_view word = argv[1];
    if (word == "-h" || word == "--help" || word == "--version" || IsCommand(word))
        return std::nullopt;
    if (word.starts_with('-')) {
        return fmt::format("unknown option `{}`; a command comes first: {}", Printable(word), list);
    }
    std::string guess;
    for (std::string_view command : kCommands) {
        if (flowc::EditDistance(word, command) <= 2) guess = command;
    }
    if (!guess.empty()) {
        return fmt::format("unknown command `{}`; did you mean `{}`? The commands are {}",
                           Printable(word), guess, list);
    }
    return fmt::format("unknown command `{}`; the commands are {}", Printable(word), list);
}

void ApplyFlags(const FrontEndFlags& flags, flowc::CheckOptions& options) {
    options.diagnostics.color = flags.color == "always"  ? flowc::ColorMode::kAlways
                                : flags.color == "never" ? flowc::ColorMode::kNever
                                                         : flowc::ColorMode::kAuto;
    options.diagnostics.format =
        flags.format == "json" ? flowc::DiagnosticsFormat::kJson : flowc::DiagnosticsFormat::kText;
}

int Main(int argc, char** argv) {
    CLI::App app{"flowc: compiles .flow call flows for Genesys Cloud", "flowc"};
    app.set_version_flag("--version", fmt::format("flowc {}", FLOWC_VERSION));
    app.require_subcommand(1);
    app.footer(kFooter);

    flowc::CheckOptions check;
    FrontEndFlags check_flags;
    CLI::App* check_cmd =
        app.add_subcommand("check", "Parse and check .flow files; report every problem found");
    AddFrontEndOptions(check_cmd, check, check_flags);
    check_cmd->add_flag("--fix-imports", check.fix_imports,
                        "First add to each file the import lines it lacks (E0318), then check");
    check_cmd->add_flag("--dump-ast", check.dump_ast,
                        "Print the syntax tree of each file to stdout");
    check_cmd->add_flag("--dump-model", check.dump_model,
                        "Print the checked model (types, resolved calls) to stdout");
    check_cmd->add_flag(
        "--dump-graph", check.dump_graph,
        "Print the lowered flow graph (nodes, transitions, deploy order) to stdout");
    check_cmd
        ->add_option("--target", check.targets,
                     "Also check what this target adds (as build --target does); repeatable")
        ->check(CLI::IsMember(flowc::backend::TargetNames()))
        ->allow_extra_args(false);

    flowc::BuildOptions build;
    FrontEndFlags build_flags;
    CLI::App* build_cmd = app.add_subcommand(
        "build",
        "Check, then write one JSON file per flow and manifest.json to the output directory");
    AddFrontEndOptions(build_cmd, build.check, build_flags);
    build_cmd->add_option("-o,--output", build.output_dir, "Output directory (created if missing)")
        ->required()
        ->check(kNonEmpty);
    build_cmd
        ->add_option("--target", build.targets,
                     "genesys-json (default; the flow model) or archy (Archy YAML); give it twice "
                     "for both, each in DIR/<target>/")
        ->check(CLI::IsMember(flowc::backend::TargetNames()))
        ->allow_extra_args(false);
    build_cmd->add_flag("!--no-cache", build.use_cache,
                        "Build every file, even when nothing or little changed since the last "
                        "build into DIR (which is otherwise replayed, or rebuilt only where it "
                        "changed, from flowc's cache; see docs/performance.md)");

    flowc::DocOptions doc;
    FrontEndFlags doc_flags;
    CLI::App* doc_cmd = app.add_subcommand(
        "doc", "Write a Markdown reference of the shared flows in PATH... from their doc comments");
    AddFrontEndOptions(doc_cmd, doc.check, doc_flags);
    doc_cmd->add_option("-o,--output", doc.output_file, "Write to this file (default: stdout)")
        ->check(kNonEmpty);
    doc_cmd->add_option("--title", doc.title, "The page's title")->capture_default_str();

    flowc::DeployCommandOptions deploy;
    FrontEndFlags deploy_flags;
    CLI::App* deploy_cmd = app.add_subcommand(
        "deploy",
        "Build, then publish every flow to a Genesys Cloud org, shared flows first; only what "
        "changed (credentials from the environment or .env)");
    AddFrontEndOptions(deploy_cmd, deploy.check, deploy_flags);
    deploy_cmd
        ->add_option("--target", deploy.target,
                     "archy (publish jobs: what Genesys Cloud imports), or genesys-json (the "
                     "tutorial's model: only with --api-base)")
        ->check(CLI::IsMember(flowc::backend::TargetNames()))
        ->capture_default_str();
    deploy_cmd->add_flag("--plan", deploy.deploy.plan_only,
                         "Print create/update/republish/unchanged per flow; write nothing");
    CLI::Option* detailed = deploy_cmd->add_flag(
        "--detailed-exitcode", deploy.deploy.detailed_exitcode,
        "With --plan: exit 0 when nothing would change, 2 when something would, 1 on errors");
    deploy_cmd->add_flag("--keep-going", deploy.deploy.keep_going,
                         "After a failure, go on with the flows that do not depend on it");
    deploy_cmd->add_flag("--force-unlock", deploy.deploy.force_unlock,
                         "Unlock a flow checked out in Architect before publishing it (its "
                         "holder's unsaved changes are lost; needs architect:flow:unlock)");
    deploy_cmd->add_flag("--republish-consumers", deploy.deploy.republish_consumers,
                         "Also republish the org's flows outside the project that call a changed "
                         "common module (needs architect:flow:publish)");
    std::string plan_format = "text";
    CLI::Option* format =
        deploy_cmd
            ->add_option("--format", plan_format,
                         "With --plan: text, markdown (for a pull-request comment) or json (one "
                         "document)")
            ->check(CLI::IsMember({"text", "markdown", "json"}))
            ->capture_default_str();
    deploy_cmd->add_flag("--json", deploy.deploy.json, "One JSON event per line on stdout");
    deploy_cmd->add_flag("-v,--verbose", deploy.deploy.verbose,
                         "Log each HTTP request's method, URL, status and time (never secrets)");
    deploy_cmd
        ->add_option("--env-file", deploy.env_file,
                     "Read settings from this dotenv file (default: ./.env if present); "
                     "the environment wins")
        ->check(kNonEmpty);
    deploy_cmd
        ->add_option("--env", deploy.environment,
                     "Deploy to this environment of flowc.env.json (its region, division and "
                     "names of the org's resources)")
        ->check(kNonEmpty);
    deploy_cmd
        ->add_option("--env-config", deploy.environment_file,
                     "With --env: the environments file (default: flowc.env.json beside the "
                     "sources)")
        ->check(kNonEmpty);
    deploy_cmd
        ->add_option("--api-base", deploy.api_base,
                     "Use this URL for the API and login hosts (http only for loopback)")
        ->check(kNonEmpty);
    deploy_cmd
        ->add_option("--ca-bundle", deploy.ca_bundle,
                     "Also trust the CA certificates in this PEM file")
        ->check(kNonEmpty);
    deploy_cmd
        ->add_option("--state-file", deploy.deploy.state_file,
                     "Where flowc records what it published")
        ->check(kNonEmpty)
        ->capture_default_str();
    deploy_cmd
        ->add_option("--poll-interval", deploy.deploy.poll_interval_seconds,
                     "Seconds between checks of a publish job")
        ->check(Seconds())
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
        ->capture_default_str();
    deploy_cmd
        ->add_option("--poll-timeout", deploy.deploy.poll_timeout_seconds,
                     "Give up on a publish job after this many seconds")
        ->check(Seconds())
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
        ->capture_default_str();
    deploy_cmd
        ->add_option("--timeout", deploy.deploy.timeout_seconds,
                     "Give up on the whole deploy after this many seconds")
        ->check(Seconds())
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
        ->capture_default_str();

    std::string code;
    bool list = false;
    CLI::App* explain_cmd = app.add_subcommand("explain", "Explain a diagnostic code, e.g. E0101");
    explain_cmd->add_option("code", code, "The code printed in brackets, e.g. E0101");
    explain_cmd->add_flag("--list", list, "List every code with its one-line summary");

    if (std::optional<std::string> problem = CommandProblem(argc, argv)) {
        fmt::print(stderr, "flowc: error: {} (see `flowc --help`)\n", *problem);
        return flowc::exit_code::kUsage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {  // --help, --version
            app.exit(e);
            return flowc::exit_code::kOk;
        }
        // One line: CLI11's text, its control characters escaped, then where to read more.
        std::string help = argc > 1 && IsCommand(argv[1]) ? fmt::format("flowc {} --help", argv[1])
                                                          : std::string("flowc --help");
        fmt::print(stderr, "flowc: error: {} (see `{}`)\n", Printable(e.what(), 160), help);
        return flowc::exit_code::kUsage;
    }

    if (check_cmd->parsed()) {
        ApplyFlags(check_flags, check);
        return flowc::RunCheck(check);
    }
    if (build_cmd->parsed()) {
        ApplyFlags(build_flags, build.check);
        return flowc::RunBuild(build);
    }
    if (doc_cmd->parsed()) {
        ApplyFlags(doc_flags, doc.check);
        return flowc::RunDoc(doc);
    }
    if (deploy_cmd->parsed()) {
        if (detailed->count() > 0 && !deploy.deploy.plan_only) {
            fmt::print(stderr, "flowc: error: `--detailed-exitcode` needs `--plan`\n");
            return flowc::exit_code::kUsage;
        }
        if (!deploy.environment_file.empty() && deploy.environment.empty()) {
            fmt::print(stderr, "flowc: error: `--env-config` needs `--env NAME`\n");
            return flowc::exit_code::kUsage;
        }
        if (format->count() > 0 && !deploy.deploy.plan_only) {
            fmt::print(stderr, "flowc: error: `--format` needs `--plan`\n");
            return flowc::exit_code::kUsage;
        }
        if (format->count() > 0 && deploy.deploy.json) {
            fmt::print(stderr,
                       "flowc: error: `--format` and `--json` both say how to print; give one "
                       "(`--json` is the events of a run, `--format json` the plan's document)\n");
            return flowc::exit_code::kUsage;
        }
        deploy.deploy.plan_format = plan_format == "markdown" ? flowc::deploy::PlanFormat::kMarkdown
                                    : plan_format == "json"   ? flowc::deploy::PlanFormat::kJson
                                                              : flowc::deploy::PlanFormat::kText;
        ApplyFlags(deploy_flags, deploy.check);
        deploy.check.targets = {deploy.target};
        return flowc::RunDeploy(deploy);
    }
    if (explain_cmd->parsed()) {
        if (list) {
            for (const flowc::CodeInfo& info : flowc::AllCodes()) {
                fmt::print("{}  {}\n", info.id, info.summary);
            }
            return flowc::exit_code::kOk;
        }
        if (code.empty()) {
            fmt::print(stderr,
                       "flowc: error: `explain` needs a code, e.g. `flowc explain E0101`\n");
            return flowc::exit_code::kUsage;
        }
        return flowc::RunExplain(code);
    }
    return flowc::exit_code::kUsage;
}

// A reader that went away (`flowc check --dump-ast x | head`) is an output error, reported
// once and exiting 74, rather than death by SIGPIPE mid-write.
int FinishStdout(int code) {
    if (std::fflush(stdout) == 0 && std::ferror(stdout) == 0) return code;
    int error = errno;
    std::fprintf(stderr, "flowc: error: cannot write to standard output: %s\n",
                 std::strerror(error != 0 ? error : EIO));
    return code == flowc::exit_code::kInternal ? code : flowc::exit_code::kIoError;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    try {
        return FinishStdout(Main(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr,
                     "flowc: internal error: %s (this is a bug in flowc; please report it)\n",
                     e.what());
    } catch (...) {
        std::fprintf(stderr,
                     "flowc: internal error: unknown exception (this is a bug in flowc; please "
                     "report it)\n");
    }
    return flowc::exit_code::kInternal;
}
