// Edit distance (optimal string alignment), for "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <string_view>

namespace flowc {

std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace flowc
