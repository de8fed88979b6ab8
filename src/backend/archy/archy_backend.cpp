// The archy target: Archy YAML, the format in which Genesys Cloud imports flows
// (docs/archy.md). Archy's actions nest (a decision holds its branches' action lists), so
// this backend walks the checked model's structured bodies; the flow graph gives it the
// flows, their order and what each calls.
#include <fmt/format.h>

#include <map>
#include <set>

#include "backend/archy/expressions.h"
#include "backend/archy/yaml_writer.h"
#include "backend/backend.h"
#include "lower/lower.h"

namespace flowc::backend {
namespace {

using archy::YamlWriter;

std::string_view VariableKind(sema::Type type) {
    switch (type) {
        case sema::Type::kString:
            return "stringVariable";
        case sema::Type::kInt:
            return "integerVariable";
        case sema::Type::kDecimal:
            return "decimalVariable";
        case sema::Type::kBool:
            return "booleanVariable";
        case sema::Type::kError:
            return "stringVariable";
    }
    return "stringVariable";
}

std::string_view StatementKind(sema::Type type) {
    switch (type) {
        case sema::Type::kString:
            return "string";
        case sema::Type::kInt:
            return "integer";
        case sema::Type::kDecimal:
            return "decimal";
        case sema::Type::kBool:
            return "boolean";
        case sema::Type::kError:
            return "string";
    }
    return "string";
}

// Architect's Switch action takes at most 64 cases, its default included
// (help.mypurecloud.com, "Switch action"); flowc writes at most this many others.
constexpr std::size_t kMaxSwitchCases = 63;

// A multi-way choice (an `if` chain, a `switch`, a menu's keys): conditions tried in order,
// the first that holds runs its block. Lowering decided this shape (one decision node whose
// transitions are tried in order); this backend only spells it.
struct Arm {
    std::string condition;  // Architect's expression syntax
    const sema::Block* body;
};

// How many Switch actions a choice of `arms` conditions takes: the first holds
// kMaxSwitchCases of them, each later one a case fewer (its first case skips it when an
// earlier switch already chose).
std::size_t SwitchCount(std::size_t arms) {
    if (arms <= kMaxSwitchCases) return 1;
    return 1 + (arms - kMaxSwitchCases + kMaxSwitchCases - 2) / (kMaxSwitchCases - 1);
}

// A choice needs a variable of its own when it takes more than one Switch action.
bool NeedsProgressVariable(std::size_t arms) { return arms >= 2 && SwitchCount(arms) > 1; }

void CollectAttributes(const sema::Expr& expr, std::set<std::string>& keys) {
    std::visit(
        [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, sema::AttributeRef>) {
                keys.insert(node.key);
            } else if constexpr (std::is_same_v<T, sema::Unary> ||
                                 std::is_same_v<T, sema::ToDecimal>) {
                CollectAttributes(*node.operand, keys);
            } else if constexpr (std::is_same_v<T, sema::Binary>) {
                CollectAttributes(*node.lhs, keys);
                CollectAttributes(*node.rhs, keys);
            } else if constexpr (std::is_same_v<T, sema::BuiltinCall>) {
                for (const sema::ExprPtr& arg : node.args) CollectAttributes(*arg, keys);
            }
        },
        expr.node);
}

// The expressions a statement evaluates itself (not those of the blocks it holds).
std::vector<const sema::Expr*> OwnExpressions(const sema::Stmt& stmt) {
    std::vector<const sema::Expr*> out;
    std::visit(
        [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, sema::Assign> ||
                          std::is_same_v<T, sema::SetAttribute>) {
                out.push_back(node.value.get());
            } else if constexpr (std::is_same_v<T, sema::Play> ||
                                 std::is_same_v<T, sema::Collect> ||
                                 std::is_same_v<T, sema::Menu>) {
                out.push_back(node.prompt.get());
            } else if constexpr (std::is_same_v<T, sema::If>) {
                for (const sema::IfBranch& branch : node.branches)
                    out.push_back(branch.condition.get());
            } else if constexpr (std::is_same_v<T, sema::Switch>) {
                out.push_back(node.subject.get());
            } else if constexpr (std::is_same_v<T, sema::Call>) {
                for (const sema::CallArgument& arg : node.args) {
                    if (arg.value) out.push_back(arg.value.get());
                }
            }
        },
        stmt.node);
    return out;
}

