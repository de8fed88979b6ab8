#include "sema/model.h"

#include <algorithm>
#include <cstddef>
#include <variant>

#include "ast/flow_literal.h"

namespace flowc::sema {

std::string_view TypeName(Type type) {
    switch (type) {
        case Type::kString:
            return "string";
        case Type::kInt:
            return "int";
        case Type::kDecimal:
            return "decimal";
        case Type::kBool:
            return "bool";
        case Type::kAudio:
            return "audio";
        case Type::kDatetime:
            return "datetime";
        case Type::kQueue:
            return "queue";
        case Type::kSchedule:
            return "schedule";
        case Type::kEmergency:
            return "emergency";
        case Type::kPrompt:
            return "prompt";
        case Type::kSkill:
            return "skill";
        case Type::kSecureString:
            return "secure string";
        case Type::kError:
            return "<error>";
    }
    return "<error>";
}

std::string_view ResourceKindName(ResourceKind kind) { return TypeName(TypeOf(kind)); }

Type TypeOf(ResourceKind kind) {
    switch (kind) {
        case ResourceKind::kQueue:
            return Type::kQueue;
        case ResourceKind::kSchedule:
            return Type::kSchedule;
        case ResourceKind::kEmergency:
            return Type::kEmergency;
        case ResourceKind::kPrompt:
            return Type::kPrompt;
        case ResourceKind::kSkill:
            return Type::kSkill;
    }
    return Type::kError;
}

std::optional<ResourceKind> ResourceKindOf(Type type) {
    switch (type) {
        case Type::kQueue:
            return ResourceKind::kQueue;
        case Type::kSchedule:
            return ResourceKind::kSchedule;
        case Type::kEmergency:
            return ResourceKind::kEmergency;
        case Type::kPrompt:
            return ResourceKind::kPrompt;
        case Type::kSkill:
            return ResourceKind::kSkill;
        default:
            return std::nullopt;
    }
}

std::string_view FlowKindName(FlowKind kind) {
    switch (kind) {
        case FlowKind::kShared:
            return "shared";
        case FlowKind::kInbound:
            return "inbound";
        case FlowKind::kInQueue:
            return "inqueue";
        case FlowKind::kDataAction:
            return "data action";
    }
    return "?";
}

std::string_view HoursOutcomeName(HoursOutcome outcome) {
    switch (outcome) {
        case HoursOutcome::kOpen:
            return "open";
        case HoursOutcome::kClosed:
            return "closed";
        case HoursOutcome::kHoliday:
            return "holiday";
        case HoursOutcome::kEmergency:
            return "emergency";
    }
    return "?";
}

std::string LiteralSource(const Literal& literal) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return ast::QuoteFlowString(v);
            } else if constexpr (std::is_same_v<T, DecimalText>) {
                return v.text;
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else {
                return std::to_string(v);
            }
        },
        literal.value);
}

std::optional<std::int64_t> Repeat::LiteralCount() const {
    if (count == nullptr) return std::nullopt;
    const auto* literal = std::get_if<Literal>(&count->node);
    if (literal == nullptr) return std::nullopt;
    if (const auto* value = std::get_if<std::int64_t>(&literal->value)) return *value;
    return std::nullopt;
}

}  // namespace flowc::sema

namespace flowc::sema {
namespace {
template <typename Variant>
struct LargestAlternative;
template <typename... Alternatives>
struct LargestAlternative<std::variant<Alternatives...>> {
    static constexpr std::size_t kSize = std::max({sizeof(Alternatives)...});
};
}  // namespace

// Every statement is as large as the largest alternative of Stmt::node; the transfers and
// callbacks box their options and failure paths to stay within a menu's size (FailurePath).
static_assert(LargestAlternative<decltype(Stmt::node)>::kSize <= sizeof(Menu),
              "a statement alternative larger than Menu grows every statement of a program");
// `flowc build` frees each flow's syntax tree once its body is checked, and the allocator
// hands the freed expressions' blocks (ast::Expr, 96 bytes) to the model's statements when
// they fall in the same size class. At 104 bytes they did not, and the peak of a 1,000-file
// build grew by 12 % with the same live heap (docs/performance.md, issue 19).
static_assert(sizeof(Stmt) <= 96, "a larger statement misses the freed syntax tree's blocks");
}  // namespace flowc::sema
