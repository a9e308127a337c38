import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `tda-bench rips [--repeat N] [--big] [--all] [--timeout S]`: times
/// `tda barcode` against Ripser and the other anchors on the data sets of
/// ../shared/data, and prints medians and ratios.
///
/// - ours-1: the release `tda barcode` next to this executable with
///   `TDA_THREADS=1 --collapse never` (Ripser's setting: one thread, no
///   edge collapse); ours: its default (all cores, collapse by the measured
///   rule).
/// - Ripser: the C++ original if a `ripser` binary is on PATH or in
///   $RIPSER; otherwise ripser.py (Ripser's C++ core behind Python) stands
///   in for it.
/// - giotto-ph `ripser_parallel` with 1 and 2 threads (collapse_edges off,
///   its default), GUDHI's `gudhi.sklearn.rips_persistence.RipsPersistence`
///   (automatic edge collapse, Z/2; its default field is Z/11).
///
/// Our times are wall-clock times of the whole `tda` process (start, parse,
/// compute, print), memory its peak resident set (`wait4`'s rusage). The
/// Python anchors' times are of the computation alone (data already loaded,
/// imports done), which favours them; their peak memory includes the
/// interpreter and numpy (the import-only baseline is printed). Every run's
/// bar counts per dimension are compared with ours; a difference prints a
/// warning. A failing or timed-out anchor shows `n/a` and the reason.
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

    struct ProcessError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a process to completion (or kills it after `timeout` seconds),
    /// returning its wall time, peak RSS and standard output; a failure
    /// carries the last line of its standard error.
    static func spawn(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                      timeout: Double = 600) throws -> (seconds: Double, megabytes: Double, output: String) {
        let tmp = FileManager.default.temporaryDirectory
        let outURL = tmp.appendingPathComponent("tda-bench-\(UUID().uuidString).out")
        let errURL = tmp.appendingPathComponent("tda-bench-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_TRUNC, 0o644)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawnp(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw ProcessError(description: "cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        // Poll every millisecond: wait4 with WNOHANG still reports the child's rusage.
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw ProcessError(description: "wait4 failed for \(path)") }
            if Date().timeIntervalSince(start) > timeout {
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                timedOut = true
                break
            }
            usleep(1000)
        }
        let seconds = Date().timeIntervalSince(start)
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        if timedOut { throw ProcessError(description: "timed out after \(Int(timeout)) s") }
        guard status == 0 else {
            let errText = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            let last = errText.split(separator: "\n").last.map(String.init) ?? ""
            let signal = status & 0x7f
            let how = signal == 0 ? "exit status \((status >> 8) & 0xff)" : "signal \(signal)"
            throw ProcessError(description: "\(how)\(last.isEmpty ? "" : ": " + String(last.prefix(100)))")
        }
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

    /// Median time and memory of `repeats` runs of one anchor on one case,
    /// or the reason it failed; warns when its bar counts differ from ours.
    static func measureAnchor(_ anchor: String, python: String?, ripser: String?, script: String,
                              case c: Case, path: String, repeats: Int, timeout: Double,
                              ourCounts: [Int]) -> Result<(seconds: Double, megabytes: Double), ProcessError> {
        var times: [Double] = [], mbs: [Double] = []
        for _ in 0..<repeats {
            do {
                if anchor == "Ripser" {
                    guard let ripser else { return .failure(ProcessError(description: "no ripser binary")) }
                    let r = try spawn(ripser, c.ripserArguments + [path], timeout: timeout)
                    times.append(r.seconds); mbs.append(r.megabytes)
                    let counts = countsFromRipser(r.output, maxDim: c.maxDim)
                    if counts != ourCounts { print("WARNING \(c.name): Ripser counts \(counts), ours \(ourCounts)") }
                } else {
                    guard let python else { return .failure(ProcessError(description: "no python3")) }
                    let r = try spawn(python, [script, anchor, path, c.pythonLoad, c.distanceMatrix ? "1" : "0",
                                               String(c.maxDim), c.threshold.map { String($0) } ?? "inf"],
                                      timeout: timeout)
                    let fields = r.output.split(whereSeparator: \.isWhitespace)
                    guard let t = fields.first.flatMap({ Double($0) }) else {
                        return .failure(ProcessError(description: "no output"))
                    }
                    times.append(t); mbs.append(r.megabytes)
                    let counts = fields.dropFirst().compactMap { Int($0) }
                    if counts != ourCounts { print("WARNING \(c.name): \(anchor) counts \(counts), ours \(ourCounts)") }
                }
            } catch let error as ProcessError {
                return .failure(error)
            } catch {
                return .failure(ProcessError(description: "\(error)"))
            }
        }
        return .success((median(times), median(mbs)))
    }

    static func run(_ args: [String]) throws {
        var repeats = 3
        var timeout = 600.0
        var selected = cases
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--repeat": i += 1; repeats = max(1, Int(args[safe: i] ?? "") ?? 3)
            case "--timeout": i += 1; timeout = max(1, Double(args[safe: i] ?? "") ?? 600)
            case "--big": selected += bigCases
            case "--all": selected += bigCases + extraCases
            default: throw BenchError("unknown option \(args[i]) (--repeat N, --timeout S, --big, --all)")
            }
            i += 1
        }
        guard let dataDir = locateSharedData() else {
            print("tda-bench rips: ../shared/data not found (from the current directory or the package root); skipping.")
            return
        }
        let tda = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tda").path
        guard FileManager.default.isExecutableFile(atPath: tda) else {
            throw BenchError("\(tda) not found: build it with `swift build -c release --product tda`")
        }
        let ripser = ProcessInfo.processInfo.environment["RIPSER"] ?? which("ripser")
        let python = which("python3")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("tda-bench-rips-\(getpid()).py")
        try pythonScript.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        // Ripser's column: the C++ binary, or ripser.py standing in for it.
        let ripserAnchor = ripser == nil ? "ripser.py" : "Ripser"
        let anchors = (ripser == nil ? [] : ["ripser.py"]) + ["giotto-ph 1", "giotto-ph 2", "gudhi"]
        print("Rips barcodes, median of \(repeats) runs (seconds; peak memory in MB where shown), data from \(dataDir.path)")
        print("ours-1: tda barcode, TDA_THREADS=1 --collapse never; ours: default (\(ProcessInfo.processInfo.activeProcessorCount) threads, collapse rule)")
        print("Ripser column: " + (ripser.map { "the C++ binary \($0)" }
            ?? "ripser.py standing in for Ripser (no ripser binary on PATH or in $RIPSER); computation only"))
        var pythonBaselineMB = 0.0
        if let python, let base = try? spawn(python, ["-c", "import numpy, ripser, gph, gudhi"], timeout: 120) {
            pythonBaselineMB = base.megabytes
            print(String(format: "Python anchors' memory includes the interpreter and imports: %.0f MB with nothing computed", base.megabytes))
            if ripser == nil { print("(the memory ratio against ripser.py is against its peak minus that baseline)") }
        }
        print("Ratios are ours / anchor: below 1 means we are faster (or smaller).")
        print("")
        print("cocycles: ours-1 with --cocycles --output-format json (one thread, no collapse), and its ratio to ours-1")
        var rows: [[String]] = [["data", "run", "ours-1", "Ripser", "ours-1/Ripser", "ours"]
                                + anchors + ["best anchor", "ours/best", "cocycles", "cocycles/ours-1"]]
        for c in selected {
            let path = dataDir.appendingPathComponent(c.file).path
            guard FileManager.default.fileExists(atPath: path) else {
                print("skipping \(c.name): \(path) is missing"); continue
            }
            let runLabel = "dim \(c.maxDim)" + (c.threshold.map { ", t \($0)" } ?? "")
            let csvArgs = ["barcode", path, "--output-format", "csv"] + c.arguments
            var single: [Double] = [], singleMB: [Double] = [], multi: [Double] = [], multiMB: [Double] = []
            var withCocycles: [Double] = [], withCocyclesMB: [Double] = []
            var ourCounts: [Int] = []
            do {
                for _ in 0..<repeats {
                    let a = try spawn(tda, csvArgs + ["--collapse", "never"], environment: ["TDA_THREADS": "1"], timeout: timeout)
                    single.append(a.seconds); singleMB.append(a.megabytes)
                    // Interleaved with ours-1, so the ratio sees the same machine load.
                    let jsonArgs = ["barcode", path, "--output-format", "json", "--cocycles", "--collapse", "never"] + c.arguments
                    let k = try spawn(tda, jsonArgs, environment: ["TDA_THREADS": "1"], timeout: timeout)
                    withCocycles.append(k.seconds); withCocyclesMB.append(k.megabytes)
                    ourCounts = countsFromCSV(a.output, maxDim: c.maxDim)
                    let b = try spawn(tda, csvArgs, timeout: timeout)
                    multi.append(b.seconds); multiMB.append(b.megabytes)
                    let counts = countsFromCSV(b.output, maxDim: c.maxDim)
                    if counts != ourCounts {
                        print("WARNING \(c.name): default mode counts \(counts), single-threaded no-collapse \(ourCounts)")
                    }
                }
            } catch {
                print("\(c.name): tda barcode failed: \(error)")
                rows.append([c.name, runLabel, "failed"] + Array(repeating: "", count: rows[0].count - 3))
                continue
            }
            var anchorTimes: [String: Double] = [:]
            func cell(_ anchor: String) -> (String, (seconds: Double, megabytes: Double)?) {
                switch measureAnchor(anchor, python: python, ripser: ripser, script: script.path, case: c, path: path,
                                     repeats: repeats, timeout: timeout, ourCounts: ourCounts) {
                case .success(let m):
                    anchorTimes[anchor] = m.seconds
                    return (String(format: "%.2f (%.0f MB)", m.seconds, m.megabytes), m)
                case .failure(let error):
                    return ("n/a (\(error.description))", nil)
                }
            }
            let (ripserCell, ripserM) = cell(ripserAnchor)
            let ratioCell = ripserM.map {
                let anchorMB = ripser == nil ? max(1, $0.megabytes - pythonBaselineMB) : $0.megabytes
                return String(format: "%.2fx, %.2fx mem", median(single) / $0.seconds, median(singleMB) / anchorMB)
            } ?? "n/a"
            let anchorCells = anchors.map { cell($0).0 }
            let best = anchorTimes.min { $0.value < $1.value }
            rows.append([c.name, runLabel, String(format: "%.2f (%.0f MB)", median(single), median(singleMB)),
                         ripserCell, ratioCell, String(format: "%.2f (%.0f MB)", median(multi), median(multiMB))]
                        + anchorCells
                        + [best.map { String(format: "%.2f (%@)", $0.value, $0.key) } ?? "n/a",
                           best.map { String(format: "%.2fx", median(multi) / $0.value) } ?? "n/a",
                           String(format: "%.2f (%.0f MB)", median(withCocycles), median(withCocyclesMB)),
                           String(format: "%.2fx", median(withCocycles) / median(single))])
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

    /// ../shared/data (the public benchmark data), looked for from the
    /// current directory and its parents, then from the package root (this
    /// source file's location at build time).
    static func locateSharedData() -> URL? {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for start in [URL(fileURLWithPath: FileManager.default.currentDirectoryPath), packageRoot] {
            var dir = start
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("../shared/data").standardized
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("o3_1024.txt").path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
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
