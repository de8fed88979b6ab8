// The commands main.cpp dispatches to, and the options of those that only the CLI runs; the
// only place that knows CLI11 is main.cpp. The options the driver takes are driver/options.h's.
#pragma once

#include <string>

#include "base/exit_codes.h"
#include "deploy/deploy.h"
#include "driver/options.h"

namespace flowc {

struct DocOptions {
    CheckOptions check;
    std::string output_file;  // empty: stdout
    std::string title = "Shared flows";
};

struct DeployCommandOptions {
    CheckOptions check;
    std::string target = "archy";  // or genesys-json, for an --api-base endpoint only
    std::string env_file;          // --env-file; empty: .env in the working directory, if present
    std::string api_base;          // --api-base
    std::string ca_bundle;         // --ca-bundle
    std::string environment;       // --env NAME; empty: none
    std::string environment_file;  // --env-config FILE; empty: flowc.env.json beside the sources
    deploy::DeployOptions deploy;
};

int RunCheck(const CheckOptions& options);
int RunDoc(const DocOptions& options);
int RunBuild(const BuildOptions& options);
int RunExplain(const std::string& code);
int RunDeploy(const DeployCommandOptions& options);

}  // namespace flowc
