#include "lower/internal/org_references.h"

namespace flowc::lower {
namespace {

OrgReferenceKind KindOf(sema::ResourceKind kind) {
    switch (kind) {
        case sema::ResourceKind::kQueue:
            return OrgReferenceKind::kQueue;
        case sema::ResourceKind::kSchedule:
            return OrgReferenceKind::kSchedule;
        case sema::ResourceKind::kEmergency:
            return OrgReferenceKind::kEmergency;
        case sema::ResourceKind::kPrompt:
            return OrgReferenceKind::kPrompt;
        case sema::ResourceKind::kSkill:
            return OrgReferenceKind::kSkill;
    }
    return OrgReferenceKind::kQueue;
}

class Collector {
  public:
    Collector(const sema::Model& model, std::vector<OrgReference>& out)
        : model_(model), out_(out) {}

    void Statement(const sema::Stmt& stmt) {
        std::visit([&](const auto& node) { Of(node); }, stmt.node);
    }

  private:
    void Add(OrgReferenceKind kind, const std::string& name, const std::string& integration = "") {
        out_.push_back({kind, name, integration});
    }

    void Expr(const sema::Expr* expr) {
        if (expr) std::visit([&](const auto& node) { Part(node); }, expr->node);
    }
    void Part(const sema::ResourceRef& ref) {
        const sema::Resource& resource = model_.resources[ref.resource];
        Add(KindOf(resource.kind), resource.platform_name);
    }
    void Part(const sema::Unary& e) { Expr(e.operand.get()); }
    void Part(const sema::Binary& e) {
        Expr(e.lhs.get());
        Expr(e.rhs.get());
    }
    void Part(const sema::BuiltinCall& e) {
        for (const sema::ExprPtr& arg : e.args) Expr(arg.get());
    }
    void Part(const sema::ToDecimal& e) { Expr(e.operand.get()); }
    void Part(const sema::ToAudio& e) { Expr(e.operand.get()); }
    void Part(const sema::Conditional& e) {
        Expr(e.condition.get());
        Expr(e.when_true.get());
        Expr(e.when_false.get());
    }
    void Part(const sema::Literal&) {}
    void Part(const sema::VarRef&) {}
    void Part(const sema::ContextRef&) {}
    void Part(const sema::AttributeRef&) {}

    void Queue(const sema::QueueTarget& queue) {
        if (const auto* named = std::get_if<sema::QueueByName>(&queue)) {
            Add(OrgReferenceKind::kQueue, named->platform_name);
        } else if (const auto* value = std::get_if<sema::ExprPtr>(&queue)) {
            Expr(value->get());
        } else {
            Expr(std::get<sema::QueueLookup>(queue).name.get());
        }
    }

    void Of(const sema::Assign& s) { Expr(s.value.get()); }
    void Of(const sema::SetAttribute& s) { Expr(s.value.get()); }
    void Of(const sema::Play& s) { Expr(s.prompt.get()); }
    void Of(const sema::Collect& s) { Expr(s.prompt.get()); }
    void Of(const sema::Menu& s) { Expr(s.prompt.get()); }
    void Of(const sema::If& s) {
        for (const sema::IfBranch& branch : s.branches) Expr(branch.condition.get());
    }
    void Of(const sema::Switch& s) { Expr(s.subject.get()); }
    void Of(const sema::Repeat& s) { Expr(s.count.get()); }
    void Of(const sema::Break&) {}
    void Of(const sema::Call& s) {
        for (const sema::CallArgument& arg : s.args) Expr(arg.value.get());
        const sema::Flow& callee = model_.flows[s.callee];
        if (callee.kind == sema::FlowKind::kDataAction) {
            Add(OrgReferenceKind::kDataAction, callee.display_name, callee.integration);
        } else if (callee.external) {
            Add(OrgReferenceKind::kCommonModule, callee.display_name);
        }
    }
    void Of(const sema::Transfer& s) {
        Queue(s.queue);
        Expr(s.options->priority.get());
        for (const sema::ExprPtr& skill : s.options->skills) Expr(skill.get());
        // A language skill is one only where the transfer names it; through a variable it
        // is the skill it was assigned from.
        if (const auto* ref = s.options->language
                                  ? std::get_if<sema::ResourceRef>(&s.options->language->node)
                                  : nullptr) {
            Add(OrgReferenceKind::kLanguageSkill, model_.resources[ref->resource].platform_name);
        } else {
            Expr(s.options->language.get());
        }
        // An in-queue flow of the build is a dependency (FlowPlan::waits_in), not the org's.
        if (s.options->via && !s.options->via_flow)
            Add(OrgReferenceKind::kInqueueFlow, *s.options->via);
    }
    void Of(const sema::TransferNumber& s) { Expr(s.number.get()); }
    void Of(const sema::TransferVoicemail& s) { Queue(s.queue); }
    void Of(const sema::TransferFlow& s) {
        if (const auto* name = std::get_if<std::string>(&s.target))
            Add(OrgReferenceKind::kInboundFlow, *name);
    }
    void Of(const sema::Hours& s) {
        Expr(s.group.get());
        Expr(s.emergency.get());
    }
    void Of(const sema::Hold& s) { Expr(s.seconds.get()); }
    void Of(const sema::Callback& s) {
        Queue(s.queue);
        Expr(s.contact->number.get());
        Expr(s.contact->name.get());
    }
    void Of(const sema::Hangup&) {}
    void Of(const sema::Return&) {}
    void Of(const sema::SetLanguage&) {}

    const sema::Model& model_;
    std::vector<OrgReference>& out_;
};

}  // namespace

std::string_view OrgReferenceKindName(OrgReferenceKind kind) {
    switch (kind) {
        case OrgReferenceKind::kQueue:
            return "queue";
        case OrgReferenceKind::kSchedule:
            return "schedule";
        case OrgReferenceKind::kEmergency:
            return "emergency";
        case OrgReferenceKind::kPrompt:
            return "prompt";
        case OrgReferenceKind::kSkill:
            return "skill";
        case OrgReferenceKind::kLanguageSkill:
            return "languageSkill";
        case OrgReferenceKind::kInqueueFlow:
            return "inqueueFlow";
        case OrgReferenceKind::kInboundFlow:
            return "inboundFlow";
        case OrgReferenceKind::kCommonModule:
            return "commonModule";
        case OrgReferenceKind::kDataAction:
            return "dataAction";
    }
    return "?";
}

void AppendOrgReferences(const sema::Model& model, const sema::Stmt& stmt,
                         std::vector<OrgReference>& out) {
    Collector(model, out).Statement(stmt);
}

}  // namespace flowc::lower
