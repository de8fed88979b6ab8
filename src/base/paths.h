// Paths as flowc prints them: the user's spelling (`./out` stays `./out`, `out/` keeps its
// slash), without the doubled separators that `-o out//` or a join onto `out/` would give
// (`out2//archy`).
#pragma once

#include <string>
#include <string_view>

namespace flowc {

// `path` with every run of `/` made one: `out//x` -> `out/x`, `out//` -> `out/`.
std::string CollapseSeparators(std::string_view path);

// `dir` and `name` with exactly one `/` between them, separators collapsed:
// JoinPath("out/", "archy") == JoinPath("out", "archy") == "out/archy".
std::string JoinPath(std::string_view dir, std::string_view name);

}  // namespace flowc
