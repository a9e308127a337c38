import Foundation
import SwiftTDA

/// `tda-bench multi`: signed measures of Rips-codensity bifiltrations of noisy
/// annuli (200, 500, 1,000 points; bandwidth 0.2; expansion 2; threshold the
/// enclosing radius, multipers' default), the Euler measure of the
/// alpha-codensity bifiltration and the MMA of the Rips-codensity one (557
/// lines, degrees 0-2), whole `tda signed-measure` / `tda mma` processes
/// against multipers 2.3.2's whole pipeline (KDE, Rips, its edge collapse,
/// expansion, `signed_measure` or `module_approximation`), both run here by
/// `scripts/bench_multipers.py`.
///
/// The annuli are made by `tda generate noisy-annulus --seed 1` (two thirds
/// uniform on 1 <= r <= 2, one third uniform on [-2.2, 2.2]^2, as
/// `multipers.data.noisy_annulus`). Times are one run each (the anchor takes
/// the median of three when a run is under 5 s); memory is the peak resident
/// set of our process (wait4's rusage), the Swift runtime's ~21 MB included.
/// Atom counts are printed beside each other: the exact-grid cells must agree;
/// on regular grids ours are taken from the full complex's values, multipers'
/// from the collapsed complex's, so the grids and counts may differ a little.
enum MultiBench {
    struct Cell {
        var key: String          // the anchor script's cell letter
        var name: String
        var arguments: [String]
        var command = "signed-measure"
    }

    static let cells = [
        Cell(key: "a", name: "Hilbert H0+H1 exact",
             arguments: ["--filtration", "rips-codensity", "--bandwidth", "0.2", "--threshold", "enclosing", "--degree", "0,1"]),
        Cell(key: "b", name: "Hilbert H1 100x100",
             arguments: ["--filtration", "rips-codensity", "--bandwidth", "0.2", "--threshold", "enclosing", "--degree", "1",
                         "--grid", "regular:100"]),
        Cell(key: "c", name: "rank H1 50x50",
             arguments: ["--filtration", "rips-codensity", "--bandwidth", "0.2", "--threshold", "enclosing", "--degree", "1",
                         "--invariant", "rank", "--grid", "regular:50"]),
        Cell(key: "d", name: "Euler alpha exact",
             arguments: ["--filtration", "alpha-codensity", "--bandwidth", "0.2", "--invariant", "euler"]),
        Cell(key: "e", name: "MMA 557 lines",
             arguments: ["--filtration", "rips-codensity", "--bandwidth", "0.2", "--threshold", "enclosing",
                         "--degrees", "0,1,2"], command: "mma"),
    ]

