import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `tda-bench rips [--repeat N] [--big] [--all]`: times `tda barcode` against
/// Ripser (the C++ original, if a `ripser` binary is on PATH or in $RIPSER),
/// ripser.py, giotto-ph (1 and 2 threads) and GUDHI's RipsPersistence on the
/// data sets of ../shared/data, and prints medians and ratios.
///
/// Our times are wall-clock times of the whole `tda` process (start, parse,
/// compute, print), memory its peak resident set. The Python anchors' times
/// are of the computation alone (data already loaded, imports done), which
/// favours them; Ripser's are its whole process, like ours.
enum RipsBench {
    struct Case {
        var name: String
        var file: String
        var arguments: [String]      // for tda barcode
        var ripserArguments: [String]
        var pythonLoad: String       // numpy expression for the input
        var distanceMatrix: Bool
        var maxDim: Int
        var threshold: Double?
    }

    static let cases: [Case] = [
        Case(name: "sphere_3_192", file: "sphere_3_192.lower_distance_matrix",
             arguments: ["--input", "lower-distance", "--max-dim", "2"], ripserArguments: ["--dim", "2"],
             pythonLoad: "lower(path)", distanceMatrix: true, maxDim: 2, threshold: nil),
        Case(name: "o3_1024", file: "o3_1024.txt", arguments: ["--max-dim", "3", "--threshold", "1.8"],
             ripserArguments: ["--format", "point-cloud", "--dim", "3", "--threshold", "1.8"],
             pythonLoad: "np.loadtxt(path)", distanceMatrix: false, maxDim: 3, threshold: 1.8),
        Case(name: "dragon 1000", file: "dragon_vrip.ply.txt_1000_.txt", arguments: ["--max-dim", "1"],
             ripserArguments: ["--format", "point-cloud", "--dim", "1"],
             pythonLoad: "np.loadtxt(path)", distanceMatrix: false, maxDim: 1, threshold: nil),
    ]

    static let bigCases: [Case] = [
        Case(name: "o3_4096", file: "o3_4096.txt", arguments: ["--max-dim", "3", "--threshold", "1.4"],
             ripserArguments: ["--format", "point-cloud", "--dim", "3", "--threshold", "1.4"],
             pythonLoad: "np.loadtxt(path)", distanceMatrix: false, maxDim: 3, threshold: 1.4),
    ]

    static let extraCases: [Case] = [
        Case(name: "random16", file: "random16.lower_distance_matrix",
             arguments: ["--input", "lower-distance", "--max-dim", "7"], ripserArguments: ["--dim", "7"],
             pythonLoad: "lower(path)", distanceMatrix: true, maxDim: 7, threshold: nil),
        Case(name: "clifford_50000", file: "clifford_torus_50000.points.txt",
             arguments: ["--max-dim", "2", "--threshold", "0.15"],
             ripserArguments: ["--format", "point-cloud", "--dim", "2", "--threshold", "0.15"],
             pythonLoad: "np.loadtxt(path)", distanceMatrix: false, maxDim: 2, threshold: 0.15),
    ]

    /// The Python side: one anchor, one case; prints `time counts...`.
    static let pythonScript = """
    import sys, time, numpy as np
    which, path, load, dm, maxdim, thresh = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == '1', int(sys.argv[5]), float(sys.argv[6])
    def lower(p):
        v = np.array([float(x) for x in open(p).read().replace(',', ' ').split()])
        n = int((1 + (1 + 8 * len(v)) ** 0.5) / 2); M = np.zeros((n, n)); M[np.tril_indices(n, -1)] = v; return M + M.T
    X = eval(load)
    if which == 'ripser.py':
        import ripser
        t = time.perf_counter(); r = ripser.ripser(X, maxdim=maxdim, thresh=thresh, distance_matrix=dm); dg = r['dgms']
    elif which.startswith('giotto-ph'):
        from gph import ripser_parallel
        k = int(which[-1]); t = time.perf_counter()
        dg = ripser_parallel(X, maxdim=maxdim, thresh=thresh, metric='precomputed' if dm else 'euclidean', n_threads=k)['dgms']
    else:
        from gudhi.sklearn.rips_persistence import RipsPersistence
        t = time.perf_counter()
        rp = RipsPersistence(homology_dimensions=list(range(maxdim + 1)), threshold=thresh, homology_coeff_field=2,
                             input_type='lower distance matrix' if dm else 'point cloud', n_jobs=1)
        dg = rp.fit_transform([np.tril(X) if dm else X])[0]
    elapsed = time.perf_counter() - t
    print(elapsed, *[len(d) for d in dg])
    """

