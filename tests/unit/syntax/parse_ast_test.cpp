// AST conversion of every construct, spans included, compared as the stable dump.
#include <gtest/gtest.h>

#include "ast/ast_dump.h"
#include "diag/render.h"
#include "syntax/parse.h"

namespace flowc {
namespace {

struct Parsed {
    std::string dump;
    std::string diagnostics;
    bool ok;
};

Parsed ParseText(const std::string& text) {
    SourceManager sources;
    DiagnosticEngine diags;
    FileId id = sources.Add("t.flow", text);
    ParseResult result = ParseFile(sources.Get(id), diags);
    return {ast::Dump(result.file, sources.Get(id)),
            RenderText(diags.Sorted(), sources, RenderOptions{false, false, 0}), result.ok};
}

struct AstCase {
    std::string name;
    std::string source;
    std::string dump;
};

void PrintTo(const AstCase& c, std::ostream* os) { *os << c.name; }

class AstConversion : public ::testing::TestWithParam<AstCase> {};

TEST_P(AstConversion, DumpMatches) {
    Parsed parsed = ParseText(GetParam().source);
    EXPECT_EQ(parsed.diagnostics, "");
    EXPECT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.dump, GetParam().dump);
}

INSTANTIATE_TEST_SUITE_P(
    Constructs, AstConversion,
    ::testing::Values(
        AstCase{"ImportsDocAndAttributes",
                "import \"ivr/menu.flow\";\n"
                "/// Main line.\n/// Second line.\n"
                "@name(\"Main\") @queues(\"A\", \"B\")\n"
                "inbound flow Main { hangup; }\n",
                "File\n"
                "  Import \"ivr/menu.flow\" [1:8-1:23]\n"
                "  Flow inbound Main [5:14-5:18] [4:1-5:30] head=[5:1-5:18]\n"
                "    Doc \"Main line.\\nSecond line.\"\n"
                "    Attribute name [4:2-4:6] [4:1-4:14]\n"
                "      String \"Main\" [4:7-4:13]\n"
                "    Attribute queues [4:16-4:22] [4:15-4:32]\n"
                "      String \"A\" [4:23-4:26]\n"
                "      String \"B\" [4:28-4:31]\n"
                "    Block [5:19-5:30]\n"
                "      Hangup [5:21-5:28]\n"},
        AstCase{"SharedSignature",
                "shared flow M(p: string, n: int = 3, d: decimal = 1.5, b: bool = true)\n"
                "    -> <out: string> { return; }\n",
                "File\n"
                "  Flow shared M [1:13-1:14] [1:1-2:33] head=[1:1-1:14]\n"
                "    Param p [1:15-1:16]: string [1:15-1:24]\n"
                "    Param n [1:26-1:27]: int [1:26-1:36]\n"
                "      Int 3 [1:35-1:36]\n"
                "    Param d [1:38-1:39]: decimal [1:38-1:54]\n"
                "      Decimal 1.5 [1:51-1:54]\n"
                "    Param b [1:56-1:57]: bool [1:56-1:70]\n"
                "      Bool true [1:66-1:70]\n"
                "    Output out [2:9-2:12]: string [2:9-2:20]\n"
                "    Block [2:22-2:33]\n"
                "      Return [2:24-2:31]\n"},
        AstCase{"VariablesAssignmentsAndContext",
                "inbound flow F {\n"
                "  var a: string = call.ani;\n  var b = 1;\n  var c: bool;\n"
                "  a = contact.attributes.Pin;\n  contact.attributes.Lang = call.language;\n"
                "  play \"Hi \" + a;\n  collect pin prompt \"PIN?\" digits 4;\n}\n",
                "File\n"
                "  Flow inbound F [1:14-1:15] [1:1-9:2] head=[1:1-1:15]\n"
                "    Block [1:16-9:2]\n"
                "      Var a [2:7-2:8]: string [2:3-2:28]\n"
                "        CallProperty ani [2:19-2:27]\n"
                "      Var b [3:7-3:8] [3:3-3:13]\n"
                "        Int 1 [3:11-3:12]\n"
                "      Var c [4:7-4:8]: bool [4:3-4:15]\n"
                "      Assign a [5:3-5:4] [5:3-5:30]\n"
                "        ContactAttribute Pin [5:7-5:29]\n"
                "      SetAttribute Lang [6:22-6:26] [6:3-6:43]\n"
                "        CallProperty language [6:29-6:42]\n"
                "      Play [7:3-7:18]\n"
                "        Binary + [7:8-7:17]\n"
                "          String \"Hi \" [7:8-7:13]\n"
                "          Name a [7:16-7:17]\n"
                "      Collect pin [8:11-8:14] digits=4 [8:3-8:38]\n"
                "        String \"PIN?\" [8:22-8:28]\n"},
        AstCase{"MenuIfSwitchRepeat",
                "inbound flow F {\n"
                "  menu \"Press\" { \"1\" => hangup; else => { return; } }\n"
                "  if x { } else if y { break; } else { }\n"
                "  switch n { case 1, -2 => hangup; case 3 => { } default => hangup; }\n"
                "  repeat 3 { break; }\n}\n",
                "File\n"
                "  Flow inbound F [1:14-1:15] [1:1-6:2] head=[1:1-1:15]\n"
                "    Block [1:16-6:2]\n"
                "      Menu [2:3-2:54]\n"
                "        String \"Press\" [2:8-2:15]\n"
                "        Arm \"1\" [2:18-2:21]\n"
                "          Hangup [2:25-2:32]\n"
                "        Arm else [2:33-2:37]\n"
                "          Block [2:41-2:52]\n"
                "            Return [2:43-2:50]\n"
                "      If [3:3-3:41]\n"
                "        Branch\n"
                "          Name x [3:6-3:7]\n"
                "          Block [3:8-3:11]\n"
                "        Branch\n"
                "          Name y [3:20-3:21]\n"
                "          Block [3:22-3:32]\n"
                "            Break [3:24-3:30]\n"
                "        Else\n"
                "          Block [3:38-3:41]\n"
                "      Switch [4:3-4:70]\n"
                "        Name n [4:10-4:11]\n"
                "        Case [4:14-4:24]\n"
                "          Int 1 [4:19-4:20]\n"
                "          Int -2 [4:22-4:24]\n"
                "          Hangup [4:28-4:35]\n"
                "        Case [4:36-4:42]\n"
                "          Int 3 [4:41-4:42]\n"
                "          Block [4:46-4:49]\n"
                "        Default [4:50-4:57]\n"
                "          Hangup [4:61-4:68]\n"
                "      Repeat 3 [5:3-5:22]\n"
                "        Block [5:12-5:22]\n"
                "          Break [5:14-5:20]\n"},
        AstCase{"CallsAndTransfer",
                "inbound flow F {\n"
                "  call M(p = call.ani, n = 2) -> <x = out, y>;\n"
                "  call N();\n  transfer \"Support \\\"A\\\"\";\n}\n",
                "File\n"
                "  Flow inbound F [1:14-1:15] [1:1-5:2] head=[1:1-1:15]\n"
                "    Block [1:16-5:2]\n"
                "      Call M [2:8-2:9] [2:3-2:47]\n"
                "        Arg p [2:10-2:11] [2:10-2:22]\n"
                "          CallProperty ani [2:14-2:22]\n"
                "        Arg n [2:24-2:25] [2:24-2:29]\n"
                "          Int 2 [2:28-2:29]\n"
                "        Bind x [2:35-2:36] = out [2:39-2:42] [2:35-2:42]\n"
                "        Bind y [2:44-2:45] = y [2:44-2:45] (shorthand) [2:44-2:45]\n"
                "      Call N [3:8-3:9] [3:3-3:12]\n"
                "      Transfer [4:3-4:28]\n"
                "        String \"Support \\\"A\\\"\" [4:12-4:27]\n"},
        AstCase{"TransferNumberAndNumberAsAName",
                "inbound flow F {\n"
                "  var number = call.ani;\n"
                "  transfer number number;\n"
                "  transfer number \"+15551234567\";\n}\n",
                "File\n"
                "  Flow inbound F [1:14-1:15] [1:1-5:2] head=[1:1-1:15]\n"
                "    Block [1:16-5:2]\n"
                "      Var number [2:7-2:13] [2:3-2:25]\n"
                "        CallProperty ani [2:16-2:24]\n"
                "      TransferNumber [3:3-3:26]\n"
                "        Name number [3:19-3:25]\n"
                "      TransferNumber [4:3-4:34]\n"
                "        String \"+15551234567\" [4:19-4:33]\n"},
        AstCase{"PrecedenceAndAssociativity",
                "inbound flow F { var r = !a || b && c == 1 + 2 * -3 < 4 - 5 - 6; }\n",
                "File\n"
                "  Flow inbound F [1:14-1:15] [1:1-1:67] head=[1:1-1:15]\n"
                "    Block [1:16-1:67]\n"
                "      Var r [1:22-1:23] [1:18-1:65]\n"
                "        Binary || [1:26-1:64]\n"
                "          Unary ! [1:26-1:28]\n"
                "            Name a [1:27-1:28]\n"
                "          Binary && [1:32-1:64]\n"
                "            Name b [1:32-1:33]\n"
                "            Binary == [1:37-1:64]\n"
                "              Name c [1:37-1:38]\n"
                "              Binary < [1:42-1:64]\n"
                "                Binary + [1:42-1:52]\n"
                "                  Int 1 [1:42-1:43]\n"
                "                  Binary * [1:46-1:52]\n"
                "                    Int 2 [1:46-1:47]\n"
                "                    Unary - [1:50-1:52]\n"
                "                      Int 3 [1:51-1:52]\n"
                "                Binary - [1:55-1:64]\n"
                "                  Binary - [1:55-1:60]\n"
                "                    Int 4 [1:55-1:56]\n"
                "                    Int 5 [1:59-1:60]\n"
                "                  Int 6 [1:63-1:64]\n"},
        AstCase{"FunctionsParensAndKeywordLikeNames",
                "inbound flow F { var prompt = toString((len(\"ab\"))); var digits = 0; }\n",
                "File\n"
                "  Flow inbound F [1:14-1:15] [1:1-1:71] head=[1:1-1:15]\n"
                "    Block [1:16-1:71]\n"
                "      Var prompt [1:22-1:28] [1:18-1:53]\n"
                "        Function toString [1:31-1:52]\n"
                "          Function len [1:40-1:51]\n"
                "            String \"ab\" [1:45-1:49]\n"
                "      Var digits [1:58-1:64] [1:54-1:69]\n"
                "        Int 0 [1:67-1:68]\n"},
        // A timeout arm is a single statement or a block, as `else` is.
        AstCase{"DataActionTimeoutArms",
                "inbound flow F {\n"
                "  call D(p = 1) -> <x = o> timeout hangup; else play \"no\";\n"
                "  call D() timeout { play \"a\"; } else transfer Q else hangup;\n}\n",
                "File\n"
                "  Flow inbound F [1:14-1:15] [1:1-4:2] head=[1:1-1:15]\n"
                "    Block [1:16-4:2]\n"
                "      Call D [2:8-2:9] [2:3-2:59]\n"
                "        Arg p [2:10-2:11] [2:10-2:15]\n"
                "          Int 1 [2:14-2:15]\n"
                "        Bind x [2:21-2:22] = o [2:25-2:26] [2:21-2:26]\n"
                "        Timeout [2:28-2:35]\n"
                "          Hangup [2:36-2:43]\n"
                "        Else [2:44-2:48]\n"
                "          Play [2:49-2:59]\n"
                "            String \"no\" [2:54-2:58]\n"
                "      Call D [3:8-3:9] [3:3-3:62]\n"
                "        Timeout [3:12-3:19]\n"
                "          Block [3:20-3:33]\n"
                "            Play [3:22-3:31]\n"
                "              String \"a\" [3:27-3:30]\n"
                "        Else [3:34-3:38]\n"
                "          Transfer [3:39-3:62]\n"
                "            Name Q [3:48-3:49]\n"
                "            Else [3:50-3:54]\n"
                "              Hangup [3:55-3:62]\n"}),
    [](const ::testing::TestParamInfo<AstCase>& param_info) { return param_info.param.name; });

TEST(Parse, CodePointColumnsAfterMultibyteText) {
    Parsed parsed = ParseText("inbound flow F { play \"\xC3\xA9t\xC3\xA9\"; hangup }\n");
    EXPECT_EQ(parsed.diagnostics,
              "t.flow:1:36: error[E0101]: expected `;` after this statement\n"
              "      = help: every simple statement ends with `;`\n1 error generated\n");
}

// A timeout arm that takes an `else` of its own is E0130. When the call has no `else` after
// it, the arm's last `else` is read as the call's, so that E0130 is the only error.
TEST(Parse, OpenTimeoutArmLendsItsElseToTheCall) {
    Parsed parsed = ParseText(
        "inbound flow F {\n"
        "  call D() timeout transfer Q else hangup;\n"
        "  call D() timeout if c { hangup; } else if d { } else { return; }\n"
        "  call D() timeout callback Q number n else hangup; else return;\n}\n");
    EXPECT_FALSE(parsed.ok);
    EXPECT_EQ(parsed.diagnostics,
              "t.flow:2:20: error[E0130]: a `transfer` with `else` after `timeout` must be in a "
              "block\n"
              "      = note: an `else` after it could be its own or the call's\n"
              "      = help: put the timeout arm in a block: `timeout { ... }`\n"
              "t.flow:3:20: error[E0130]: an `if` after `timeout` must be in a block\n"
              "      = note: an `else` after it could be its own or the call's\n"
              "      = help: put the timeout arm in a block: `timeout { ... }`\n"
              "t.flow:4:20: error[E0130]: a `callback` with `else` after `timeout` must be in a "
              "block\n"
              "      = note: an `else` after it could be its own or the call's\n"
              "      = help: put the timeout arm in a block: `timeout { ... }`\n"
              "3 errors generated\n");
    EXPECT_EQ(parsed.dump,
              "File\n"
              "  Flow inbound F [1:14-1:15] [1:1-5:2] head=[1:1-1:15]\n"
              "    Block [1:16-5:2]\n"
              "      Call D [2:8-2:9] [2:3-2:43]\n"
              "        Timeout [2:12-2:19]\n"
              "          Transfer [2:20-2:30]\n"
              "            Name Q [2:29-2:30]\n"
              "        Else [2:31-2:35]\n"
              "          Hangup [2:36-2:43]\n"
              "      Call D [3:8-3:9] [3:3-3:67]\n"
              "        Timeout [3:12-3:19]\n"
              "          If [3:20-3:50]\n"
              "            Branch\n"
              "              Name c [3:23-3:24]\n"
              "              Block [3:25-3:36]\n"
              "                Hangup [3:27-3:34]\n"
              "            Branch\n"
              "              Name d [3:45-3:46]\n"
              "              Block [3:47-3:50]\n"
              "        Else [3:51-3:55]\n"
              "          Block [3:56-3:67]\n"
              "            Return [3:58-3:65]\n"
              "      Call D [4:8-4:9] [4:3-4:65]\n"
              "        Timeout [4:12-4:19]\n"
              "          Callback [4:20-4:52]\n"
              "            Name Q [4:29-4:30]\n"
              "            Number\n"
              "              Name n [4:38-4:39]\n"
              "            Else [4:40-4:44]\n"
              "              Hangup [4:45-4:52]\n"
              "        Else [4:53-4:57]\n"
              "          Return [4:58-4:65]\n");
}

TEST(Parse, DocCommentSeparatedByBlankLineIsNotAttached) {
    Parsed parsed = ParseText("/// orphan\n\ninbound flow F { }\n");
    EXPECT_EQ(parsed.dump.find("Doc"), std::string::npos) << parsed.dump;
}

// Lone CRs (old Mac files) end lines everywhere lines are counted: spans, the lexer's lines
// (which scope the recovery from an error), doc comments.
TEST(Parse, LoneCarriageReturnsEndLines) {
    Parsed parsed =
        ParseText("/// First.\r/// Second.\rinbound flow F {\r    play \"x\"\r    hangup;\r}\r");
    EXPECT_EQ(parsed.diagnostics,
              "t.flow:4:13: error[E0101]: expected `;` after this statement\n"
              "      = help: every simple statement ends with `;`\n1 error generated\n");
    parsed = ParseText("/// First.\r/// Second.\rinbound flow F {\r    hangup;\r}\r");
    EXPECT_NE(parsed.dump.find("Doc \"First.\\nSecond.\""), std::string::npos) << parsed.dump;
    EXPECT_NE(parsed.dump.find("Flow inbound F [3:14-3:15]"), std::string::npos) << parsed.dump;
    parsed = ParseText("/// orphan\r\rinbound flow F { }\r");
    EXPECT_EQ(parsed.dump.find("Doc"), std::string::npos) << parsed.dump;
    parsed = ParseText("/// kept\r\ninbound flow F { }\r\n");  // CRLF is one line end
    EXPECT_NE(parsed.dump.find("Doc \"kept\""), std::string::npos) << parsed.dump;
}

}  // namespace
}  // namespace flowc