    static func run(_ args: [String]) throws {
        var sizes = [200, 500, 1000]
        var anchor = true
        var timeout = 1800.0
        var threads: String?
        var tdaPath: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--sizes":
                i += 1
                sizes = (args[safe: i] ?? "").split(separator: ",").compactMap { Int($0) }.filter { $0 >= 10 && $0 <= 100_000 }
                if sizes.isEmpty { throw BenchError("--sizes takes point counts, e.g. 200,500") }
            case "--no-anchor": anchor = false
            case "--threads": i += 1; threads = args[safe: i]
            case "--tda": i += 1; tdaPath = args[safe: i]
            case "--timeout": i += 1; timeout = max(1, Double(args[safe: i] ?? "") ?? 1800)
            default: throw BenchError("unknown option \(args[i]) (--sizes 200,500,1000, --threads N, --tda PATH, --no-anchor, --timeout S)")
            }
            i += 1
        }
        // --tda .build-static/release/tda measures `make release-static`'s build.
        let tda = tdaPath ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tda").path
        guard FileManager.default.isExecutableFile(atPath: tda) else {
            throw BenchError("\(tda) not found: build it with `swift build -c release --product tda`")
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = packageRoot.appendingPathComponent("scripts/bench_multipers.py").path
        let python = RipsBench.which("python3")
        var anchorNote = "multipers: python3 scripts/bench_multipers.py (one thread)"
        var importSeconds: Double?
        if anchor {
            if python == nil || !FileManager.default.fileExists(atPath: script) {
                anchor = false; anchorNote = "multipers: skipped (no python3 or no \(script))"
            } else if let started = try? RipsBench.spawn(python!, ["-c", "import multipers"], timeout: 120) {
                // Its pipeline is timed inside a running interpreter; a process starts with this.
                importSeconds = started.seconds
            } else {
                anchor = false; anchorNote = "multipers: skipped (pip install multipers==2.3.2 'gudhi==3.11.*' on Python 3.11)"
            }
        } else {
            anchorNote = "multipers: not run (--no-anchor)"
        }
        let ourThreads = threads ?? String(ProcessInfo.processInfo.activeProcessorCount)
        print("Signed measures of noisy annuli, whole processes (seconds, one run; our peak RSS in MB)")
        print("ours: tda signed-measure --threads \(ourThreads); \(anchorNote)")
        print("ratio = ours / multipers pipeline: below 0.5 meets the target (2x faster)")
        print("")
        var rows: [[String]] = [["points", "cell", "ours (process)", "multipers pipeline", "ratio",
                                 "ours in-process", "ratio", "multipers compute only", "atoms ours / multipers"]]
        let tmp = FileManager.default.temporaryDirectory
        // In-process runs come after every child process: a child spawned by
        // vfork reports the parent's peak resident set as part of its own.
        var later: [(row: Int, cell: Cell, n: Int, pipeline: Double?)] = []
        func path(_ n: Int) -> String { tmp.appendingPathComponent("tda-bench-annulus-\(n)-\(getpid()).csv").path }
        defer { for n in sizes { try? FileManager.default.removeItem(atPath: path(n)) } }
        for n in sizes {
            let file = path(n)
            _ = try RipsBench.spawn(tda, ["generate", "noisy-annulus", "--count", "\(n)", "--seed", "1", "--output", file])
            var anchorCells: [String: [String: Any]] = [:]
            if anchor, let python {
                do {
                    let r = try RipsBench.spawn(python, [script, file, "--threads", "1"], timeout: timeout * 4)
                    let json = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any]
                    anchorCells = json?["cells"] as? [String: [String: Any]] ?? [:]
                } catch {
                    print("multipers at \(n) points failed: \(error)")
                }
            }
            for cell in cells {
                let ours: (seconds: Double, megabytes: Double, output: String)
                do {
                    ours = try RipsBench.spawn(tda, [cell.command, file] + cell.arguments + ["--threads", ourThreads],
                                               timeout: timeout)
                } catch {
                    rows.append(["\(n)", cell.name, "failed: \(error)", "", "", "", ""])
                    continue
                }
                // Atoms, or for MMA summands (distinct degree,summand pairs of its CSV).
                let lines = ours.output.split(separator: "\n").filter { !$0.hasPrefix("x1") && !$0.hasPrefix("b1") && !$0.hasPrefix("degree") }
                let atoms = cell.command == "mma" ? Set(lines.map { $0.split(separator: ",").prefix(2).joined(separator: ",") }).count
                    : lines.count
                let theirs = anchorCells[cell.key]
                let pipeline = theirs?["pipeline_seconds"] as? Double
                let compute = theirs?["compute_seconds"] as? Double
                let theirAtoms = (theirs?["atoms"] as? [Int])?.reduce(0, +)
                rows.append(["\(n)", cell.name, String(format: "%.3f (%.0f MB)", ours.seconds, ours.megabytes),
                             pipeline.map { String(format: "%.3f", $0) } ?? "n/a",
                             pipeline.map { String(format: "%.2f", ours.seconds / $0) } ?? "n/a",
                             "", "", compute.map { String(format: "%.3f", $0) } ?? "n/a",
                             "\(atoms) / \(theirAtoms.map(String.init) ?? "n/a")"])
                later.append((rows.count - 1, cell, n, pipeline))
            }
        }
        for (row, cell, n, pipeline) in later {
            let t = (try? libraryPipeline(cell, file: path(n), threads: Int(ourThreads) ?? 1)) ?? .nan
            rows[row][5] = String(format: "%.3f", t)
            rows[row][6] = pipeline.map { String(format: "%.2f", t / $0) } ?? "n/a"
        }
        RipsBench.printTable(rows)
        print("")
        print("in-process: the same pipeline as library calls in this process (reading the CSV included; the")
        print("median of three runs when one takes under 5 s, as the anchor), against multipers' pipeline,")
        print("which is also timed inside its interpreter (numpy, gudhi and multipers already imported).")
        if let importSeconds {
            print(String(format: "a multipers process first spends %.2f s starting Python and importing multipers (`python3 -c 'import multipers'`).", importSeconds))
        }
        print("ours (process): \(tda)")
    }

    /// The cell's pipeline as library calls, in seconds (median of 3 when under 5 s).
    static func libraryPipeline(_ cell: Cell, file: String, threads: Int) throws -> Double {
        func once() throws -> Double {
            let start = Date()
            let cloud = try PointCloud(contentsOfFile: file)
            let codensity = try Density.gaussianCodensity(cloud, bandwidth: 0.2)
            let options = SignedMeasureOptions(threads: threads)
            switch cell.key {
            case "e":
                let distances = DistanceMatrix(cloud)
                let complex = try Bifiltration.functionRips(distances: distances, functions: [codensity],
                                                            threshold: distances.enclosingRadius, collapse: true)
                _ = try ModuleApproximation(complex, options: ModuleApproximationOptions(threads: threads))
            case "d":
                let complex = try Bifiltration.alphaFunction(points: cloud, function: codensity)
                _ = try SignedMeasure.euler(complex)
            default:
                let distances = DistanceMatrix(cloud)
                let t = distances.enclosingRadius
                let complex = try Bifiltration.functionRips(distances: distances, functions: [codensity], threshold: t,
                                                            collapse: true)
                let strategy: Grid.Strategy = cell.key == "a" ? .exact : .regular(cell.key == "b" ? 100 : 50)
                let grid = cell.key == "a" ? try Grid(for: complex, strategy: .exact)
                    : try Grid(distinctValues: Bifiltration.functionRipsValues(distances: distances, functions: [codensity],
                                                                               threshold: t), strategy: strategy)
                let squeezed = try SqueezedComplex(complex, grid: grid)
                if cell.key == "c" {
                    _ = try SignedMeasure.rank(squeezed, degree: 1, options: options)
                } else {
                    _ = try SignedMeasure.hilbert(squeezed, degrees: cell.key == "a" ? [0, 1] : [1], options: options)
                }
            }
            return Date().timeIntervalSince(start)
        }
        let first = try once()
        if first >= 5 { return first }
        return RipsBench.median([first, try once(), try once()])
    }
}