    struct Measurement {
        var seconds: Double
        var megabytes: Double?
        var counts: [Int]
    }

    /// Runs a process, returning its wall time, peak RSS and standard output.
    static func spawn(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                      timeout: Double = 600) throws -> (seconds: Double, megabytes: Double, output: String) {
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("tda-bench-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        guard posix_spawnp(&pid, path, &actions, nil, argv, envp) == 0 else {
            throw BenchError("cannot start \(path)")
        }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Date().timeIntervalSince(start)
        guard status == 0 else { throw BenchError("\(path) exited with status \(status)") }
        _ = timeout
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        return (seconds, Double(usage.ru_maxrss) / 1024, output)
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? .nan : s[s.count / 2]
    }

    static func countsFromCSV(_ text: String, maxDim: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: maxDim + 1)
        for line in text.split(separator: "\n").dropFirst() {
            if let d = Int(line.prefix { $0 != "," }), d <= maxDim { counts[d] += 1 }
        }
        return counts
    }

    static func countsFromRipser(_ text: String, maxDim: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: maxDim + 1)
        var dim = -1
        for line in text.split(separator: "\n") {
            if line.hasPrefix("persistence intervals in dim ") {
                dim = Int(line.dropFirst("persistence intervals in dim ".count).dropLast()) ?? -1
            } else if line.hasPrefix(" ["), dim >= 0, dim <= maxDim {
                counts[dim] += 1
            }
        }
        return counts
    }

    static func run(_ args: [String]) throws {
        var repeats = 3
        var selected = cases
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--repeat": i += 1; repeats = max(1, Int(args[safe: i] ?? "") ?? 3)
            case "--big": selected += bigCases
            case "--all": selected += bigCases + extraCases
            default: throw BenchError("unknown option \(args[i]) (--repeat N, --big, --all)")
            }
            i += 1
        }
        guard let dataDir = locateSharedData() else {
            print("tda-bench rips: ../shared/data not found (it holds the public benchmark data); skipping.")
            return
        }
        let tda = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tda").path
        guard FileManager.default.isExecutableFile(atPath: tda) else {
            throw BenchError("\(tda) not found: build it with `swift build -c release --product tda`")
        }
        let ripser = ProcessInfo.processInfo.environment["RIPSER"] ?? which("ripser")
        let python = which("python3")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("tda-bench-rips.py")
        try pythonScript.write(to: script, atomically: true, encoding: .utf8)
        print("Rips barcodes, median of \(repeats) runs (seconds; peak memory in MB where measured)")
        print("ours-1: tda barcode, TDA_THREADS=1 --collapse never; ours: default (2 threads, collapse rule)")
        print("Ripser: \(ripser ?? "not found (set RIPSER=/path/to/ripser)")")
        print("")
        let anchors = ["ripser.py", "giotto-ph 1", "giotto-ph 2", "gudhi"]
        var header = ["data", "ours-1", "Ripser", "ours-1/Ripser", "ours"]
        header += anchors + ["best anchor", "ours/best"]
        var rows: [[String]] = [header]
        for c in selected {
            let path = dataDir.appendingPathComponent(c.file).path
            guard FileManager.default.fileExists(atPath: path) else {
                print("skipping \(c.name): \(path) is missing"); continue
            }
            let csvArgs = ["barcode", path, "--output-format", "csv"] + c.arguments
            var single: [Double] = [], singleMB: [Double] = [], multi: [Double] = []
            var ourCounts: [Int] = []
            for _ in 0..<repeats {
                let a = try spawn(tda, csvArgs + ["--collapse", "never"], environment: ["TDA_THREADS": "1"])
                single.append(a.seconds); singleMB.append(a.megabytes)
                ourCounts = countsFromCSV(a.output, maxDim: c.maxDim)
                let b = try spawn(tda, csvArgs)
                multi.append(b.seconds)
                if countsFromCSV(b.output, maxDim: c.maxDim) != ourCounts {
                    print("WARNING \(c.name): default mode and single-threaded mode disagree on bar counts")
                }
            }
            var ripserCell = "n/a", ratioCell = "n/a"
            if let ripser {
                var times: [Double] = [], mbs: [Double] = []
                do {
                    for _ in 0..<repeats {
                        let r = try spawn(ripser, c.ripserArguments + [path])
                        times.append(r.seconds); mbs.append(r.megabytes)
                        let counts = countsFromRipser(r.output, maxDim: c.maxDim)
                        if counts != ourCounts { print("WARNING \(c.name): Ripser counts \(counts), ours \(ourCounts)") }
                    }
                    ripserCell = String(format: "%.2f (%.0f MB)", median(times), median(mbs))
                    ratioCell = String(format: "%.2fx, %.2fx mem", median(single) / median(times), median(singleMB) / median(mbs))
                } catch { ripserCell = "failed" }
            }
            var anchorTimes: [String: Double] = [:]
            var anchorCells: [String] = []
            for anchor in anchors {
                guard let python else { anchorCells.append("no python3"); continue }
                var times: [Double] = []
                var failure: String?
                for _ in 0..<repeats {
                    do {
                        let r = try spawn(python, [script.path, anchor, path, c.pythonLoad, c.distanceMatrix ? "1" : "0",
                                                   String(c.maxDim), c.threshold.map { String($0) } ?? "inf"])
                        let fields = r.output.split(whereSeparator: \.isWhitespace)
                        guard let t = fields.first.flatMap({ Double($0) }) else { failure = "no output"; break }
                        times.append(t)
                        let counts = fields.dropFirst().compactMap { Int($0) }
                        if counts != ourCounts { print("WARNING \(c.name): \(anchor) counts \(counts), ours \(ourCounts)") }
                    } catch {
                        failure = "n/a"
                        break
                    }
                }
                if let failure { anchorCells.append(failure); continue }
                anchorTimes[anchor] = median(times)
                anchorCells.append(String(format: "%.2f", median(times)))
            }
            if let ripser, ripserCell != "failed", ripserCell != "n/a" {
                _ = ripser
                anchorTimes["Ripser"] = Double(ripserCell.prefix { $0 != " " })
            }
            let best = anchorTimes.min { $0.value < $1.value }
            rows.append([c.name, String(format: "%.2f (%.0f MB)", median(single), median(singleMB)), ripserCell, ratioCell,
                         String(format: "%.2f", median(multi))] + anchorCells
                        + [best.map { String(format: "%.2f (%@)", $0.value, $0.key) } ?? "n/a",
                           best.map { String(format: "%.2fx", median(multi) / $0.value) } ?? "n/a"])
        }
        printTable(rows)
    }

    static func printTable(_ rows: [[String]]) {
        guard let first = rows.first else { return }
        var widths = first.map(\.count)
        for r in rows { for (k, cell) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.count) } }
        for (n, r) in rows.enumerated() {
            print("| " + r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: " | ") + " |")
            if n == 0 { print("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|") }
        }
    }

    static func locateSharedData() -> URL? {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("../shared/data").standardized
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("o3_1024.txt").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
