#include "base/parallel.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace flowc {
namespace {

// Threads that live as long as the process: starting threads for every loop cost more than
// the loops of a small phase, and memory allocated by a thread that exits is handed to the
// next threads at a price (docs/performance.md). The workers never take termination
// signals; those go to the main thread, which defers them while a build stages its output.
class Pool {
  public:
    static Pool& Instance() {
        static Pool* pool = new Pool();  // never destroyed: workers may outlive static dtors
        return *pool;
    }

    // Runs the loop on the calling thread and up to `helpers` workers. False when the pool is
    // already running a loop (a nested call), which the caller then runs itself.
    bool Run(std::size_t count, std::size_t helpers, const std::function<void(std::size_t)>& body) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (busy_) return false;
        busy_ = true;
        while (workers_.size() < helpers) workers_.emplace_back([this] { Work(); });
        body_ = &body;
        count_ = count;
        next_ = 0;
        wanted_ = helpers;
        joining_ = 0;
        joined_ = 0;
        failure_ = nullptr;
        ++generation_;
        lock.unlock();
        wake_.notify_all();
        Loop();
        lock.lock();
        done_.wait(lock, [&] { return joined_ == wanted_; });
        body_ = nullptr;
        busy_ = false;
        std::exception_ptr failure = std::exchange(failure_, nullptr);
        lock.unlock();
        if (failure) std::rethrow_exception(failure);
        return true;
    }

  private:
    void Loop() {
        for (std::size_t i = next_++; i < count_; i = next_++) {
            try {
                (*body_)(i);
            } catch (...) {
                std::lock_guard<std::mutex> guard(mutex_);
                if (!failure_) failure_ = std::current_exception();
            }
        }
    }

    void Work() {
        sigset_t set;
        sigemptyset(&set);
        for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&set, signal);
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
        std::uint64_t seen = 0;
        while (true) {
            std::unique_lock<std::mutex> lock(mutex_);
            // Join a loop that still wants helpers.
            wake_.wait(lock, [&] { return generation_ != seen && joining_ < wanted_; });
            seen = generation_;
            ++joining_;
            lock.unlock();
            Loop();
            lock.lock();
            if (++joined_ == wanted_) done_.notify_all();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    std::vector<std::thread> workers_;
    bool busy_ = false;
    const std::function<void(std::size_t)>* body_ = nullptr;
    std::size_t count_ = 0;
    std::atomic<std::size_t> next_{0};
    std::size_t wanted_ = 0;
    std::size_t joining_ = 0;
    std::size_t joined_ = 0;
    std::uint64_t generation_ = 0;
    std::exception_ptr failure_;
};

}  // namespace

unsigned DefaultJobs() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        int count = CPU_COUNT(&set);
        if (count > 0) return static_cast<unsigned>(count);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

void ParallelFor(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body) {
    std::size_t threads = std::min<std::size_t>(std::max(1u, jobs), count);
    if (threads <= 1 || !Pool::Instance().Run(count, threads - 1, body)) {
        for (std::size_t i = 0; i < count; ++i) body(i);
    }
}

}  // namespace flowc
