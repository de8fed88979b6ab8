// `flowc build` after an edit: only the edited files are rebuilt when their interfaces are
// kept, and whatever path a build takes, its output and messages are exactly those of a
// clean build of the same sources.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "cli/cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using flowc::testing::Cli;
using flowc::testing::Result;

class Incremental : public Cli {
  protected:
    // A project of six files: shared flows in two, inbound flows calling them in four.
    void WriteProject() {
        Write("lib/menu.flow",
              "@name(\"Main Menu\")\n"
              "shared flow Menu(prompt: string, attempts: int = 2) -> <choice: string> {\n"
              "    choice = \"\";\n"
              "    repeat 2 { menu prompt { \"1\" => { choice = \"one\"; break; }\n"
              "                                   else => play \"Again.\"; } }\n"
              "}\n");
        Write("lib/greet.flow",
              "shared flow Greet(text: string) { play text; }\n"
              "shared flow Survey(question: string = \"How did we do?\") -> <score: string> {\n"
              "    collect score prompt question digits 1;\n"
              "}\n");
        for (const char* line : {"sales", "support", "billing", "orders"}) {
            std::string name = line;
            name[0] = static_cast<char>(name[0] - 'a' + 'A');
            Write("lines/" + std::string(line) + ".flow",
                  "import \"../lib/menu.flow\";\nimport \"../lib/greet.flow\";\n"
                  "@queues(\"" +
                      name +
                      "\")\n"
                      "inbound flow " +
                      name +
                      "Line {\n"
                      "    call Greet(text = \"Welcome to " +
                      name +
                      ".\");\n"
                      "    call Menu(prompt = \"Press 1.\") -> <choice>;\n"
                      "    if choice == \"one\" { transfer \"" +
                      name +
                      "\"; }\n"
                      "    call Survey() -> <score>;\n"
                      "    contact.attributes.Score = score;\n"
                      "    hangup;\n"
                      "}\n");
        }
    }

    // A project whose files name each other's org resources and an external shared flow:
    // the resources and the external flow in one file, a shared flow with a `queue` output
    // in another, inbound flows using both in three more.
    void WriteResourceProject() {
        Write("lib/org.flow",
              "queue Sales = \"Sales Queue\";\n"
              "skill French = \"French\";\n"
              "schedule Hours = \"Bank Hours\";\n"
              "@name(\"CRM Lookup\")\n"
              "shared flow Crm(phone: string) -> <tier: string>;\n");
        Write("lib/pick.flow",
              "import \"org.flow\";\n"
              "shared flow Pick(tier: string, fallback: queue) -> <target: queue> {\n"
              "    target = fallback;\n"
              "    if tier == \"gold\" { target = Sales; }\n"
              "}\n");
        for (const char* line : {"north", "south", "east"}) {
            std::string name = line;
            name[0] = static_cast<char>(name[0] - 'a' + 'A');
            Write("lines/" + std::string(line) + ".flow",
                  "import \"../lib/org.flow\";\nimport \"../lib/pick.flow\";\n"
                  "inbound flow " +
                      name +
                      "Line {\n"
                      "    play \"Welcome to " +
                      name +
                      ".\";\n"
                      "    call Crm(phone = call.ani) -> <tier>;\n"
                      "    call Pick(tier = tier, fallback = Sales) -> <target>;\n"
                      "    hours Hours {\n"
                      "        open => transfer target skills French else { play \"Sorry.\"; }\n"
                      "        else => play \"We are closed.\";\n"
                      "    }\n"
                      "    hangup;\n"
                      "}\n");
        }
    }

