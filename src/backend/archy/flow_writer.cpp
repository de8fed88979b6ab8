#include "backend/archy/flow_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "backend/archy/expressions.h"
#include "lower/lower.h"

namespace flowc::backend::archy {

std::string ActionTitle(std::string_view text, std::size_t max) {
    std::string line;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (line.empty() || line.back() == ' ')) continue;
        line += space ? ' ' : c;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.size() <= max) return line;
    std::size_t cut = line.rfind(' ', max - 3);
    if (cut == std::string::npos || cut < max / 2) cut = max - 3;
    // Never split a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    return line.substr(0, cut) + "...";
}

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
        // No export declares one: Architect's class name, an assumption (docs/archy.md).
        case sema::Type::kAudio:
            return "audioVariable";
        // Architect's data type DateTime by the same rule: an assumption (docs/archy.md).
        case sema::Type::kDatetime:
            return "dateTimeVariable";
        // queueVariable: export; the others follow Architect's class names, an assumption
        // (docs/archy.md, "Org resources").
        case sema::Type::kQueue:
            return "queueVariable";
        case sema::Type::kSchedule:
            return "scheduleGroupVariable";
        case sema::Type::kEmergency:
            return "emergencyGroupVariable";
        case sema::Type::kPrompt:
            return "promptVariable";
        case sema::Type::kSkill:
            return "skillVariable";
        // Secure variables exist only in secure call flows and bot flows (Architect's "Manage a
        // variable"); an inbound call flow or a common module has no secure mark: a plain
        // string variable (docs/archy.md, "Secure values").
        case sema::Type::kSecureString:
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
        case sema::Type::kAudio:  // an assumption, as audioVariable
            return "audio";
        case sema::Type::kDatetime:  // an assumption, as dateTimeVariable
            return "dateTime";
        // queue: export; the others by the same rule, an assumption (docs/archy.md).
        case sema::Type::kQueue:
            return "queue";
        case sema::Type::kSchedule:
            return "scheduleGroup";
        case sema::Type::kEmergency:
            return "emergencyGroup";
        case sema::Type::kPrompt:
            return "prompt";
        case sema::Type::kSkill:
            return "skill";
        case sema::Type::kSecureString:  // no secure mark, as in VariableKind
        case sema::Type::kError:
            return "string";
    }
    return "string";
}

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
                                 std::is_same_v<T, sema::ToDecimal> ||
                                 std::is_same_v<T, sema::ToAudio>) {
                CollectAttributes(*node.operand, keys);
            } else if constexpr (std::is_same_v<T, sema::Binary>) {
                CollectAttributes(*node.lhs, keys);
                CollectAttributes(*node.rhs, keys);
            } else if constexpr (std::is_same_v<T, sema::BuiltinCall>) {
                for (const sema::ExprPtr& arg : node.args) CollectAttributes(*arg, keys);
            } else if constexpr (std::is_same_v<T, sema::Conditional>) {
                CollectAttributes(*node.condition, keys);
                CollectAttributes(*node.when_true, keys);
                CollectAttributes(*node.when_false, keys);
            }
        },
        expr.node);
}

namespace {

void AddQueueExpressions(const sema::QueueTarget& queue, std::vector<const sema::Expr*>& out) {
    if (const auto* value = std::get_if<sema::ExprPtr>(&queue)) out.push_back(value->get());
    if (const auto* lookup = std::get_if<sema::QueueLookup>(&queue))
        out.push_back(lookup->name.get());
}

}  // namespace

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
            } else if constexpr (std::is_same_v<T, sema::Repeat>) {
                out.push_back(node.count.get());
            } else if constexpr (std::is_same_v<T, sema::Transfer>) {
                AddQueueExpressions(node.queue, out);
                if (node.options->priority) out.push_back(node.options->priority.get());
                for (const sema::ExprPtr& skill : node.options->skills) out.push_back(skill.get());
                if (node.options->language) out.push_back(node.options->language.get());
            } else if constexpr (std::is_same_v<T, sema::TransferVoicemail>) {
                AddQueueExpressions(node.queue, out);
            } else if constexpr (std::is_same_v<T, sema::TransferNumber>) {
                out.push_back(node.number.get());
            } else if constexpr (std::is_same_v<T, sema::Hours>) {
                out.push_back(node.group.get());
                if (node.emergency) out.push_back(node.emergency.get());
            } else if constexpr (std::is_same_v<T, sema::Call>) {
                for (const sema::CallArgument& arg : node.args) {
                    if (arg.value) out.push_back(arg.value.get());
                }
            } else if constexpr (std::is_same_v<T, sema::Hold>) {
                out.push_back(node.seconds.get());
            } else if constexpr (std::is_same_v<T, sema::Callback>) {
                AddQueueExpressions(node.queue, out);
                out.push_back(node.contact->number.get());
                if (node.contact->name) out.push_back(node.contact->name.get());
            }
        },
        stmt.node);
    return out;
}

