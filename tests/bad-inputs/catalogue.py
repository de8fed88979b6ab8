#!/usr/bin/env python3
"""The bad-input catalogue (issue 9): inputs that must never crash, hang or leave a partial
file, each with its exact diagnostics (stderr), stdout and exit code in expected/<id>.txt.

Every case runs flowc in a fresh temporary directory and then asserts that no temporary
(`.flowc-tmp-`) or partial output file is left anywhere in it, and that the user's files are
unchanged. FLOWC_UPDATE_GOLDEN=1 rewrites the expectations (review the diff).
Usage: catalogue.py [CASE-ID...]   (FLOWC names the binary)
"""
import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

FLOWC = os.path.abspath(os.environ.get("FLOWC", "build/flowc"))
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
UPDATE = os.environ.get("FLOWC_UPDATE_GOLDEN") == "1"

# The cases run in an environment of their own: a build cache that is removed afterwards (some
# cases plant records in it) and none of the caller's Genesys Cloud or flowc settings, which
# would change what deploy and build print.
CACHE = tempfile.mkdtemp(prefix="flowc-bad-cache-")
atexit.register(shutil.rmtree, CACHE, ignore_errors=True)
for _name in list(os.environ):
    if _name.startswith(("GENESYSCLOUD_", "GENESYS_CLOUD_", "FLOWC_")):
        del os.environ[_name]
os.environ["FLOWC_CACHE_DIR"] = CACHE

MAIN = b'inbound flow Main {\n    play "Welcome.";\n    hangup;\n}\n'
SHARED = (b'shared flow Greeting(name: string) -> <text: string> {\n'
          b'    text = "Hello " + name;\n}\n')


# A dotenv file whose secret must never be printed (deploy-* cases).
DEPLOY_ENV = (b"GENESYSCLOUD_OAUTHCLIENT_SECRET=cat-S3cr3t-canary-91\n"
              b"GENESYSCLOUD_OAUTHCLIENT_ID=cat-client\n")


def main_with(body):
    return b"inbound flow Main {\n" + body + b"\n    hangup;\n}\n"


def main_ending_with(body):
    """An inbound flow whose last statement is `body` (a transfer that ends the path)."""
    return b"inbound flow Main {\n" + body + b"\n}\n"


def many_flows(n):
    return b"".join(b"inbound flow F%d {\n    play \"Flow %d.\";\n    hangup;\n}\n" % (i, i)
                    for i in range(n))


def else_if_chain(arms):
    return (b"inbound flow Chain {\n    var n = toInt(call.dnis);\n" +
            b"".join(b"    %s n == %d {\n        play \"Arm %d.\";\n" %
                     (b"if" if i == 0 else b"} else if", i, i) for i in range(arms)) +
            b"    } else {\n        hangup;\n    }\n}\n")


def long_switch(cases):
    return (b"inbound flow Chain {\n    switch toInt(call.dnis) + 1 {\n" +
            b"".join(b"        case %d => play \"Case %d.\";\n" % (i, i) for i in range(cases)) +
            b"        default => hangup;\n    }\n}\n")


def many_menus(menus):
    keys = b"1234567890*#"
    return (b"inbound flow Chain {\n" +
            b"".join(b"    menu \"Menu %d.\" {\n" % m +
                     b"".join(b"        \"%c\" => play \"Key.\";\n" % k for k in keys) +
                     b"        else => play \"Again.\";\n    }\n" for m in range(menus)) +
            b"}\n")


def nested_ifs(depth):
    return (b"inbound flow Main {\n" + b"if true {\n" * depth + b"hangup;\n" +
            b"}\n" * depth + b"}\n")


class Case:
    def __init__(self, id, category, what, args, files=None, setup=None, signal_after=None,
                 broken_stdout=False, keep=(), max_output_ratio=None):
        self.id, self.category, self.what, self.args = id, category, what, args
        # Everything written under out/ is at most this many times the inputs' bytes.
        self.max_output_ratio = max_output_ratio
        self.files = files or {}
        self.setup = setup              # callable(dir) for links, FIFOs, ...
        self.signal_after = signal_after  # (signal, seconds): interrupt the run
        self.broken_stdout = broken_stdout
        self.keep = keep                # paths that must be byte-identical afterwards


def symlink(target, name):
    return lambda d: os.symlink(target, os.path.join(d, name))


def fifo(name):
    return lambda d: os.mkfifo(os.path.join(d, name))


def both(*fs):
    def run(d):
        for f in fs:
            f(d)
    return run


# -- helpers of the issue 16 output-directory cases -------------------------------------------
def build_first(*args):
    """Runs a build before the case's own (the case then rebuilds over it)."""
    return lambda d: subprocess.run([FLOWC, "build"] + list(args) + ["-o", "out"], cwd=d,
                                    stdin=subprocess.DEVNULL, capture_output=True, check=True)


def append_to(name, data):
    def run(d):
        with open(os.path.join(d, name), "ab") as f:
            f.write(data)
    return run


def unix_socket(name):
    def run(d):
        import socket
        s = socket.socket(socket.AF_UNIX)
        s.bind(os.path.join(d, name))
        s.close()
    return run


def fifo_reader(name):
    """A FIFO with a reader waiting on it (`doc -o` writes into it)."""
    def run(d):
        os.mkfifo(os.path.join(d, name))
        subprocess.Popen(["cat", os.path.join(d, name)], stdout=subprocess.DEVNULL)
    return run


