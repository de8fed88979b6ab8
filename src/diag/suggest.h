// "Did you mean" (rustc's find_best_match_for_name): the help line for a name that is not
// known at a position, chosen among the names that would be valid there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

// The name that was probably meant, as data: callers label its declaration or bind it.
struct Suggestion {
    std::string name;
    bool differs_only_in_case = false;
    // "names are case-sensitive: did you mean `x`?" or "did you mean `x`?"
    std::string Help() const;
};

// A candidate equal but for case wins; otherwise the nearest by edit distance, at most
// max(len, 3) / 3 edits away, ties broken by the candidates' order. nullopt when nothing is
// close.
std::optional<Suggestion> SuggestName(std::string_view wrong,
                                      const std::vector<std::string_view>& candidates);
// SuggestName's help line, for callers that need only that.
std::optional<std::string> SuggestNameHelp(std::string_view wrong,
                                           const std::vector<std::string_view>& candidates);

}  // namespace flowc
