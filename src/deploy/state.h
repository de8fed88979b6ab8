// The deploy state file (default .flowc/deploy-state.json): per org and target, what flowc
// last published for each flow. It only saves work: with it missing or unreadable, flows are
// found by name and type instead, so losing it loses nothing.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace flowc::deploy {

struct FlowRecord {
    std::string name;
    std::string type;
    std::string id;
    std::string sha256;   // of the compiled file that was published
    std::string version;  // the platform's published version id, when it reports one
};

class StateFile {
  public:
    // Reads `path` (never blocking, size-capped: ReadOwnFile); a missing file is an empty
    // state. An unreadable one, or one whose document does not have the whole expected shape
    // (every org an object of targets, every target an object of records, every record an
    // object of strings), is also empty, with `warning` saying why (it is rewritten on the
    // next success); so a record can always be read and put without a type error.
    static StateFile Load(const std::string& path, std::string& warning);

    // Why the file can never be saved (its path is a directory, a FIFO, a device), or "".
    const std::string& unwritable() const { return unwritable_; }

    // The records of one org and target, keyed by flow identifier.
    std::map<std::string, FlowRecord> Records(const std::string& org,
                                              const std::string& target) const;
    void Put(const std::string& org, const std::string& target, const std::string& identifier,
             const FlowRecord& record);

    // Writes atomically (WriteOwnFile: an O_EXCL temporary in the same directory, fsync,
    // rename; never through a planted link), creating the directory when missing. False with
    // `error` when it cannot.
    bool Save(std::string& error) const;

  private:
    std::string path_;
    nlohmann::json document_;
    std::string unwritable_;
};

}  // namespace flowc::deploy