class FlowWriter {
  public:
    FlowWriter(const sema::Model& model, const lower::FlowPlan& plan)
        : model_(model), plan_(plan), flow_(model.flows[plan.id]) {}

    std::string Write() {
        Prepare(flow_.body);
        bool module = flow_.kind == sema::FlowKind::kShared;
        y_.BeginMap();
        y_.Key(module ? "commonModule" : "inboundCall");
        y_.BeginMap();
        y_.Field("name", flow_.display_name);
        y_.Field("description", flow_.description);
        y_.Field("division", flow_.division.value_or("Home"));
        if (!module) {
            y_.Field("startUpRef", "/inboundCall/tasks/task[Main_1]");
            y_.Field("defaultLanguage", "en-us");
        }
        SupportedLanguages(module);
        Variables(module);
        if (module) {
            y_.Key("settingsCommonModule");
            y_.BeginMap();
            y_.Key("compatibleFlowTypes");
            y_.BeginSeq();
            y_.BeginMap();
            y_.Field("flowType", "inboundcall");
            y_.EndMap();
            y_.EndSeq();
            y_.EndMap();
            y_.Key("startUpTaskActions");
            y_.BeginSeq();
            if (Actions(flow_.body)) Simple("endTask", "End Task");
            y_.EndSeq();
        } else {
            y_.Key("settingsErrorHandling");
            y_.BeginMap();
            y_.Key("errorHandling");
            y_.BeginMap();
            y_.Key("disconnect");
            y_.BeginMap();
            y_.Key("none");
            y_.Bool(true);
            y_.EndMap();
            y_.EndMap();
            y_.EndMap();
            y_.Key("tasks");
            y_.BeginSeq();
            y_.BeginMap();
            y_.Key("task");
            y_.BeginMap();
            y_.Field("name", "Main");
            y_.Field("refId", "Main_1");
            y_.Key("actions");
            y_.BeginSeq();
            if (Actions(flow_.body)) Simple("disconnect", "Disconnect");
            y_.EndSeq();
            y_.EndMap();
            y_.EndMap();
            y_.EndSeq();
        }
        y_.EndMap();
        y_.EndMap();
        return y_.Finish();
    }

  private:
    // Variables the translation adds: participant data read into variables, one key
    // variable per menu, one for each long choice's progress and each computed switch
    // subject. Numbered in the order Actions() meets them.
    void Prepare(const sema::Block& block) {
        for (const sema::StmtPtr& stmt : block) {
            for (const sema::Expr* expr : OwnExpressions(*stmt))
                CollectAttributes(*expr, attributes_);
            std::visit(
                [&](const auto& node) {
                    using T = std::decay_t<decltype(node)>;
                    if constexpr (std::is_same_v<T, sema::Menu>) {
                        menu_keys_.push_back(
                            fmt::format("{}flowcMenuKey{}", Prefix(), menu_keys_.size() + 1));
                        PrepareChoice(&node, node.choices.size());
                        for (const sema::MenuChoice& c : node.choices) Prepare(c.body);
                        Prepare(node.otherwise);
                    } else if constexpr (std::is_same_v<T, sema::If>) {
                        PrepareChoice(&node, node.branches.size());
                        for (const sema::IfBranch& b : node.branches) Prepare(b.body);
                        if (node.otherwise) Prepare(*node.otherwise);
                    } else if constexpr (std::is_same_v<T, sema::Switch>) {
                        // Lowering's decision: evaluated once, not repeated in every case.
                        if (lower::SwitchSubjectNeedsTemporary(*node.subject)) {
                            subject_of_[&node] = subjects_.size();
                            subjects_.push_back(
                                {fmt::format("{}flowcSwitch{}", Prefix(), subjects_.size() + 1),
                                 node.subject->type});
                        }
                        PrepareChoice(&node, node.cases.size());
                        for (const sema::SwitchCase& c : node.cases) Prepare(c.body);
                        Prepare(node.otherwise);
                    } else if constexpr (std::is_same_v<T, sema::Repeat>) {
                        Prepare(node.body);
                    }
                },
                stmt->node);
        }
    }

