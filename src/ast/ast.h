// The owned syntax tree of one `.flow` file. Plain values with a Span on every node; built by
// the syntax layer, after which no parser object survives. Variants (not class hierarchies)
// so that every `switch`/`std::visit` over node kinds is checked for exhaustiveness.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/span.h"

namespace flowc::ast {

struct Identifier {
    std::string name;
    Span span;
};

// An org resource's kind (v2): a `queue`, a `schedule` group, an `emergency` group, a user
// `prompt`, an ACD `skill`. Each kind is also a type.
enum class ResourceKind : std::uint8_t { kQueue, kSchedule, kEmergency, kPrompt, kSkill };
inline constexpr std::size_t kResourceKindCount = 5;

enum class TypeKind : std::uint8_t {
    kString,
    kInt,
    kDecimal,
    kBool,
    kAudio,
    kDatetime,  // v2: a point in time, UTC
    kQueue,
    kSchedule,
    kEmergency,
    kPrompt,
    kSkill,
    kSecureString,  // `secure string` (v2): a value that only secure sinks may receive
};

struct TypeRef {
    TypeKind kind = TypeKind::kString;
    Span span;
};

// ---- Expressions ----------------------------------------------------------------------

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct StringLiteral {
    std::string value;  // escapes already decoded
};
struct IntLiteral {
    std::int64_t value = 0;
};
struct DecimalLiteral {
    std::string text;  // as written ("1.50"); kept exact, never rounded through a double
};
struct BoolLiteral {
    bool value = false;
};
struct NameRef {
    Identifier name;
};
// `call.ani`, `call.dnis`, `call.language`; the property is validated by the checker.
struct CallProperty {
    Identifier property;
};
// `contact.attributes.Key`
struct ContactAttribute {
    Identifier key;
};

enum class UnaryOp : std::uint8_t { kNot, kNegate };
enum class BinaryOp : std::uint8_t {
    kMul,
    kDiv,
    kAdd,
    kSub,
    kLess,
    kLessEq,
    kGreater,
    kGreaterEq,
    kEq,
    kNotEq,
    kAnd,
    kOr,
};

struct UnaryExpr {
    UnaryOp op;
    Span op_span;
    ExprPtr operand;
};
struct BinaryExpr {
    BinaryOp op;
    Span op_span;
    ExprPtr lhs;
    ExprPtr rhs;
};
struct FunctionCall {
    Identifier function;
    std::vector<ExprPtr> args;
};
// `c ? a : b` (v2).
struct ConditionalExpr {
    ExprPtr condition;
    ExprPtr when_true;
    ExprPtr when_false;
};

struct Expr {
    Span span;  // includes surrounding parentheses, if any
    std::variant<StringLiteral, IntLiteral, DecimalLiteral, BoolLiteral, NameRef, CallProperty,
                 ContactAttribute, UnaryExpr, BinaryExpr, FunctionCall, ConditionalExpr>
        node;
};

// ---- Statements -----------------------------------------------------------------------

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

struct Block {
    Span span;  // from `{` to `}`
    std::vector<StmtPtr> stmts;
};

// A positive integer written in the source (`repeat 3`, `digits 4`).
struct Count {
    std::int64_t value = 0;
    Span span;
};

struct VarStmt {
    Identifier name;
    std::optional<TypeRef> type;
    ExprPtr init;  // null for `var x: T;`
};
struct AssignStmt {
    Identifier target;
    ExprPtr value;
};
struct SetAttributeStmt {
    Identifier key;  // `contact.attributes.<key> = value;`
    ExprPtr value;
};
struct PlayStmt {
    ExprPtr prompt;
};
struct CollectStmt {
    Identifier target;
    ExprPtr prompt;
    Count digits;  // the most digits
    // `digits 4..6`: the fewest (beside the contract), 1 when not written. A number, not a
    // Count: the builder reports what needs its span, and a larger alternative would make
    // every statement of every tree larger (a Stmt is as large as its largest alternative).
    std::int64_t least_digits = 1;
    bool secure = false;  // `collect secure x ...` (v2)
};
struct MenuArm {
    std::optional<std::string> label;  // nullopt for `else`
    Span label_span;                   // the label literal or the `else` keyword
    StmtPtr body;
};
struct MenuStmt {
    ExprPtr prompt;
    std::vector<MenuArm> arms;
};
struct IfBranch {
    ExprPtr condition;
    Block body;
};
struct IfStmt {
    std::vector<IfBranch> branches;  // `if` then each `else if`
    std::optional<Block> otherwise;
    Span else_span;  // the last `else` keyword, when there is an `otherwise`
};
struct SwitchArm {
    std::vector<ExprPtr> values;  // literals; empty for `default`
    Span label_span;              // `case ... ` up to `=>`, or the `default` keyword
    StmtPtr body;
    bool is_default = false;
};
struct SwitchStmt {
    ExprPtr subject;
    std::vector<SwitchArm> arms;
};
// `repeat N { ... }`: v2 takes any `int` expression, evaluated once on entry.
struct RepeatStmt {
    ExprPtr count;
    Block body;
};
struct BreakStmt {};
struct Argument {
    Identifier param;
    ExprPtr value;
    Span span;
};
struct Binding {
    Identifier local;
    Identifier output;  // equals `local` for the shorthand `-> <out>`
    bool shorthand = false;
    Span span;
};
// v2, data actions: `timeout S` and `else S`; null when absent (the checker says whether
// the callee needs or forbids them).
struct CallArms {
    StmtPtr on_timeout;
    StmtPtr otherwise;
    Span timeout_span;  // the `timeout` word
    Span else_span;     // the `else` keyword
};
struct CallStmt {
    Identifier callee;
    std::vector<Argument> args;
    std::vector<Binding> bindings;
    // Boxed, null when the call has neither arm: most calls are shared flows', and a Stmt is
    // as large as its largest alternative (every statement of every tree pays for it).
    std::unique_ptr<CallArms> arms;

