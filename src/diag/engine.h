// Collects diagnostics from every phase; sorts, deduplicates and counts them for printing.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

#include "diag/diagnostic.h"

namespace flowc {

class DiagnosticEngine {
  public:
    void Report(Diagnostic diagnostic);

    std::size_t error_count() const { return errors_; }
    std::size_t warning_count() const { return warnings_; }
    bool has_errors() const { return errors_ > 0; }
    bool Has(Code code) const;

    // Everything reported, in report order (duplicates already dropped).
    const std::vector<Diagnostic>& Reported() const { return diagnostics_; }

    // Everything reported, ordered by (file, offset, severity) and without exact duplicates.
    // File order is load order, since FileIds are assigned as files are loaded.
    std::vector<Diagnostic> Sorted() const;

  private:
    std::vector<Diagnostic> diagnostics_;
    std::unordered_set<std::string> fingerprints_;
    std::size_t errors_ = 0;
    std::size_t warnings_ = 0;
};

}  // namespace flowc