    // Keyed by the statement: statements after one that ends the path are prepared but never
    // emitted, so counting in emission order would hand a later statement the wrong one.
    void PrepareChoice(const void* statement, std::size_t arms) {
        if (NeedsProgressVariable(arms)) {
            progress_of_[statement] = progress_vars_.size();
            progress_vars_.push_back(
                fmt::format("{}flowcChoice{}", Prefix(), progress_vars_.size() + 1));
        }
    }

    std::string Prefix() const {
        return flow_.kind == sema::FlowKind::kShared ? "Common." : "Flow.";
    }

    void SupportedLanguages(bool module) {
        y_.Key("supportedLanguages");
        y_.BeginMap();
        y_.Key("en-us");
        y_.BeginMap();
        if (module) {
            y_.Key("none");
            y_.Bool(true);
        } else {
            y_.Key("defaultLanguageSkill");
            NoValue();
            y_.Key("textToSpeech");
            y_.BeginMap();
            y_.Key("defaultEngine");
            y_.BeginMap();
            y_.Field("voice", "Jill");
            y_.EndMap();
            y_.EndMap();
        }
        y_.EndMap();
        y_.EndMap();
    }

    void Variables(bool module) {
        y_.Key("variables");
        y_.BeginSeq();
        for (sema::VarId var = 0; var < flow_.vars.size(); ++var) {
            const sema::Variable& v = flow_.vars[var];
            y_.BeginMap();
            y_.Key(VariableKind(v.type));
            y_.BeginMap();
            y_.Field("name", archy::VariableName(flow_, var));
            y_.Key("initialValue");
            const sema::Expr* initial = nullptr;
            for (std::size_t i = 0; i < flow_.params.size(); ++i) {
                if (flow_.params[i] == var) initial = flow_.param_defaults[i].get();
            }
            if (initial) {
                y_.BeginMap();
                LiteralValue(std::get<sema::Literal>(initial->node));
                y_.EndMap();
            } else {
                NoValue();
            }
            if (module) {
                y_.Key("isInput");
                y_.Bool(v.kind == sema::VarKind::kParam);
                y_.Key("isOutput");
                y_.Bool(v.kind == sema::VarKind::kOutput);
            }
            y_.EndMap();
            y_.EndMap();
        }
        auto extra = [&](std::string_view kind, const std::string& name) {
            y_.BeginMap();
            y_.Key(kind);
            y_.BeginMap();
            y_.Field("name", name);
            y_.Key("initialValue");
            NoValue();
            if (module) {
                y_.Key("isInput");
                y_.Bool(false);
                y_.Key("isOutput");
                y_.Bool(false);
            }
            y_.EndMap();
            y_.EndMap();
        };
        for (const std::string& key : attributes_)
            extra("stringVariable", archy::AttributeVariable(flow_, key));
        for (const std::string& name : menu_keys_) extra("stringVariable", name);
        for (const std::string& name : progress_vars_) extra("integerVariable", name);
        for (const auto& [name, type] : subjects_) extra(VariableKind(type), name);
        y_.EndSeq();
    }

    void NoValue() {
        y_.BeginMap();
        y_.Key("noValue");
        y_.Bool(true);
        y_.EndMap();
    }

