// Where `check --fix-imports` puts the lines a file lacks (driver/internal/import_lines.h).
#include "driver/internal/import_lines.h"

#include <gtest/gtest.h>

namespace flowc {
namespace {

const std::set<std::string> kTwo{"import \"b.flow\";", "import \"a.flow\";"};

TEST(ImportLines, GoAfterTheLastImportSorted) {
    std::string text = "import \"z.flow\";\nimport \"y.flow\"; // why\nshared flow A { return; }\n";
    EXPECT_EQ(WithImportLines(text, text.find("; // why"), kTwo),
              "import \"z.flow\";\nimport \"y.flow\"; // why\nimport \"a.flow\";\n"
              "import \"b.flow\";\nshared flow A { return; }\n");
}

TEST(ImportLines, AfterAnImportWithoutALineEndingStartALine) {
    std::string text = "import \"z.flow\";";
    EXPECT_EQ(WithImportLines(text, text.size() - 1, {"import \"a.flow\";"}),
              "import \"z.flow\";\nimport \"a.flow\";\n");
}

TEST(ImportLines, GoAtTheTopOfAFileWithoutImports) {
    EXPECT_EQ(WithImportLines("shared flow A { return; }\n", std::nullopt, kTwo),
              "import \"a.flow\";\nimport \"b.flow\";\n\nshared flow A { return; }\n");
    EXPECT_EQ(WithImportLines("\n\n  \nshared flow A { return; }\n", std::nullopt, kTwo),
              "import \"a.flow\";\nimport \"b.flow\";\n\nshared flow A { return; }\n");
}

TEST(ImportLines, StayBelowALeadingCommentAndAByteOrderMark) {
    EXPECT_EQ(WithImportLines("\xEF\xBB\xBF/* Bank IVR.\n   Team. */\n// More.\nshared flow A {}\n",
                              std::nullopt, {"import \"a.flow\";"}),
              "\xEF\xBB\xBF/* Bank IVR.\n   Team. */\n// More.\n\nimport \"a.flow\";\n\n"
              "shared flow A {}\n");
}

TEST(ImportLines, StayAboveADocCommentAndCodeAfterABlockComment) {
    EXPECT_EQ(WithImportLines("/// Doc.\nshared flow A {}\n", std::nullopt, {"import \"a.flow\";"}),
              "import \"a.flow\";\n\n/// Doc.\nshared flow A {}\n");
    EXPECT_EQ(WithImportLines("/* x */ shared flow A {}\n", std::nullopt, {"import \"a.flow\";"}),
              "import \"a.flow\";\n\n/* x */ shared flow A {}\n");
}

TEST(ImportLines, KeepTheFilesLineEndings) {
    EXPECT_EQ(WithImportLines("// c\r\nshared flow A {}\r\n", std::nullopt, {"import \"a.flow\";"}),
              "// c\r\n\r\nimport \"a.flow\";\r\n\r\nshared flow A {}\r\n");
    EXPECT_EQ(WithImportLines("shared flow A {}\rshared flow B {}\r", std::nullopt,
                              {"import \"a.flow\";"}),
              "import \"a.flow\";\r\rshared flow A {}\rshared flow B {}\r");
}

TEST(ImportLines, InAFileOfOnlyAComment) {
    EXPECT_EQ(WithImportLines("// nothing yet", std::nullopt, {"import \"a.flow\";"}),
              "// nothing yet\n\nimport \"a.flow\";\n");
    EXPECT_EQ(WithImportLines("", std::nullopt, {"import \"a.flow\";"}), "import \"a.flow\";\n");
}

}  // namespace
}  // namespace flowc
