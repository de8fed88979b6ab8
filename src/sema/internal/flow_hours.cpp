// `hours G [emergency E] { ... }` (LANGUAGE.md, the `hours` row of "Statements"): every
// outcome of the groups (open, closed, holiday, and emergency with `emergency E`) goes to
// exactly one arm; `else` covers the rest and is expanded here, once.
#include <fmt/format.h>

#include <array>

#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {
namespace {

HoursOutcome FromAst(ast::HoursOutcome outcome) {
    switch (outcome) {
        case ast::HoursOutcome::kOpen:
            return HoursOutcome::kOpen;
        case ast::HoursOutcome::kClosed:
            return HoursOutcome::kClosed;
        case ast::HoursOutcome::kHoliday:
            return HoursOutcome::kHoliday;
        case ast::HoursOutcome::kEmergency:
            return HoursOutcome::kEmergency;
    }
    return HoursOutcome::kOpen;
}

constexpr std::array<HoursOutcome, 4> kOutcomes = {
    HoursOutcome::kOpen, HoursOutcome::kClosed, HoursOutcome::kHoliday, HoursOutcome::kEmergency};

}  // namespace

void FlowChecker::CheckHours(const ast::HoursStmt& hours, Span span, Block& out) {
    Hours node;
    node.group =
        CheckResource(*hours.group, ResourceKind::kSchedule, "the schedule group of `hours`");
    if (hours.emergency) {
        node.emergency = CheckResource(*hours.emergency, ResourceKind::kEmergency,
                                       "the emergency group of `hours`");
    }
    bool with_emergency = hours.emergency != nullptr;
    std::array<std::optional<Span>, kOutcomes.size()> covered{};
    std::optional<Span> else_at;
    std::optional<std::size_t> else_arm;
    for (const ast::HoursArm& arm : hours.arms) {
        Span arm_span = Join(arm.label_span, arm.body->span);
        if (else_at) {
            diags_.Report(
                MakeDiagnostic(
                    arm.outcome ? Code::kArmAfterFallback : Code::kDuplicateHoursArm,
                    arm.label_span,
                    arm.outcome ? "`hours` arm after `else`" : "second `else` in one `hours`")
                    .WithLabel(*else_at, "`else` is here")
                    .WithHelp("`else` must be the last arm of `hours`, and there is one"));
        }
        HoursArm item;
        item.arm_span = arm_span;
        if (!arm.outcome) {
            if (!else_at) {
                else_at = arm.label_span;
                else_arm = node.arms.size();
            }
        } else {
            HoursOutcome outcome = FromAst(*arm.outcome);
            auto index = static_cast<std::size_t>(outcome);
            if (outcome == HoursOutcome::kEmergency && !with_emergency) {
                diags_.Report(
                    MakeDiagnostic(Code::kEmergencyArmWithoutGroup, arm.label_span,
                                   "`emergency` arm, but `hours` evaluates no emergency group")
                        .WithHelp("name the group: `hours " +
                                  std::string(
                                      std::get_if<ast::NameRef>(&hours.group->node)
                                          ? std::get_if<ast::NameRef>(&hours.group->node)->name.name
                                          : "BankHours") +
                                  " emergency Evacuation { ... }` (`emergency Evacuation = "
                                  "\"...\";` declares it)"));
            } else if (covered[index]) {
                diags_.Report(MakeDiagnostic(Code::kDuplicateHoursArm, arm.label_span,
                                             fmt::format("two `{}` arms in one `hours`",
                                                         HoursOutcomeName(outcome)))
                                  .WithLabel(*covered[index], "first here")
                                  .WithHelp("keep one of them"));
            } else {
                covered[index] = arm.label_span;
                item.outcomes.push_back(outcome);
            }
        }
        CheckArm(*arm.body, item.body);
        node.arms.push_back(std::move(item));
    }

    std::vector<std::string> missing;
    std::vector<HoursOutcome> rest;
    for (HoursOutcome outcome : kOutcomes) {
        if (outcome == HoursOutcome::kEmergency && !with_emergency) continue;
        if (covered[static_cast<std::size_t>(outcome)]) continue;
        rest.push_back(outcome);
        missing.push_back(fmt::format("`{}`", HoursOutcomeName(outcome)));
    }
    if (else_arm) {
        node.arms[*else_arm].outcomes = rest;
        if (rest.empty()) {
            diags_.Report(MakeDiagnostic(Code::kUnreachableCode, *else_at,
                                         "this `else` can never run: every outcome has its arm")
                              .WithHelp("remove the `else` arm"));
        }
    } else if (!missing.empty()) {
        std::string list;
        std::string arms;
        for (std::size_t i = 0; i < missing.size(); ++i) {
            const char* separator = i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ";
            list += separator + missing[i];
            arms += fmt::format("{}`{} => ...`", separator, HoursOutcomeName(rest[i]));
        }
        diags_.Report(MakeDiagnostic(Code::kHoursArmMissing,
                                     Span{span.file, span.begin, span.begin + 5},
                                     fmt::format("`hours` has no arm for {}", list))
                          .WithHelp(fmt::format("add {}, or an `else => ...` arm", arms)));
    }
    // Arms that cover nothing (a duplicate, an `emergency` arm without a group, an `else`
    // with nothing left) are checked but never run: the model keeps only live arms.
    std::erase_if(node.arms, [](const HoursArm& arm) { return arm.outcomes.empty(); });
    out.push_back(std::make_unique<Stmt>(Stmt{span, std::move(node)}));
}

}  // namespace flowc::sema::internal
