#include "diag/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <utility>

namespace flowc {
namespace {

auto SortKey(const Diagnostic& d) {
    // kNoFile sorts first: problems with the command line come before problems in files.
    std::uint64_t file = d.span.file == kNoFile ? 0 : std::uint64_t{d.span.file} + 1;
    return std::tuple(file, d.span.begin, -static_cast<int>(d.severity), d.span.end, d.code);
}

// Two reports of one fact (say, a file reached twice) agree on all of these.
std::string Fingerprint(const Diagnostic& d) {
    return fmt::format("{}:{}:{}:{}:{}:{}", static_cast<int>(d.code), d.span.file, d.span.begin,
                       d.span.end, static_cast<int>(d.severity), d.message);
}

}  // namespace

DiagnosticEngine::DiagnosticEngine(DiagnosticEngine&& other) noexcept { *this = std::move(other); }

DiagnosticEngine& DiagnosticEngine::operator=(DiagnosticEngine&& other) noexcept {
    if (this == &other) return *this;
    std::scoped_lock lock(mutex_, other.mutex_);
    diagnostics_ = std::move(other.diagnostics_);
    fingerprints_ = std::move(other.fingerprints_);
    errors_ = std::exchange(other.errors_, 0);
    warnings_ = std::exchange(other.warnings_, 0);
    return *this;
}

void DiagnosticEngine::Report(Diagnostic diagnostic) {
    std::string fingerprint = Fingerprint(diagnostic);
    std::lock_guard lock(mutex_);
    if (!fingerprints_.insert(std::move(fingerprint)).second) return;
    if (diagnostic.severity == Severity::kError) ++errors_;
    if (diagnostic.severity == Severity::kWarning) ++warnings_;
    diagnostics_.push_back(std::move(diagnostic));
}

std::size_t DiagnosticEngine::error_count() const {
    std::lock_guard lock(mutex_);
    return errors_;
}

std::size_t DiagnosticEngine::warning_count() const {
    std::lock_guard lock(mutex_);
    return warnings_;
}

bool DiagnosticEngine::Has(Code code) const {
    std::lock_guard lock(mutex_);
    return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                       [code](const Diagnostic& d) { return d.code == code; });
}

std::vector<Diagnostic> DiagnosticEngine::Sorted() const {
    std::vector<Diagnostic> sorted;
    {
        std::lock_guard lock(mutex_);
        sorted = diagnostics_;
    }
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return SortKey(a) < SortKey(b);
    });
    return sorted;
}

}  // namespace flowc