std::string FlowWriter::Write() {
    Prepare(flow_.body);
    bool module = flow_.kind == sema::FlowKind::kShared;
    bool inqueue = flow_.kind == sema::FlowKind::kInQueue;
    y_.BeginMap();
    y_.Key(module ? "commonModule" : inqueue ? "inqueueCall" : "inboundCall");
    y_.BeginMap();
    y_.Field("name", flow_.display_name);
    y_.Field("description", flow_.description);
    y_.Field("division", flow_.division.value_or("Home"));
    if (flow_.kind == sema::FlowKind::kInbound)
        y_.Field("startUpRef", "/inboundCall/tasks/task[Main_1]");
    if (!module) {
        y_.Field("defaultLanguage", flow_.languages.empty() ? std::string(sema::kDefaultLanguage)
                                                            : flow_.languages.front().code);
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
        // An in-queue flow may call only a module compatible with in-queue calls.
        bool called_in_queue =
            std::any_of(plan_.callers.begin(), plan_.callers.end(), [&](sema::FlowId caller) {
                return model_.flows[caller].kind == sema::FlowKind::kInQueue;
            });
        if (called_in_queue) {
            y_.BeginMap();
            y_.Field("flowType", "inqueuecall");
            y_.EndMap();
        }
        y_.EndSeq();
        y_.EndMap();
        y_.Key("startUpTaskActions");
        y_.BeginSeq();
        if (Actions(flow_.body)) Simple("endTask", "End Task");
        y_.EndSeq();
    } else if (inqueue) {
        InQueueSettings();
        ErrorHandling();
        // One looping task, no `tasks`: the end of its actions starts them again (SDK
        // ArchTaskLoop), so nothing is written after them.
        y_.Key("startUpTaskActions");
        y_.BeginSeq();
        Actions(flow_.body);
        y_.EndSeq();
    } else {
        ErrorHandling();
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

void FlowWriter::ErrorHandling() {
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
    // Every export has it (archy-shapes.md item 6); without `@errorPrompt`, the text the
    // exports use.
    y_.Key("preHandlingAudio");
    y_.BeginMap();
    y_.Field("tts",
             flow_.error_prompt.value_or("Sorry, an error occurred. Please try your call again."));
    y_.EndMap();
    y_.EndMap();
}

// The flow's hold music, which `Flow.HoldPrompt` holds: the system's, as in every export,
// or `@holdMusic`'s user prompt (an assumption: the `lit: {name}` rule, docs/archy.md).
void FlowWriter::InQueueSettings() {
    y_.Key("settingsInQueueCall");
    y_.BeginMap();
    y_.Key("holdMusic");
    y_.BeginMap();
    y_.Key("lit");
    y_.BeginMap();
    y_.Field("name", flow_.hold_music
                         ? archy::ResourceLiteralName(model_.resources[*flow_.hold_music])
                         : std::string("PromptSystem.on_hold_music"));
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
}

void FlowWriter::Prepare(const sema::Block& block) {
    for (const sema::StmtPtr& stmt : block) {
        for (const sema::Expr* expr : OwnExpressions(*stmt)) CollectAttributes(*expr, attributes_);
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, sema::Menu>) {
                    menu_key_of_[&node] = menu_keys_.size();
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
                } else if constexpr (std::is_same_v<T, sema::Transfer> ||
                                     std::is_same_v<T, sema::TransferVoicemail>) {
                    if (std::holds_alternative<sema::QueueLookup>(node.queue)) {
                        found_queue_of_[&node] = found_queues_.size();
                        found_queues_.push_back(
                            fmt::format("{}flowcQueue{}", Prefix(), found_queues_.size() + 1));
                    }
                    if (node.otherwise) Prepare(*node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::TransferNumber> ||
                                     std::is_same_v<T, sema::TransferFlow> ||
                                     std::is_same_v<T, sema::Callback>) {
                    if (node.otherwise) Prepare(*node.otherwise);
                } else if constexpr (std::is_same_v<T, sema::Hours>) {
                    for (const sema::HoursArm& arm : node.arms) Prepare(arm.body);
                } else if constexpr (std::is_same_v<T, sema::Call>) {
                    if (node.outcomes) {
                        Prepare(node.outcomes->failure);
                        if (node.outcomes->timeout) Prepare(*node.outcomes->timeout);
                    }
                }
            },
            stmt->node);
    }
}

