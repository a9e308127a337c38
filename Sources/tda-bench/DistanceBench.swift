import Foundation
import SwiftTDA

/// `tda-bench distance [--sizes 200,5000,20000] [--repeat 3]`: diagram
/// distances at scale against the anchors in the same run: bottleneck
/// against `gudhi.bottleneck_distance` (default e, and e=0 where it is
/// quick), W1 and W2 (internal_p inf) against `gudhi.hera.wasserstein_distance`
/// (delta 0.01) and POT's exact `emd2` through `gudhi.wasserstein` (skipped
/// where its quadratic memory would not fit). Random diagrams as in
/// BENCHMARKS.md: births U(0,1), lengths Exp(0.1). Times are medians of the
/// repeats, one thread; the ratio column is the anchor's time over ours.
/// First, `tda distance` runs on the largest pair as a whole process, with
/// its peak memory.
enum DistanceBench {
    static func diagram(_ count: Int, seed: UInt64) -> [Bar] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let b = rng.uniform()
            return Bar(birth: b, death: b - 0.1 * log(1 - rng.uniform()))
        }
    }

    static func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

    static func run(_ args: [String]) throws {
        var sizes = [200, 5_000, 20_000]
        if let k = args.firstIndex(of: "--sizes"), k + 1 < args.count {
            sizes = args[k + 1].split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        }
        let repeats = Swift.max(1, VectorizeBench.intOption(args, "--repeat") ?? 3)
        let dir = FileManager.default.temporaryDirectory.path + "/tda-bench-dist-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        print("distance: pairs of random diagrams (births U(0,1), lengths Exp(0.1)); medians of \(repeats); one thread; ratio = anchor / ours")
        print("load: \(loadAverage())")
        let script = """
        import sys, time, numpy as np, gudhi, gudhi.hera
        from gudhi.wasserstein import wasserstein_distance
        d = sys.argv[1]; n = int(sys.argv[2]); reps = int(sys.argv[3])
        a = np.load(d + "/a%d.npy" % n); b = np.load(d + "/b%d.npy" % n)
        def med(f):
            ts = []
            for _ in range(reps):
                t = time.perf_counter(); v = f(); ts.append(time.perf_counter() - t)
            return sorted(ts)[len(ts) // 2], v
        t, v = med(lambda: gudhi.bottleneck_distance(a, b)); print("bottleneck", t); print("v-bottleneck", repr(float(v)))
        if n <= 2000:
            t, v = med(lambda: gudhi.bottleneck_distance(a, b, e=0)); print("bottleneck-e0", t); print("v-bottleneck-e0", repr(float(v)))
        for q in (1, 2):
            t, v = med(lambda: gudhi.hera.wasserstein_distance(a, b, order=q, internal_p=np.inf, delta=0.01))
            print("hera-W%d" % q, t); print("v-hera-W%d" % q, repr(float(v)))
            if n <= 5000:
                t, v = med(lambda: wasserstein_distance(a, b, order=q, internal_p=np.inf))
                print("pot-W%d" % q, t); print("v-pot-W%d" % q, repr(float(v)))
        """
        // First, before any Python child: the children's peak memory is then ours alone.
        if let n = sizes.max() { try wholeProcess(n, dir: dir) }
        print("bars    metric                 ours (s)   anchor                          anchor (s)  ratio   check")
        for n in sizes {
            let a = diagram(n, seed: UInt64(2 * n + 1)), b = diagram(n, seed: UInt64(2 * n + 2))
            try VectorizeBench.writeNPY([a], to: dir + "/a\(n).npy")
            try VectorizeBench.writeNPY([b], to: dir + "/b\(n).npy")
            // The anchor's (n, 2) arrays: drop the leading axis of one diagram.
            try reshape(dir + "/a\(n).npy", n); try reshape(dir + "/b\(n).npy", n)
            let py = VectorizeBench.python(script, args: [dir, "\(n)", "\(repeats)"]).map(VectorizeBench.parseTimes) ?? [:]
            func timed(_ body: () throws -> Double) rethrows -> (Double, Double) {
                var ts: [Double] = [], v = 0.0
                for _ in 0..<repeats { let (x, t) = try VectorizeBench.time(body); ts.append(t); v = x }
                return (v, median(ts))
            }
            func row(_ metric: String, _ ours: (Double, Double), _ anchor: String, _ key: String, check: (Double, Double) -> String) {
                var line = "\(pad("\(n)", 7)) \(pad(metric, 22)) \(pad(VectorizeBench.fmt(ours.1, 4), 10)) \(pad(anchor, 31))"
                if let t = py[key], let v = py["v-" + key] {
                    line += " \(pad(VectorizeBench.fmt(t, 4), 11)) \(pad(VectorizeBench.fmt(t / ours.1, 2) + "x", 7)) \(check(ours.0, v))"
                } else {
                    line += " n/a (skipped: quadratic memory or slow)"
                }
                print(line)
            }
            let bottleneck = timed { bottleneckDistance(a, b) }
            row("bottleneck (exact)", bottleneck, "gudhi.bottleneck_distance", "bottleneck") { x, y in "diff \(String(format: "%.1e", abs(x - y) / y))" }
            if py["bottleneck-e0"] != nil {
                row("bottleneck (exact)", bottleneck, "gudhi.bottleneck_distance e=0", "bottleneck-e0") { x, y in x == y ? "equal" : "DIFFERS \(x) vs \(y)" }
            }
            for q in [1.0, 2.0] {
                let w = try timed { try wassersteinDistance(a, b, order: q, internalP: .infinity, relativeError: 0.01) }
                let name = "W\(Int(q)) (rel. error 0.01)"
                row(name, w, "gudhi.hera delta 0.01", "hera-W\(Int(q))") { x, y in "ours/hera \(String(format: "%.5f", x / y))" }
                row(name, w, "POT exact (gudhi.wasserstein)", "pot-W\(Int(q))") { x, y in "error \(String(format: "%.1e", (x - y) / y)) (<= 1e-2)" }
            }
        }
    }

    /// Rewrites a (1, n, 2) .npy as (n, 2).
    static func reshape(_ path: String, _ n: Int) throws {
        let array = try NPYArray(bytes: FileInput.bytes(atPath: path))
        let bytes = NPYArray(shape: [n, 2], values: array.values).encoded()
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
    }

    /// `tda distance` (next to this binary) on the largest pair, as barcode
    /// CSVs: wall time and the child's peak resident memory.
    static func wholeProcess(_ n: Int, dir: String) throws {
        let tda = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tda").path
        guard FileManager.default.isExecutableFile(atPath: tda) else {
            print("whole process: n/a (no tda next to tda-bench; swift build -c release --product tda)")
            return
        }
        let a = diagram(n, seed: UInt64(2 * n + 1)), b = diagram(n, seed: UInt64(2 * n + 2))
        try Barcode(bars: [[], a]).csv.write(toFile: dir + "/a.csv", atomically: false, encoding: .utf8)
        try Barcode(bars: [[], b]).csv.write(toFile: dir + "/b.csv", atomically: false, encoding: .utf8)
        for metric in ["bottleneck", "wasserstein:1"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: tda)
            p.arguments = ["distance", dir + "/a.csv", dir + "/b.csv", "--metric", metric]
            p.standardOutput = Pipe()
            let (_, t) = try VectorizeBench.time { try p.run(); p.waitUntilExit() }
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            print("whole process: tda distance --metric \(metric) on two \(n)-bar CSVs: \(VectorizeBench.fmt(t, 3)) s, exit \(p.terminationStatus), peak RSS (largest tda child so far) \(usage.ru_maxrss / 1024) MB")
        }
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }
}
