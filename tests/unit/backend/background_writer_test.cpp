// BackgroundWriter calls the sink on a thread of its own, and a sink reports what it cannot
// write (E0802) into the build's DiagnosticEngine from that thread, while the calling thread
// goes on rendering and may report too.
#include "backend/background_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace flowc::backend {
namespace {

// Refuses every file, as a full disk would, reporting each on the thread that writes.
class RefusingSink final : public OutputSink {
  public:
    explicit RefusingSink(DiagnosticEngine& diags) : diags_(diags) {}
    void Write(const std::string& path, std::string) override {
        writer_threads_.push_back(std::this_thread::get_id());
        diags_.Report(MakeDiagnostic(Code::kOutputNotWritable, Span{},
                                     fmt::format("cannot write `{}`", path)));
    }
    std::vector<std::thread::id> writer_threads_;

  private:
    DiagnosticEngine& diags_;
};

TEST(BackgroundWriter, DiagnosticsTheSinkReportsFromItsThreadAreAllKept) {
    constexpr int kBatches = 50;
    constexpr int kFiles = 200;
    DiagnosticEngine diags;
    RefusingSink sink(diags);
    {
        BackgroundWriter writer(sink);
        for (int b = 0; b < kBatches; ++b) {
            std::vector<std::pair<std::string, std::string>> files;
            for (int f = 0; f < kFiles; ++f)
                files.emplace_back(fmt::format("{}_{}.json", b, f), "");
            writer.Write(std::move(files));
            // Meanwhile, this thread reports too (a backend's target rule, say).
            for (int i = 0; i < kFiles; ++i) {
                diags.Report(MakeDiagnostic(Code::kArchyNameRejected, Span{},
                                            fmt::format("batch {} rule {}", b, i)));
            }
        }
        writer.Finish();
    }
    EXPECT_EQ(diags.error_count(), std::size_t{2 * kBatches * kFiles});
    ASSERT_EQ(sink.writer_threads_.size(), std::size_t{kBatches * kFiles});
    EXPECT_NE(sink.writer_threads_.front(), std::this_thread::get_id());  // really another thread
    // Everything the sink reported is there, in the order the files were written.
    std::size_t next = 0;
    for (const Diagnostic& d : diags.Sorted()) {
        if (d.code != Code::kOutputNotWritable) continue;
        EXPECT_EQ(d.message,
                  fmt::format("cannot write `{}_{}.json`", next / kFiles, next % kFiles));
        ++next;
    }
    EXPECT_EQ(next, std::size_t{kBatches * kFiles});
}

class ThrowingSink final : public OutputSink {
  public:
    void Write(const std::string&, std::string) override { throw std::runtime_error("disk gone"); }
};

TEST(BackgroundWriter, WhatTheSinkThrowsIsRethrownOnTheCallingThread) {
    ThrowingSink sink;
    BackgroundWriter writer(sink);
    writer.Write({{"a.json", ""}});
    EXPECT_THROW(writer.Finish(), std::runtime_error);
    writer.Finish();  // once
}

}  // namespace
}  // namespace flowc::backend
