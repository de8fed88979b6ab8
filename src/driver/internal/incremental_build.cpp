#include "driver/internal/incremental_build.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>

#include "backend/backend.h"
#include "backend/manifest.h"
#include "backend/registry.h"
#include "base/exit_codes.h"
#include "base/own_files.h"
#include "base/paths.h"
#include "base/sha256.h"
#include "driver/driver.h"
#include "driver/internal/load_inputs.h"
#include "driver/internal/output_dir.h"
#include "driver/report.h"
#include "lower/interface.h"
#include "lower/lower.h"
#include "sema/check.h"

namespace flowc {
namespace {

// The old manifest is read whole; one of a million flows is about 300 MB.
constexpr std::size_t kMostManifestBytes = std::size_t{1} << 30;

// Where the declarations of the files that did not change are read from: not a path a file
// can have, so nothing on the disk is ever mistaken for it.
constexpr const char* kDeclarationsPath = "<declarations of unchanged files>";

// The disk, except that the files that did not change read as empty (their shared flows are
// declared once, together, in kDeclarationsPath). They are known by the path the last build
// read them by (which the command line's files keep) and, for an import that names one
// another way, by identity. Identities are remembered: the loader asks for every root's.
class StubbingLoader final : public SourceLoader {
  public:
    StubbingLoader(std::set<std::string> unchanged_paths, std::string declarations)
        : unchanged_paths_(std::move(unchanged_paths)), declarations_(std::move(declarations)) {}
    std::optional<std::string> Identity(const std::string& path) const override {
        if (path == kDeclarationsPath) return path;
        std::lock_guard<std::mutex> guard(lock_);
        return IdentityLocked(path);
    }
    ReadOutcome Read(const std::string& path, std::uint64_t max_bytes) const override {
        ReadOutcome stub;
        if (path == kDeclarationsPath) {
            stub.text = declarations_;
        } else if (unchanged_paths_.contains(path) || IsUnchangedFile(path)) {
            stub.text = std::string();
        } else {
            return disk_.Read(path, max_bytes);
        }
        stub.size = stub.text->size();
        return stub;
    }

  private:
    std::optional<std::string> IdentityLocked(const std::string& path) const {
        auto [it, inserted] = identities_.try_emplace(path);
        if (inserted) it->second = disk_.Identity(path);
        return it->second;
    }
    bool IsUnchangedFile(const std::string& path) const {
        std::lock_guard<std::mutex> guard(lock_);
        if (!unchanged_identities_) {
            unchanged_identities_.emplace();
            for (const std::string& unchanged : unchanged_paths_) {
                if (auto identity = IdentityLocked(unchanged))
                    unchanged_identities_->insert(*identity);
            }
        }
        std::optional<std::string> identity = IdentityLocked(path);
        return identity && unchanged_identities_->contains(*identity);
    }

