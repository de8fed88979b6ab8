// `flowc deploy`: publishes a compiled bundle to a Genesys Cloud org, shared flows first,
// resolving everything before the first write and skipping what has not changed.
#pragma once

#include <cstdio>
#include <string>

#include "deploy/config.h"
#include "deploy/http.h"
#include "deploy/plan.h"
#include "deploy/plan_report.h"
#include "deploy/redact.h"
#include "deploy/result.h"
#include "diag/engine.h"

namespace flowc::deploy {

struct DeployOptions {
    bool plan_only = false;            // --plan: resolve and print, write nothing
    bool detailed_exitcode = false;    // with --plan: 2 when something would change
    bool keep_going = false;           // after a failure, go on with flows that do not depend on it
    bool force_unlock = false;         // unlock a flow checked out in Architect before publishing
    bool republish_consumers = false;  // republish the org's other callers of changed modules
    PlanFormat plan_format = PlanFormat::kText;  // --plan --format
    std::string environment;                     // --env NAME, as the plan names it; empty: none
    bool json = false;                           // one JSON event per line on stdout
    bool verbose = false;                        // log every HTTP exchange (never secrets)
    std::string state_file = ".flowc/deploy-state.json";
    double poll_interval_seconds = 15;
    double poll_timeout_seconds = 16 * 60;
    double timeout_seconds = 60 * 60;  // the whole deploy
    double time_scale = 1;             // FLOWC_DEPLOY_TIME_SCALE: multiplies every wait
};

// The diagnostic code a failure is reported with (and so, through the code, the exit code).
Code CodeFor(FailureKind kind);

// Runs plan and apply; diagnostics (with codes E10xx) go to `diags`, progress to `err`,
// the plan, the summary and --json events to `out`. Returns the exit code. Every line it
// prints and every diagnostic it reports is cleaned with `redactor`, which learns the
// configured credentials and each token received (the caller redacts the rendered
// diagnostics with it afterwards).
int Deploy(const Bundle& bundle, const DeployConfig& config, const DeployOptions& options,
           HttpClient& http, Redactor& redactor, DiagnosticEngine& diags, std::FILE* out,
           std::FILE* err);

}  // namespace flowc::deploy
