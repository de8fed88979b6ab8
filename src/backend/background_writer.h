// Hands a backend's files to its OutputSink on one background thread, in order, so that the
// next batch of flows is lowered and rendered while the last one is written (writing was the
// part of generating that ran on one thread only). The sink is only ever called from that
// thread, one batch at a time; Finish() waits for it, so that the manifest comes last. A
// sink reports what it cannot write (E0802) from that thread, into the same DiagnosticEngine
// the calling thread may be reporting into: the engine's Report() is thread-safe for this
// (src/diag/engine.h), and the sink's files are written in order, so its reports are too.
#pragma once

#include <exception>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "backend/backend.h"

namespace flowc::backend {

class BackgroundWriter {
  public:
    explicit BackgroundWriter(OutputSink& out) : out_(out) {}
    ~BackgroundWriter() { Wait(); }
    BackgroundWriter(const BackgroundWriter&) = delete;
    BackgroundWriter& operator=(const BackgroundWriter&) = delete;

    // Waits for the previous batch, then starts writing this one.
    void Write(std::vector<std::pair<std::string, std::string>> files) {
        Finish();
        thread_ = std::thread([this, files = std::move(files)]() mutable {
            try {
                for (auto& [path, bytes] : files) out_.Write(path, std::move(bytes));
            } catch (...) {
                failure_ = std::current_exception();
            }
        });
    }

    // Waits until everything handed over is written; rethrows what writing threw.
    void Finish() {
        Wait();
        if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    }

  private:
    void Wait() {
        if (thread_.joinable()) thread_.join();
    }

    OutputSink& out_;
    std::thread thread_;
    std::exception_ptr failure_;
};

}  // namespace flowc::backend