void FlowWriter::PrepareChoice(const void* statement, std::size_t arms) {
    if (NeedsProgressVariable(arms)) {
        progress_of_[statement] = progress_vars_.size();
        progress_vars_.push_back(
            fmt::format("{}flowcChoice{}", Prefix(), progress_vars_.size() + 1));
    }
}

std::string FlowWriter::Prefix() const {
    return flow_.kind == sema::FlowKind::kShared ? "Common." : "Flow.";
}

// One entry per `@language`, the default first (archy-shapes.md item 1). Without any, an
// inbound flow speaks `en-us` with Jill, the voice the exports have; a module, `en-us`.
void FlowWriter::SupportedLanguages(bool module) {
    std::vector<sema::FlowLanguage> languages = flow_.languages;
    if (languages.empty() && module) {
        // A module that declares no languages works in every language: in those of the flows
        // of the build that call it (a caller without `@language` speaks the default).
        auto add = [&](const std::string& code) {
            for (const sema::FlowLanguage& known : languages) {
                if (known.code == code) return;
            }
            languages.push_back({code, std::nullopt, {}});
        };
        for (sema::FlowId caller : plan_.callers) {
            const sema::Flow& flow = model_.flows[caller];
            if (flow.languages.empty()) add(std::string(sema::kDefaultLanguage));
            for (const sema::FlowLanguage& language : flow.languages) add(language.code);
        }
    }
    if (languages.empty()) {
        languages.push_back({std::string(sema::kDefaultLanguage),
                             module ? std::nullopt : std::optional<std::string>("Jill"),
                             {}});
    }
    y_.Key("supportedLanguages");
    y_.BeginMap();
    for (const sema::FlowLanguage& language : languages) {
        y_.Key(language.code);
        y_.BeginMap();
        if (module) {
            y_.Key("none");
            y_.Bool(true);
        } else {
            y_.Key("defaultLanguageSkill");
            NoValue();
            if (language.voice) {
                y_.Key("textToSpeech");
                y_.BeginMap();
                y_.Key("defaultEngine");
                y_.BeginMap();
                y_.Field("voice", *language.voice);
                y_.EndMap();
                y_.EndMap();
            }
        }
        y_.EndMap();
    }
    y_.EndMap();
}

void FlowWriter::Variables(bool module) {
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
    for (const std::string& name : found_queues_) extra("queueVariable", name);
    y_.EndSeq();
}

void FlowWriter::NoValue() {
    y_.BeginMap();
    y_.Key("noValue");
    y_.Bool(true);
    y_.EndMap();
}

void FlowWriter::UnboundFailureOutputs() {
    y_.Key("failureOutputs");
    y_.BeginMap();
    y_.Key("errorType");
    NoValue();
    y_.Key("errorMessage");
    NoValue();
    y_.EndMap();
}

