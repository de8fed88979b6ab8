// The deploy state file (default .flowc/deploy-state.json): per org and target, what flowc
// last published for each flow. It only saves work: with it missing or unreadable, flows are
// found by name and type instead, so losing it loses nothing.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "deploy/result.h"

namespace flowc::deploy {

struct FlowRecord {
    std::string name;
    std::string type;
    std::string id;
    std::string sha256;   // of the compiled file that was published
    std::string version;  // the platform's published version id, when it reports one

    bool operator==(const FlowRecord&) const = default;
};

class StateFile {
  public:
    // Reads `path` (never blocking, size-capped: ReadOwnFile); a missing file is an empty
    // state. A path that can never be saved (a directory, a FIFO, a device) fails with
    // kStateUnwritable; an unreadable file, or one whose document does not have the whole
    // expected shape (every org an object of targets, every target an object of records,
    // every record an object of strings), with kStateUnreadable: the caller may go on with
    // Empty(path), rewritten on the next success. So a loaded record can always be read and
    // put without a type error.
    static Result<StateFile> Load(const std::string& path);
    // No records, saved to `path`.
    static StateFile Empty(const std::string& path);

    // The records of one org and target, keyed by flow identifier.
    std::map<std::string, FlowRecord> Records(const std::string& org,
                                              const std::string& target) const;
    void Put(const std::string& org, const std::string& target, const std::string& identifier,
             const FlowRecord& record);

    // Writes atomically (WriteOwnFile: an O_EXCL temporary in the same directory, fsync,
    // rename; never through a planted link), creating the directory when missing; a failure
    // (kStateUnwritable) when it cannot.
    Result<void> Save() const;

  private:
    std::string path_;
    nlohmann::json document_;
};

}  // namespace flowc::deploy
