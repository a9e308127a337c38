#!/usr/bin/env bash
# Builds tda-fuzz (libFuzzer + AddressSanitizer) and runs every harness for
# FUZZ_SECONDS seconds each on a copy of its committed seed corpus.
#
#   bash Fuzz/run-fuzzers.sh [SECONDS] [--ci] [HARNESS...]
#
# Exit status: 0 when every harness ran clean; 1 when a harness found a
# crash, a sanitizer report or an untyped error (the input is kept in
# Fuzz/artifacts/), or when the package's fuzz build fails although the
# toolchain can build fuzzers. With --ci a toolchain that cannot build a
# libFuzzer binary at all (no -sanitize=fuzzer) is reported and skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=60
ci=0
harnesses=()
for a in "$@"; do
    case "$a" in
        --ci) ci=1 ;;
        ''|*[!0-9]*) harnesses+=("$a") ;;
        *) seconds="$a" ;;
    esac
done
all=(point-cloud lower-distance distance npy off barcode function pipeline signed-measure module)
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")
scratch=.build-fuzz

# 1. Can this toolchain build a libFuzzer binary at all?
probe=$(mktemp -d)
cat > "$probe/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput") public func f(_ p: UnsafeRawPointer, _ n: Int) -> CInt { 0 }
SWIFT
if ! (cd "$probe" && swiftc -parse-as-library -sanitize=fuzzer,address probe.swift -o probe >probe.log 2>&1); then
    echo "fuzz: this toolchain cannot build libFuzzer binaries (swiftc -sanitize=fuzzer,address failed):"
    sed 's/^/  /' "$probe/probe.log" | head -5
    rm -rf "$probe"
    if [ $ci -eq 1 ]; then echo "fuzz: skipped (toolchain), not a test failure"; exit 0; fi
    exit 1
fi
rm -rf "$probe"

# 2. The command line's sources without their @main, so the harness can
#    call the batch pipeline parser and tda's own readers in-process.
rm -rf Fuzz/Generated && mkdir -p Fuzz/Generated
for f in Sources/tda/*.swift; do sed '/^@main$/d' "$f" > "Fuzz/Generated/$(basename "$f")"; done
if grep -q '^@main' Fuzz/Generated/*.swift; then echo "fuzz: could not remove @main from Sources/tda"; exit 1; fi

# 3. Build: release (-O) with TDA_FUZZ set, so Package.swift drops the hot
#    modules' -Ounchecked: Swift's overflow and bounds checks stay on (a
#    wrapped size is a crash the fuzzer reports), and swift-argument-parser
#    skips the self-checks its debug builds run on every parse (they made a
#    pipeline input cost ~130 ms: 4,540 runs in 10 minutes). -g keeps the
#    stack traces symbolized. The coverage kind is explicit: with
#    --sanitize=fuzzer alone SwiftPM's builds here came out without
#    coverage counters (libFuzzer then mutates blind).
coverage="-Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table -Xswiftc -g"
echo "fuzz: building tda-fuzz in $scratch"
mkdir -p "$scratch"
if ! TDA_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address --scratch-path "$scratch" --product tda-fuzz $coverage \
        > "$scratch/fuzz-build.log" 2>&1; then
    echo "fuzz: the fuzz build of the package failed (the toolchain builds fuzzers, so this is the code's fault):"
    grep -E "error" "$scratch/fuzz-build.log" | head -20
    exit 1
fi
binary="$scratch/release/tda-fuzz"

# An incremental fuzz build sometimes comes out without coverage
# instrumentation (../shared/TOOLING.md); a clean rebuild fixes it.
covered() {
    local probe; probe=$(mktemp -d)
    local out; out=$(TDA_FUZZ_HARNESS=barcode "$binary" "$probe" Fuzz/corpus/barcode -runs=2000 -detect_leaks=0 2>&1)
    rm -rf "$probe"
    case "$out" in *"cov: "*) return 0 ;; *) return 1 ;; esac
}
if ! covered; then
    echo "fuzz: the build has no coverage instrumentation; rebuilding $scratch from scratch"
    rm -rf "$scratch" && mkdir -p "$scratch"
    if ! TDA_FUZZ=1 swift build -c release --sanitize=fuzzer --sanitize=address --scratch-path "$scratch" --product tda-fuzz $coverage \
            > "$scratch/fuzz-build.log" 2>&1; then
        echo "fuzz: the clean fuzz build failed:"; grep -E "error" "$scratch/fuzz-build.log" | head -20; exit 1
    fi
fi

# 4. Run each harness.
mkdir -p Fuzz/artifacts
status=0
for h in "${harnesses[@]}"; do
    work=$(mktemp -d)
    log="$work/log"
    # A pipeline spec is a command line: 512 bytes (the harness ignores longer ones).
    max_len=4096
    [ "$h" = pipeline ] && max_len=512
    TDA_FUZZ_HARNESS="$h" ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1" "$binary" "$work" "Fuzz/corpus/$h" \
        -max_total_time="$seconds" -timeout=20 -max_len="$max_len" -rss_limit_mb=2048 -malloc_limit_mb=1024 -detect_leaks=0 \
        -artifact_prefix="Fuzz/artifacts/$h-" -print_final_stats=1 > "$log" 2>&1
    rc=$?
    runs=$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        echo "fuzz: $h FOUND A PROBLEM (exit $rc):"
        grep -E "ERROR|error|Fatal|untyped|bad message|SUMMARY|Test unit written" "$log" | head -15
        status=1
    elif [ -z "$cov" ]; then
        # Seen once with this toolchain: a build without coverage; not a finding.
        echo "fuzz: WARNING: $h printed no coverage (an uninstrumented build?): rm -rf $scratch and rebuild"
    else
        echo "fuzz: $h clean: ${runs:-?} runs in ${seconds} s, $cov"
    fi
    rm -rf "$work"
done
exit $status