def cache_record(make):
    """`make(path)` at the build cache's record for the output directory `out`."""
    def run(d):
        import hashlib
        base = os.environ.get("FLOWC_CACHE_DIR") or (
            os.path.join(os.environ["XDG_CACHE_HOME"], "flowc")
            if os.environ.get("XDG_CACHE_HOME", "").startswith("/")
            else os.path.join(os.environ["HOME"], ".cache", "flowc"))
        name = hashlib.sha256(os.path.join(os.getcwd(), "out").encode()).hexdigest()[:32]
        path = os.path.join(base, "builds", name + ".json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        make(path)
    return run


def sha256_of(data):
    import hashlib
    return hashlib.sha256(data).hexdigest().encode()


NOTES = b"my own notes\n"


CASES = [
    # -- encoding -------------------------------------------------------------------------
    Case("enc-invalid-byte", "encoding", "a byte that is never UTF-8",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "caf\xff";')}),
    Case("enc-overlong", "encoding", "an overlong encoding of `/`",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "\xc0\xaf";')}),
    Case("enc-surrogate", "encoding", "a UTF-16 surrogate encoded in UTF-8",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "\xed\xa0\x80";')}),
    Case("enc-cut-sequence-at-eof", "encoding", "a multi-byte sequence cut by the end of file",
         ["check", "a.flow"], {"a.flow": MAIN + b"// \xe2\x82"}),
    Case("enc-utf16", "encoding", "a UTF-16 file with its byte-order mark",
         ["check", "a.flow"], {"a.flow": MAIN.decode().encode("utf-16")}),
    Case("enc-utf8-bom", "encoding", "a UTF-8 byte-order mark is accepted",
         ["check", "a.flow"], {"a.flow": b"\xef\xbb\xbf" + MAIN}),
    Case("enc-nul", "encoding", "a NUL byte",
         ["check", "a.flow"], {"a.flow": MAIN[:20] + b"\x00" + MAIN[20:]}),
    Case("enc-latin1-comment", "encoding", "Latin-1 text in a comment",
         ["check", "a.flow"], {"a.flow": b"// caf\xe9\n" + MAIN}),
    Case("enc-bidi-string", "encoding", "RIGHT-TO-LEFT OVERRIDE inside a string (warned)",
         ["check", "a.flow"], {"a.flow": main_with('    play "abc\u202edef";'.encode())}),
    Case("enc-bidi-comment", "encoding", "isolates inside a line comment (warned)",
         ["check", "a.flow"],
         {"a.flow": main_with('    play "x"; // \u2067admin\u2069'.encode())}),
    Case("enc-bidi-doc-comment", "encoding", "an embedding in a doc comment (warned)",
         ["check", "a.flow"], {"a.flow": "/// Menu \u202b\n".encode() + SHARED}),
    Case("enc-zero-width-space", "encoding", "an invisible U+200B between tokens",
         ["check", "a.flow"], {"a.flow": main_with('    play\u200b "x";'.encode())}),
    Case("enc-control-char", "encoding", "an ASCII control character in code",
         ["check", "a.flow"], {"a.flow": main_with(b"    play \x07\"x\";")}),
    # -- size and nesting limits ------------------------------------------------------------
    Case("size-over-limit", "limits", "a file over --max-file-size",
         ["check", "--max-file-size", "64", "a.flow"], {"a.flow": MAIN * 2}),
    Case("size-at-limit", "limits", "a file exactly at --max-file-size",
         ["check", "--max-file-size", str(len(MAIN)), "a.flow"], {"a.flow": MAIN}),
    Case("size-nesting-too-deep", "limits", "if-statements nested 300 deep",
         ["check", "a.flow"], {"a.flow": nested_ifs(300)}),
    Case("size-nesting-at-limit", "limits", "255 nested ifs: 256 braces with the flow's",
         ["check", "a.flow"], {"a.flow": nested_ifs(255)}),
    Case("size-parens-too-deep", "limits", "an expression in 1,000 parentheses",
         ["check", "a.flow"],
         {"a.flow": main_with(b"    var x = " + b"(" * 1000 + b"1" + b")" * 1000 + b";")}),
    Case("size-prefix-operators", "limits", "10,000 unary minus signs",
         ["check", "a.flow"], {"a.flow": main_with(b"    var x = " + b"-" * 10000 + b"1;")}),
    Case("size-long-string", "limits", "a 1 MiB string literal",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "' + b"a" * (1 << 20) + b'";')}),
    Case("size-long-line-of-errors", "limits", "5,000 stray characters on one line",
         ["check", "a.flow"], {"a.flow": main_with(b"    " + b"' " * 5000)}),
    Case("size-many-errors", "limits", "2,000 statements each missing its `;`",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "x"\n' * 2000)}),
    Case("size-many-flows", "limits", "3,000 flows in one file",
         ["check", "a.flow"], {"a.flow": many_flows(3000)}),
    # -- unterminated strings and comments ---------------------------------------------------
    Case("unterminated-string-eof", "unterminated", "a string cut by the end of file",
         ["check", "a.flow"], {"a.flow": b'inbound flow Main {\n    play "Welcome'}),
    Case("unterminated-string-line", "unterminated", "a string that runs to the line's end",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "Welcome;\n    play "ok";')}),
    Case("unterminated-string-escape", "unterminated", "a string ending in a backslash",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "Welcome\\')}),
    Case("unterminated-block-comment", "unterminated", "a block comment never closed",
         ["check", "a.flow"], {"a.flow": MAIN + b"/* the end"}),
    Case("unterminated-nested-comment", "unterminated", "`/* /* */ */`: comments do not nest",
         ["check", "a.flow"], {"a.flow": b"/* outer /* inner */ */\n" + MAIN}),
    Case("unterminated-flow-body", "unterminated", "a flow without its closing brace",
         ["check", "a.flow"], {"a.flow": b'inbound flow Main {\n    play "x";\n'}),
    # -- huge literals ---------------------------------------------------------------------
    Case("literal-int-max", "literals", "the largest 64-bit integer is fine",
         ["check", "a.flow"],
         {"a.flow": main_with(b"    var x = 9223372036854775807;\n    play toString(x);")}),
    Case("literal-int-overflow", "literals", "one past the largest 64-bit integer",
         ["check", "a.flow"], {"a.flow": main_with(b"    var x = 9223372036854775808;")}),
    Case("literal-int-400-digits", "literals", "a 400-digit integer",
         ["check", "a.flow"], {"a.flow": main_with(b"    var x = " + b"9" * 400 + b";")}),
    Case("literal-decimal-400-digits", "literals", "a decimal with 400 digits",
         ["check", "a.flow"],
         {"a.flow": main_with(b"    var x = 1." + b"5" * 400 + b";\n    play toString(x);")}),
    Case("literal-count-zero", "literals", "`repeat 0`",
         ["check", "a.flow"], {"a.flow": main_with(b"    repeat 0 { hangup; }")}),
    Case("literal-unknown-escape", "literals", "`\\q` in a string",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "a\\qb";')}),
    # -- imports ---------------------------------------------------------------------------
    Case("import-cycle", "imports", "two files importing each other are fine",
         ["check", "a.flow"],
         {"a.flow": b'import "b.flow";\n' + MAIN, "b.flow": b'import "a.flow";\n' + SHARED}),
    Case("import-self", "imports", "a file importing itself is loaded once",
         ["check", "a.flow"], {"a.flow": b'import "a.flow";\n' + MAIN}),
    Case("import-missing", "imports", "an import of a file that does not exist",
         ["check", "a.flow"], {"a.flow": b'import "nowhere.flow";\n' + MAIN}),
    Case("import-directory", "imports", "an import of a directory",
         ["check", "a.flow"], {"a.flow": b'import "lib";\n' + MAIN, "lib/x.flow": SHARED}),
    Case("import-symlink-loop", "imports", "an import of a symbolic link to itself",
         ["check", "a.flow"], {"a.flow": b'import "loop.flow";\n' + MAIN},
         setup=symlink("loop.flow", "loop.flow")),
    Case("import-escapes-project", "imports", "`../` out of the project (warned)",
         ["check", "a.flow"],
         {"p/a.flow": b'import "../../outside.flow";\n' + MAIN},
         setup=lambda d: (os.chdir(os.path.join(d, "p")),
                          open(os.path.join(os.path.dirname(d), "outside.flow"), "wb")
                          .write(SHARED))),
    Case("import-absolute-outside", "imports", "an absolute import outside the project",
         ["check", "a.flow"], {"a.flow": b'import "/dev/null";\n' + MAIN}),
    Case("import-device", "imports", "an import of /dev/zero must not hang",
         ["check", "a.flow"], {"a.flow": b'import "/dev/zero";\n' + MAIN}),
    Case("import-binary", "imports", "an import of a binary file",
         ["check", "a.flow"],
         {"a.flow": b'import "blob.flow";\n' + MAIN, "blob.flow": bytes(range(256)) * 4}),
    Case("import-empty-path", "imports", "`import \"\";`",
         ["check", "a.flow"], {"a.flow": b'import "";\n' + MAIN}),
    Case("import-after-flow", "imports", "an import after a flow",
         ["check", "a.flow"], {"a.flow": MAIN + b'import "b.flow";\n', "b.flow": SHARED}),
    Case("import-duplicate-flow", "imports", "two files declaring one flow name",
         ["check", "a.flow"], {"a.flow": b'import "b.flow";\n' + MAIN, "b.flow": MAIN}),
    # -- inputs ----------------------------------------------------------------------------
    Case("input-missing", "inputs", "a path that does not exist",
         ["check", "nothing.flow"]),
    Case("input-empty-directory", "inputs", "a directory with no .flow file",
         ["check", "empty"], setup=lambda d: os.mkdir(os.path.join(d, "empty"))),
    Case("input-fifo", "inputs", "a FIFO must not block",
         ["check", "pipe.flow"], setup=fifo("pipe.flow")),
    Case("input-dev-zero", "inputs", "a device that never ends",
         ["check", "/dev/zero"]),
    Case("input-dev-null", "inputs", "a device that is empty",
         ["check", "/dev/null"]),
    Case("input-unreadable", "inputs", "a file whose read fails (EIO)",
         ["check", "/proc/self/mem"]),
    Case("input-symlink-loop", "inputs", "a symbolic link to itself",
         ["check", "loop.flow"], setup=symlink("loop.flow", "loop.flow")),
    Case("input-dangling-in-directory", "inputs", "a dangling .flow link inside a directory",
         ["check", "dir"], {"dir/a.flow": MAIN},
         setup=symlink("missing", "dir/b.flow")),
    Case("input-empty-file", "inputs", "an empty file is a project without flows",
         ["check", "a.flow"], {"a.flow": b""}),
    Case("input-only-comments", "inputs", "a file of comments",
         ["check", "a.flow"], {"a.flow": b"// nothing\n/* here */\n"}),
    # -- output ----------------------------------------------------------------------------
    Case("output-is-a-file", "output", "-o names a file",
         ["build", "a.flow", "-o", "taken"], {"a.flow": MAIN, "taken": b"mine"},
         keep=("taken",)),
    Case("output-dev-full", "output", "-o /dev/full",
         ["build", "a.flow", "-o", "/dev/full"], {"a.flow": MAIN}),
    Case("output-under-a-file", "output", "-o below a file",
         ["build", "a.flow", "-o", "taken/out"], {"a.flow": MAIN, "taken": b"mine"},
         keep=("taken",)),
    Case("output-not-creatable", "output", "-o where no directory can be made",
         ["build", "a.flow", "-o", "/proc/flowc-out"], {"a.flow": MAIN}),
    Case("output-slot-is-a-directory", "output", "a directory where an output file goes",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN, "out/Main.json/keep": b"x",
                                            "out/old.txt": b"old"},
         keep=("out/Main.json/keep", "out/old.txt")),
    Case("output-equals-input", "output", "an output file would replace an input",
         ["build", "Main.json", "-o", "."], {"Main.json": MAIN}, keep=("Main.json",)),
    Case("output-doc-equals-input", "output", "`doc -o` naming an input",
         ["doc", "a.flow", "-o", "a.flow"], {"a.flow": SHARED}, keep=("a.flow",)),
    Case("output-stale-manifest-names-input", "output",
         "a forged manifest listing an input is not obeyed",
         ["build", "out/a.flow", "-o", "out"],
         {"out/a.flow": MAIN, "out/manifest.json":
          b'{"format":"flowc-manifest","flows":[{"file":"a.flow"}]}'}, keep=("out/a.flow",)),
    Case("output-garbage-manifest", "output", "an unreadable old manifest removes nothing",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": MAIN, "out/manifest.json": b"\x00garbage", "out/notes.txt": b"mine"},
         keep=("out/notes.txt",)),
    Case("output-disk-full", "output", "the disk fills mid-write (ulimit -f)",
         ["build", "big.flow", "-o", "out"], {"big.flow": many_flows(400),
                                              "out/keep.txt": b"already here"},
         keep=("out/keep.txt",)),
    Case("output-broken-stdout", "output", "stdout closed by the reader",
         ["check", "--dump-ast", "big.flow"], {"big.flow": many_flows(300)},
         broken_stdout=True),
    Case("output-sigint-mid-build", "output", "SIGINT while building",
         ["build", "big.flow", "-o", "out"], {"big.flow": many_flows(10000)},
         signal_after=(signal.SIGINT, 0.3)),
    Case("output-sigterm-mid-build", "output", "SIGTERM while building",
         ["build", "big.flow", "-o", "out"], {"big.flow": many_flows(10000)},
         signal_after=(signal.SIGTERM, 0.6)),
    # -- issue 16: names (what the checker and the loader refuse; source positions) ----------
    Case("import-dotenv", "imports", "`import \".env\"` is refused before anything is read",
         ["check", "a.flow"],
         {"a.flow": b'import ".env";\n' + MAIN,
          ".env": b"FLOWC_CLIENT_SECRET=canary-5f0c2b\n"}, keep=(".env",)),
    Case("import-proc-environ", "imports", "`import \"/proc/self/environ\"` is refused",
         ["check", "a.flow"], {"a.flow": b'import "/proc/self/environ";\n' + MAIN}),
    Case("import-text-file", "imports", "an import of a file that is not `.flow` source",
         ["check", "a.flow"],
         {"a.flow": b'import "notes.txt";\n' + MAIN, "notes.txt": b"password: hunter2\n"}),
    Case("import-directory-named-flow", "imports", "an import of a directory named `x.flow`",
         ["check", "a.flow"], {"a.flow": b'import "lib.flow";\n' + MAIN,
                               "lib.flow/x.flow": SHARED}),
    Case("name-manifest", "names", "a flow named `manifest` would replace manifest.json",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b"inbound flow manifest {\n    hangup;\n}\n",
          "out/manifest.json": b'{"format":"flowc-manifest","flows":[]}\n'},
         keep=("out/manifest.json",)),
    Case("name-manifest-other-case", "names", "`Manifest` is manifest.json where case is ignored",
         ["build", "a.flow", "-o", "out"], {"a.flow": b"shared flow Manifest {\n    return;\n}\n"}),
    Case("name-con", "names", "a flow named `CON`, a Windows device",
         ["build", "a.flow", "-o", "out"], {"a.flow": b"inbound flow CON {\n    hangup;\n}\n"}),
    Case("name-con-underscore", "names", "`CON_` alone is an ordinary name (CON_.json)",
         ["build", "a.flow", "-o", "out"], {"a.flow": b"inbound flow CON_ {\n    hangup;\n}\n"}),
    Case("name-con-and-con-underscore", "names", "`CON` and `CON_` no longer share CON_.json",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b"inbound flow CON {\n    hangup;\n}\ninbound flow CON_ {\n    hangup;\n}\n"}),
    Case("name-deploy-con-and-con-underscore", "names",
         "deploy stops at the check: no flow is published under another's name",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1:9",
          "--no-snippets", "--color", "never"],
         {"a.flow": b"inbound flow CON {\n    hangup;\n}\ninbound flow CON_ {\n    hangup;\n}\n"}),
    Case("name-lpt-lowercase", "names", "`lpt1` is the device LPT1 in any case",
         ["check", "a.flow"], {"a.flow": b"shared flow lpt1 {\n    return;\n}\n"}),
    Case("name-case-clash", "names", "`Main` and `MAIN` would be one file where case is ignored",
         ["build", "a.flow", "b.flow", "-o", "out"],
         {"a.flow": MAIN, "b.flow": MAIN.replace(b"Main", b"MAIN")}),
    Case("name-240-chars", "names", "a 240-character flow name: an error at the declaration",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b"inbound flow " + b"F" * 240 + b" {\n    hangup;\n}\n"}),
    Case("name-128-chars", "names", "a 128-character flow name builds",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b"inbound flow " + b"F" * 128 + b" {\n    hangup;\n}\n"}),
    Case("name-129-char-variable", "names", "a 129-character variable name",
         ["check", "a.flow"],
         {"a.flow": main_with(b"    var " + b"v" * 129 + b" = 1;\n    play toString(" +
                              b"v" * 129 + b");")}),
    Case("name-nfc-nfd", "names", "`@name(\"Caf\u00e9\")` in NFC and in NFD is one platform name",
         ["check", "a.flow"],
         {"a.flow": '@name("Caf\u00e9") inbound flow A {\n    hangup;\n}\n'
                    '@name("Cafe\u0301") inbound flow B {\n    hangup;\n}\n'.encode()}),
    Case("enc-controls-in-messages", "encoding",
         "ESC and BEL in an import path and a platform name are escaped in messages",
         ["check", "a.flow"],
         {"a.flow": b'import "\x1b]0;owned\x07.txt";\n'
                    b'@name("Line\x1b[2J") inbound flow A {\n    hangup;\n}\n'
                    b'@name("line\x1b[2J") inbound flow B {\n    hangup;\n}\n'}),
    Case("enc-lone-cr", "encoding", "lone-CR line ends: an error on line 3 is on line 3",
         ["check", "a.flow"],
         {"a.flow": b'inbound flow Main {\r    play "Welcome.";\r    play greeting;\r'
                    b'    hangup;\r}\r'}),
    Case("enc-mixed-line-ends", "encoding", "LF, CRLF and CR in one file: one line each",
         ["check", "--diagnostics-format=json", "a.flow"],
         {"a.flow": b'inbound flow Main {\r\n    play "a";\n    play "b";\r    play c;\r\n'
                    b'    hangup;\n}\n'}),
    Case("size-chain-10000", "limits", "a flat chain of 10,000 `+` is too long, not too deep",
         ["check", "a.flow"], {"a.flow": main_with(b"    var x = 1" + b" + 1" * 10000 + b";")}),
    Case("size-chain-100000", "limits", "a flat chain of 100,000 `+`",
         ["check", "a.flow"], {"a.flow": main_with(b"    var x = 1" + b" + 1" * 100000 + b";")}),
    # -- issue 16: output size, exact decimals, command-line messages ------------------------
    Case("size-else-if-2000-archy", "size", "an else-if chain of 2,000 arms (archy wrote 261 MB)",
         ["build", "a.flow", "-o", "out", "--target", "archy"], {"a.flow": else_if_chain(2000)},
         max_output_ratio=20),
    Case("size-else-if-2000-both", "size", "an else-if chain of 2,000 arms, both targets",
         ["build", "a.flow", "-o", "out", "--target", "archy", "--target", "genesys-json"],
         {"a.flow": else_if_chain(2000)}, max_output_ratio=40),
    Case("size-switch-2000", "size", "a switch of 2,000 cases on a computed value, both targets",
         ["build", "a.flow", "-o", "out", "--target", "archy", "--target", "genesys-json"],
         {"a.flow": long_switch(2000)}, max_output_ratio=40),
    Case("size-menus-200", "size", "200 menus of every key, both targets",
         ["build", "a.flow", "-o", "out", "--target", "archy", "--target", "genesys-json"],
         {"a.flow": many_menus(200)}, max_output_ratio=40),
    Case("decimal-leading-zeros", "decimals", "`007.50` (genesys-json failed with exit 70)",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": main_with(b"    var d: decimal = 007.50;\n    if d > 1.50 { play \"More.\"; }")}),
    Case("usage-max-file-size-zero", "usage", "`--max-file-size=0`",
         ["check", "a.flow", "--max-file-size=0"], {"a.flow": MAIN}),
    Case("usage-max-file-size-overflow", "usage", "`--max-file-size` beyond 64 bits",
         ["check", "a.flow", "--max-file-size=99999999999999999999999"], {"a.flow": MAIN}),
    Case("usage-error-limit-abc", "usage", "`--error-limit=abc`",
         ["check", "a.flow", "--error-limit=abc"], {"a.flow": MAIN}),
    Case("usage-timeout-huge", "usage", "`--timeout=1e300`",
         ["deploy", "a.flow", "--target", "archy", "--timeout=1e300"], {"a.flow": MAIN}),
    Case("usage-unknown-command", "usage", "`flowc frobnicate`", ["frobnicate"]),
    Case("usage-misspelt-command", "usage", "`flowc buidl`", ["buidl", "a.flow"],
         {"a.flow": MAIN}),
    Case("usage-empty-output", "usage", "`-o ''` (was exit 73)",
         ["build", "a.flow", "-o", ""], {"a.flow": MAIN}),
    Case("usage-empty-doc-output", "usage", "`doc -o ''` (wrote to stdout)",
         ["doc", "a.flow", "-o", ""], {"a.flow": SHARED}),
    # -- issue 16: deploy secrets and the files deploy reads --------------------------------
    # (`flowc deploy` cases that fail before the network: --api-base names a port nobody
    # listens on, and none of them gets that far)
    Case("deploy-env-directory", "deploy", "./.env is a directory (python -m venv .env): ignored",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1:9"],
         {"a.flow": MAIN, ".env/bin/activate": b"# a venv\n"}, keep=(".env/bin/activate",)),
    Case("deploy-env-fifo", "deploy", "./.env is a FIFO: refused, no hang",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1:9"],
         {"a.flow": MAIN}, setup=fifo(".env")),
    Case("deploy-env-file-directory", "deploy", "--env-file names a directory",
         ["deploy", "a.flow", "--target", "archy", "--env-file", "conf"],
         {"a.flow": MAIN, "conf/x": b"x"}),
    Case("deploy-env-file-dev-full", "deploy", "--env-file /dev/full: refused, no hang",
         ["deploy", "a.flow", "--target", "archy", "--env-file", "/dev/full"], {"a.flow": MAIN}),
    Case("deploy-state-directory", "deploy", "--state-file names a directory: E1012 before the network",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1:9",
          "--state-file", "state"], {"a.flow": MAIN, ".env": DEPLOY_ENV, "state/keep": b"mine"},
         keep=("state/keep",)),
    Case("deploy-state-fifo", "deploy", "--state-file names a FIFO: E1012, no hang",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1:9",
          "--state-file", "state.json"], {"a.flow": MAIN, ".env": DEPLOY_ENV},
         setup=fifo("state.json")),
    Case("deploy-api-base-userinfo", "deploy", "--api-base with user:password@ (never printed)",
         ["deploy", "a.flow", "--target", "archy", "--verbose", "--api-base",
          "https://deployer:pw-canary-31@api.example.com"], {"a.flow": MAIN, ".env": DEPLOY_ENV}),
    Case("deploy-api-base-trailing-dot", "deploy", "plain http to `127.0.0.1.` (a DNS name)",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1.:9"],
         {"a.flow": MAIN, ".env": DEPLOY_ENV}),
    Case("deploy-api-base-loopback-lookalike", "deploy", "plain http to `127.0.0.1.192.0.2.1`",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1.192.0.2.1/"],
         {"a.flow": MAIN, ".env": DEPLOY_ENV}),
    Case("deploy-ca-bundle-directory", "deploy", "--ca-bundle names a directory",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1:9",
          "--ca-bundle", "certs"], {"a.flow": MAIN, ".env": DEPLOY_ENV, "certs/ca.pem": b"x"}),
    Case("deploy-flow-is-env-link", "deploy", "the .flow is a link to .env: the snippet is redacted",
         ["deploy", "a.flow", "--target", "archy"], {".env": DEPLOY_ENV},
         setup=symlink(".env", "a.flow")),
    Case("deploy-import-env-link", "deploy", "an import of a .flow link to .env: redacted",
         ["deploy", "a.flow", "--target", "archy"],
         {".env": DEPLOY_ENV, "a.flow": b'import "settings.flow";\n' + MAIN},
         setup=symlink(".env", "settings.flow")),
    # -- issue 16: the output directory belongs to the user ------------------------------------
    Case("outdir-slot-is-a-fifo", "output", "a FIFO where an output file goes",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN, "out/manifest.json": b"old"},
         setup=fifo("out/Main.json"), keep=("out/Main.json", "out/manifest.json")),
    Case("outdir-slot-is-a-socket", "output", "a socket where an output file goes",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN, "out/manifest.json": b"old"},
         setup=unix_socket("out/Main.json"), keep=("out/Main.json", "out/manifest.json")),
    Case("outdir-slot-is-a-link", "output", "a symbolic link where an output file goes",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": MAIN, "elsewhere.txt": b"mine", "out/manifest.json": b"old"},
         setup=symlink("../elsewhere.txt", "out/Main.json"),
         keep=("elsewhere.txt", "out/manifest.json")),
    Case("outdir-manifest-is-a-directory", "output", "manifest.json is a directory",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN, "out/manifest.json/keep": b"x"},
         keep=("out/manifest.json/keep",)),
    Case("outdir-forged-manifest", "output",
         "a manifest naming the user's file with its true hash removes nothing",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": MAIN, "out/notes.txt": NOTES, "out/manifest.json":
          b'{"format":"flowc-manifest","version":1,"flows":[{"name":"Notes","file":'
          b'"notes.txt","sha256":"' + sha256_of(NOTES) + b'"}]}'}, keep=("out/notes.txt",)),
    Case("outdir-foreign-manifest", "output",
         "another tool's manifest.json: the files it names stay",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": MAIN, "out/icon.png": b"\x89PNG", "out/manifest.json":
          b'{"name":"app","icons":[{"src":"icon.png"}],"flows":[{"file":"icon.png"}]}'},
         keep=("out/icon.png",)),
    Case("outdir-stale-file-edited", "output",
         "a stale output the user edited since is the user's: kept",
         ["build", "v2", "-o", "out"],
         {"v1/a.flow": b"inbound flow Old { hangup; }\ninbound flow Kept { hangup; }\n",
          "v2/a.flow": b"inbound flow Kept { hangup; }\n"},
         setup=both(build_first("v1"), append_to("out/Old.json", b"// my change\n")),
         keep=("out/Old.json",)),
    Case("outdir-planted-temporary-link", "output",
         "a link planted at a temporary's name is removed, never followed",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": MAIN, "victim.txt": b"mine", "out/old.txt": b"old"},
         setup=symlink("../victim.txt", "out/.Main.json.flowc-tmp-planted"),
         keep=("victim.txt",)),
    Case("outdir-doc-to-a-fifo", "output", "`doc -o` into a FIFO writes into it",
         ["doc", "a.flow", "-o", "pipe"], {"a.flow": SHARED}, setup=fifo_reader("pipe"),
         keep=("pipe",)),
    Case("outdir-doc-to-dev-stdout", "output", "`doc -o /dev/stdout` (a pipe here)",
         ["doc", "a.flow", "-o", "/dev/stdout"], {"a.flow": SHARED}),
    Case("outdir-doc-to-a-directory", "output", "`doc -o` naming a directory",
         ["doc", "a.flow", "-o", "docs"], {"a.flow": SHARED, "docs/keep.md": b"x"},
         keep=("docs/keep.md",)),
    Case("outdir-symlinked-subdirectory", "inputs", "a link to a directory inside an input",
         ["check", "dir"], {"dir/a.flow": MAIN, "lib/b.flow": SHARED},
         setup=symlink("../lib", "dir/lib")),
    Case("outdir-symlink-loop", "inputs", "a link inside an input leading back to it",
         ["check", "dir"], {"dir/a.flow": MAIN}, setup=symlink("..", "dir/loop")),
    Case("outdir-cache-record-is-a-directory", "output", "the cache record is a directory",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN},
         setup=cache_record(lambda p: os.makedirs(p, exist_ok=True))),
    Case("outdir-cache-record-is-a-fifo", "output", "the cache record is a FIFO",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN},
         setup=cache_record(lambda p: os.path.exists(p) or os.mkfifo(p))),
    Case("outdir-cache-record-huge", "output", "a 300 MiB (sparse) cache record is not read",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN},
         setup=cache_record(lambda p: os.truncate(open(p, "wb").name, 300 << 20))),
    Case("outdir-cache-record-malformed", "output",
         "a cache record of the right header and the wrong shape",
         ["build", "a.flow", "-o", "out"], {"a.flow": MAIN, "out/notes.txt": NOTES},
         setup=cache_record(lambda p: open(p, "wb").write(
             b'{"format":"flowc-build-cache","version":3,"key":[1],"outputs":'
             b'[{"dir":"out","files":[{"name":"notes.txt","sha256":5}]}]}')),
         keep=("out/notes.txt",)),
    # -- issue 17: driver ------------------------------------------------------------------
    # (paths are printed without doubled separators, however the user typed them)
    Case("paths-build-output-doubled-slash", "output", "`-o out//` with both targets",
         ["build", "a.flow", "-o", "out//", "--target", "archy", "--target", "genesys-json"],
         {"a.flow": MAIN}),
    Case("paths-check-input-doubled-slash", "inputs", "`check src//lib//`: an error in a file below",
         ["check", "src//lib//"], {"src/lib/a.flow": main_with(b"    hangx;")}),
    Case("paths-deploy-state-file-doubled-slash", "deploy",
         "--state-file `st//state`, a directory: E1012 names `st/state`",
         ["deploy", "a.flow", "--target", "archy", "--api-base", "http://127.0.0.1:9",
          "--state-file", "st//state"],
         {"a.flow": MAIN, ".env": DEPLOY_ENV, "st/state/keep": b"mine"},
         keep=("st/state/keep",)),
    Case("paths-stdlib-option-missing", "imports",
         "`--stdlib` names a directory that does not exist: an import not found says so",
         ["check", "a.flow", "--stdlib", "no//lib"],
         {"a.flow": b'import "ivr/menu.flow";\n' + MAIN}),
    # -- issue 17: diagnostics that help ---------------------------------------------------
    Case("unterminated-switch-arm", "unterminated", "a `switch` arm's `{` never closed",
         ["check", "a.flow"],
         {"a.flow": main_with(b'    switch call.ani {\n        case "1" => {\n'
                              b'            play "one";\n        case "2" => play "two";\n'
                              b'        default => hangup;\n    }')}),
    Case("unterminated-if-body-then-flow", "unterminated",
         "an `if` body never closed, then another flow",
         ["check", "a.flow"],
         {"a.flow": b'inbound flow Main {\n    if call.ani == "1" {\n        play "a";\n'
                    b'    play "b";\n}\n' + MAIN.replace(b"Main", b"Next")}),
    Case("literal-single-quoted-string", "literals", "a string in single quotes",
         ["check", "a.flow"], {"a.flow": main_with(b"    play 'Welcome to the bank';")}),
    Case("name-assign-call-language", "names", "`call.language = ...`: read-only",
         ["check", "a.flow"], {"a.flow": main_with(b'    call.language = "es-us";')}),
    Case("name-binding-wrong-case", "names",
         "`-> <Route>` for output `route`, then uses of `route`: one error",
         ["check", "a.flow"],
         {"a.flow": b'shared flow Pick -> <route: string> {\n    route = "x";\n    return;\n}\n'
                    b'inbound flow Main {\n    call Pick() -> <Route>;\n    play route;\n'
                    b'    play route;\n    hangup;\n}\n'}),
    # -- issue 17: transfer number --------------------------------------------------------
    Case("transfer-number-missing", "transfers", "`transfer number;`: the number left out",
         ["check", "a.flow"], {"a.flow": main_with(b"    transfer number;")}),
    Case("transfer-number-not-e164", "transfers", "`transfer number` to a local, dashed number",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": main_with(b'    transfer number "555-0100";')}),
    Case("transfer-number-int", "transfers", "`transfer number` to an `int`",
         ["check", "a.flow"], {"a.flow": main_with(b"    transfer number 15550100;")}),
    # -- issue 18: strict imports --
    Case("import-of-an-import", "imports",
         "a.flow imports lib/b.flow, which imports c.flow; a.flow calls c.flow's flow",
         ["check", "a.flow"],
         {"a.flow": b'import "lib/b.flow";\n' + main_with(b"    call B();\n    call C();"),
          "lib/b.flow": b'import "c.flow";\nshared flow B { call C(); }\n',
          "lib/c.flow": b"shared flow C { return; }\n"}),
    Case("import-fix-read-only", "imports",
         "`check --fix-imports` of a read-only file that lacks an import",
         ["check", "--fix-imports", "a.flow", "lib.flow"],
         {"a.flow": main_with(b"    call Lib();"),
          "lib.flow": b"shared flow Lib { return; }\n"},
         setup=lambda d: os.chmod(os.path.join(d, "a.flow"), 0o444), keep=("a.flow",)),
    # -- issue 18: v2 -----------------------------------------------------------------------
    Case("v2-transfer-to-schedule", "transfers", "`transfer BankHours`: a schedule, not a queue",
         ["check", "a.flow"],
         {"a.flow": b'schedule BankHours = "Bank Hours";\n' +
          main_ending_with(b"    transfer BankHours;")}),
    Case("v2-unknown-queue", "transfers", "`transfer Slaes`: unknown queue, did you mean `Sales`",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b'queue Sales = "Sales";\n' + main_ending_with(b"    transfer Slaes;")}),
    Case("v2-queue-lookup-without-else", "transfers", "`transfer queue(e);` with no `else`",
         ["check", "a.flow"],
         {"a.flow": main_with(b"    transfer queue(contact.attributes.Team);")}),
    Case("v2-transfer-flow-to-shared", "transfers", "`transfer flow` naming a shared flow",
         ["check", "a.flow"],
         {"a.flow": SHARED + main_ending_with(b"    transfer flow Greeting;")}),
    Case("v2-transfer-option-twice", "transfers", "`priority` given twice on one transfer",
         ["check", "a.flow"],
         {"a.flow": main_with(b'    transfer "Sales" priority 1 priority 2 else { play "x"; }')}),
    Case("v2-queue-names-fold-to-one", "names", "two queues whose names differ in case and NFC/NFD",
         ["check", "a.flow"],
         {"a.flow": b'queue A = "Caf\xc3\xa9";\nqueue B = "CAFE\xcc\x81";\n' +
          main_ending_with(b"    transfer A;")}),
    Case("v2-external-flow-given-body", "names", "an external shared flow given a body in another file",
         ["build", "a.flow", "b.flow", "-o", "out"],
         {"a.flow": b"shared flow Greeting(name: string) -> <text: string>;\n" +
          main_with(b'    call Greeting(name = "Ann") -> <text>;\n    play text;'),
          "b.flow": SHARED}),
    Case("v2-literal-queue-typo", "names", "`@queues(\"Slaes\")` and `transfer \"Slaes\"` when `Sales` is declared (warned)",
         ["check", "a.flow"],
         {"a.flow": b'queue Sales = "Sales";\n@queues("Slaes")\n' +
          main_with(b'    transfer "Slaes" else { play "busy"; }')}),
    Case("v2-hours-arm-missing", "hours", "`hours` with no arm for `holiday` and no `else`",
         ["check", "a.flow"],
         {"a.flow": b'schedule BankHours = "Bank Hours";\n' +
          main_with(b'    hours BankHours { open => play "open"; closed => play "closed"; }')}),
    Case("v2-hours-duplicate-arm", "hours", "two `open` arms in one `hours`",
         ["check", "a.flow"],
         {"a.flow": b'schedule BankHours = "Bank Hours";\n' +
          main_with(b'    hours BankHours { open => play "a"; open => play "b"; else => hangup; }')}),
    Case("v2-hours-emergency-without-group", "hours", "an `emergency` arm with no emergency group",
         ["check", "a.flow"],
         {"a.flow": b'schedule BankHours = "Bank Hours";\n' +
          main_with(b'    hours BankHours { emergency => play "e"; else => play "x"; }')}),
    Case("v2-unknown-declaration-kind", "names", "`qeueu Sales = \"Sales\";`: did you mean `queue`",
         ["check", "a.flow"], {"a.flow": b'qeueu Sales = "Sales";\n' + MAIN}),
    # -- issue 19: audio --
    Case("v2-audio-negative-pause", "types", "`pause(-500)`: a negative pause, every target",
         ["check", "a.flow"], {"a.flow": main_with(b'    play "Hello" + pause(-500);')}),
    Case("v2-audio-pause-not-literal-archy", "types",
         "`pause(ms)` of a variable built for archy (ToAudioBlank takes a literal)",
         ["build", "a.flow", "-o", "out", "--target", "archy"],
         {"a.flow": main_with(b'    var ms = 500;\n    play "Hello" + pause(ms);')}),
    Case("v2-audio-no-barge-in-joined", "types", "`noBargeIn(Welcome) + \"text\"`: a no-barge-in part",
         ["check", "a.flow"],
         {"a.flow": b'prompt Welcome = "Welcome_Greeting";\n' +
          main_with(b'    play noBargeIn(Welcome) + "For sales, press 1.";')}),
    Case("v2-audio-compared", "types", "two audio values compared with `==`",
         ["check", "a.flow"],
         {"a.flow": main_with(b'    var a: audio = "x";\n    if a == a { hangup; }')}),
    Case("v2-audio-prompt-name-archy", "names", "a prompt named `Main Greeting` checked for archy",
         ["check", "a.flow", "--target", "archy"],
         {"a.flow": b'prompt Welcome = "Main Greeting";\n' + main_with(b'    play Welcome;')}),
    # -- issue 19: languages, voices, @errorPrompt, repeat of an expression --
    Case("v2-language-not-declared", "languages", "`language \"es-us\";` in a flow that speaks only `en-us`",
         ["check", "a.flow"],
         {"a.flow": b'@language("en-us", voice: "Jill")\n' + main_with(b'    language "es-us";')}),
    Case("v2-language-not-literal", "languages", "`language call.language;`: not known at build time",
         ["check", "a.flow"], {"a.flow": main_with(b'    language call.language;')}),
    Case("v2-language-malformed", "languages", "`@language(\"english\")` and a blank voice",
         ["check", "a.flow"],
         {"a.flow": b'@language("english")\n@language("es-us", voice: " ")\n' + MAIN}),
    Case("v2-language-twice", "languages", "`@language(\"en-us\")` and `@language(\"EN-US\")`",
         ["check", "a.flow"],
         {"a.flow": b'@language("en-us")\n@language("EN-US", voice: "Jill")\n' + MAIN}),
    Case("v2-language-not-covered", "languages", "a bilingual flow calls a shared flow that speaks only `en-us`, across files",
         ["check", "a.flow", "b.flow"],
         {"a.flow": b'import "b.flow";\n@language("en-us")\n@language("es-us")\n' +
          main_with(b'    call Greet();'),
          "b.flow": b'@language("en-us")\nshared flow Greet() { play "Hello."; }\n'}),
    Case("v2-error-prompt-on-shared", "languages", "`@errorPrompt` on a shared flow",
         ["check", "a.flow"],
         {"a.flow": b'@errorPrompt("Sorry.")\nshared flow S() { play "x"; }\n' + MAIN}),
    Case("v2-repeat-negative", "languages", "`repeat -1 { }`", ["check", "a.flow"],
         {"a.flow": main_with(b'    repeat -1 { play "never"; }')}),
    Case("v2-repeat-not-int", "languages", "`repeat \"3\" { }`", ["check", "a.flow"],
         {"a.flow": main_with(b'    repeat "3" { play "no"; }')}),

    # -- issue 19: in-queue flows, hold, via, callback --
    Case("v2-inqueue-hold-in-inbound", "inqueue", "`hold 30;` in an inbound flow",
         ["check", "a.flow"], {"a.flow": main_with(b"    hold 30;")}),
    Case("v2-inqueue-return", "inqueue", "`return;` in an in-queue flow",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b"inqueue flow Wait {\n    hold 10;\n    return;\n}\n"}),
    Case("v2-inqueue-via-typo", "inqueue", "`via SaleHold`: unknown in-queue flow, did you mean `SalesHold`",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b"inqueue flow SalesHold { hold 10; }\n" +
          main_ending_with(b'    transfer "Sales" via SaleHold;')}),
    Case("v2-inqueue-called", "inqueue", "`call` of an in-queue flow",
         ["check", "a.flow"],
         {"a.flow": b"inqueue flow SalesHold { hold 10; }\n" +
          main_with(b"    call SalesHold();")}),
    Case("v2-inqueue-hold-music-not-prompt", "inqueue", "`@holdMusic(Sales)` with `Sales` a queue",
         ["check", "a.flow"],
         {"a.flow": b'queue Sales = "Sales";\n@holdMusic(Sales)\ninqueue flow W { hold 10; }\n'}),
    Case("v2-callback-else-archy", "inqueue", "`callback ... else` with `--target archy`",
         ["build", "--target", "archy", "a.flow", "-o", "out"],
         {"a.flow": main_with(b'    callback "Sales" number call.ani else { play "x"; }')}),
    Case("v2-callback-in-shared", "inqueue", "`callback` in a shared flow",
         ["check", "a.flow"],
         {"a.flow": b'shared flow Offer {\n    callback "Sales" number call.ani;\n}\n'}),
    # -- issue 20: expressions --
    Case("v2-expr-conditional-arms", "expressions", "`n > 2 ? \"many\" : n`: arms `string` and `int`",
         ["check", "a.flow"], {"a.flow": main_with(b'    var n = 3;\n    play n > 2 ? "many" : n;')}),
    Case("v2-expr-conditional-not-bool", "expressions", "`contact.attributes.T ? a : b`",
         ["check", "a.flow"],
         {"a.flow": main_with(b'    play contact.attributes.T ? "a" : "b";')}),
    Case("v2-expr-toint-literal", "expressions", "`toInt(\"twelve\")`; nothing written",
         ["build", "a.flow", "-o", "out"], {"a.flow": main_with(b'    var n = toInt("twelve");')}),
    Case("v2-expr-todecimal-comma", "expressions", "`toDecimal(\"1,5\")`",
         ["check", "a.flow"], {"a.flow": main_with(b'    var d = toDecimal("1,5");')}),
    Case("v2-expr-isset-variable", "expressions", "`isSet(x)` of a variable",
         ["check", "a.flow"],
         {"a.flow": main_with(b'    var x = "a";\n    if isSet(x) { hangup; }')}),
    Case("v2-expr-substring-args", "expressions", "`substring(s, 1)`: one argument short, archy",
         ["build", "--target", "archy", "a.flow", "-o", "out"],
         {"a.flow": main_with(b'    play substring(call.ani, 1);')}),
    Case("v2-expr-datetime-plus", "expressions", "`now() + 1`",
         ["check", "a.flow"], {"a.flow": main_with(b'    var t = now() + 1;')}),
    Case("v2-expr-unterminated-conditional", "expressions", "`c ? a` without `: b`",
         ["check", "a.flow"], {"a.flow": main_with(b'    play true ? "a";')}),
    # -- issue 20: secure values --
    Case("v20-secure-to-participant-data", "secure",
         "a secure PIN written to participant data; nothing written",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": main_with(b'    collect secure pin prompt "PIN" digits 4;\n'
                              b'    contact.attributes.Pin = pin;')}),
    Case("v20-secure-played-archy", "secure",
         "a secure PIN played, with `--target archy`; nothing written",
         ["build", "--target", "archy", "a.flow", "-o", "out"],
         {"a.flow": main_with(b'    collect secure pin prompt "PIN" digits 4;\n'
                              b'    play "You said " + pin;')}),
    Case("v20-secure-output-to-plain", "secure",
         "a shared flow's secure output bound to a plain variable in another file",
         ["check", "a.flow"],
         {"a.flow": b'import "b.flow";\ninbound flow Main {\n    var shown: string = "";\n'
                    b'    call ReadPin() -> <shown = pin>;\n    play shown;\n}\n',
          "b.flow": b'shared flow ReadPin() -> <pin: secure string> {\n'
                    b'    collect secure pin prompt "PIN" digits 4;\n}\n'}),
    Case("v20-secure-int", "secure", "`secure int`: only strings can be secure",
         ["check", "a.flow"],
         {"a.flow": b'shared flow F(pin: secure int) {\n    hangup;\n}\n'}),
    # -- issue 20: data actions --
    Case("v20-data-action-without-else", "dataactions",
         "a data action call without `else`; nothing written",
         ["build", "a.flow", "-o", "out"],
         {"a.flow": b'@integration("CRM")\ndata action Find(phone: string) -> <id: string>;\n' +
          main_with(b'    call Find(phone = call.ani) -> <id>;\n    play id;')}),
    Case("v20-data-action-output-after-failure", "dataactions",
         "an output read after the failure arm fell through, archy",
         ["build", "--target", "archy", "a.flow", "-o", "out"],
         {"a.flow": b'@integration("CRM")\ndata action Find(phone: string) -> <id: string>;\n' +
          main_with(b'    call Find(phone = call.ani) -> <id> else { play "x"; }\n    play id;')}),
    Case("v20-data-action-with-body", "dataactions", "a data action with a body",
         ["check", "a.flow"],
         {"a.flow": b'@integration("CRM")\ndata action Find(phone: string) -> <id: string> {\n'
                    b'    id = phone;\n}\n'}),
    Case("v20-data-action-without-integration", "dataactions", "a data action without `@integration`",
         ["check", "a.flow"],
         {"a.flow": b'data action Find(phone: string) -> <id: string>;\n'}),
    Case("v20-shared-flow-call-with-timeout", "dataactions",
         "a shared flow's call with `timeout` and `else`",
         ["check", "a.flow"],
         {"a.flow": b'shared flow S() -> <x: string> { x = "1"; }\n' +
          main_with(b'    call S() -> <x> timeout { hangup; } else { hangup; }\n    play x;')}),
    Case("v20-secure-to-plain-data-action-input", "dataactions",
         "a secure PIN passed to a plain data action input in another file",
         ["check", "a.flow"],
         {"a.flow": b'import "b.flow";\ninbound flow Main {\n'
                    b'    collect secure pin prompt "PIN" digits 4;\n'
                    b'    call Check(pin = pin) -> <ok> else { ok = false; }\n    if ok { hangup; }\n}\n',
          "b.flow": b'@integration("Core")\ndata action Check(pin: string) -> <ok: bool>;\n'}),
    Case("v20-digits-range-reversed", "secure", "`collect ... digits 6..4`",
         ["check", "a.flow"],
         {"a.flow": main_with(b'    collect code prompt "Code" digits 6..4;\n    play code;')}),
    Case("v20-retired-pin-authentication", "secure",
         "a call to the standard library's retired `PinAuthentication`",
         ["check", "a.flow"],
         {"a.flow": main_with(b'    call PinAuthentication(expectedPin = "1", customerId = "C")'
                              b' -> <authenticated>;')}),
]


