#include "deploy/state.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace flowc::deploy {
namespace {

using nlohmann::json;
constexpr const char* kFormat = "flowc-deploy-state";

json EmptyDocument() { return json{{"format", kFormat}, {"version", 1}, {"orgs", json::object()}}; }

std::string StringAt(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

StateFile StateFile::Load(const std::string& path, std::string& warning) {
    StateFile state;
    state.path_ = path;
    state.document_ = EmptyDocument();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return state;
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        warning = "cannot read the state file `" + path + "`";
        return state;
    }
    json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded() || !document.is_object() ||
        StringAt(document, "format") != kFormat || !document.contains("orgs") ||
        !document["orgs"].is_object()) {
        warning = "the state file `" + path + "` is not a flowc deploy state";
        return state;
    }
    state.document_ = std::move(document);
    return state;
}

std::map<std::string, FlowRecord> StateFile::Records(const std::string& org,
                                                     const std::string& target) const {
    std::map<std::string, FlowRecord> records;
    const json& orgs = document_.at("orgs");
    auto org_it = orgs.find(org);
    if (org_it == orgs.end() || !org_it->is_object()) return records;
    auto target_it = org_it->find(target);
    if (target_it == org_it->end() || !target_it->is_object()) return records;
    for (const auto& [identifier, entry] : target_it->items()) {
        if (!entry.is_object()) continue;
        records[identifier] =
            FlowRecord{StringAt(entry, "name"), StringAt(entry, "type"), StringAt(entry, "id"),
                       StringAt(entry, "sha256"), StringAt(entry, "version")};
    }
    return records;
}

void StateFile::Put(const std::string& org, const std::string& target,
                    const std::string& identifier, const FlowRecord& record) {
    json& slot = document_["orgs"][org][target][identifier];
    slot = json{{"name", record.name},
                {"type", record.type},
                {"id", record.id},
                {"sha256", record.sha256},
                {"version", record.version}};
}

bool StateFile::Save(std::string& error) const {
    namespace fs = std::filesystem;
    fs::path path(path_);
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    if (ec) {
        error = "cannot create `" + path.parent_path().string() + "`: " + ec.message();
        return false;
    }
    std::string text = document_.dump(2) + "\n";
    std::string temporary = path_ + ".tmp-" + std::to_string(getpid());
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = "cannot write `" + temporary + "`: " + std::strerror(errno);
        return false;
    }
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error = "cannot write `" + temporary + "`: " + std::strerror(errno);
            ::close(fd);
            ::unlink(temporary.c_str());
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        error = "cannot write `" + temporary + "`: " + std::strerror(errno);
        ::unlink(temporary.c_str());
        return false;
    }
    if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
        error = "cannot replace `" + path_ + "`: " + std::strerror(errno);
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

}  // namespace flowc::deploy
