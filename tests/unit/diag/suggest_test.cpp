#include "diag/suggest.h"

#include <gtest/gtest.h>

#include <type_traits>

#include "ast/flow_literal.h"
#include "diag/diagnostic.h"

namespace flowc {
namespace {

TEST(SuggestName, ReturnsTheNameAsData) {
    std::optional<Suggestion> meant = SuggestName("Route", {"queue", "route"});
    ASSERT_TRUE(meant);
    EXPECT_EQ(meant->name, "route");
    EXPECT_TRUE(meant->differs_only_in_case);
    EXPECT_EQ(meant->Help(), "names are case-sensitive: did you mean `route`?");
}

TEST(SuggestName, NearestByEditDistanceIsNotACaseSuggestion) {
    std::optional<Suggestion> meant = SuggestName("choise", {"choice", "menu"});
    ASSERT_TRUE(meant);
    EXPECT_EQ(meant->name, "choice");
    EXPECT_FALSE(meant->differs_only_in_case);
    EXPECT_EQ(meant->Help(), "did you mean `choice`?");
    EXPECT_EQ(SuggestNameHelp("choise", {"choice"}), "did you mean `choice`?");
}

TEST(SuggestName, NothingCloseIsNullopt) {
    EXPECT_FALSE(SuggestName("language", {"ani", "dnis"}));
    EXPECT_FALSE(SuggestNameHelp("language", {"ani", "dnis"}));
    EXPECT_FALSE(SuggestName("same", {"same"}));  // the name itself is no suggestion
}

TEST(Diagnostic, FluentHelpersReturnValues) {
    // A `Diagnostic&&` from a temporary would dangle once bound to a reference.
    static_assert(
        std::is_same_v<decltype(MakeDiagnostic(Code::kSyntaxError, Span{}, "m").WithHelp("h")),
                       Diagnostic>);
    auto&& d = MakeDiagnostic(Code::kSyntaxError, Span{}, "m").WithNote("n").WithHelp("h");
    EXPECT_EQ(d.notes.size(), 1u);
    EXPECT_EQ(d.help, "h");
}

TEST(QuoteFlowString, WritesTheLanguagesEscapes) {
    EXPECT_EQ(ast::QuoteFlowString("say \"hi\"\\\n\t"), "\"say \\\"hi\\\"\\\\\\n\\t\"");
    EXPECT_EQ(ast::QuoteFlowString(""), "\"\"");
}

}  // namespace
}  // namespace flowc