    const Stmt* on_timeout() const { return arms ? arms->on_timeout.get() : nullptr; }
    const Stmt* otherwise() const { return arms ? arms->otherwise.get() : nullptr; }
    Span timeout_span() const { return arms ? arms->timeout_span : Span{}; }
    Span else_span() const { return arms ? arms->else_span : Span{}; }
};
// `transfer Q`, `transfer number e`, `transfer voicemail Q`, `transfer flow F` (v2), with
// options (queue transfers only; the builder refuses them elsewhere) and an optional `else`.
enum class TransferKind : std::uint8_t { kQueue, kNumber, kVoicemail, kFlow };
struct TransferStmt {
    TransferKind kind = TransferKind::kQueue;
    Span kind_span;  // `number` / `voicemail` / `flow`; empty for a transfer to a queue
    // kQueue, kVoicemail: a string literal, a `queue` value, or `queue(e)` (a FunctionCall);
    // kNumber: a `string`; kFlow: a flow's name (a NameRef) or a string literal.
    ExprPtr target;
    ExprPtr priority;             // null when absent
    std::vector<ExprPtr> skills;  // empty when absent
    ExprPtr language;             // null when absent
    ExprPtr via;                  // null when absent
    StmtPtr otherwise;            // null without `else`
    Span else_span;               // the `else` keyword
};
// `hours G [emergency E] { open => S closed => S holiday => S emergency => S else => S }`
enum class HoursOutcome : std::uint8_t { kOpen, kClosed, kHoliday, kEmergency };
struct HoursArm {
    std::optional<HoursOutcome> outcome;  // nullopt for `else`
    Span label_span;                      // the label or the `else` keyword
    StmtPtr body;
};
struct HoursStmt {
    ExprPtr group;      // a `schedule`
    ExprPtr emergency;  // an `emergency` group; null when absent
    Span emergency_span;
    std::vector<HoursArm> arms;
};
// `language "es-us";` (v2): switch the call's language to one of the flow's.
struct LanguageStmt {
    ExprPtr code;
};
// `hold N;` (v2, in-queue flows): hold music for N seconds.
struct HoldStmt {
    ExprPtr seconds;
};
// `callback Q number e [name e] [else S]` (v2).
struct CallbackStmt {
    ExprPtr queue;
    ExprPtr number;
    ExprPtr callback_name;  // null when absent
    StmtPtr otherwise;      // null without `else`
    Span else_span;
};
struct HangupStmt {};
struct ReturnStmt {};

struct Stmt {
    Span span;
    std::variant<VarStmt, AssignStmt, SetAttributeStmt, PlayStmt, CollectStmt, MenuStmt, IfStmt,
                 SwitchStmt, RepeatStmt, BreakStmt, CallStmt, TransferStmt, HoursStmt, LanguageStmt,
                 HoldStmt, CallbackStmt, HangupStmt, ReturnStmt, Block>
        node;
};
// Trees of a large build hold a statement per line: keep the largest alternative within
// mimalloc's 128-byte size class (boxing what few statements have, as CallStmt's arms), so
// that it does not grow unnoticed (issue 20 had taken it to 168 bytes, the 192-byte class).
static_assert(sizeof(Stmt) <= 128, "an ast::Stmt alternative grew: box its rare parts");

// ---- Declarations ---------------------------------------------------------------------

// `voice: "Jill"` in `@language("en-us", voice: "Jill")` (v2).
struct NamedArgument {
    Identifier name;
    ExprPtr value;
};
struct Attribute {
    Identifier name;                   // without the `@`
    std::vector<ExprPtr> args;         // positional, in order
    std::vector<NamedArgument> named;  // named, in order (v2)
    Span span;
};

struct Param {
    Identifier name;
    TypeRef type;
    ExprPtr default_value;  // null when the parameter is required
    Span span;
};

struct Output {
    Identifier name;
    TypeRef type;
    Span span;
};

// kDataAction (v2): `data action D(...) -> <...>;`, a data action of the org, declared like
// an external shared flow (never built; `external` is set).
enum class FlowKind : std::uint8_t { kShared, kInbound, kInQueue, kDataAction };

struct FlowDecl {
    FlowKind kind = FlowKind::kShared;
    Identifier name;
    std::optional<std::string> doc;  // joined `///` lines directly above the flow
    std::vector<Attribute> attributes;
    std::vector<Param> params;
    std::vector<Output> outputs;
    Block body;
    // v2: a shared flow declared with `;` instead of a body lives in the org; never built.
    bool external = false;
    Span span;       // the whole declaration, attributes included
    Span head_span;  // `shared flow Name` / `inbound flow Name` / `inqueue flow Name`
};

// `queue Sales = "Sales";` (v2): an object of the org, named by its platform name.
struct ResourceDecl {
    ResourceKind kind = ResourceKind::kQueue;
    Identifier name;
    std::string platform_name;  // escapes decoded
    Span platform_name_span;
    std::optional<std::string> doc;
    std::vector<Attribute> attributes;
    Span span;       // the whole declaration, attributes included
    Span head_span;  // `queue Sales`
};

struct Import {
    std::string path;  // as written, escapes decoded
    Span span;         // the string literal
};

struct File {
    FileId file = kNoFile;
    std::vector<Import> imports;
    std::vector<FlowDecl> flows;
    std::vector<ResourceDecl> resources;
};

}  // namespace flowc::ast
