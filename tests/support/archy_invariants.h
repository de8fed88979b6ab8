// Structural checks of archy output, parsed back with a YAML parser: one top-level key of
// the right type per file; an inbound flow's startUpRef resolves to a task or menu of the
// file; a module, and an in-queue flow (with settingsInQueueCall.holdMusic), has
// startUpTaskActions and no tasks; refIds are unique; every callCommonModule names a
// common module of the build, with exactly its isInput variables as inputs and its isOutput
// variables as outputs; no plain scalar is a YAML 1.1 boolean word such as yes or no.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace flowc::testing {

std::vector<std::string> CheckArchyInvariants(
    const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace flowc::testing
