// Built only for tests (tests/output/test_commit.py): an LD_PRELOAD library that counts the
// calls that change or flush the file system (rename, unlink, fsync, ...) and, at the Nth,
// kills the process with SIGKILL (FLOWC_FAULT=kill:N) or makes that call fail with EIO
// (FLOWC_FAULT=fail:N, renames only). flowc needs no hook: the test walks N from 1 until the
// build completes, so that every step of a commit is cut once.
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

enum class Mode { kNone, kKill, kFail };

struct Fault {
    Mode mode = Mode::kNone;
    long at = 0;
};

const Fault& Configured() {
    static const Fault fault = [] {
        Fault f;
        const char* text = std::getenv("FLOWC_FAULT");
        if (text == nullptr) return f;
        if (std::strncmp(text, "kill:", 5) == 0) f.mode = Mode::kKill;
        if (std::strncmp(text, "fail:", 5) == 0) f.mode = Mode::kFail;
        if (f.mode != Mode::kNone) f.at = std::atol(text + 5);
        return f;
    }();
    return fault;
}

std::atomic<long> calls{0};

// True when this call must fail; never returns for the call that must be killed.
bool Step(bool is_rename) {
    const Fault& fault = Configured();
    if (fault.mode == Mode::kNone || (fault.mode == Mode::kFail && !is_rename)) return false;
    long n = ++calls;
    if (n != fault.at) return false;
    if (fault.mode == Mode::kKill) ::kill(::getpid(), SIGKILL);
    errno = EIO;
    return true;
}

template <typename F>
F Next(const char* name) {
    return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

int rename(const char* from, const char* to) {
    if (Step(true)) return -1;
    static auto next = Next<int (*)(const char*, const char*)>("rename");
    return next(from, to);
}

int renameat(int fd1, const char* from, int fd2, const char* to) {
    if (Step(true)) return -1;
    static auto next = Next<int (*)(int, const char*, int, const char*)>("renameat");
    return next(fd1, from, fd2, to);
}

int renameat2(int fd1, const char* from, int fd2, const char* to, unsigned flags) {
    if (Step(true)) return -1;
    static auto next = Next<int (*)(int, const char*, int, const char*, unsigned)>("renameat2");
    return next(fd1, from, fd2, to, flags);
}

int unlink(const char* path) {
    if (Step(false)) return -1;
    static auto next = Next<int (*)(const char*)>("unlink");
    return next(path);
}

int unlinkat(int fd, const char* path, int flags) {
    if (Step(false)) return -1;
    static auto next = Next<int (*)(int, const char*, int)>("unlinkat");
    return next(fd, path, flags);
}

int rmdir(const char* path) {
    if (Step(false)) return -1;
    static auto next = Next<int (*)(const char*)>("rmdir");
    return next(path);
}

int fsync(int fd) {
    if (Step(false)) return -1;
    static auto next = Next<int (*)(int)>("fsync");
    return next(fd);
}

int syncfs(int fd) {
    if (Step(false)) return -1;
    static auto next = Next<int (*)(int)>("syncfs");
    return next(fd);
}

}  // extern "C"
