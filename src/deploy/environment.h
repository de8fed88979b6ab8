// `flowc deploy --env NAME`: one set of sources, several orgs (development, test,
// production) whose resources may have other names. `flowc.env.json` beside the sources
// says, per environment, the region, the division and a map from the platform names the
// sources use to the names in that org; the map is applied to the checked model, so that
// every target writes, and the deploy looks up, the org's own names.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deploy/result.h"
#include "sema/model.h"

namespace flowc::deploy {

struct Environment {
    std::string name;
    std::string file;      // where it was read, for messages
    std::string region;    // empty: from GENESYSCLOUD_REGION as without --env
    std::string division;  // empty: each flow's own @division (default Home)
    // kind -> (name in the sources -> name in the org). Kinds: queue, schedule, emergency,
    // prompt, skill (languages too), flow (the project's and the org's), dataAction,
    // integration.
    std::map<std::string, std::map<std::string, std::string>> names;
};

// The kinds a `names` map may have, in the order the docs list them.
const std::vector<std::string>& EnvironmentNameKinds();

// Parses the text of an environments file and picks `name`; a failure (kConfig) names the
// file and the member that is wrong, or the environments there are.
Result<Environment> ParseEnvironment(std::string_view text, const std::string& file,
                                     const std::string& name);

// Reads `file` (ReadOwnFile: a regular file of at most 1 MiB) and picks `name`.
Result<Environment> ReadEnvironment(const std::string& file, const std::string& name);

// Where `flowc.env.json` is for these inputs: beside the first (in it, when a directory).
std::string DefaultEnvironmentFile(const std::vector<std::string>& inputs);

// Renames, in `model`, every platform name the environment maps, and sets the division;
// returns the names of the map no part of the sources uses (a mistyped key, probably).
std::vector<std::string> ApplyEnvironment(const Environment& environment, sema::Model& model);

}  // namespace flowc::deploy