    DiskLoader disk_;
    std::set<std::string> unchanged_paths_;
    std::string declarations_;
    mutable std::mutex lock_;
    mutable std::map<std::string, std::optional<std::string>> identities_;
    mutable std::optional<std::set<std::string>> unchanged_identities_;
};

bool Silent(const DiagnosticEngine& diags) {
    return diags.error_count() == 0 && diags.warning_count() == 0;
}

}  // namespace

std::optional<BuildResult> BuildIncrementally(const BuildOptions& options,
                                              const PreviousBuild& previous,
                                              const std::vector<std::string>& search_dirs,
                                              const std::vector<OutputTarget>& targets,
                                              unsigned jobs, RunStats& stats) {
    const BuildRecord& last = previous.record;
    // With more than half the files edited, a full build is about as fast and simpler.
    if (previous.changed.empty() || previous.changed.size() * 2 > last.sources.size() ||
        !last.printed_stderr.empty() || last.output_dirs.size() != targets.size()) {
        return std::nullopt;
    }
    std::set<std::size_t> changed(previous.changed.begin(), previous.changed.end());
    std::set<std::string> unchanged_paths;
    std::string declarations;
    std::map<std::string, std::size_t> index_of;  // path -> index into last.sources
    for (std::size_t i = 0; i < last.sources.size(); ++i) {
        index_of.emplace(last.sources[i].path, i);
        if (changed.contains(i)) continue;
        unchanged_paths.insert(last.sources[i].path);
        declarations += last.sources[i].interface.declarations();
    }
    StubbingLoader loader(std::move(unchanged_paths), std::move(declarations));

    DiagnosticEngine diags;
    SourceManager sources;
    std::vector<std::string> missing;
    std::vector<std::string> roots = last.roots;
    roots.push_back(kDeclarationsPath);
    ast::Program program = LoadRoots(roots, options.check, search_dirs, sources, diags,
                                     stats.load(), &missing, &loader);
    if (!Silent(diags)) return std::nullopt;
    // Which loaded file is which source of the last build: every file but the declarations
    // must be one (an import of a new file needs a full build).
    std::vector<std::size_t> source_index(sources.size(), SIZE_MAX);
    std::size_t edited_loaded = 0;
    for (std::size_t f = 0; f < sources.size(); ++f) {
        const std::string& path = sources.Get(static_cast<FileId>(f)).path();
        if (path == kDeclarationsPath) continue;
        auto it = index_of.find(path);
        if (it == index_of.end()) return std::nullopt;
        source_index[f] = it->second;
        if (changed.contains(it->second)) ++edited_loaded;
    }
    if (edited_loaded != changed.size()) return std::nullopt;
    // The unchanged files' flows stand in the declarations; each edited file sees them as
    // it saw them in the last build, which reported nothing: its imports and calls are in
    // its interface, which must stay the same (below), so every call it makes is still to
    // a flow it imports.
    for (const ast::ParsedFile& file : program.files) {
        if (sources.Get(file.id).path() == kDeclarationsPath) {
            for (const ast::ParsedFile& other : program.files) {
                if (other.id != file.id) program.imports.push_back({other.id, Span{}, file.id});
            }
        }
    }
    stats.Lap("load edited files");
    std::vector<std::vector<std::string>> imports(sources.size());
    for (const ast::ParsedFile& file : program.files) {
        for (const ast::Import& import : file.ast.imports) imports[file.id].push_back(import.path);
    }
    std::optional<sema::Model> model =
        sema::Check(std::move(program), diags, jobs, LimitsOf(TargetNamesOf(targets)));
    program = ast::Program{};
    if (!model || !Silent(diags)) return std::nullopt;
    stats.Lap("check");
    lower::FlowGraph graph = lower::PlanLowering(*model, jobs);
    // Each edited file must keep its interface, or other files' results could change.
    std::vector<lower::FileInterface> interfaces =
        lower::InterfaceSources(graph, sources.size(), imports);
    auto is_edited = [&](FileId file) {
        return file < source_index.size() && source_index[file] != SIZE_MAX &&
               changed.contains(source_index[file]);
    };
    for (std::size_t f = 0; f < sources.size(); ++f) {
        if (is_edited(static_cast<FileId>(f)) &&
            interfaces[f].text != last.sources[source_index[f]].interface.text) {
            return std::nullopt;
        }
    }
    std::set<std::string> regenerated;
    std::vector<bool> render(model->flows.size());
    for (std::size_t id = 0; id < model->flows.size(); ++id) {
        render[id] = is_edited(model->flows[id].file);
        if (render[id]) regenerated.insert(model->flows[id].name);
    }
    stats.Lap("lower");

    // The output directories are locked before the old manifests are read: another build
    // may have written them since the record was checked, and then only a full build can say.
    std::vector<std::string> inputs = InputPaths(sources);
    std::vector<std::unique_ptr<StagedDirectory>> staged;
    for (const OutputTarget& target : targets) {
        if (last.output_dirs[staged.size()] != target.dir) return std::nullopt;
        staged.push_back(std::make_unique<StagedDirectory>(target.dir, inputs, diags));
        if (!staged.back()->Lock()) break;
    }
    if (diags.has_errors()) {  // the output directory refused the lock: as a full build would
        return BuildResult{BuildExitCode(diags), std::string(),
                           RenderDiagnostics(diags, sources, options.check.diagnostics)};
    }
    if (!OutputsAsRecorded(last)) return std::nullopt;
    // The edited files' flows are generated in memory and checked before the first file is
    // staged, so that giving up still leaves the output directory untouched.
    std::vector<std::vector<std::pair<std::string, std::string>>> files(targets.size());
    for (std::size_t t = 0; t < targets.size(); ++t) {
        backend::MemorySink sink;
        backend::GenerateAll(graph, targets[t].name, sink, diags, &render, jobs);
        if (!Silent(diags) || sink.files().empty() ||
            sink.files().back().first != "manifest.json") {
            return std::nullopt;
        }
        OwnFileRead old_manifest =
            ReadOwnFile(JoinPath(targets[t].dir, "manifest.json"), kMostManifestBytes);
        if (old_manifest.outcome != OwnFileOutcome::kOk) return std::nullopt;
        std::optional<std::string> manifest =
            backend::PatchManifest(old_manifest.bytes, sink.files().back().second, regenerated);
        if (!manifest) return std::nullopt;
        // The sink holds the edited files' flows (`render`), then the manifest.
        files[t] = sink.files();
        files[t].back().second = std::move(*manifest);
    }
    stats.Lap("generate");

    for (std::size_t t = 0; t < staged.size(); ++t) {
        for (auto& [name, bytes] : files[t]) staged[t]->Write(name, std::move(bytes));
    }
    stats.Count("files re-checked", changed.size());
    stats.Count("files seen as declarations only", last.sources.size() - changed.size());
    // A directory that refused a file fails the commit, which then changes nothing.
    CommitTargets(staged, /*previously_owned=*/nullptr, stats);
    stats.Lap("commit");
    if (diags.has_errors()) {  // the output directory refused the files: as a full build would
        return BuildResult{BuildExitCode(diags), std::string(),
                           RenderDiagnostics(diags, sources, options.check.diagnostics)};
    }

    BuildRecord record = last;
    // Only the edited files' imports were looked up again; the others' absent candidates
    // stay as recorded.
    for (std::string& path : missing) {
        if (std::find(record.missing.begin(), record.missing.end(), path) == record.missing.end())
            record.missing.push_back(std::move(path));
    }
    for (std::size_t f = 0; f < sources.size(); ++f) {
        if (is_edited(static_cast<FileId>(f))) {
            record.sources[source_index[f]].sha256 =
                Sha256Hex(sources.Get(static_cast<FileId>(f)).text());
        }
    }
    // The patched manifest lists every flow's hash: what the directory holds now.
    for (std::size_t t = 0; t < staged.size() && t < record.output_sha256.size(); ++t)
        record.output_sha256[t] = staged[t]->written();
    RecordBuild(options.output_dir, record);
    staged.clear();  // unlocks the directories, once the record is written
    stats.Lap("report");
    return BuildResult{exit_code::kOk, record.printed_stdout, record.printed_stderr};
}

}  // namespace flowc
