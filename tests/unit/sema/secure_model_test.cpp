// The secure-value rule on the checked model (LANGUAGE.md v2, "Secure values"): which
// variables are secure, the type of every checked expression, and the rule's table itself.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "sema/secure.h"
#include "support/pipeline.h"

namespace flowc {
namespace {

constexpr const char* kSource = R"(
shared flow Keep(pin: secure string, expected: string) -> <valid: bool, kept: secure string> {
    valid = pin == expected;
    kept = pin;
}

inbound flow Main {
    var secure = "plain text in a variable called secure";
    collect secure pin prompt "Enter your PIN." digits 4;
    var copy = pin;
    var literal: secure string = "0000";
    collect typed prompt "Your account." digits 8;
    call Keep(pin = copy, expected = typed) -> <valid, kept>;
    var same = kept != literal;
    if valid && same { play secure; }
}
)";

struct Checked {
    SourceManager sources;
    DiagnosticEngine diags;
    std::optional<sema::Model> model;
};

std::unique_ptr<Checked> CheckSource(const std::string& text) {
    auto out = std::make_unique<Checked>();
    out->model = testing::RunFrontEnd({{"secure.flow", text}}, out->sources, out->diags);
    return out;
}

const sema::Flow& FlowNamed(const sema::Model& model, const std::string& name) {
    for (const sema::Flow& flow : model.flows) {
        if (flow.name == name) return flow;
    }
    ADD_FAILURE() << "no flow " << name;
    return model.flows.front();
}

sema::Type TypeOfVar(const sema::Flow& flow, const std::string& name) {
    for (const sema::Variable& var : flow.vars) {
        if (var.name == name) return var.type;
    }
    ADD_FAILURE() << "no variable " << name;
    return sema::Type::kError;
}

TEST(SecureModel, SaysWhichVariablesAreSecure) {
    std::unique_ptr<Checked> checked = CheckSource(kSource);
    ASSERT_TRUE(checked->model) << checked->diags.error_count();
    const sema::Flow& keep = FlowNamed(*checked->model, "Keep");
    EXPECT_EQ(TypeOfVar(keep, "pin"), sema::Type::kSecureString);
    EXPECT_EQ(TypeOfVar(keep, "expected"), sema::Type::kString);
    EXPECT_EQ(TypeOfVar(keep, "valid"), sema::Type::kBool);
    EXPECT_EQ(TypeOfVar(keep, "kept"), sema::Type::kSecureString);
    const sema::Flow& main = FlowNamed(*checked->model, "Main");
    EXPECT_EQ(TypeOfVar(main, "secure"), sema::Type::kString);
    EXPECT_EQ(TypeOfVar(main, "pin"), sema::Type::kSecureString);      // `collect secure`
    EXPECT_EQ(TypeOfVar(main, "copy"), sema::Type::kSecureString);     // inferred by `var`
    EXPECT_EQ(TypeOfVar(main, "literal"), sema::Type::kSecureString);  // declared
    EXPECT_EQ(TypeOfVar(main, "typed"), sema::Type::kString);          // plain `collect`
    EXPECT_EQ(TypeOfVar(main, "kept"), sema::Type::kSecureString);     // by the binding
    EXPECT_EQ(TypeOfVar(main, "same"), sema::Type::kBool);             // a comparison
}

TEST(SecureModel, TypesEveryCheckedExpression) {
    std::unique_ptr<Checked> checked = CheckSource(kSource);
    ASSERT_TRUE(checked->model);
    const sema::Flow& main = FlowNamed(*checked->model, "Main");
    const auto& body = main.body;
    // collect secure pin: the statement says the collection is secure.
    const auto* collect = std::get_if<sema::Collect>(&body[1]->node);
    ASSERT_NE(collect, nullptr);
    EXPECT_TRUE(collect->secure);
    const auto* plain_collect = std::get_if<sema::Collect>(&body[4]->node);
    ASSERT_NE(plain_collect, nullptr);
    EXPECT_FALSE(plain_collect->secure);
    // var copy = pin: a secure read.
    const auto* copy = std::get_if<sema::Assign>(&body[2]->node);
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->value->type, sema::Type::kSecureString);
    // var literal: secure string = "0000": plain text becomes secret, unchanged.
    const auto* literal = std::get_if<sema::Assign>(&body[3]->node);
    ASSERT_NE(literal, nullptr);
    EXPECT_EQ(literal->value->type, sema::Type::kString);
    EXPECT_EQ(main.vars[literal->var].type, sema::Type::kSecureString);
    // call Keep(pin = copy, ...): the argument is secure, into a secure parameter.
    const auto* call = std::get_if<sema::Call>(&body[5]->node);
    ASSERT_NE(call, nullptr);
    EXPECT_EQ(call->args[0].value->type, sema::Type::kSecureString);
    EXPECT_EQ(call->args[1].value->type, sema::Type::kString);
    // var same = kept != literal: the comparison is a plain bool of two secure operands.
    const auto* same = std::get_if<sema::Assign>(&body[6]->node);
    ASSERT_NE(same, nullptr);
    EXPECT_EQ(same->value->type, sema::Type::kBool);
    const auto* compare = std::get_if<sema::Binary>(&same->value->node);
    ASSERT_NE(compare, nullptr);
    EXPECT_EQ(compare->op, sema::BinaryOp::kNotEq);
    EXPECT_EQ(compare->lhs->type, sema::Type::kSecureString);
    EXPECT_EQ(compare->rhs->type, sema::Type::kSecureString);
}

TEST(SecureModel, NoModelWhenASecureValueLeaks) {
    std::unique_ptr<Checked> checked = CheckSource(R"(
inbound flow Main {
    collect secure pin prompt "PIN" digits 4;
    var copy = pin;
    contact.attributes.Pin = copy;
}
)");
    EXPECT_FALSE(checked->model);
    EXPECT_EQ(checked->diags.error_count(), 1u);
}

TEST(SecureRule, OnlySecureStoresAndComparisonsReceiveASecret) {
    for (int i = 0; i <= static_cast<int>(sema::Sink::kOther); ++i) {
        auto sink = static_cast<sema::Sink>(i);
        bool allowed = sink == sema::Sink::kSecureStore || sink == sema::Sink::kComparison;
        EXPECT_EQ(sema::MayFlowInto(sema::Type::kSecureString, sink), allowed) << i;
        EXPECT_TRUE(sema::MayFlowInto(sema::Type::kString, sink)) << i;
        EXPECT_TRUE(sema::MayFlowInto(sema::Type::kInt, sink)) << i;
        EXPECT_FALSE(sema::SinkPhrase(sink).empty());
        EXPECT_FALSE(sema::SinkHelp(sink).empty());
    }
}

TEST(SecureRule, AJoinOfASecretAndTextIsSecret) {
    using sema::Type;
    EXPECT_EQ(sema::JoinSecurity(Type::kSecureString, Type::kString), Type::kSecureString);
    EXPECT_EQ(sema::JoinSecurity(Type::kString, Type::kSecureString), Type::kSecureString);
    EXPECT_EQ(sema::JoinSecurity(Type::kSecureString, Type::kSecureString), Type::kSecureString);
    EXPECT_EQ(sema::JoinSecurity(Type::kString, Type::kString), Type::kString);
    EXPECT_EQ(sema::JoinSecurity(Type::kInt, Type::kInt), std::nullopt);
    EXPECT_EQ(sema::JoinSecurity(Type::kSecureString, Type::kInt), std::nullopt);
    EXPECT_EQ(sema::JoinSecurity(Type::kAudio, Type::kString), std::nullopt);
}

}  // namespace
}  // namespace flowc
