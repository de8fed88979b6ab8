// How much work the grammar makes ANTLR's prediction do on a file, for tests and `--stats`:
// a healthy grammar parses valid input with SLL alone and has no ambiguity. Parses the file
// twice (SLL, then LL with exact ambiguity detection), so it is for measuring, not building.
#pragma once

#include <cstddef>

#include "base/source_file.h"

namespace flowc {

struct GrammarHealth {
    bool sll_ok = false;                    // the SLL parse alone succeeded
    bool ll_ok = false;                     // the full LL parse succeeded
    std::size_t full_context_attempts = 0;  // SLL conflicts that needed full context
    std::size_t context_sensitivities = 0;  // decisions SLL and LL would take differently
    std::size_t ambiguities = 0;            // inputs that match two alternatives
};

GrammarHealth MeasureGrammarHealth(const SourceFile& source);

}  // namespace flowc
