// "Did you mean" (rustc's find_best_match_for_name): the help line for a name that is not
// known at a position, chosen among the names that would be valid there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

// A candidate equal but for case wins ("names are case-sensitive: did you mean `x`?");
// otherwise the nearest by edit distance, at most max(len, 3) / 3 edits away, ties broken by
// the candidates' order. nullopt when nothing is close.
std::optional<std::string> SuggestName(std::string_view wrong,
                                       const std::vector<std::string_view>& candidates);

}  // namespace flowc
