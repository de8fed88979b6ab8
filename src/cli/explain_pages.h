// The pages of docs/errors/, embedded at build time for `flowc explain`.
#pragma once

#include <string_view>
#include <vector>

namespace flowc {

struct ExplainPage {
    std::string_view code;
    std::string_view markdown;
};

const std::vector<ExplainPage>& ExplainPages();

}  // namespace flowc
