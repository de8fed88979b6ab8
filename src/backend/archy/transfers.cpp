// The actions of transfers and `hours`. Every transfer action has a failure output and no
// success one: a transfer that succeeds leaves the flow; one that fails runs its failure
// output, then the action after it (docs/archy.md, "Transfers"). So `else` is the failure
// output, and where it falls through the actions after the transfer follow by themselves.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "backend/archy/expressions.h"
#include "backend/archy/flow_writer.h"

namespace flowc::backend::archy {
namespace {

// Architect's literal mode takes priorities 0 to 10 (SDK); others go in expression mode.
constexpr std::int64_t kMaxLiteralPriority = 10;

// The outputs of evaluateScheduleGroup, in the SDK's order (docs/archy.md, "Hours").
constexpr std::pair<sema::HoursOutcome, std::string_view> kHoursOutputs[] = {
    {sema::HoursOutcome::kOpen, "open"},
    {sema::HoursOutcome::kClosed, "closed"},
    {sema::HoursOutcome::kHoliday, "holiday"},
    {sema::HoursOutcome::kEmergency, "emergency"},
};

}  // namespace

std::string FlowWriter::QueueTitle(const sema::QueueTarget& queue) const {
    if (const auto* named = std::get_if<sema::QueueByName>(&queue)) return named->platform_name;
    if (const auto* value = std::get_if<sema::ExprPtr>(&queue)) return Title(**value);
    return "queue " + Title(*std::get<sema::QueueLookup>(queue).name);
}

void FlowWriter::TargetQueue(const sema::QueueTarget& queue, const std::string* found) {
    y_.Key("targetQueue");
    if (const auto* value = std::get_if<sema::ExprPtr>(&queue)) {
        Value(**value);
        return;
    }
    y_.BeginMap();
    if (found) {
        y_.Field("exp", *found);
    } else {
        y_.Key("lit");
        y_.BeginMap();
        y_.Field("name", std::get<sema::QueueByName>(queue).platform_name);
        y_.EndMap();
    }
    y_.EndMap();
}

// What Architect does with a NOT_SET `targetQueue` is not documented; `FindQueue` returns one
// when no queue has the name. So the transfer runs only when one was found, and when none
// was (or the transfer failed) the decision falls through to what follows: `else`.
const std::string* FlowWriter::BeginFoundQueue(const void* statement,
                                               const sema::QueueTarget& queue) {
    const auto* lookup = std::get_if<sema::QueueLookup>(&queue);
    if (!lookup) return nullptr;
    const std::string& variable = found_queues_[found_queue_of_.at(statement)];
    const std::string title = Title(*lookup->name);
    Begin("updateData", fmt::format("Find queue {}", title));
    y_.Key("statements");
    y_.BeginSeq();
    y_.BeginMap();
    y_.Key(StatementKind(sema::Type::kQueue));
    y_.BeginMap();
    y_.Field("variable", variable);
    y_.Key("value");
    y_.BeginMap();
    y_.Field("exp", fmt::format("FindQueue({})", Exp(*lookup->name)));
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
    y_.EndSeq();
    End();
    Begin("decision", fmt::format("Queue {} found?", title));
    y_.Key("condition");
    y_.BeginMap();
    y_.Field("exp", fmt::format("IsSet({})", variable));
    y_.EndMap();
    y_.Key("outputs");
    y_.BeginMap();
    y_.Key("yes");
    y_.BeginMap();
    y_.Key("actions");
    y_.BeginSeq();
    return &variable;
}

void FlowWriter::EndFoundQueue() {
    y_.EndSeq();
    y_.EndMap();
    y_.EndMap();
    End();
}

void FlowWriter::Failure(const sema::Block* otherwise) {
    UnboundFailureOutputs();
    if (!otherwise || otherwise->empty()) return;
    y_.Key("outputs");
    y_.BeginMap();
    Branch("failure", *otherwise);
    y_.EndMap();
}

void FlowWriter::AfterTransfer(const sema::FailurePath& otherwise, const std::string* found) {
    if (found) EndFoundQueue();
    if (!otherwise) {
        Simple("disconnect", "Disconnect");
    } else if (found) {
        Actions(*otherwise);  // after the decision: not found, or found and failed
    }
}

void FlowWriter::PriorityValue(const sema::Expr* priority) {
    y_.Key("priority");
    y_.BeginMap();
    const auto* literal = priority ? std::get_if<sema::Literal>(&priority->node) : nullptr;
    const auto* number = literal ? std::get_if<std::int64_t>(&literal->value) : nullptr;
    if (!priority) {
        y_.Key("lit");
        y_.Int(0);
    } else if (number && *number >= 0 && *number <= kMaxLiteralPriority) {
        y_.Key("lit");
        y_.Int(*number);
    } else {
        y_.Field("exp", Exp(*priority));
    }
    y_.EndMap();
}

void FlowWriter::Emit(const sema::Transfer& s) {
    const std::string* found = BeginFoundQueue(&s, s.queue);
    Begin("transferToAcd", fmt::format("Transfer to {}", QueueTitle(s.queue)));
    TargetQueue(s.queue, found);
    PriorityValue(s.options->priority.get());
    y_.Key("preferredAgents");
    NoValue();
    y_.Key("languageSkill");
    if (!s.options->language) {
        NoValue();
    } else if (std::holds_alternative<sema::ResourceRef>(s.options->language->node)) {
        Value(*s.options->language);
    } else {
        // A `skill` value holds an ACD skill; Architect's language skill is another type,
        // found by the same name (SDK: FindLanguageSkill, a skill's `.name`).
        y_.BeginMap();
        y_.Field("exp", fmt::format("FindLanguageSkill({}.name)", Exp(*s.options->language)));
        y_.EndMap();
    }
    if (!s.options->skills.empty()) {
        y_.Key("acdSkills");
        y_.BeginSeq();
        for (const sema::ExprPtr& skill : s.options->skills) {
            y_.BeginMap();
            y_.Key("acdSkill");
            Value(*skill);
            y_.EndMap();
        }
        y_.EndSeq();
    }
    if (s.options->via) {
        y_.Key("overrideInQueueFlow");
        y_.BeginMap();
        y_.Field("name", *s.options->via);
        y_.EndMap();
    }
    Failure(found || !s.otherwise ? nullptr : &*s.otherwise);
    End();
    AfterTransfer(s.otherwise, found);
}

void FlowWriter::Emit(const sema::TransferVoicemail& s) {
    const std::string* found = BeginFoundQueue(&s, s.queue);
    Begin("transferToVoicemail", fmt::format("Voicemail of {}", QueueTitle(s.queue)));
    y_.Key("destination");
    y_.BeginMap();
    y_.Key("queue");
    y_.BeginMap();
    TargetQueue(s.queue, found);
    // As both exports write it: the caller's number to call back, the system greeting.
    y_.Key("callbackNumber");
    y_.BeginMap();
    y_.Field("exp", "ToPhoneNumber(Call.Ani)");
    y_.EndMap();
    y_.Key("calleeName");
    NoValue();
    y_.Key("voicemailGreeting");
    y_.BeginMap();
    y_.Field("prompt", "PromptSystem.voicemail_greeting");
    y_.EndMap();
    y_.EndMap();
    y_.EndMap();
    Failure(found || !s.otherwise ? nullptr : &*s.otherwise);
    End();
    AfterTransfer(s.otherwise, found);
}

// The action's key is Archy's (its flow settings have a `transferToNumber` block); the
// `targetNumber` and `failureOutputs` members follow the SDK and `transferToAcd`'s
// (docs/archy.md).
void FlowWriter::Emit(const sema::TransferNumber& s) {
    const auto* literal = std::get_if<sema::Literal>(&s.number->node);
    Begin("transferToNumber",
          literal ? fmt::format("Transfer to {}", Title(*s.number)) : "Transfer to number");
    y_.Key("targetNumber");
    Value(*s.number);
    Failure(s.otherwise ? &*s.otherwise : nullptr);
    End();
    AfterTransfer(s.otherwise, nullptr);
}

void FlowWriter::Emit(const sema::TransferFlow& s) {
    const auto* built = std::get_if<sema::FlowId>(&s.target);
    const std::string& name =
        built ? model_.flows[*built].display_name : std::get<std::string>(s.target);
    Begin("transferToFlow", fmt::format("Transfer to flow {}", name));
    // A flow is named without `lit`, unlike the org's other objects (export).
    y_.Key("targetFlow");
    y_.BeginMap();
    y_.Field("name", name);
    y_.EndMap();
    Failure(s.otherwise ? &*s.otherwise : nullptr);
    End();
    AfterTransfer(s.otherwise, nullptr);
}

// Each outcome's arm is written under its output, so an arm that covers several outcomes
// (`else`) is written under each; an empty output, like an arm that falls through, goes on
// with the action after this one.
void FlowWriter::Emit(const sema::Hours& s) {
    Begin("evaluateScheduleGroup", fmt::format("Hours of {}", Title(*s.group)));
    y_.Key("inServiceSchedules");
    NoValue();
    y_.Key("evaluate");
    y_.BeginMap();
    y_.Key("now");
    y_.Bool(true);
    y_.EndMap();
    y_.Key("scheduleGroup");
    Value(*s.group);
    y_.Key("emergencyGroup");
    if (s.emergency) {
        Value(*s.emergency);
    } else {
        NoValue();
    }
    std::vector<std::pair<std::string_view, const sema::Block*>> outputs;
    for (const auto& [outcome, key] : kHoursOutputs) {
        for (const sema::HoursArm& arm : s.arms) {
            bool covers =
                std::find(arm.outcomes.begin(), arm.outcomes.end(), outcome) != arm.outcomes.end();
            if (covers && !arm.body.empty()) outputs.emplace_back(key, &arm.body);
        }
    }
    if (!outputs.empty()) {
        y_.Key("outputs");
        y_.BeginMap();
        for (const auto& [key, body] : outputs) Branch(key, *body);
        y_.EndMap();
    }
    End();
}

// `hold N;`: the flow's hold music (`Flow.HoldPrompt`, which `settingsInQueueCall` sets) for
// N seconds. Every export plays it with `entirePrompt`; the `duration` play style is the
// SDK's (an assumption for its YAML, docs/archy.md "In-queue flows").
void FlowWriter::Emit(const sema::Hold& s) {
    const auto* literal = std::get_if<sema::Literal>(&s.seconds->node);
    const auto* seconds = literal ? std::get_if<std::int64_t>(&literal->value) : nullptr;
    Begin("holdMusic", seconds ? fmt::format("Hold {} seconds", *seconds) : "Hold");
    y_.Key("prompt");
    y_.BeginMap();
    y_.Field("exp", "Flow.HoldPrompt");
    y_.EndMap();
    y_.Key("bargeInEnabled");
    y_.BeginMap();
    y_.Key("lit");
    y_.Bool(false);
    y_.EndMap();
    y_.Key("playStyle");
    y_.BeginMap();
    y_.Key("duration");
    y_.BeginMap();
    if (seconds && *seconds >= 0) {
        y_.Key("lit");
        y_.BeginMap();
        y_.Key("seconds");
        y_.Int(*seconds);
        y_.EndMap();
    } else {
        y_.Field("exp", fmt::format("MakeDuration(0, 0, 0, {})", Exp(*s.seconds)));
    }
    y_.EndMap();
    y_.EndMap();
    End();
}

// `createCallback`: every key an assumption from the SDK's view model and the keys
// `transferToVoicemail` exports for the same properties (docs/archy.md "Callbacks"). The SDK
// gives it no outputs, so `else` is refused for this target (E0915, target_rules.cpp).
void FlowWriter::Emit(const sema::Callback& s) {
    Begin("createCallback", fmt::format("Callback in {}", QueueTitle(s.queue)));
    if (const auto* lookup = std::get_if<sema::QueueLookup>(&s.queue)) {
        y_.Key("targetQueue");
        y_.BeginMap();
        y_.Field("exp", fmt::format("FindQueue({})", Exp(*lookup->name)));
        y_.EndMap();
    } else {
        TargetQueue(s.queue, nullptr);
    }
    y_.Key("callbackNumber");
    y_.BeginMap();
    y_.Field("exp", fmt::format("ToPhoneNumber({})", Exp(*s.contact->number)));
    y_.EndMap();
    y_.Key("calleeName");
    if (s.contact->name) {
        Value(*s.contact->name);
    } else {
        NoValue();
    }
    End();
}

}  // namespace flowc::backend::archy