    void LiteralValue(const sema::Literal& literal) {
        y_.Key("lit");
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) {
                    y_.Text(v);
                } else if constexpr (std::is_same_v<T, sema::DecimalText>) {
                    y_.Number(v.text);
                } else if constexpr (std::is_same_v<T, bool>) {
                    y_.Bool(v);
                } else {
                    y_.Int(v);
                }
            },
            literal.value);
    }

    // `{lit: ...}` for a literal, `{exp: ...}` otherwise.
    void Value(const sema::Expr& expr) {
        y_.BeginMap();
        if (const auto* literal = std::get_if<sema::Literal>(&expr.node)) {
            LiteralValue(*literal);
        } else {
            y_.Field("exp", archy::Expression(expr, flow_));
        }
        y_.EndMap();
    }

    void Audio(const sema::Expr& prompt) {
        y_.BeginMap();
        if (const auto* literal = std::get_if<sema::Literal>(&prompt.node)) {
            y_.Field("tts", std::get<std::string>(literal->value));
        } else {
            y_.Field("exp", "ToAudioTTS(" + archy::Expression(prompt, flow_) + ")");
        }
        y_.EndMap();
    }

    void Simple(std::string_view action, std::string_view name) {
        y_.BeginMap();
        y_.Key(action);
        y_.BeginMap();
        y_.Field("name", name);
        y_.EndMap();
        y_.EndMap();
    }

    void Begin(std::string_view action, std::string_view name) {
        y_.BeginMap();
        y_.Key(action);
        y_.BeginMap();
        y_.Field("name", name);
    }
    void End() {
        y_.EndMap();
        y_.EndMap();
    }

    // Emits the block's actions, up to the one that ends the path (lowering's decision:
    // what follows it can never run); returns false when there is one.
    bool Actions(const sema::Block& block) {
        std::optional<std::size_t> ends = plan_.PathEndsAfter(block);
        for (std::size_t i = 0; i < ends.value_or(block.size()); ++i) {
            FetchAttributes(*block[i]);
            Action(*block[i]);
        }
        return !ends;
    }

    void Branch(std::string_view key, const sema::Block& block) {
        if (block.empty()) return;
        y_.Key(key);
        y_.BeginMap();
        y_.Key("actions");
        y_.BeginSeq();
        Actions(block);
        y_.EndSeq();
        y_.EndMap();
    }

    void FetchAttributes(const sema::Stmt& stmt) {
        std::set<std::string> keys;
        for (const sema::Expr* expr : OwnExpressions(stmt)) CollectAttributes(*expr, keys);
        if (keys.empty()) return;
        Begin("getParticipantData", "Get Participant Data");
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

    // One condition: a decision, "yes" runs the arm, "no" what is left.
    void Decision(const Arm& arm, const sema::Block* otherwise) {
        Begin("decision", "Decision");
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

    void SetInteger(const std::string& variable, std::size_t value) {
        Begin("updateData", "Update Data");
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

    void Case(const std::string& condition, const sema::Block* body) {
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

    // The arms, in order, as flat Switch actions (first true case wins), never nested in one
    // another: the output grows with the number of arms, not with its square. A choice of
    // more arms than one switch takes continues in the next switch, which its first case
    // skips unless the previous one fell through to its default; `progress` counts the
    // switches that fell through.
    void Choice(const void* statement, const std::vector<Arm>& arms, const sema::Block* otherwise) {
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
            Begin("switch", "Switch");
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

    void Action(const sema::Stmt& stmt) {
        std::visit([&](const auto& node) { Emit(node); }, stmt.node);
    }

    void Emit(const sema::Assign& s) {
        Begin("updateData", "Update Data");
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
    void Emit(const sema::SetAttribute& s) {
        Begin("setParticipantData", "Set Participant Data");
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
    void Emit(const sema::Play& s) {
        Begin("playAudio", "Play Audio");
        y_.Key("audio");
        Audio(*s.prompt);
        End();
    }
    void CollectInput(std::string_view name, const std::string& variable, const sema::Expr& prompt,
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
        y_.Int(1);
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
    void ClearVariable(const std::string& variable) {
        Begin("updateData", "Update Data");
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
    void Emit(const sema::Collect& s) {
        std::string variable = archy::VariableName(flow_, s.var);
        CollectInput(fmt::format("Collect {}", flow_.vars[s.var].name), variable, *s.prompt,
                     s.digits);
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
    void Emit(const sema::Menu& s) {
        const std::string& key = menu_keys_[next_menu_++];
        CollectInput("Menu", key, *s.prompt, 1);
        std::vector<Arm> branches;
        for (const sema::MenuChoice& choice : s.choices) {
            branches.push_back({fmt::format("{} == \"{}\"", key, choice.key), &choice.body});
        }
        y_.Key("outputs");
        y_.BeginMap();
        if (!branches.empty() || !s.otherwise.empty()) {
            y_.Key("success");
            y_.BeginMap();
            y_.Key("actions");
            y_.BeginSeq();
            Choice(&s, branches, &s.otherwise);
            y_.EndSeq();
            y_.EndMap();
        }
        Branch("failure", s.otherwise);
        y_.EndMap();
        End();
    }
    void Emit(const sema::If& s) {
        std::vector<Arm> branches;
        for (const sema::IfBranch& branch : s.branches) {
            branches.push_back({archy::Expression(*branch.condition, flow_), &branch.body});
        }
        Choice(&s, branches, s.otherwise ? &*s.otherwise : nullptr);
    }
    void Emit(const sema::Switch& s) {
        std::string subject;
        if (!lower::SwitchSubjectNeedsTemporary(*s.subject)) {
            subject = archy::Expression(*s.subject, flow_);
        } else {
            const auto& [variable, type] = subjects_[subject_of_.at(&s)];
            Begin("updateData", "Update Data");
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
                condition += (condition.empty() ? "" : " or ") + subject +
                             " == " + archy::LiteralText(value);
            }
            branches.push_back({std::move(condition), &c.body});
        }
        Choice(&s, branches, &s.otherwise);
    }
    void Emit(const sema::Repeat& s) {
        Begin("loop", fmt::format("Repeat up to {} times", s.count));
        y_.Key("loopCount");
        y_.BeginMap();
        y_.Key("lit");
        y_.Int(s.count);
        y_.EndMap();
        y_.Key("outputs");
        y_.BeginMap();
        Branch("loop", s.body);
        y_.EndMap();
        End();
    }
    void Emit(const sema::Break&) { Simple("loopExit", "Exit Loop"); }
    void Emit(const sema::Call& s) {
        const sema::Flow& callee = model_.flows[s.callee];
        Begin("callCommonModule", fmt::format("Call {}", callee.display_name));
        y_.Key("commonModule");
        y_.BeginMap();
        y_.Key(callee.display_name);
        y_.BeginMap();
        y_.Key("ver_latestPublished");
        y_.BeginMap();
        y_.Key("inputs");
        y_.BeginMap();
        for (const sema::CallArgument& arg : s.args) {
            y_.Key(archy::VariableName(callee, callee.params[arg.param]));
            const sema::Expr* value =
                arg.value ? arg.value.get() : callee.param_defaults[arg.param].get();
            Value(*value);
        }
        y_.EndMap();
        y_.Key("outputs");
        y_.BeginMap();
        for (std::size_t i = 0; i < callee.outputs.size(); ++i) {
            y_.Key(archy::VariableName(callee, callee.outputs[i]));
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
        y_.EndMap();
        y_.EndMap();
        y_.EndMap();
        End();
    }
    void Emit(const sema::Transfer& s) {
        Begin("transferToAcd", fmt::format("Transfer to {}", s.queue));
        y_.Key("targetQueue");
        y_.BeginMap();
        y_.Key("lit");
        y_.BeginMap();
        y_.Field("name", s.queue);
        y_.EndMap();
        y_.EndMap();
        y_.Key("priority");
        y_.BeginMap();
        y_.Key("lit");
        y_.Int(0);
        y_.EndMap();
        y_.Key("preferredAgents");
        NoValue();
        y_.Key("languageSkill");
        NoValue();
        y_.Key("failureOutputs");
        y_.BeginMap();
        y_.Key("errorType");
        NoValue();
        y_.Key("errorMessage");
        NoValue();
        y_.EndMap();
        End();
        // `transfer` ends the path: if the transfer fails, the call ends too.
        Simple("disconnect", "Disconnect");
    }
    void Emit(const sema::Hangup&) { Simple("disconnect", "Disconnect"); }
    void Emit(const sema::Return&) { Simple("endTask", "Return"); }

    const sema::Model& model_;
    const lower::FlowPlan& plan_;
    const sema::Flow& flow_;
    YamlWriter y_;
    std::set<std::string> attributes_;
    std::vector<std::string> menu_keys_;
    std::size_t next_menu_ = 0;
    std::vector<std::string> progress_vars_;
    std::map<const void*, std::size_t> progress_of_;  // by statement
    std::vector<std::pair<std::string, sema::Type>> subjects_;
    std::map<const sema::Switch*, std::size_t> subject_of_;
};

class ArchyBackend final : public Backend {
  public:
    std::string_view FileExtension() const override { return ".yaml"; }
    std::string_view FlowType(sema::FlowKind kind) const override {
        return kind == sema::FlowKind::kShared ? "commonmodule" : "inboundcall";
    }
    bool ReadsNodes() const override { return false; }
    RenderedFlow RenderFlow(const lower::FlowGraph& program, const lower::FlowPlan& flow,
                            const lower::LoweredFlow&) const override {
        return {FlowWriter(*program.model, flow).Write(), {}};
    }

    // Rules Architect enforces only when publishing, checked here for this target.
    bool CheckTargetRules(const lower::FlowGraph& program, DiagnosticEngine& diags) const override {
        const sema::Model& model = *program.model;
        bool ok = true;
        for (const lower::FlowPlan& plan : program.flows) {
            const sema::Flow& flow = model.flows[plan.id];
            for (const sema::Variable& var : flow.vars) {
                if (!var.name.empty() && var.name[0] == '_') {
                    ok = false;
                    diags.Report(MakeDiagnostic(
                                     Code::kArchyNameRejected, var.decl_span,
                                     fmt::format("Architect rejects the name `{}`: variable names "
                                                 "start with a letter",
                                                 var.name))
                                     .WithHelp("rename it; the `genesys-json` target accepts it"));
                }
            }
            if (flow.kind != sema::FlowKind::kShared) continue;
            for (const sema::Call* call : plan.calls) {
                ok = false;
                const sema::Flow& callee = model.flows[call->callee];
                diags.Report(
                    MakeDiagnostic(
                        Code::kModuleCallsModule, call->callee_span,
                        fmt::format("shared flow `{}` calls shared flow `{}`, but a common module "
                                    "cannot call another common module",
                                    flow.name, callee.name))
                        .WithLabel(callee.head_span, fmt::format("`{}` declared here", callee.name))
                        .WithNote("with `--target archy` every shared flow becomes a common module")
                        .WithHelp(
                            fmt::format("call `{}` from the inbound flows instead, before or after "
                                        "`{}`; the `genesys-json` target accepts this call",
                                        callee.name, flow.name)));
            }
        }
        return ok;
    }
};

}  // namespace

std::unique_ptr<Backend> MakeArchyBackend() { return std::make_unique<ArchyBackend>(); }

}  // namespace flowc::backend
