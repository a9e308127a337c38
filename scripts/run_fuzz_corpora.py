#!/usr/bin/env python3
"""Runs libFuzzer corpora (Fuzz/corpus/<harness>/, or the folders a fuzz run
grew) through the built tda command line, so that a release build (whose hot
modules are compiled -Ounchecked, unlike the fuzz build) meets the same bad
inputs as the in-process harnesses.

    python3 scripts/run_fuzz_corpora.py [--tda .build/release/tda] [--timeout 30] HARNESS=DIR...
    python3 scripts/run_fuzz_corpora.py module=Fuzz/corpus/module pipeline=/tmp/pipeline-corpus

Every run must end with exit 0, or exit 1 or 2 with exactly one stderr line
starting "tda: ", within the time limit; a signal, a longer message or a hang
is reported. Exit status 1 when any input fails.
"""
import os
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Per harness: the command lines an input file meets ({f} the file, {tmp} a fresh folder).
COMMANDS = {
    "point-cloud": [["barcode", "{f}", "--max-dim", "2", "--memory-limit", "200"]],
    "function": [["barcode", "{f}", "--max-dim", "1", "--memory-limit", "200"]],
    "lower-distance": [["barcode", "{f}", "--input", "lower-distance", "--max-dim", "2", "--memory-limit", "200"]],
    "distance": [["barcode", "{f}", "--input", "distance", "--max-dim", "1", "--memory-limit", "200"]],
    "off": [["barcode", "{f}", "--input", "off", "--complex", "alpha", "--max-dim", "2"]],
    "npy": [["barcode", "{f}", "--input", "npy", "--max-dim", "1", "--memory-limit", "200"],
            ["barcode", "{f}", "--input", "npy", "--complex", "cubical", "--max-dim", "1"]],
    "barcode": [["vectorize", "{f}", "--method", "landscape", "--resolution", "10"],
                ["distance", "{f}", "{f}", "--metric", "wasserstein"],
                ["plot", "{f}", "--out", "{tmp}/p.svg"]],
    "signed-measure": [["vectorize", "{f}", "--method", "convolution", "--resolution", "5"],
                       ["plot", "{f}", "--kind", "signed-measure", "--out", "{tmp}/p.svg"]],
    "module": [["vectorize", "{f}", "--method", "mma-image", "--resolution", "4"],
               ["vectorize", "{f}", "--method", "mma-landscape", "--resolution", "4", "--num-landscapes", "2"],
               ["plot", "{f}", "--kind", "module", "--out", "{tmp}/p.svg"]],
    # The spec is the file's text; one small point cloud goes through it.
    "pipeline": [["batch", "{tmp}/cloud.csv", "--out", "{tmp}/out", "--jobs", "1", "--pipeline", "{text}"]],
}

CLOUD = "0,0\n1,0\n0,1\n1,1\n0.5,0.4\n"


def main():
    args = sys.argv[1:]
    tda = os.path.join(root, ".build", "release", "tda")
    timeout = 30.0
    pairs = []
    k = 0
    while k < len(args):
        if args[k] == "--tda":
            tda = args[k + 1]; k += 2; continue
        if args[k] == "--timeout":
            timeout = float(args[k + 1]); k += 2; continue
        name, _, folder = args[k].partition("=")
        if name not in COMMANDS or not folder:
            raise SystemExit(f"expected HARNESS=DIR with HARNESS one of {', '.join(COMMANDS)}; got {args[k]}")
        pairs.append((name, folder))
        k += 1
    tda = os.path.abspath(tda)
    failures, count = [], 0
    env = dict(os.environ, TDA_MEMORY_LIMIT="200")
    for name, folder in pairs:
        for entry in sorted(os.listdir(folder)):
            path = os.path.join(folder, entry)
            if not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                data = f.read()
            for template in COMMANDS[name]:
                tmp = tempfile.mkdtemp(prefix="tda-corpus-")
                with open(os.path.join(tmp, "cloud.csv"), "w") as f:
                    f.write(CLOUD)
                text = data.decode("utf-8", "replace").replace("\x00", "")
                argv = [w.replace("{f}", path).replace("{tmp}", tmp) if w != "{text}" else text for w in template]
                count += 1
                what = f"{name}/{entry}: tda {' '.join(template[:3])}"
                try:
                    run = subprocess.run([tda] + argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, env=env)
                except subprocess.TimeoutExpired:
                    failures.append(f"{what}: no answer within {timeout:g} s")
                    shutil.rmtree(tmp, ignore_errors=True)
                    continue
                shutil.rmtree(tmp, ignore_errors=True)
                err = run.stderr.decode("utf-8", "replace")
                lines = [l for l in err.split("\n") if l]
                if run.returncode < 0:
                    failures.append(f"{what}: killed by signal {-run.returncode}: {err.strip()[:300]!r}")
                elif run.returncode not in (0, 1, 2):
                    failures.append(f"{what}: exit {run.returncode}: {err.strip()[:300]!r}")
                elif run.returncode != 0 and name != "pipeline" and (len(lines) != 1 or not err.startswith("tda: ")):
                    failures.append(f"{what}: exit {run.returncode} with {len(lines)} stderr lines: {err.strip()[:300]!r}")
                elif run.returncode != 0 and name == "pipeline" and not err.startswith("tda"):
                    failures.append(f"{what}: exit {run.returncode}, stderr {err.strip()[:300]!r}")
    for f in failures:
        print(f)
    print(f"{count} runs, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
