// A bounded fork-join loop for the phases that work on independent files or flows. Results
// are written by index, so the output never depends on the number of jobs or on timing.
#pragma once

#include <cstddef>
#include <functional>

namespace flowc {

// The number of jobs `--jobs 0` (the default) means: the cores this process may use.
unsigned DefaultJobs();

// Runs body(0) ... body(count - 1), each exactly once, on up to `jobs` threads (the calling
// thread is one of them; the others come from a pool that lives as long as the process and
// never takes SIGINT, SIGTERM, SIGHUP or SIGQUIT). Returns when all are done; the first
// exception thrown by a body is rethrown here after the others have finished. A call from
// inside a body runs its loop on the calling thread.
void ParallelFor(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body);

}  // namespace flowc