    std::map<std::string, std::string> Tree(const fs::path& root) {
        std::map<std::string, std::string> files;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (entry.is_regular_file())
                files[fs::relative(entry.path(), root).string()] = Slurp(entry.path());
        }
        return files;
    }

    // Builds into out/ (through the cache) and, from scratch, into clean/; both must print
    // and write the same. Returns the run into out/.
    Result BuildAndCompare(const std::string& what) {
        const std::string targets = "--target archy --target genesys-json";
        Result built = Flowc("build lines lib -o out --stats " + targets);
        fs::remove_all(dir_ / "clean");
        Result clean = Flowc("build lines lib -o clean --no-cache " + targets);
        last_manifest_ = Slurp(dir_ / "out/genesys-json/manifest.json");
        EXPECT_EQ(built.exit_code, clean.exit_code) << what << "\n" << built.err;
        std::string out = built.out;
        for (std::size_t at; (at = out.find("out/")) != std::string::npos;)
            out.replace(at, 4, "clean/");
        EXPECT_EQ(out, clean.out) << what;
        std::string err = built.err.substr(0, built.err.find("flowc stats:"));
        EXPECT_EQ(err, clean.err) << what;
        if (clean.exit_code == 0) {
            std::map<std::string, std::string> got = Tree(dir_ / "out");
            std::map<std::string, std::string> want = Tree(dir_ / "clean");
            std::string differing;
            for (const auto& [name, bytes] : want) {
                auto it = got.find(name);
                if (it == got.end() || it->second != bytes) differing += " " + name;
            }
            for (const auto& [name, bytes] : got) {
                if (!want.contains(name)) differing += " " + name + " (extra)";
            }
            EXPECT_EQ(differing, "") << what << ": these files differ from a clean build's";
        }
        return built;
    }

    static bool Incrementally(const Result& run, int files) {
        return run.err.find("files re-checked: " + std::to_string(files) + "\n") !=
                   std::string::npos &&
               run.err.find("given up") == std::string::npos;
    }
    // An incremental build was tried and refused (not merely never tried).
    static bool InFull(const Result& run) {
        return run.err.find("files re-checked") == std::string::npos &&
               run.err.find("incremental build given up: 1\n") != std::string::npos;
    }

    std::string last_manifest_;  // out/'s genesys-json manifest after BuildAndCompare

    void Edit(const std::string& name, const std::string& from, const std::string& to) {
        std::string text = Slurp(dir_ / name);
        std::size_t at = text.find(from);
        ASSERT_NE(at, std::string::npos) << name << ": " << from;
        Write(name, text.replace(at, from.size(), to));
    }
};

TEST_F(Incremental, EditsThatKeepInterfacesRebuildOnlyTheEditedFiles) {
    WriteProject();
    ASSERT_EQ(BuildAndCompare("first build").exit_code, 0);
    auto untouched = fs::last_write_time(dir_ / "out/archy/SalesLine.yaml");

    Edit("lines/billing.flow", "Welcome to Billing.", "Welcome to Billing, again.");
    Result body = BuildAndCompare("an inbound flow's prompt");
    EXPECT_TRUE(Incrementally(body, 1)) << body.err;
    EXPECT_NE(Slurp(dir_ / "out/genesys-json/BillingLine.json").find("again"), std::string::npos);
    EXPECT_EQ(fs::last_write_time(dir_ / "out/archy/SalesLine.yaml"), untouched);

    Edit("lib/menu.flow", "play \"Again.\"", "play \"Once more.\"");
    Edit("lines/orders.flow", "Press 1.", "Press 1 for orders.");
    Result two = BuildAndCompare("a shared flow's body and an inbound flow, together");
    EXPECT_TRUE(Incrementally(two, 2)) << two.err;

    // A comment changes no output: the outputs keep their mtimes.
    auto billing = fs::last_write_time(dir_ / "out/genesys-json/BillingLine.json");
    Edit("lines/billing.flow", "    hangup;", "    // done\n    hangup;");
    Result comment = BuildAndCompare("a comment");
    EXPECT_TRUE(Incrementally(comment, 1)) << comment.err;
    EXPECT_NE(comment.err.find("output files rewritten: 0"), std::string::npos) << comment.err;
    EXPECT_EQ(fs::last_write_time(dir_ / "out/genesys-json/BillingLine.json"), billing);

    EXPECT_NE(Flowc("build lines lib -o out --stats --target archy --target genesys-json")
                  .err.find("replayed unchanged build: 1"),
              std::string::npos);
}

TEST_F(Incremental, EditsThatChangeAnInterfaceRebuildEverything) {
    WriteProject();
    ASSERT_EQ(BuildAndCompare("first build").exit_code, 0);

    // The default is written into every caller's archy output.
    Edit("lib/menu.flow", "attempts: int = 2", "attempts: int = 3");
    EXPECT_TRUE(InFull(BuildAndCompare("a parameter's default")));
    Edit("lib/menu.flow", "@name(\"Main Menu\")", "@name(\"Menu\")");
    EXPECT_TRUE(InFull(BuildAndCompare("a platform name")));
    Edit("lib/greet.flow", "-> <score: string>", "-> <score: string, done: bool>");
    Edit("lib/greet.flow", "collect score", "done = true;\n    collect score");
    EXPECT_TRUE(InFull(BuildAndCompare("a new output")));
    Edit("lines/sales.flow", "    hangup;\n}\n",
         "    hangup;\n}\ninbound flow Extra { hangup; }\n");
    EXPECT_TRUE(InFull(BuildAndCompare("a new flow")));
    Edit("lines/sales.flow", "    call Survey() -> <score>;\n", "");
    Edit("lines/sales.flow", "Score = score;", "Score = \"none\";");
    EXPECT_TRUE(InFull(BuildAndCompare("a call removed")));
    Edit("lines/support.flow", "import \"../lib/greet.flow\";\n", "");
    EXPECT_TRUE(InFull(BuildAndCompare("an import removed")));
    // A file outside the build's directories, reached only through the new import.
    Write("more/extra.flow", "shared flow Extra2() { return; }\n");
    Edit("lines/orders.flow", "import \"../lib/menu.flow\";\n",
         "import \"../lib/menu.flow\";\nimport \"../more/extra.flow\";\n");
    EXPECT_TRUE(InFull(BuildAndCompare("a new file")));
}

