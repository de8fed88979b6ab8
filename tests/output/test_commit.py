#!/usr/bin/env python3
"""The output directory's guarantees under faults (docs/reliability.md), against the real binary.

  kill       SIGKILL at every step of a commit (every rename, unlink, rmdir, fsync, syncfs,
             through tests/support/fault_shim.cpp): afterwards each file is whole, old or new;
             a new manifest.json only ever stands beside every flow it lists; the user's file
             is untouched; and the next build repairs the directory to exactly a clean build.
  fail       every rename of a commit failing in turn (EIO), one target and two: the build
             exits 74 naming a file it was writing, and every directory holds what it held.
  concurrent builds into one new directory at once, repeated: all succeed (the second waits
             for the first's lock) and the directory is always a complete, clean build.
  sigint     SIGINT while a long build is generating ends it by the signal, without waiting
             for the render, and leaves the output directory as it was.
Usage: test_commit.py kill|fail|concurrent|sigint   (FLOWC, FLOWC_FAULT_SHIM name the binaries)
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

FLOWC = os.path.abspath(os.environ.get("FLOWC", "build/flowc"))
SHIM = os.environ.get("FLOWC_FAULT_SHIM", "")
MARKER = ".flowc-tmp-"

V1 = {"v/a.flow": b'inbound flow Changed { play "one"; hangup; }\n'
                  b'inbound flow Same { hangup; }\n'
                  b'inbound flow Gone { hangup; }\n',
      "v/b.flow": b'inbound flow Changed2 { play "one"; hangup; }\n'}
V2 = {"v/a.flow": b'inbound flow Changed { play "two"; hangup; }\n'
                  b'inbound flow Same { hangup; }\n'
                  b'inbound flow New { hangup; }\n',
      "v/b.flow": b'inbound flow Changed2 { play "two"; hangup; }\n'}
NOTES = b"the user's own notes\n"


def write(root, files):
    for name, data in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def snapshot(root):
    """Relative path -> bytes of every file below root (links and FIFOs as markers)."""
    files = {}
    if not os.path.isdir(root):
        return files
    for base, dirs, names in os.walk(root):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
            path = os.path.join(base, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path) or not os.path.isfile(path):
                files[rel] = b"<not a regular file>"
            else:
                with open(path, "rb") as f:
                    files[rel] = f.read()
    return files


def flowc(cwd, args, fault=None, **kw):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C", FLOWC_CACHE_DIR=os.path.join(cwd, ".cache"))
    if fault:
        env["LD_PRELOAD"] = SHIM
        env["FLOWC_FAULT"] = fault
        # Under the sanitizer build the shim comes before ASan's runtime, which is harmless
        # here (the shim only wraps file-system calls) but which ASan refuses by default.
        env["ASAN_OPTIONS"] = ":".join(
            filter(None, [os.environ.get("ASAN_OPTIONS", ""), "verify_asan_link_order=0"]))
    return subprocess.run([FLOWC] + args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=120, **kw)


def clean_build(work, files, targets):
    """out/ of a build of `files` into a fresh directory, as a snapshot."""
    d = os.path.join(work, "clean")
    shutil.rmtree(d, ignore_errors=True)
    write(d, files)
    r = flowc(d, ["build", "v", "-o", "out"] + targets)
    assert r.returncode == 0, r.stderr
    return snapshot(os.path.join(d, "out"))


def fresh_v1(run, targets):
    """`run` holding a build of V1 in out/ (recorded in its cache) and the user's notes."""
    shutil.rmtree(run, ignore_errors=True)
    write(run, V1)
    r = flowc(run, ["build", "v", "-o", "out"] + targets)
    assert r.returncode == 0, r.stderr
    write(run, {"out/notes.txt": NOTES})
    write(run, V2)


def temporaries(snap):
    return [rel for rel in snap if MARKER in rel]


def test_kill():
    problems = []
    for targets in ([], ["--target", "archy", "--target", "genesys-json"]):
        work = tempfile.mkdtemp(prefix="flowc-kill-")
        try:
            old = clean_build(work, V1, targets)
            new = clean_build(work, V2, targets)
            old["notes.txt" if not targets else "notes.txt"] = NOTES
            new["notes.txt"] = NOTES
            run = os.path.join(work, "run")
            completed = False
            for n in range(1, 400):
                fresh_v1(run, targets)
                r = flowc(run, ["build", "v", "-o", "out"] + targets, fault="kill:%d" % n)
                after = snapshot(os.path.join(run, "out"))
                where = "%s kill:%d" % (" ".join(targets) or "genesys-json", n)
                if r.returncode == 0:
                    if {k: v for k, v in after.items() if MARKER not in k} != new:
                        problems.append("%s: finished but the directory is not the new build"
                                        % where)
                    completed = True
                    break
                if r.returncode != -signal.SIGKILL:
                    problems.append("%s: exit %s: %s" % (where, r.returncode, r.stderr[-300:]))
                    continue
                for rel, data in after.items():
                    if MARKER in rel:
                        continue
                    if data not in (old.get(rel), new.get(rel)):
                        problems.append("%s: %s is neither the old nor the new file" % (where, rel))
                if after.get("notes.txt") != NOTES:
                    problems.append("%s: the user's notes.txt changed" % where)
                for manifest in [k for k in new if k.endswith("manifest.json")]:
                    if after.get(manifest) == new[manifest]:
                        prefix = manifest[:-len("manifest.json")]
                        for rel in new:
                            if rel.startswith(prefix) and after.get(rel) != new[rel]:
                                problems.append("%s: the new %s stands beside an old or missing "
                                                "%s" % (where, manifest, rel))
                    elif manifest in after and after[manifest] != old.get(manifest):
                        problems.append("%s: %s is neither old nor new" % (where, manifest))
                repair = flowc(run, ["build", "v", "-o", "out"] + targets)
                repaired = snapshot(os.path.join(run, "out"))
                if repair.returncode != 0 or repaired != new:
                    extra = sorted(set(repaired) ^ set(new)) + sorted(
                        k for k in new if repaired.get(k) != new[k])
                    problems.append("%s: the next build did not repair the directory (exit %s, "
                                    "differs in %s)" % (where, repair.returncode, extra[:4]))
            if not completed:
                problems.append("the build never completed under the shim")
            print("%s: killed at each of %d steps" % (" ".join(targets) or "genesys-json", n - 1))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return problems