def snapshot(root):
    files = {}
    for base, dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(base, name)
            rel = os.path.relpath(path, root)
            if not os.path.isfile(path) or os.path.islink(path):
                files[rel] = None  # FIFOs and links are not read (a FIFO would block)
                continue
            try:
                with open(path, "rb") as f:
                    files[rel] = f.read()
            except OSError:
                files[rel] = None
    return files


def run_case(case):
    work = tempfile.mkdtemp(prefix="flowc-bad-")
    tmp = os.path.join(work, "t")
    os.mkdir(tmp)
    cwd = os.getcwd()
    try:
        for name, data in case.files.items():
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        os.chdir(tmp)
        if case.setup:
            case.setup(tmp)
        before = {k: snapshot(tmp).get(k) for k in case.keep}
        run_dir = os.getcwd()
        env = dict(os.environ, NO_COLOR="1", LC_ALL="C")
        argv = [FLOWC] + case.args + (["--no-snippets", "--color", "never"]
                                      if case.args[0] in ("check", "build", "doc") else [])
        stdout = subprocess.PIPE
        preexec = None
        if case.id == "output-disk-full":
            def preexec():
                import resource
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        if case.broken_stdout:
            r, w = os.pipe()
            os.close(r)
            stdout = w
        proc = subprocess.Popen(argv, cwd=run_dir, env=env, stdin=subprocess.DEVNULL,
                                stdout=stdout, stderr=subprocess.PIPE, preexec_fn=preexec)
        if case.broken_stdout:
            os.close(w)
        if case.signal_after:
            time.sleep(case.signal_after[1])
            proc.send_signal(case.signal_after[0])
        out, err = proc.communicate(timeout=60)
        code = proc.returncode
        problems = []
        # Nothing temporary or partial anywhere; the user's files unchanged.
        after = snapshot(tmp)
        for rel in after:
            if ".flowc-tmp-" in rel or rel.endswith(".tmp"):
                problems.append("left a temporary file: " + rel)
        for rel, data in before.items():
            if after.get(rel) != data:
                problems.append("changed or removed the user's file " + rel)
        if case.max_output_ratio is not None:
            source = sum(len(data) for data in case.files.values())
            written = sum(len(data or b"") for rel, data in after.items()
                          if rel.startswith("out" + os.sep))
            if written > case.max_output_ratio * source:
                problems.append("wrote %d bytes for %d of source (more than %dx)" %
                                (written, source, case.max_output_ratio))
        out_dir = os.path.join(tmp, "out")
        if code != 0 and os.path.isdir(out_dir):
            produced = [r for r in after if r.startswith("out/") and r.endswith(".json")
                        and "out/" + r[4:] not in ["out/" + k[4:] for k in case.files]]
            if produced and "out/manifest.json" not in case.files:
                manifest = after.get("out/manifest.json")
                if manifest is None:
                    problems.append("partial output without a manifest: %s" % produced[:3])
        if case.signal_after:
            # Interrupted: killed by the signal (before or after its commit); an output
            # directory is then either untouched or complete.
            if code not in (-case.signal_after[0], 0):
                problems.append("exit %s after a signal" % code)
            code = "killed by signal or done"
            err = b""
            out = b""  # "wrote ..." when the build finished before the signal came
        text = "# %s (%s): %s\n$ flowc %s\nexit: %s\n--- stderr\n%s" % (
            case.id, case.category, case.what, " ".join(case.args), code,
            err.decode("utf-8", "replace"))
        if out and not case.broken_stdout and case.args[:2] != ["check", "--dump-ast"]:
            text += "--- stdout\n" + out.decode("utf-8", "replace")
        text = text.replace(work, "<TMP>").replace(ROOT, "<SRC>")
        return text, problems
    finally:
        os.chdir(cwd)
        shutil.rmtree(work, ignore_errors=True)


def main():
    wanted = set(sys.argv[1:])
    failures = 0
    ran = 0
    for case in CASES:
        if wanted and case.id not in wanted:
            continue
        ran += 1
        text, problems = run_case(case)
        path = os.path.join(HERE, "expected", case.id + ".txt")
        if UPDATE:
            with open(path, "w") as f:
                f.write(text)
        try:
            with open(path) as f:
                expected = f.read()
        except FileNotFoundError:
            expected = None
        if expected != text:
            problems.append("output differs from expected/%s.txt:\n%s" % (case.id, text))
        if "internal error" in text or "exit: 70" in text:
            problems.append("internal error")
        for p in problems:
            print("FAIL %s: %s" % (case.id, p))
        failures += bool(problems)
    with open(os.path.join(ROOT, "docs", "reliability.md")) as f:
        listed = f.read()
    for case in CASES:
        if "| `%s` |" % case.id not in listed:
            print("FAIL %s: not listed in docs/reliability.md's catalogue table" % case.id)
            failures += 1
    categories = sorted({c.category for c in CASES})
    print("%d cases in %d categories (%s): %d passed, %d failed" % (
        ran, len(categories), ", ".join(categories), ran - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
