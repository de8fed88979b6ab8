// The archy target's flow writer: one flow's Archy YAML, from the model's structured body and
// lowering's plan of the flow (what it calls, where paths end). Archy's actions nest like the
// source, so it walks the body, not the nodes. flow_writer.cpp writes the flow around its
// actions (settings, variables, values); statements.cpp emits each statement's actions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backend/archy/yaml_writer.h"
#include "lower/flow_graph.h"
#include "sema/model.h"

namespace flowc::backend::archy {

// Architect's Switch action takes at most 64 cases, its default included
// (help.mypurecloud.com, "Switch action"); flowc writes at most this many others.
inline constexpr std::size_t kMaxSwitchCases = 63;

// A multi-way choice (an `if` chain, a `switch`, a menu's keys): conditions tried in order,
// the first that holds runs its block. Lowering decided this shape (one decision node whose
// transitions are tried in order); this backend only spells it.
struct Arm {
    std::string condition;  // Architect's expression syntax
    const sema::Block* body;
    std::string label = {};  // the decision's name when it is one; default "If <condition>"
};

// An action's `name` from a text: one line, at most `max` characters, cut at a word. People
// read these names in Architect and in execution history.
std::string ActionTitle(std::string_view text, std::size_t max = 48);

std::string_view VariableKind(sema::Type type);   // `stringVariable`, ...
std::string_view StatementKind(sema::Type type);  // `string`, ... in Update Data
// How many Switch actions a choice of `arms` conditions takes.
std::size_t SwitchCount(std::size_t arms);
// A choice needs a variable of its own when it takes more than one Switch action.
bool NeedsProgressVariable(std::size_t arms);
// The participant data keys `expr` reads.
void CollectAttributes(const sema::Expr& expr, std::set<std::string>& keys);
// The expressions a statement evaluates itself (not those of the blocks it holds).
std::vector<const sema::Expr*> OwnExpressions(const sema::Stmt& stmt);

class FlowWriter {
  public:
    FlowWriter(const sema::Model& model, const lower::FlowPlan& plan)
        : model_(model), plan_(plan), flow_(model.flows[plan.id]) {}
    std::string Write();

  private:
    // Variables the translation adds: participant data read into variables, one key
    // variable per menu, one for each long choice's progress and each computed switch
    // subject. Numbered in the order Actions() meets them.
    void Prepare(const sema::Block& block);
    // Keyed by the statement: statements after one that ends the path are prepared but never
    // emitted, so counting in emission order would hand a later statement the wrong one.
    void PrepareChoice(const void* statement, std::size_t arms);
    std::string Prefix() const;
    void ErrorHandling();    // `settingsErrorHandling` of a call flow
    void InQueueSettings();  // `settingsInQueueCall`
    void SupportedLanguages(bool module);
    void Variables(bool module);
    void NoValue();
    // A transfer's `failureOutputs`, its error type and message bound to nothing.
    void UnboundFailureOutputs();
    void LiteralValue(const sema::Literal& literal);
    std::string Exp(const sema::Expr& expr) const;
    // `{lit: ...}` for a literal, `{lit: {name: ...}}` for an org resource, `{exp: ...}`
    // otherwise.
    void Value(const sema::Expr& expr);
    // How action names show a value: a resource's platform name, a variable's name, ...
    std::string Title(const sema::Expr& expr) const;
    // What a prompt says, for an action's name: its texts, `{name}` for what it computes.
    std::string PromptTitle(const sema::Expr& prompt) const;
    std::string QueueTitle(const sema::QueueTarget& queue) const;
    // `targetQueue`; `found` is the variable a queue found at run time was put in.
    void TargetQueue(const sema::QueueTarget& queue, const std::string* found);
    // A queue found at run time (`queue(e)`): put in a variable, and the transfer written in
    // the "yes" output of a decision on whether it was found (docs/archy.md, "queue(e)").
    const std::string* BeginFoundQueue(const void* statement, const sema::QueueTarget& queue);
    void EndFoundQueue();
    // A transfer's failure: `failureOutputs`, and `otherwise` (if any) as its failure output.
    void Failure(const sema::Block* otherwise);
    // What follows a transfer: a failed one without `otherwise` ends the call.
    void AfterTransfer(const sema::FailurePath& otherwise, const std::string* found);
    void PriorityValue(const sema::Expr* priority);
    void Audio(const sema::Expr& prompt);
    void Simple(std::string_view action, std::string_view name);
    void Begin(std::string_view action, std::string_view name);
    void End();
    // Emits the block's actions, up to the one that ends the path (lowering's decision:
    // what follows it can never run); returns false when there is one.
    bool Actions(const sema::Block& block);
    void Branch(std::string_view key, const sema::Block& block);
    void FetchAttributes(const sema::Stmt& stmt);
    // One condition: a decision, "yes" runs the arm, "no" what is left.
    void Decision(const Arm& arm, const sema::Block* otherwise);
    void SetInteger(const std::string& variable, std::size_t value);
    void Case(const std::string& condition, const sema::Block* body);
    // The arms, in order, as flat Switch actions (first true case wins), never nested in one
    // another: the output grows with the number of arms, not with its square. A choice of
    // more arms than one switch takes continues in the next switch, which its first case
    // skips unless the previous one fell through to its default; `progress` counts the
    // switches that fell through.
    void Choice(const void* statement, const std::vector<Arm>& arms, const sema::Block* otherwise,
                const std::string& title);
    void Action(const sema::Stmt& stmt);
    void Emit(const sema::Assign& s);
    void Emit(const sema::SetAttribute& s);
    void Emit(const sema::Play& s);
    void CollectInput(std::string_view name, const std::string& variable, const sema::Expr& prompt,
                      std::int64_t min_digits, std::int64_t max_digits);
    void ClearVariable(const std::string& variable);
    void Emit(const sema::Collect& s);
    void Emit(const sema::Menu& s);
    void Emit(const sema::If& s);
    void Emit(const sema::Switch& s);
    void Emit(const sema::Repeat& s);
    void Emit(const sema::Break&);
    void Emit(const sema::Call& s);
    void CallData(const sema::Call& s, const sema::Flow& action);
    std::string CalleeVariable(const sema::Flow& callee, sema::VarId var) const;
    void CallArguments(const sema::Call& s, const sema::Flow& callee);
    void CallBindings(const sema::Call& s, const sema::Flow& callee);
    void Emit(const sema::Transfer& s);
    void Emit(const sema::TransferNumber& s);
    void Emit(const sema::TransferVoicemail& s);
    void Emit(const sema::TransferFlow& s);
    void Emit(const sema::Hours& s);
    void Emit(const sema::Hold& s);
    void Emit(const sema::Callback& s);
    void Emit(const sema::Hangup&);
    void Emit(const sema::Return&);
    void Emit(const sema::SetLanguage& s);
    const sema::Model& model_;
    const lower::FlowPlan& plan_;
    const sema::Flow& flow_;
    YamlWriter y_;
    std::set<std::string> attributes_;
    std::vector<std::string> menu_keys_;
    // By statement: an `hours` arm that covers several outcomes is written under each.
    std::map<const sema::Menu*, std::size_t> menu_key_of_;
    std::vector<std::string> found_queues_;
    std::map<const void*, std::size_t> found_queue_of_;  // by statement
    std::vector<std::string> progress_vars_;
    std::map<const void*, std::size_t> progress_of_;  // by statement
    std::vector<std::pair<std::string, sema::Type>> subjects_;
    std::map<const sema::Switch*, std::size_t> subject_of_;
};

}  // namespace flowc::backend::archy