def test_fail():
    problems = []
    for targets in ([], ["--target", "archy", "--target", "genesys-json"]):
        work = tempfile.mkdtemp(prefix="flowc-fail-")
        try:
            new = clean_build(work, V2, targets)
            run = os.path.join(work, "run")
            names = {os.path.join("out", rel) for rel in new}
            failed = 0
            for n in range(1, 400):
                fresh_v1(run, targets)
                before = snapshot(os.path.join(run, "out"))
                r = flowc(run, ["build", "v", "-o", "out"] + targets, fault="fail:%d" % n)
                after = snapshot(os.path.join(run, "out"))
                where = "%s fail:%d" % (" ".join(targets) or "genesys-json", n)
                if r.returncode == 0:
                    break  # past the commit's renames (the cache record's may fail: harmless)
                failed += 1
                err = r.stderr.decode("utf-8", "strict")
                if r.returncode != 74 or "error[E0802]: cannot write `" not in err:
                    problems.append("%s: exit %s: %s" % (where, r.returncode, err))
                else:
                    name = err.split("cannot write `", 1)[1].split("`", 1)[0]
                    if name not in names or "Input/output error" not in err:
                        problems.append("%s: reported %r, not a file it wrote: %s"
                                        % (where, name, err))
                if after != before:
                    diff = sorted(k for k in set(before) | set(after)
                                  if before.get(k) != after.get(k))
                    problems.append("%s: the directory was not rolled back: %s" % (where, diff))
            if failed < 3:
                problems.append("only %d renames were failed: the shim did not take" % failed)
            print("%s: failed each of %d renames" % (" ".join(targets) or "genesys-json", failed))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return problems


def test_concurrent():
    problems = []
    work = tempfile.mkdtemp(prefix="flowc-concurrent-")
    try:
        versions = {"v1": clean_build(work, V1, []), "v2": clean_build(work, V2, [])}
        for round in range(6):
            run = os.path.join(work, "run%d" % round)
            for name, files in (("v1", V1), ("v2", V2)):
                write(os.path.join(run, name), {k[2:]: v for k, v in files.items()})
            # Rounds 0-2: four builds of one version; rounds 3-5: both versions mixed.
            which = ["v2"] * 4 if round < 3 else ["v1", "v2", "v1", "v2"]
            env = dict(os.environ, NO_COLOR="1", FLOWC_CACHE_DIR=os.path.join(run, ".cache"))
            procs = [subprocess.Popen([FLOWC, "build", v, "-o", "out"], cwd=run, env=env,
                                      stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE) for v in which]
            for p in procs:
                out, err = p.communicate(timeout=120)
                if p.returncode != 0:
                    problems.append("round %d: a build exited %s: %s" % (round, p.returncode, err))
            after = snapshot(os.path.join(run, "out"))
            if after not in versions.values():
                problems.append("round %d: the directory is no complete build: %s"
                                % (round, sorted(after)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems


def test_sigint():
    problems = []
    work = tempfile.mkdtemp(prefix="flowc-sigint-")
    try:
        write(work, V1)
        r = flowc(work, ["build", "v", "-o", "out"])
        assert r.returncode == 0, r.stderr
        before = snapshot(os.path.join(work, "out"))
        big = b"".join(b'inbound flow F%d {\n    play "Flow %d.";\n    hangup;\n}\n' % (i, i)
                       for i in range(40000))
        write(work, {"big/big.flow": big})
        env = dict(os.environ, NO_COLOR="1", FLOWC_CACHE_DIR=os.path.join(work, ".cache"))
        p = subprocess.Popen([FLOWC, "build", "big", "-o", "out", "-j", "1"], cwd=work, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        # Interrupted once generation has begun: its first temporary is in the directory.
        deadline = time.monotonic() + 120
        while p.poll() is None and time.monotonic() < deadline:
            if any(MARKER in name for name in os.listdir(os.path.join(work, "out"))):
                break
            time.sleep(0.005)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
        after = snapshot(os.path.join(work, "out"))
        if p.returncode != -signal.SIGINT:
            problems.append("exit %s after SIGINT, not killed by it: %s" % (p.returncode, err))
        if after != before:
            problems.append("the output directory changed: the build went on to its commit "
                            "(%d files now, %d before)" % (len(after), len(before)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems


def main():
    tests = {"kill": test_kill, "fail": test_fail, "concurrent": test_concurrent,
             "sigint": test_sigint}
    wanted = sys.argv[1:] or list(tests)
    failures = 0
    for name in wanted:
        problems = tests[name]()
        for p in problems[:20]:
            print("FAIL %s: %s" % (name, p))
        print("%s: %s" % (name, "FAILED (%d)" % len(problems) if problems else "ok"))
        failures += bool(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
