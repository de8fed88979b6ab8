// The lowered program: each flow as a graph of nodes and transitions, platform-neutral.
// Node ids, node order and every ordering here are decided once, deterministically, so
// that every backend writes byte-identical output for the same sources (in any argument
// order). Expressions stay typed model expressions; each backend spells them its own way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "sema/model.h"

namespace flowc::lower {

enum class NodeKind : std::uint8_t {
    kStart,
    kPlay,
    kCollect,
    kMenu,
    kDecision,
    kSetVariable,
    kSetParticipantData,
    kLoop,
    kSubflow,
    kTransfer,
    kTransferNumber,
    kTransferVoicemail,
    kTransferFlow,
    kHours,
    kSetLanguage,
    kHold,
    kCallback,
    kDataAction,
    kEnd,
};

// kRestart: the end of an in-queue flow, which starts the flow again from the top.
enum class EndAction : std::uint8_t { kReturn, kHangup, kRestart };

// When a transition is taken. Transitions are tried in order; the one without a condition
// is the default and always comes last.
struct DefaultCondition {};
struct KeyPressed {  // menu: the caller pressed this key
    std::string key;
};
struct IsTrue {  // decision: a bool expression holds
    const sema::Expr* condition;
};
struct EqualsLiteral {  // switch: the subject (or the temporary holding it) equals a literal
    const sema::Expr* subject;
    sema::Literal value;
    std::optional<std::uint32_t> temporary;  // index into LoweredFlow::temporaries
};
struct LoopContinues {        // loop: fewer than `count` passes done
    const sema::Expr* count;  // `int`, evaluated once on entry; a literal is written as one
};
struct HoursOutcomeIs {  // hours: the schedule groups evaluate to this outcome
    sema::HoursOutcome outcome;
};
struct CallbackFailed {};      // callback: the callback could not be created
struct DataActionFailed {};    // data action: it failed
struct DataActionTimedOut {};  // data action: it did not answer in time
using Condition =
    std::variant<DefaultCondition, KeyPressed, IsTrue, EqualsLiteral, LoopContinues, HoursOutcomeIs,
                 CallbackFailed, DataActionFailed, DataActionTimedOut>;

struct Transition {
    std::string id;
    std::string target;
    Condition condition;
};

struct SubflowInput {
    std::uint32_t param;      // index into the callee's params
    const sema::Expr* value;  // null: the parameter's default
};

// A node per kind, each with only what its kind has; NodeKind follows their order.
struct StartNode {};
struct PlayNode {
    const sema::Expr* prompt;
};
struct CollectNode {
    const sema::Expr* prompt;
    sema::VarId variable;
    std::int64_t max_digits;
    bool secure = false;  // v2: the digits are a `secure string`
    std::int64_t min_digits = 1;
};
struct MenuNode {
    const sema::Expr* prompt;  // the keys are its transitions
};
struct DecisionNode {};  // its conditions are its transitions
struct SetVariableNode {
    sema::VarId variable;                    // unless `temporary` is set
    std::optional<std::uint32_t> temporary;  // index into LoweredFlow::temporaries
    const sema::Expr* value;
};
struct SetParticipantDataNode {
    std::string attribute;
    const sema::Expr* value;
};
struct LoopNode {
    const sema::Expr* max_passes;  // `int`, evaluated once on entry (<= 0: no pass)
};
struct SubflowNode {
    sema::FlowId callee;
    std::vector<SubflowInput> inputs;          // in the callee's parameter order
    std::vector<sema::OutputBinding> outputs;  // of the callee, bound in the caller
};
// Transfers: a successful one ends the flow's part of the call. A transfer with `else` has
// one (default) transition, `<id>.failure`, taken when the transfer fails; one without has
// none (a failed transfer disconnects).
struct TransferNode {
    const sema::Transfer* transfer;  // the queue, priority, skills, language skill, `via`
};
struct TransferNumberNode {
    const sema::Expr* number;  // `string`
};
struct TransferVoicemailNode {
    const sema::QueueTarget* queue;
};
struct TransferFlowNode {
    const sema::TransferFlow* transfer;  // an inbound flow of the build or an org flow's name
};
// One transition per outcome (HoursOutcomeIs), in the order open, closed, holiday,
// emergency; no default: every outcome has its arm.
struct HoursNode {
    const sema::Expr* group;      // `schedule`
    const sema::Expr* emergency;  // `emergency`; null when not evaluated
};
// `language "es-us";`: the call's language (and voice) from here on; no outputs.
struct SetLanguageNode {
    std::string code;  // one of the flow's languages, lower case
};
// `hold N;`: the flow's hold music (`@holdMusic`, else the platform's) for N seconds.
struct HoldNode {
    const sema::Expr* seconds;  // `int`
};
// `callback`: a callback request; `<id>.failure` (CallbackFailed, first, only with `else`)
// when it cannot be created, then `<id>.next`, the default: the path goes on either way.
struct CallbackNode {
    const sema::Callback* callback;  // the queue, number and name
};
// A data action call (v2): `<id>.failure` (DataActionFailed) to the `else` block,
// `<id>.timeout` (DataActionTimedOut) to the `timeout` block or, without one, to the `else`
// block, then `<id>.next`, the default: success, the outputs bound.
struct DataActionNode {
    sema::FlowId action;                       // a data action of the model
    std::vector<SubflowInput> inputs;          // in the action's input order
    std::vector<sema::OutputBinding> outputs;  // of the action, bound in the caller on success
};
struct EndNode {
    EndAction action;
};
using NodeBody =
    std::variant<StartNode, PlayNode, CollectNode, MenuNode, DecisionNode, SetVariableNode,
                 SetParticipantDataNode, LoopNode, SubflowNode, TransferNode, TransferNumberNode,
                 TransferVoicemailNode, TransferFlowNode, HoursNode, SetLanguageNode, HoldNode,
                 CallbackNode, DataActionNode, EndNode>;
static_assert(std::variant_size_v<NodeBody> == static_cast<std::size_t>(NodeKind::kEnd) + 1);

struct Node {
    std::string id;
    std::string name;  // for people reading the flow in an editor
    Span span;         // the statement it comes from (for subflow nodes: the callee name)
    NodeBody body;
    std::vector<Transition> transitions;