void FlowWriter::LiteralValue(const sema::Literal& literal) {
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

std::string FlowWriter::Exp(const sema::Expr& expr) const {
    return archy::Expression(expr, model_, flow_);
}

void FlowWriter::Value(const sema::Expr& expr) {
    y_.BeginMap();
    if (const auto* literal = std::get_if<sema::Literal>(&expr.node)) {
        LiteralValue(*literal);
    } else if (const auto* ref = std::get_if<sema::ResourceRef>(&expr.node)) {
        y_.Key("lit");
        y_.BeginMap();
        y_.Field("name", archy::ResourceLiteralName(model_.resources[ref->resource]));
        y_.EndMap();
    } else {
        y_.Field("exp", Exp(expr));
    }
    y_.EndMap();
}

std::string FlowWriter::Title(const sema::Expr& expr) const {
    return std::visit(
        [&](const auto& node) -> std::string {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, sema::ResourceRef>) {
                return model_.resources[node.resource].platform_name;
            } else if constexpr (std::is_same_v<T, sema::VarRef>) {
                return flow_.vars[node.var].name;
            } else if constexpr (std::is_same_v<T, sema::AttributeRef>) {
                return "contact.attributes." + node.key;
            } else if constexpr (std::is_same_v<T, sema::Literal>) {
                if (const auto* text = std::get_if<std::string>(&node.value)) return *text;
                return archy::LiteralText(node);
            } else {
                return Exp(expr);
            }
        },
        expr.node);
}

std::string FlowWriter::PromptTitle(const sema::Expr& prompt) const {
    if (const auto* join = std::get_if<sema::Binary>(&prompt.node);
        join != nullptr &&
        (join->op == sema::BinaryOp::kConcat || join->op == sema::BinaryOp::kJoinAudio)) {
        return PromptTitle(*join->lhs) + PromptTitle(*join->rhs);
    }
    if (const auto* audio = std::get_if<sema::ToAudio>(&prompt.node))
        return PromptTitle(*audio->operand);
    if (const auto* call = std::get_if<sema::BuiltinCall>(&prompt.node)) {
        if (call->function == sema::Builtin::kPause) return " ";  // silence reads as a space
        if (call->function == sema::Builtin::kNoBargeIn) return PromptTitle(*call->args[0]);
    }
    if (const auto* literal = std::get_if<sema::Literal>(&prompt.node)) {
        if (const auto* text = std::get_if<std::string>(&literal->value)) return *text;
    }
    return "{" + Title(prompt) + "}";
}

// The three forms of an audio value (docs/archy.md, "Audio"): `tts:` for a text literal,
// `prompt:` for a declared prompt alone, else `exp:`.
void FlowWriter::Audio(const sema::Expr& prompt) {
    y_.BeginMap();
    const sema::Expr* said = &prompt;
    if (const auto* audio = std::get_if<sema::ToAudio>(&prompt.node)) said = audio->operand.get();
    if (const auto* literal = std::get_if<sema::Literal>(&said->node)) {
        y_.Field("tts", std::get<std::string>(literal->value));
    } else if (const auto* ref = std::get_if<sema::ResourceRef>(&said->node);
               ref != nullptr && said != &prompt) {
        y_.Field("prompt", archy::ResourceLiteralName(model_.resources[ref->resource]));
    } else if (prompt.type == sema::Type::kAudio) {
        y_.Field("exp", Exp(prompt));
    } else {
        y_.Field("exp", "ToAudioTTS(" + Exp(prompt) + ")");
    }
    y_.EndMap();
}

void FlowWriter::Simple(std::string_view action, std::string_view name) {
    y_.BeginMap();
    y_.Key(action);
    y_.BeginMap();
    y_.Field("name", name);
    y_.EndMap();
    y_.EndMap();
}

void FlowWriter::Begin(std::string_view action, std::string_view name) {
    y_.BeginMap();
    y_.Key(action);
    y_.BeginMap();
    y_.Field("name", name);
}

void FlowWriter::End() {
    y_.EndMap();
    y_.EndMap();
}

}  // namespace flowc::backend::archy