TEST_F(Incremental, ErrorsAndWarningsAreReportedAsByACleanBuild) {
    WriteProject();
    ASSERT_EQ(BuildAndCompare("first build").exit_code, 0);
    auto manifest = fs::last_write_time(dir_ / "out/archy/manifest.json");

    Edit("lines/sales.flow", "call Menu(prompt", "call Menu(promt");
    Result error = BuildAndCompare("an unknown parameter");
    EXPECT_EQ(error.exit_code, 1);
    EXPECT_NE(error.err.find("promt"), std::string::npos) << error.err;
    EXPECT_EQ(fs::last_write_time(dir_ / "out/archy/manifest.json"), manifest);

    Edit("lines/sales.flow", "call Menu(promt", "call Menu(prompt");
    Edit("lines/sales.flow", "    hangup;", "    var unused = 1;\n    hangup;");
    Result warning = BuildAndCompare("a warning");
    EXPECT_EQ(warning.exit_code, 0);
    EXPECT_NE(warning.err.find("W0702"), std::string::npos) << warning.err;

    // The last build warned: the next edit builds in full, so that the warning is kept.
    Edit("lines/billing.flow", "Welcome to Billing.", "Welcome to Billing, again.");
    Result after = BuildAndCompare("an edit after a warning");
    EXPECT_TRUE(InFull(after)) << after.err;
    EXPECT_NE(after.err.find("W0702"), std::string::npos) << after.err;

    // Another flow calling itself through the edited file is a cycle, found in full.
    Edit("lines/sales.flow", "    var unused = 1;\n", "");
    ASSERT_EQ(BuildAndCompare("warning gone").exit_code, 0);
    Edit("lib/greet.flow", "shared flow Greet(text: string) { play text; }",
         "shared flow Greet(text: string) { play text; call Survey(); }");
    Edit("lib/greet.flow", "    collect score prompt question digits 1;",
         "    collect score prompt question digits 1;\n    call Greet(text = \"x\");");
    EXPECT_EQ(BuildAndCompare("a cycle").exit_code, 1);
}

TEST_F(Incremental, ResourcesAndExternalFlowsArePartOfAFilesInterface) {
    WriteResourceProject();
    ASSERT_EQ(BuildAndCompare("first build").exit_code, 0);
    EXPECT_FALSE(fs::exists(dir_ / "out/genesys-json/Crm.json"));  // external: never built

    // The stubs of the other files declare their resources and the external flow, and a
    // placeholder `queue` for Pick's output: an edit of one line still checks against them.
    Edit("lines/north.flow", "Welcome to North.", "Welcome to the North.");
    Result body = BuildAndCompare("an inbound flow's prompt");
    EXPECT_TRUE(Incrementally(body, 1)) << body.err;
    Edit("lib/pick.flow", "\"gold\"", "\"platinum\"");
    Result shared = BuildAndCompare("a shared flow's body that names a resource of another file");
    EXPECT_TRUE(Incrementally(shared, 1)) << shared.err;

    // Every flow that names the queue names it again.
    Edit("lib/org.flow", "\"Sales Queue\"", "\"Sales Line\"");
    Result renamed = BuildAndCompare("a resource's platform name");
    EXPECT_TRUE(InFull(renamed)) << renamed.err;
    EXPECT_NE(last_manifest_.find("\"name\": \"Sales Line\""), std::string::npos);
    EXPECT_EQ(last_manifest_.find("Sales Queue"), std::string::npos);

    Edit("lib/org.flow", "skill French", "skill Dutch = \"Dutch\";\nskill French");
    EXPECT_TRUE(InFull(BuildAndCompare("a resource added")));
    Edit("lib/org.flow", "skill Dutch = \"Dutch\";\n", "");
    EXPECT_TRUE(InFull(BuildAndCompare("a resource removed")));

    // The external flow made one of the build: now built, and no longer named as the org's.
    Edit("lib/org.flow", "-> <tier: string>;", "-> <tier: string> { tier = \"gold\"; }");
    Result internal = BuildAndCompare("an external flow made internal");
    EXPECT_TRUE(InFull(internal)) << internal.err;
    EXPECT_TRUE(fs::exists(dir_ / "out/genesys-json/Crm.json"));
    EXPECT_EQ(last_manifest_.find("commonModule"), std::string::npos) << last_manifest_;
    Edit("lines/south.flow", "Welcome to South.", "Welcome to the South.");
    Result after = BuildAndCompare("an edit after the external flow was made internal");
    EXPECT_TRUE(Incrementally(after, 1)) << after.err;
}

}  // namespace
