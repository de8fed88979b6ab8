// Files flowc reads and writes for itself, outside the staged output directory: the dotenv
// file, the deploy state file, the build cache's record, `doc -o`. They sit where a user (or
// a hostile pull request) can put a directory, a FIFO, a device or a symbolic link, so every
// such file goes through these two functions: a read refuses anything but a regular file
// (without blocking on a FIFO) and caps the size; a write never follows a planted link and
// never renames over something that is not a regular file.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

namespace flowc {

enum class OwnFileOutcome {
    kOk,
    kMissing,     // no such file (also a dangling link)
    kNotRegular,  // a directory, FIFO, socket or device
    kTooLarge,    // larger than the cap
    kError,       // could not be opened or read (permissions, I/O error)
};

struct OwnFileRead {
    OwnFileOutcome outcome = OwnFileOutcome::kError;
    std::string bytes;   // the whole file when kOk
    std::string reason;  // what went wrong, in words, for a diagnostic ("is a directory")
};

// Reads the whole of `path` when it is a regular file (a link to one is followed) of at most
// `max_bytes` bytes. Never blocks: a FIFO is refused without waiting for a writer.
OwnFileRead ReadOwnFile(const std::string& path, std::size_t max_bytes);

// What to do when the target exists and is not a regular file (nor a link to one).
enum class SpecialTarget {
    kRefuse,        // an error (state file, cache record)
    kWriteThrough,  // open it and write into it (`doc -o /dev/stdout`, a FIFO)
};

// Replaces `path` with `bytes` atomically: the bytes go to a new temporary in the same
// directory, created with O_CREAT|O_EXCL under an unpredictable name (so a planted link is
// never followed), are flushed, and the temporary is renamed over `path`. A symbolic link at
// `path` is replaced, not followed. A target that is a directory is always an error; other
// non-regular targets follow `special`. On failure `error` says why (naming the path) and
// `path` is untouched; no temporary is left behind.
bool WriteOwnFile(const std::string& path, const std::string& bytes, SpecialTarget special,
                  std::string& error);

// The suffix every temporary flowc creates carries, so that a later run can recognise and
// remove the ones a killed run left (".flowc-tmp-").
inline constexpr const char* kTemporaryMarker = ".flowc-tmp-";

// Creates a new temporary file beside `final_path` (".<name>.flowc-tmp-XXXXXX", O_EXCL, mode
// 0666 less the umask) and returns its descriptor, or -1 with errno set. `temporary` receives
// its path.
int CreateTemporaryBeside(const std::string& final_path, std::string& temporary);

// "a directory", "a FIFO", "a symbolic link", ... for messages about a file of mode `mode`.
std::string KindOfFile(mode_t mode);

// Writes all of `bytes` to `fd` (retrying short writes and EINTR); false with errno set.
bool WriteAllTo(int fd, const std::string& bytes);

// WriteAllTo, then fsync when `sync`, then close (also after a failure): every file flowc
// writes ends this way. False with errno set by the first call that failed.
bool WriteAllAndClose(int fd, const std::string& bytes, bool sync);

}  // namespace flowc
