#include "deploy/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "deploy/deploy.h"

namespace flowc::deploy {
namespace {

Failure Refused() { return {FailureKind::kRejected, "no", "try again", 400}; }

TEST(Result, HoldsAValueOrAFailure) {
    Result<std::string> value = std::string("flow-1");
    ASSERT_TRUE(value.ok());
    EXPECT_TRUE(static_cast<bool>(value));
    EXPECT_EQ(value.value(), "flow-1");
    EXPECT_EQ(value->size(), 6u);

    Result<std::string> failure = Refused();
    ASSERT_FALSE(failure.ok());
    EXPECT_EQ(failure.failure().kind, FailureKind::kRejected);
    EXPECT_EQ(failure.failure().message, "no");
    EXPECT_EQ(failure.failure().status, 400);
    EXPECT_TRUE(failure.failure().notes.empty());
}

TEST(Result, AValueIsMovedOutWithoutACopy) {
    Result<std::unique_ptr<int>> owned = std::make_unique<int>(7);
    std::unique_ptr<int> taken = std::move(owned).value();
    ASSERT_NE(taken, nullptr);
    EXPECT_EQ(*taken, 7);
}

TEST(Result, VoidIsOkByDefaultAndCarriesAFailureOtherwise) {
    Result<void> ok;
    EXPECT_TRUE(ok.ok());
    Result<void> failed = Failure{FailureKind::kJobTimeout, "still running", "", 0, {"n"}};
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.failure().kind, FailureKind::kJobTimeout);
    ASSERT_EQ(failed.failure().notes.size(), 1u);
    EXPECT_EQ(failed.failure().notes[0], "n");
}

// A loader's failure is reported with the code its kind names, as a platform call's is.
TEST(Result, EveryLoaderKindHasItsCode) {
    EXPECT_EQ(CodeFor(FailureKind::kConfig), Code::kDeployConfig);
    EXPECT_EQ(CodeFor(FailureKind::kStateUnreadable), Code::kDeployStateUnreadable);
    EXPECT_EQ(CodeFor(FailureKind::kStateUnwritable), Code::kDeployStateNotWritable);
    EXPECT_EQ(CodeFor(FailureKind::kInternal), Code::kInternalError);
    EXPECT_EQ(CodeFor(FailureKind::kBadResponse), Code::kDeployBadResponse);
}

}  // namespace
}  // namespace flowc::deploy
