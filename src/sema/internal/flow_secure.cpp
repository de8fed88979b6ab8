// The secure-value rule at the places a flow body moves values (LANGUAGE.md v2, "Secure
// values"). The rule itself is sema/secure.h; this file words the error.
#include <fmt/format.h>

#include "sema/internal/flow_checker.h"

namespace flowc::sema::internal {

void FlowChecker::ReportLeak(Span at, Sink sink, std::string_view what,
                             std::optional<Span> declared_at) {
    Diagnostic d =
        MakeDiagnostic(Code::kSecureValueLeak, at,
                       fmt::format("a secure value would be {}: {}", SinkPhrase(sink), what))
            .WithHelp(std::string(SinkHelp(sink)));
    if (declared_at) d.labels.push_back({*declared_at, "declared here, not secure"});
    diags_.Report(std::move(d));
}

bool FlowChecker::CheckSink(ExprPtr& expr, Sink sink, std::string_view what) {
    if (MayFlowInto(expr->type, sink)) return true;
    ReportLeak(expr->span, sink, what);
    expr->type = Type::kError;
    return false;
}

}  // namespace flowc::sema::internal
