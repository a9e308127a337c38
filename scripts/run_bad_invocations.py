#!/usr/bin/env python3
"""Runs the bad-invocation corpus (Tests/CLITests/BadInvocations/cases.tsv)
against a built tda, as BadInvocationCorpusTests does against the debug
build, with a time limit per case so that a hang is reported, not waited for.

    python3 scripts/run_bad_invocations.py [.build/release/tda] [--timeout 60]

Each case must exit with its status, print nothing on stdout and exactly one
line on stderr that starts with "tda: " and holds the expected text. Prints
one line per failing case and a summary; exit status 1 when any case fails.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
folder = os.path.join(root, "Tests", "CLITests", "BadInvocations")


def cases():
    with open(os.path.join(folder, "cases.tsv"), encoding="utf-8") as f:
        for number, raw in enumerate(f.read().split("\n"), start=1):
            line = raw.strip(" ")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t", 2)
            if len(fields) != 3:
                raise SystemExit(f"cases.tsv line {number} is not 'status<TAB>message<TAB>arguments'")
            yield number, int(fields[0]), fields[1], fields[2].split(" ")


def main():
    args = sys.argv[1:]
    timeout = 60.0
    if "--timeout" in args:
        k = args.index("--timeout")
        timeout = float(args[k + 1])
        del args[k:k + 2]
    tda = os.path.abspath(args[0] if args else os.path.join(root, ".build", "release", "tda"))
    files = os.path.join(folder, "files")
    failures, count, slowest = [], 0, (0.0, "")
    for number, status, message, words in cases():
        count += 1
        tmp = tempfile.mkdtemp(prefix="tda-bad-")
        argv = [w.replace("{files}", files).replace("{tmp}", tmp) for w in words]
        what = f"cases.tsv line {number}: tda {' '.join(words)}"
        start = time.monotonic()
        try:
            run = subprocess.run([tda] + argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            failures.append(f"{what}: no answer within {timeout:g} s (a hang)")
            continue
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        elapsed = time.monotonic() - start
        if elapsed > slowest[0]:
            slowest = (elapsed, what)
        err = run.stderr.decode("utf-8", "replace")
        lines = [l for l in err.split("\n") if l]
        problems = []
        if run.returncode != status:
            problems.append(f"exit {run.returncode}, expected {status}" + (" (killed by a signal)" if run.returncode < 0 else ""))
        if run.stdout:
            problems.append(f"stdout not empty ({len(run.stdout)} bytes)")
        if len(lines) != 1:
            problems.append(f"{len(lines)} stderr lines, expected 1")
        if not err.startswith("tda: "):
            problems.append("stderr does not start with 'tda: '")
        if message not in err:
            problems.append(f"'{message}' not in stderr")
        if problems:
            failures.append(f"{what}: {'; '.join(problems)}: {err.strip()[:300]!r}")
    for f in failures:
        print(f)
    print(f"{count} cases, {len(failures)} failed; slowest {slowest[0]:.2f} s ({slowest[1]})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
