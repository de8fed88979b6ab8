// Each statement's Archy actions, and the flat Switch actions of multi-way choices.
#include <fmt/format.h>

#include "backend/archy/expressions.h"
#include "backend/archy/flow_writer.h"
#include "lower/lower.h"

namespace flowc::backend::archy {

bool FlowWriter::Actions(const sema::Block& block) {
    std::optional<std::size_t> ends = plan_.PathEndsAfter(block);
    for (std::size_t i = 0; i < ends.value_or(block.size()); ++i) {
        FetchAttributes(*block[i]);
        Action(*block[i]);
    }
    return !ends;
}

void FlowWriter::Branch(std::string_view key, const sema::Block& block) {
    if (block.empty()) return;
    y_.Key(key);
    y_.BeginMap();
    y_.Key("actions");
    y_.BeginSeq();
    Actions(block);
    y_.EndSeq();
    y_.EndMap();
}

void FlowWriter::FetchAttributes(const sema::Stmt& stmt) {
    std::set<std::string> keys;
    for (const sema::Expr* expr : OwnExpressions(stmt)) CollectAttributes(*expr, keys);
    if (keys.empty()) return;
    std::string names;
    for (const std::string& key : keys) names += (names.empty() ? "" : ", ") + key;
    Begin("getParticipantData", ActionTitle("Get participant data " + names));
    y_.Key("attributes");
    y_.BeginSeq();
    for (const std::string& key : keys) {
        y_.BeginMap();
        y_.Key("attribute");
        y_.BeginMap();
        y_.Key("name");
        y_.BeginMap();
        y_.Field("lit", key);
        y_.EndMap();
        y_.Field("variable", archy::AttributeVariable(flow_, key));
        y_.EndMap();
        y_.EndMap();
    }
    y_.EndSeq();
    End();
}

void FlowWriter::Decision(const Arm& arm, const sema::Block* otherwise) {
    Begin("decision", arm.label.empty() ? ActionTitle("If " + arm.condition) : arm.label);
    y_.Key("condition");
    y_.BeginMap();
    y_.Field("exp", arm.condition);
    y_.EndMap();
    y_.Key("outputs");
    y_.BeginMap();
    Branch("yes", *arm.body);
    if (otherwise) Branch("no", *otherwise);
    y_.EndMap();
    End();
}

void FlowWriter::SetInteger(const std::string& variable, std::size_t value) {
    Begin("updateData", ActionTitle(fmt::format("Set {} to {}", variable, value)));
    y_.Key("statements");
    y_.BeginSeq();
    y_.BeginMap();
    y_.Key("integer");
    y_.BeginMap();
    y_.Field("variable", variable);
    y_.Key("value");
    y_.BeginMap();
    y_.Key("lit");
    y_.Int(static_cast<std::int64_t>(value));
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
    y_.EndSeq();
    End();
}

void FlowWriter::Case(const std::string& condition, const sema::Block* body) {
    y_.BeginMap();
    y_.Key("case");
    y_.BeginMap();
    y_.Key("value");
    y_.BeginMap();
    y_.Field("exp", condition);
    y_.EndMap();
    if (body && !body->empty()) {
        y_.Key("actions");
        y_.BeginSeq();
        Actions(*body);
        y_.EndSeq();
    }
    y_.EndMap();
    y_.EndMap();
}

void FlowWriter::Choice(const void* statement, const std::vector<Arm>& arms,
                        const sema::Block* otherwise, const std::string& title) {
    if (arms.empty()) {
        if (otherwise) Actions(*otherwise);
        return;
    }
    if (arms.size() == 1) {
        Decision(arms[0], otherwise);
        return;
    }
    const std::size_t switches = SwitchCount(arms.size());
    const std::string* progress =
        switches > 1 ? &progress_vars_[progress_of_.at(statement)] : nullptr;
    if (progress) SetInteger(*progress, 0);
    std::size_t first = 0;
    for (std::size_t k = 0; k < switches; ++k) {
        const std::size_t room = k == 0 ? kMaxSwitchCases : kMaxSwitchCases - 1;
        const std::size_t end = std::min(arms.size(), first + room);
        const bool last = end == arms.size();
        Begin("switch", k == 0 ? title : ActionTitle(title + " (continued)", 60));
        y_.Key("evaluate");
        y_.BeginMap();
        y_.Key("firstTrue");
        y_.BeginMap();
        y_.Key("cases");
        y_.BeginSeq();
        if (k > 0) Case(fmt::format("{} != {}", *progress, k), nullptr);
        for (std::size_t i = first; i < end; ++i) Case(arms[i].condition, arms[i].body);
        y_.EndSeq();
        if (!last || (otherwise && !otherwise->empty())) {
            y_.Key("default");
            y_.BeginMap();
            y_.Key("actions");
            y_.BeginSeq();
            if (last) {
                Actions(*otherwise);
            } else {
                SetInteger(*progress, k + 1);
            }
            y_.EndSeq();
            y_.EndMap();
        }
        y_.EndMap();
        y_.EndMap();
        End();
        first = end;
    }
}

void FlowWriter::Action(const sema::Stmt& stmt) {
    std::visit([&](const auto& node) { Emit(node); }, stmt.node);
}

void FlowWriter::Emit(const sema::Assign& s) {
    Begin("updateData", ActionTitle("Set " + flow_.vars[s.var].name));
    y_.Key("statements");
    y_.BeginSeq();
    y_.BeginMap();
    y_.Key(StatementKind(flow_.vars[s.var].type));
    y_.BeginMap();
    y_.Field("variable", archy::VariableName(flow_, s.var));
    y_.Key("value");
    Value(*s.value);
    y_.EndMap();
    y_.EndMap();
    y_.EndSeq();
    End();
}

void FlowWriter::Emit(const sema::SetAttribute& s) {
    Begin("setParticipantData", ActionTitle("Set participant data " + s.key));
    y_.Key("attributes");
    y_.BeginSeq();
    y_.BeginMap();
    y_.Key("attribute");
    y_.BeginMap();
    y_.Key("name");
    y_.BeginMap();
    y_.Field("lit", s.key);
    y_.EndMap();
    y_.Key("value");
    Value(*s.value);
    y_.EndMap();
    y_.EndMap();
    y_.EndSeq();
    End();
}

void FlowWriter::Emit(const sema::Play& s) {
    Begin("playAudio", ActionTitle("Play: " + PromptTitle(*s.prompt)));
    y_.Key("audio");
    Audio(*s.prompt);
    End();
}

void FlowWriter::CollectInput(std::string_view name, const std::string& variable,
                              const sema::Expr& prompt, std::int64_t min_digits,
                              std::int64_t max_digits) {
    Begin("collectInput", name);
    y_.Key("inputData");
    y_.BeginMap();
    y_.Field("var", variable);
    y_.EndMap();
    y_.Key("digits");
    y_.BeginMap();
    y_.Key("range");
    y_.BeginMap();
    y_.Key("min");
    y_.Int(min_digits);
    y_.Key("max");
    y_.Int(max_digits);
    y_.EndMap();
    y_.EndMap();
    y_.Key("interDigitTimeout");
    NoValue();
    y_.Key("noEntryTimeout");
    y_.BeginMap();
    y_.Key("lit");
    y_.BeginMap();
    y_.Key("seconds");
    y_.Int(5);
    y_.EndMap();
    y_.EndMap();
    y_.Key("inputAudio");
    Audio(prompt);
    y_.Key("acceptJustStar");
    y_.BeginMap();
    y_.Key("lit");
    y_.Bool(false);
    y_.EndMap();
    y_.Key("acceptJustPound");
    y_.BeginMap();
    y_.Key("lit");
    y_.Bool(false);
    y_.EndMap();
    y_.Field("verificationType", "none");
}

void FlowWriter::ClearVariable(const std::string& variable) {
    Begin("updateData", ActionTitle("Clear " + variable));
    y_.Key("statements");
    y_.BeginSeq();
    y_.BeginMap();
    y_.Key("string");
    y_.BeginMap();
    y_.Field("variable", variable);
    y_.Key("value");
    y_.BeginMap();
    y_.Field("lit", "");
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
    y_.EndSeq();
    End();
}

void FlowWriter::Emit(const sema::Collect& s) {
    std::string variable = archy::VariableName(flow_, s.var);
    CollectInput(fmt::format("Collect {}", flow_.vars[s.var].name), variable, *s.prompt,
                 s.least_digits, s.digits);
    // No entry leaves the variable empty, as the language defines.
    y_.Key("outputs");
    y_.BeginMap();
    y_.Key("failure");
    y_.BeginMap();
    y_.Key("actions");
    y_.BeginSeq();
    ClearVariable(variable);
    y_.EndSeq();
    y_.EndMap();
    y_.EndMap();
    End();
}

void FlowWriter::Emit(const sema::Menu& s) {
    const std::string& key = menu_keys_[menu_key_of_.at(&s)];
    CollectInput(ActionTitle("Menu: " + PromptTitle(*s.prompt)), key, *s.prompt, 1, 1);
    std::vector<Arm> branches;
    for (const sema::MenuChoice& choice : s.choices) {
        branches.push_back({fmt::format("{} == \"{}\"", key, choice.key), &choice.body,
                            fmt::format("Key {} pressed", choice.key)});
    }
    y_.Key("outputs");
    y_.BeginMap();
    if (!branches.empty() || !s.otherwise.empty()) {
        y_.Key("success");
        y_.BeginMap();
        y_.Key("actions");
        y_.BeginSeq();
        Choice(&s, branches, &s.otherwise, "Which key was pressed");
        y_.EndSeq();
        y_.EndMap();
    }
    Branch("failure", s.otherwise);
    y_.EndMap();
    End();
}

void FlowWriter::Emit(const sema::If& s) {
    std::vector<Arm> branches;
    for (const sema::IfBranch& branch : s.branches) {
        branches.push_back({Exp(*branch.condition), &branch.body});
    }
    Choice(&s, branches, s.otherwise ? &*s.otherwise : nullptr,
           ActionTitle("Which holds: " + branches.front().condition));
}

void FlowWriter::Emit(const sema::Switch& s) {
    std::string subject;
    if (!lower::SwitchSubjectNeedsTemporary(*s.subject)) {
        subject = Exp(*s.subject);
    } else {
        const auto& [variable, type] = subjects_[subject_of_.at(&s)];
        Begin("updateData", ActionTitle("Set " + variable));
        y_.Key("statements");
        y_.BeginSeq();
        y_.BeginMap();
        y_.Key(StatementKind(type));
        y_.BeginMap();
        y_.Field("variable", variable);
        y_.Key("value");
        Value(*s.subject);
        y_.EndMap();
        y_.EndMap();
        y_.EndSeq();
        End();
        subject = variable;
    }
    std::vector<Arm> branches;
    for (const sema::SwitchCase& c : s.cases) {
        std::string condition;
        for (const sema::Literal& value : c.values) {
            condition +=
                (condition.empty() ? "" : " or ") + subject + " == " + archy::LiteralText(value);
        }
        branches.push_back({std::move(condition), &c.body});
    }
    Choice(&s, branches, &s.otherwise, ActionTitle("Switch on " + Title(*s.subject)));
}

// A computed count is `exp:` (archy-shapes.md item 8: the SDK's loopCount is a value;
// ASSUMPTION that Archy evaluates it once, when the loop starts).
void FlowWriter::Emit(const sema::Repeat& s) {
    auto literal = s.LiteralCount();
    Begin("loop", literal ? fmt::format("Repeat up to {} times", *literal)
                          : ActionTitle("Repeat " + Title(*s.count) + " times"));
    y_.Key("loopCount");
    Value(*s.count);
    y_.Key("outputs");
    y_.BeginMap();
    Branch("loop", s.body);
    y_.EndMap();
    End();
}

void FlowWriter::Emit(const sema::Break&) { Simple("loopExit", "Exit Loop"); }

// A common module's inputs and outputs are its variables (`Flow.x`); a data action's are the
// names of its contract (`customerId`).
std::string FlowWriter::CalleeVariable(const sema::Flow& callee, sema::VarId var) const {
    if (callee.kind == sema::FlowKind::kDataAction) return callee.vars[var].name;
    return archy::VariableName(callee, var);
}

// Every argument, a left-out one as its default.
void FlowWriter::CallArguments(const sema::Call& s, const sema::Flow& callee) {
    y_.BeginMap();
    for (const sema::CallArgument& arg : s.args) {
        y_.Key(CalleeVariable(callee, callee.params[arg.param]));
        const sema::Expr* value =
            arg.value ? arg.value.get() : callee.param_defaults[arg.param].get();
        Value(*value);
    }
    y_.EndMap();
}

// Every output of the callee, with the variable it is bound to or no value.
void FlowWriter::CallBindings(const sema::Call& s, const sema::Flow& callee) {
    y_.BeginMap();
    for (std::size_t i = 0; i < callee.outputs.size(); ++i) {
        y_.Key(CalleeVariable(callee, callee.outputs[i]));
        const sema::OutputBinding* bound = nullptr;
        for (const sema::OutputBinding& b : s.bindings) {
            if (b.output == i) bound = &b;
        }
        if (bound) {
            y_.BeginMap();
            y_.Field("var", archy::VariableName(flow_, bound->var));
            y_.EndMap();
        } else {
            NoValue();
        }
    }
    y_.EndMap();
}

void FlowWriter::Emit(const sema::Call& s) {
    const sema::Flow& callee = model_.flows[s.callee];
    if (s.outcomes) {
        CallData(s, callee);
        return;
    }
    Begin("callCommonModule", fmt::format("Call {}", callee.display_name));
    y_.Key("commonModule");
    y_.BeginMap();
    y_.Key(callee.display_name);
    y_.BeginMap();
    y_.Key("ver_latestPublished");
    y_.BeginMap();
    y_.Key("inputs");
    CallArguments(s, callee);
    y_.Key("outputs");
    CallBindings(s, callee);
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
    End();
}

// A data action call as the exports write `callData` (ResolveContact.yaml,
// Orbit-Parked_Call_Retrieval.yaml): `timeout` in `lit: {seconds: N}` (exports write
// `minutes`; `seconds` is the duration's other unit, an ASSUMPTION of archy-shapes.md),
// `category: {<integration>: {dataAction: {<name>: {inputs, successOutputs}}}}`, and the
// `success`/`failure` outputs; `timeout` is the third output of the vendor's Call Data Action
// (an ASSUMPTION of spelling: no export has one). Without a `timeout` arm it runs `else`.
void FlowWriter::CallData(const sema::Call& s, const sema::Flow& action) {
    Begin("callData", fmt::format("Call {}", action.display_name));
    y_.Key("processingPrompt");
    NoValue();
    if (action.timeout_seconds) {
        y_.Key("timeout");
        y_.BeginMap();
        y_.Key("lit");
        y_.BeginMap();
        y_.Key("seconds");
        y_.Int(*action.timeout_seconds);
        y_.EndMap();
        y_.EndMap();
    }
    y_.Key("category");
    y_.BeginMap();
    y_.Key(action.integration);
    y_.BeginMap();
    y_.Key("dataAction");
    y_.BeginMap();
    y_.Key(action.display_name);
    y_.BeginMap();
    y_.Key("inputs");
    CallArguments(s, action);
    y_.Key("successOutputs");
    CallBindings(s, action);
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
    const sema::DataActionOutcomes& outcomes = *s.outcomes;
    if (!outcomes.failure.empty() || (outcomes.timeout && !outcomes.timeout->empty())) {
        y_.Key("outputs");
        y_.BeginMap();
        Branch("failure", outcomes.failure);
        Branch("timeout", outcomes.timeout ? *outcomes.timeout : outcomes.failure);
        y_.EndMap();
    }
    End();
}

void FlowWriter::Emit(const sema::Hangup&) { Simple("disconnect", "Disconnect"); }

void FlowWriter::Emit(const sema::Return&) { Simple("endTask", "Return"); }

// ASSUMPTION keys (archy-shapes.md item 2): no outputs, the next action follows.
void FlowWriter::Emit(const sema::SetLanguage& s) {
    Begin("setLanguage", "Set language " + s.code);
    y_.Key("language");
    y_.BeginMap();
    y_.Field("lit", s.code);
    y_.EndMap();
    End();
}

}  // namespace flowc::backend::archy
