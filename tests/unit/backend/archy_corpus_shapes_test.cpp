// Which of the Archy shapes flowc writes a real export confirms. A shape is a path of keys
// from a document or an action (`@transferToAcd.targetQueue.lit.name`), with the keys that
// users name (languages, engines, modules, variables) replaced by `*`. Every shape in the
// archy golden outputs (tests/golden/*/expected-archy, which the golden tests keep equal to
// what flowc writes) is either found in one of the real exports of ../shared/archy-corpus or
// listed in archy_unconfirmed_shapes.txt, and that list holds nothing else: a shape that an
// export confirms, or that flowc no longer writes, must leave it. FLOWC_UPDATE_GOLDEN=1
// rewrites the list. Skipped where the corpus is absent (a user's clone has no ../shared).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = FLOWC_SOURCE_DIR;
const fs::path kCorpus = kSource / ".." / "shared" / "archy-corpus";
const fs::path kUnconfirmed =
    kSource / "tests" / "unit" / "backend" / "archy_unconfirmed_shapes.txt";

bool IsActionList(const std::string& key) {
    return key == "actions" || key == "startUpTaskActions";
}

// Keys whose children are names a user chose, not members of a shape.
bool NamesChildren(const std::string& key, const std::string& parent) {
    if (key == "supportedLanguages" || key == "textToSpeech" || key == "inputs" ||
        key == "category" || key == "dataAction" || key == "successOutputs") {
        return true;
    }
    if (key == "commonModule") return parent == "callCommonModule";
    return key == "outputs" && parent.starts_with("ver_");
}

class ShapeCollector {
  public:
    explicit ShapeCollector(std::set<std::string>& out) : out_(out) {}

    void Document(const YAML::Node& root) {
        if (!root.IsMap()) return;
        for (const auto& item : root) {
            std::string key = item.first.as<std::string>();
            Walk(item.second, key, key, "");
        }
    }

  private:
    void Walk(const YAML::Node& node, const std::string& path, const std::string& key,
              const std::string& parent) {
        out_.insert(path);
        if (node.IsMap()) {
            bool named = NamesChildren(key, parent);
            for (const auto& item : node) {
                std::string child = item.first.as<std::string>();
                Walk(item.second, path + "." + (named ? "*" : child), child, key);
            }
        } else if (node.IsSequence()) {
            for (const auto& item : node) {
                if (IsActionList(key) && item.IsMap() && item.size() == 1) {
                    auto action = item.begin();
                    std::string name = action->first.as<std::string>();
                    Walk(action->second, "@" + name, name, key);
                } else {
                    Walk(item, path, key, parent);
                }
            }
        }
    }

    std::set<std::string>& out_;
};

std::set<std::string> ShapesOfFiles(const std::vector<fs::path>& files) {
    std::set<std::string> shapes;
    ShapeCollector collector(shapes);
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // Some exports are templates (`tts: {{ivr_failure}}`, `${var.queue}`): make each
        // placeholder a plain word so that YAML reads the file.
        for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
            std::size_t end = text.find("}}", at);
            if (end == std::string::npos) break;
            text.replace(at, end + 2 - at, "placeholder");
        }
        try {
            collector.Document(YAML::Load(text));
        } catch (const YAML::Exception& e) {
            ADD_FAILURE() << file << ": " << e.what();
        }
    }
    return shapes;
}

std::vector<fs::path> YamlFiles(const fs::path& dir, bool recursive_expected_archy) {
    std::vector<fs::path> files;
    if (!recursive_expected_archy) {
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() == ".yaml") files.push_back(entry.path());
        }
    } else {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.path().extension() == ".yaml" &&
                entry.path().parent_path().filename() == "expected-archy") {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::set<std::string> ReadList(const fs::path& file) {
    std::set<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        lines.insert(line);
    }
    return lines;
}

TEST(ArchyCorpus, EveryShapeFlowcWritesIsConfirmedByAnExportOrListedAsUnconfirmed) {
    if (!fs::is_directory(kCorpus)) GTEST_SKIP() << "no " << kCorpus << " in this checkout";
    std::set<std::string> confirmed = ShapesOfFiles(YamlFiles(kCorpus, false));
    ASSERT_GT(confirmed.size(), 100u) << "the corpus was not read";
    std::set<std::string> written = ShapesOfFiles(YamlFiles(kSource / "tests" / "golden", true));
    ASSERT_GT(written.size(), 50u) << "no archy golden output was read";

    std::set<std::string> unconfirmed;
    for (const std::string& shape : written) {
        if (!confirmed.contains(shape)) unconfirmed.insert(shape);
    }
    std::cout << written.size() - unconfirmed.size() << " of " << written.size()
              << " shapes in flowc's archy output are confirmed by a real export\n";

    if (std::getenv("FLOWC_UPDATE_GOLDEN") != nullptr &&
        std::string(std::getenv("FLOWC_UPDATE_GOLDEN")) == "1") {
        std::ofstream out(kUnconfirmed);
        out << "# Shapes flowc's archy output has that no export in ../shared/archy-corpus shows\n"
               "# (tests/unit/backend/archy_corpus_shapes_test.cpp). docs/archy.md says what each\n"
               "# rests on. Regenerate with FLOWC_UPDATE_GOLDEN=1.\n";
        for (const std::string& shape : unconfirmed) out << shape << "\n";
        return;
    }
    std::set<std::string> listed = ReadList(kUnconfirmed);
    std::ostringstream missing;
    std::ostringstream stale;
    for (const std::string& shape : unconfirmed) {
        if (!listed.contains(shape)) missing << "  " << shape << "\n";
    }
    for (const std::string& shape : listed) {
        if (!unconfirmed.contains(shape)) stale << "  " << shape << "\n";
    }
    EXPECT_EQ(missing.str(), "") << "shapes no export confirms and the list does not hold "
                                    "(say what each rests on in docs/archy.md, then list it)";
    EXPECT_EQ(stale.str(), "") << "listed shapes an export confirms or flowc no longer writes";
}

// The collector itself: a user-named key does not make a new shape; an action starts one.
TEST(ArchyCorpus, ShapesNameMembersNotTheNamesUsersChose) {
    std::set<std::string> shapes;
    ShapeCollector collector(shapes);
    collector.Document(YAML::Load(R"(
inboundCall:
  supportedLanguages:
    es-us:
      textToSpeech:
        Genesys TTS:
          voice: Isabel
  tasks:
    - task:
        actions:
          - playAudio:
              audio:
                tts: Hello
)"));
    EXPECT_TRUE(shapes.contains("inboundCall.supportedLanguages.*.textToSpeech.*.voice"));
    EXPECT_TRUE(shapes.contains("@playAudio.audio.tts"));
    EXPECT_TRUE(shapes.contains("inboundCall.tasks.task.actions"));
    EXPECT_FALSE(shapes.contains("inboundCall.supportedLanguages.es-us"));
}

}  // namespace