    NodeKind kind() const { return static_cast<NodeKind>(body.index()); }
};

// A variable lowering adds: a `switch` on a computed value evaluates it once, into one of
// these, instead of once per case value (whose every condition would repeat its text: a
// long subject times many values is output quadratic in the source).
struct Temporary {
    std::string name;  // an identifier no variable of the flow has
    sema::Type type;
};

// Something of the org a flow names, which a deploy must find there: a resource, or a flow
// the build does not make. Kinds in the manifest's spelling (ReferenceKindName).
enum class OrgReferenceKind : std::uint8_t {
    kQueue,
    kSchedule,
    kEmergency,
    kPrompt,
    kSkill,
    kLanguageSkill,  // a transfer's `language`: a deploy looks it up among the languages
    kInqueueFlow,    // a transfer's `via`
    kInboundFlow,    // `transfer flow "Name"`
    kCommonModule,   // an external shared flow called
    kDataAction,     // a data action called, by its platform name (`@name`)
};
std::string_view OrgReferenceKindName(OrgReferenceKind kind);  // "queue", "inqueueFlow", ...

struct OrgReference {
    OrgReferenceKind kind;
    std::string name;         // the platform name
    std::string integration;  // a data action's integration (`@integration`); else empty
    auto operator<=>(const OrgReference&) const = default;
};

// What lowering decides of a flow before (and without) building its nodes: cheap, for every
// flow up front, so that the program a backend gets is complete and never changes.
struct FlowPlan {
    sema::FlowId id = 0;
    // The call statements a path reaches, in source order (their subflow nodes).
    std::vector<const sema::Call*> calls;
    std::vector<sema::FlowId> callees;  // shared flows called, by platform name, no repeats
    // In-queue flows of the build that reached transfers name with `via`, by name, no
    // repeats: each is published before this flow, which names it.
    std::vector<sema::FlowId> waits_in;
    // Inbound flows of the build that reached `transfer flow` statements name, by name, no
    // repeats: published before this flow where they can be (transfers may form cycles).
    std::vector<sema::FlowId> transfers_to;
    // The flows of the build whose reached calls name this one, by name, no repeats: what a
    // common module must be compatible with, and in which languages it runs.
    std::vector<sema::FlowId> callers;
    // What of the org the reached statements (and `@queues`) name, external callees included;
    // sorted by kind then name, no repeats.
    std::vector<OrgReference> references;
    // The blocks in which a statement ends the path (`return`, `hangup`, a `transfer` of
    // any kind, `break`), with how many statements run, that one included; nothing after it can.
    std::unordered_map<const sema::Block*, std::uint32_t> path_ends;

    // nullopt when the path goes on past the block's end; else the statements that run.
    std::optional<std::size_t> PathEndsAfter(const sema::Block& block) const {
        auto it = path_ends.find(&block);
        if (it == path_ends.end()) return std::nullopt;
        return it->second;
    }
};

// A flow's nodes.
struct LoweredFlow {
    sema::FlowId id = 0;
    std::vector<Temporary> temporaries;  // in the order their nodes were made
    std::vector<Node> nodes;  // `start` first, then depth-first from it in transition order
};

// The program a backend reads: complete when it gets it, and const from then on.
struct FlowGraph {
    const sema::Model* model = nullptr;
    // The flows the build makes, sorted by name: external shared flows are not among them
    // (they live in the org; their callers list them in `callees` and `references`).
    std::vector<FlowPlan> flows;
    // Every flow of `flows`, each after all the built shared flows it calls and the in-queue
    // flows it names with `via`; ties by name.
    std::vector<sema::FlowId> order;
    // Parallel to `flows` for a graph from Lower(); empty for one from PlanLowering(), whose
    // nodes are lowered batch by batch as they are rendered (LowerFlow), so that the nodes of
    // the whole program (six times its source in memory) never exist at once.
    std::vector<LoweredFlow> lowered;
};

}  // namespace flowc::lower
