// The checked model: what lowering and the backends consume. Every name is resolved to an
// index, every expression has its type, every call points at its callee and lists its
// arguments in the callee's parameter order. Nothing here refers back to the AST except
// spans, which are kept for later diagnostics.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/span.h"

namespace flowc::sema {

// One type per kind of org resource (v2) after the value types; kError last.
enum class Type : std::uint8_t {
    kString,
    kInt,
    kDecimal,
    kBool,
    kAudio,     // what a caller hears: text to speech, recorded prompts, silence
    kDatetime,  // v2: a point in time, UTC
    kQueue,
    kSchedule,
    kEmergency,
    kPrompt,
    kSkill,
    kSecureString,  // v2: text only secure sinks may receive (see sema/secure.h)
    kError,
};

std::string_view TypeName(Type type);

// ---- Org resources (v2) -----------------------------------------------------------------

enum class ResourceKind : std::uint8_t { kQueue, kSchedule, kEmergency, kPrompt, kSkill };
inline constexpr std::size_t kResourceKindCount = 5;
std::string_view ResourceKindName(ResourceKind kind);  // `queue`, `schedule`, ...
Type TypeOf(ResourceKind kind);
std::optional<ResourceKind> ResourceKindOf(Type type);  // nullopt for value types

using ResourceId = std::uint32_t;

// `queue Sales = "Sales";`: an object of the org, named by its platform name; deploy
// resolves it to the org's object.
struct Resource {
    ResourceKind kind = ResourceKind::kQueue;
    std::string name;           // identifier
    std::string platform_name;  // the name in the org
    std::string description;    // @description, else the doc comment, else ""
    Span span;
    Span head_span;
    FileId file = kNoFile;
};

using VarId = std::uint32_t;
using FlowId = std::uint32_t;
// The callee of a call that named no shared flow (already reported; never in a valid model).
inline constexpr FlowId kUnresolvedFlow = UINT32_MAX;

enum class VarKind : std::uint8_t { kParam, kOutput, kLocal };

// A variable of a flow. A name declared in two sibling blocks is one variable (the platform
// has one variable namespace per flow); the checker makes sure both declarations agree.
struct Variable {
    std::string name;
    Type type = Type::kString;
    VarKind kind = VarKind::kLocal;
    Span decl_span;
};

// ---- Expressions ----------------------------------------------------------------------

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// `call.queue` (a `queue`) and `call.positionInQueue` (an `int`) are the queue an in-queue
// flow's caller waits in and their place in it; the others are `string`s.
enum class CallProperty : std::uint8_t { kAni, kDnis, kLanguage, kQueue, kPositionInQueue };
enum class Builtin : std::uint8_t {
    kLen,
    kToString,
    kToInt,
    kStartsWith,
    kContains,
    kPause,      // `pause(ms) -> audio`: silence
    kNoBargeIn,  // `noBargeIn(audio) -> audio`: the caller's keys do not interrupt it
    // v2 text functions; `substring` and `indexOf` count from 0 (-1: not found).
    kEndsWith,
    kLower,
    kUpper,
    kTrim,
    kSubstring,
    kIndexOf,
    kReplace,
    kToDecimal,
    kIsSet,  // `isSet(contact.attributes.K)`: the argument is an AttributeRef
    // v2 `datetime` functions (UTC).
    kNow,
    kAddMinutes,
    kAddHours,
    kAddDays,
    kMinutesBetween,  // whole minutes from the first to the second
};
enum class UnaryOp : std::uint8_t { kNot, kNegate };
enum class BinaryOp : std::uint8_t {
    kMul,
    kDiv,
    kAdd,
    kSub,
    kConcat,
    kJoinAudio,  // `a + b` where a side is `audio`: one after the other (not text)
    kLess,
    kLessEq,
    kGreater,
    kGreaterEq,
    kEq,
    kNotEq,
    kAnd,
    kOr,
};

struct DecimalText {
    std::string text;  // exact, as written: never rounded through a double
    friend bool operator==(const DecimalText&, const DecimalText&) = default;
};
struct Literal {
    std::variant<std::string, std::int64_t, DecimalText, bool> value;
    friend bool operator==(const Literal&, const Literal&) = default;
};
// The literal as the flow language writes it: `"a \"b\""`, `42`, `1.50`, `true`.
std::string LiteralSource(const Literal& literal);

struct VarRef {
    VarId var;
};
struct ResourceRef {
    ResourceId resource;
};
struct ContextRef {
    CallProperty property;
};
struct AttributeRef {
    std::string key;  // contact.attributes.<key>
};
struct Unary {
    UnaryOp op;
    ExprPtr operand;
};
struct Binary {
    BinaryOp op;
    ExprPtr lhs;
    ExprPtr rhs;
};
struct BuiltinCall {
    Builtin function;
    std::vector<ExprPtr> args;
};
// int -> decimal, an implicit conversion made explicit here for the backends.
struct ToDecimal {
    ExprPtr operand;
};
// `c ? a : b` (v2): both arms already have the expression's type.
struct Conditional {
    ExprPtr condition;
    ExprPtr when_true;
    ExprPtr when_false;
};
// string -> audio (text to speech) and prompt -> audio (the recording): the operand's type
// says which. Made where audio is expected, so the backends never guess.
struct ToAudio {
    ExprPtr operand;
};

struct Expr {
    Type type = Type::kError;
    Span span;
    std::variant<Literal, VarRef, ResourceRef, ContextRef, AttributeRef, Unary, Binary, BuiltinCall,
                 ToDecimal, ToAudio, Conditional>
        node;
};

// ---- Statements -----------------------------------------------------------------------

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

struct Assign {  // also `var x = e;` and assignments to outputs
    VarId var;
    ExprPtr value;
};
struct SetAttribute {
    std::string key;
    ExprPtr value;
};
struct Play {
    ExprPtr prompt;
};
struct Collect {
    VarId var;
    ExprPtr prompt;
    std::int64_t digits;
    bool secure = false;  // v2: into a `secure string` variable (`collect secure`, or declared so)
    std::int64_t least_digits = 1;  // fewer leave the variable empty, as no entry does
};
// The spans of arms and branches are where a path that misses an output is reported.
struct MenuChoice {
    std::string key;  // one of 0-9 * #
    Span key_span;
    Block body;
    Span arm_span;  // the label to the end of the arm
};
struct Menu {
    ExprPtr prompt;
    std::vector<MenuChoice> choices;
    Block otherwise;      // timeout and invalid input
    Span otherwise_span;  // the `else` arm; empty when there is none
};
struct IfBranch {
    ExprPtr condition;
    Block body;
};
struct If {
    std::vector<IfBranch> branches;
    std::optional<Block> otherwise;
    Span else_span;  // the `else` keyword, when there is an `otherwise`
};
struct SwitchCase {
    std::vector<Literal> values;
    Span label_span;
    Block body;
    Span arm_span;  // `case` to the end of the arm
};
struct Switch {
    ExprPtr subject;
    std::vector<SwitchCase> cases;
    Block otherwise;
    Span otherwise_span;  // the `default` arm; empty when there is none
};
// `repeat N`: `count` is an `int` expression evaluated once on entry (<= 0: no pass).
struct Repeat {
    ExprPtr count;
    Block body;
    // The count when it is an integer literal (backends write it as a literal), else nullopt.
    std::optional<std::int64_t> LiteralCount() const;
};
struct Break {};
struct CallArgument {
    std::uint32_t param;  // index into the callee's params
    ExprPtr value;        // null: the parameter's default applies
};
struct OutputBinding {
    VarId var;             // in the caller
    std::uint32_t output;  // index into the callee's outputs
};
// A data action call's other outcomes (v2): `failure` runs when the action fails, and also
// when it times out unless there is a `timeout` block; where they fall through, the path
// continues after the call, without the outputs. Boxed for the reason FailurePath is.
struct DataActionOutcomes {
    Block failure;
    Span else_span;
    std::optional<Block> timeout;  // nullopt: a timeout runs `failure`
    Span timeout_span;
};
struct Call {
    FlowId callee;
    Span callee_span;                // the callee's name at the call site
    std::vector<CallArgument> args;  // one per callee parameter, in its order
    std::vector<OutputBinding> bindings;
    std::unique_ptr<DataActionOutcomes> outcomes;  // set exactly when the callee is a data action
};
// The queue of a transfer: a queue named by a string literal (checked against the declared
// queues, a warning), a `queue` value (a resource, parameter or variable), or a queue found
// by name at run time (`queue(e)`, which needs a failure path).
struct QueueByName {
    std::string platform_name;
};
struct QueueLookup {
    ExprPtr name;  // `string`
};
using QueueTarget = std::variant<QueueByName, ExprPtr, QueueLookup>;

// Every transfer: without `otherwise` (null) a failed transfer disconnects (the path ends
// either way); with it, a failed transfer runs `otherwise`, and where that falls through the
// path continues after the transfer. The block and a queue transfer's options are boxed:
// statements are held by value in one variant, and inline they would double the size of
// every statement of a program (and its peak memory by a quarter).
using FailurePath = std::unique_ptr<Block>;
struct TransferOptions {
    ExprPtr priority;                // `int`; null when absent (the platform's default, 0)
    std::vector<ExprPtr> skills;     // `skill` values
    ExprPtr language;                // a `skill` value (a language skill); null when absent
    std::optional<std::string> via;  // the in-queue flow's platform name
    // Set when `via` names an in-queue flow of the build (a dependency, not an org reference).
    std::optional<FlowId> via_flow;
};
struct Transfer {
    QueueTarget queue;
    std::unique_ptr<TransferOptions> options;  // never null
    FailurePath otherwise;
    Span else_span;
};
struct TransferNumber {
    ExprPtr number;  // `string`; a literal is E.164
    FailurePath otherwise;
    Span else_span;
};
struct TransferVoicemail {
    QueueTarget queue;
    FailurePath otherwise;
    Span else_span;
};
// `transfer flow F`: an inbound flow of the build, or one of the org named by a literal.
struct TransferFlow {
    std::variant<FlowId, std::string> target;
    FailurePath otherwise;
    Span else_span;
};
// `hours G [emergency E] { ... }`: every outcome goes to exactly one arm; `else` is expanded
// here into the outcomes it covers, so later phases never re-derive them.
enum class HoursOutcome : std::uint8_t { kOpen, kClosed, kHoliday, kEmergency };
std::string_view HoursOutcomeName(HoursOutcome outcome);  // `open`, ...
struct HoursArm {
    std::vector<HoursOutcome> outcomes;  // in the order open, closed, holiday, emergency
    Block body;
    Span arm_span;  // the label (or `else`) to the end of the arm
};
struct Hours {
    ExprPtr group;               // `schedule`
    ExprPtr emergency;           // `emergency`; null when absent (no emergency outcome)
    std::vector<HoursArm> arms;  // in source order; arms that cover nothing are dropped
};
// `hold N;` (in-queue flows): the flow's hold music for N seconds.
struct Hold {
    ExprPtr seconds;  // `int`
};
// `callback Q number e [name e] [else S]`: a callback request in a queue; with `otherwise`,
// the path runs it when the callback cannot be created, and continues after it either way.
// Boxed for the reason FailurePath is: inline, `Callback` would be the largest statement.
struct CallbackContact {
    ExprPtr number;  // `string`; a literal is E.164
    ExprPtr name;    // `string`; null when absent
};
struct Callback {
    QueueTarget queue;
    std::unique_ptr<CallbackContact> contact;  // never null
    FailurePath otherwise;
    Span else_span;
};
struct Hangup {};
struct Return {};
// `language "es-us";`: switches the call's language (and its voice) to one of the flow's.
struct SetLanguage {
    std::string code;  // lower case, among the flow's languages
};

struct Stmt {
    Span span;
    std::variant<Assign, SetAttribute, Play, Collect, Menu, If, Switch, Repeat, Break, Call,
                 Transfer, TransferNumber, TransferVoicemail, TransferFlow, Hours, Hold, Callback,
                 Hangup, Return, SetLanguage>
        node;
};

// ---- Flows ----------------------------------------------------------------------------

// An in-queue flow runs while a caller waits in a queue; the end of its body starts it again.
// A data action (v2) is the typed signature of an org's data action: `external`, no body;
// calls of it are checked by the rules of shared-flow calls (contracts 1-3).
enum class FlowKind : std::uint8_t { kShared, kInbound, kInQueue, kDataAction };
std::string_view FlowKindName(FlowKind kind);  // `shared`, `inbound`, `inqueue`, `data action`

// One `@language(code, voice: name)` of a flow.
struct FlowLanguage {
    std::string code;                  // lower case `xx-yy`
    std::optional<std::string> voice;  // nullopt: the platform's default voice
    Span span;                         // the attribute
};
inline constexpr std::string_view kDefaultLanguage = "en-us";

struct Flow {
    FlowKind kind = FlowKind::kShared;
    std::string name;                 // identifier
    std::string display_name;         // @name, default the identifier
    std::string description;          // @description, else the doc comment, else ""
    std::vector<std::string> queues;  // @queues
    std::vector<Span> queue_spans;    // parallel to queues: each name's string literal
    std::optional<std::string> division;
    // @language, the first the default. Empty: an inbound flow speaks `en-us` with the
    // platform's default voice; a shared flow works in every language of its callers.
    std::vector<FlowLanguage> languages;
    std::optional<std::string> error_prompt;  // @errorPrompt (text to speech)
    std::vector<VarId> params;                // in declaration order
    std::vector<ExprPtr> param_defaults;      // parallel to params; null when required
    std::vector<VarId> outputs;               // in declaration order
    std::vector<Variable> vars;
    Block body;
    Span span;
    Span head_span;
    Span end_span;  // the closing `}`: where "the end of the flow" is reported
    FileId file = kNoFile;
    // v2: a shared flow of the org, declared with `;`: called, never built (no body).
    bool external = false;
    // v2, in-queue flows: `@holdMusic(P)`, a `prompt` resource; nullopt: the platform's.
    std::optional<ResourceId> hold_music;
    // v2, data actions: `@integration` (required) and `@timeout` seconds (nullopt: the
    // platform's default).
    std::string integration;
    std::optional<std::int64_t> timeout_seconds;
};

struct Model {
    std::vector<Flow> flows;          // in build order: file load order, then declaration order
    std::vector<Resource> resources;  // in build order, like flows
};

}  // namespace flowc::sema
