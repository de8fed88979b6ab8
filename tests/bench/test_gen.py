#!/usr/bin/env python3
"""bench/gen.py is what every benchmark figure stands on: the same arguments must give the same
bytes, another seed other bytes, and the flow corpus must check without a single diagnostic
(a warning would make flowc print, and so measure, more than a real project). Also checks
that the .proto corpus has the same files and imports."""

import hashlib
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLOWC = os.environ["FLOWC"]


def digest(directory):
    h = hashlib.sha256()
    for dirpath, _, files in sorted(os.walk(directory)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, directory).encode())
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def gen(out, seed):
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), out, "--files", "40",
                    "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        a, b, c = (os.path.join(tmp, x) for x in "abc")
        gen(a, 11)
        gen(b, 11)
        gen(c, 12)
        assert digest(a) == digest(b), "same seed, different bytes"
        assert digest(a) != digest(c), "another seed, same bytes"
        run = subprocess.run([FLOWC, "check", os.path.join(a, "flow")], capture_output=True,
                             text=True)
        assert run.returncode == 0 and run.stderr == "", run.stderr[:2000]
        assert re.match(r"checked 40 files: \d+ shared flows, \d+ inbound flows", run.stdout)
        flows = sorted(os.path.relpath(os.path.join(d, f), os.path.join(a, "flow"))[:-5]
                       for d, _, fs in os.walk(os.path.join(a, "flow")) for f in fs)
        protos = sorted(os.path.relpath(os.path.join(d, f), os.path.join(a, "proto"))[:-6]
                        for d, _, fs in os.walk(os.path.join(a, "proto")) for f in fs)
        assert flows == protos, "the two corpora have different files"
        for name in flows:
            with open(os.path.join(a, "flow", name + ".flow")) as f:
                flow_imports = len(re.findall(r"^import ", f.read(), re.M))
            with open(os.path.join(a, "proto", name + ".proto")) as f:
                proto_imports = len(re.findall(r"^import ", f.read(), re.M))
            assert flow_imports == proto_imports, name
    print("bench/gen.py: deterministic, clean, corpora match")


if __name__ == "__main__":
    main()
