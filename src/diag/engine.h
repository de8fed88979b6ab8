// Collects diagnostics from every phase; sorts, deduplicates and counts them for printing.
// Report() and the counts may be used from several threads at once (an OutputSink reports
// from the thread that writes files, src/backend/background_writer.h, while the build goes
// on); Reported() and Sorted() read a snapshot, to be taken when no other thread reports.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "diag/diagnostic.h"

namespace flowc {

class DiagnosticEngine {
  public:
    DiagnosticEngine() = default;
    // Engines are kept in vectors (one per file or flow checked in parallel); moving one
    // takes its contents, never its lock.
    DiagnosticEngine(DiagnosticEngine&& other) noexcept;
    DiagnosticEngine& operator=(DiagnosticEngine&& other) noexcept;

    void Report(Diagnostic diagnostic);

    std::size_t error_count() const;
    std::size_t warning_count() const;
    bool has_errors() const { return error_count() > 0; }
    bool Has(Code code) const;

    // Everything reported, in report order (duplicates already dropped).
    const std::vector<Diagnostic>& Reported() const { return diagnostics_; }

    // Everything reported, ordered by (file, offset, severity) and without exact duplicates.
    // File order is load order, since FileIds are assigned as files are loaded.
    std::vector<Diagnostic> Sorted() const;

  private:
    mutable std::mutex mutex_;
    std::vector<Diagnostic> diagnostics_;
    std::unordered_set<std::string> fingerprints_;
    std::size_t errors_ = 0;
    std::size_t warnings_ = 0;
};

}  // namespace flowc
