#include "diag/suggest.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/edit_distance.h"
#include "base/strings.h"

namespace flowc {

std::string Suggestion::Help() const {
    return differs_only_in_case ? fmt::format("names are case-sensitive: did you mean `{}`?", name)
                                : fmt::format("did you mean `{}`?", name);
}

std::optional<Suggestion> SuggestName(std::string_view wrong,
                                      const std::vector<std::string_view>& candidates) {
    for (std::string_view candidate : candidates) {
        if (candidate != wrong && EqualIgnoringCase(candidate, wrong)) {
            return Suggestion{std::string(candidate), true};
        }
    }
    std::size_t limit = std::max<std::size_t>(wrong.size(), 3) / 3;
    std::optional<std::string_view> best;
    std::size_t best_distance = limit + 1;
    for (std::string_view candidate : candidates) {
        if (candidate == wrong) continue;
        std::size_t distance = EditDistance(Lowercase(wrong), Lowercase(candidate));
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    if (!best) return std::nullopt;
    return Suggestion{std::string(*best), false};
}

std::optional<std::string> SuggestNameHelp(std::string_view wrong,
                                           const std::vector<std::string_view>& candidates) {
    std::optional<Suggestion> suggestion = SuggestName(wrong, candidates);
    if (!suggestion) return std::nullopt;
    return suggestion->Help();
}

}  // namespace flowc
