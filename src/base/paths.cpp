#include "base/paths.h"

namespace flowc {

std::string CollapseSeparators(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (char c : path) {
        if (c == '/' && !out.empty() && out.back() == '/') continue;
        out += c;
    }
    return out;
}

std::string JoinPath(std::string_view dir, std::string_view name) {
    std::string joined = CollapseSeparators(dir);
    if (!joined.empty() && joined.back() != '/') joined += '/';
    joined += name;
    return CollapseSeparators(joined);
}

}  // namespace flowc
