import Foundation
import SwiftTDA

/// `tda-bench io`: the text readers' speed (MB/s on one core, bytes already
/// in memory, best of 7: the machine is shared, and the fastest run is the
/// one least disturbed) against numpy.loadtxt on the same files, and
/// `tda vectorize` on 2,000 barcode CSVs of 200 bars as a whole process
/// against GUDHI with numpy.loadtxt (loading, fit and transform, timed in
/// the interpreter), both in the same run.
enum IOBench {
    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

    /// Seconds of the fastest of `repeats` runs.
    static func seconds(repeats: Int = 7, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<repeats { times.append(try VectorizeBench.time(body).1) }
        return times.min() ?? .nan
    }

    static let pythonLoad = """
    import sys, time, numpy as np
    kind, path, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        if kind == "barcodes":
            for line in open(path).read().split():
                np.loadtxt(line, delimiter=",", skiprows=1)
        elif kind == "lower":
            np.fromstring(open(path).read().replace("\\n", ","), sep=",")
        elif kind == "whitespace":
            np.loadtxt(path)
        else:
            np.loadtxt(path, delimiter=",", skiprows=1 if kind == "header" else 0)
        times.append(time.perf_counter() - t)
    print("seconds", min(times))
    """

    static let pythonVectorize = """
    import sys, time
    t0 = time.perf_counter()
    import numpy as np
    from gudhi.representations import Landscape, PersistenceImage
    t1 = time.perf_counter()
    method, listing = sys.argv[1], sys.argv[2]
    files = open(listing).read().split()
    t = time.perf_counter()
    diagrams = []
    for f in files:
        a = np.loadtxt(f, delimiter=",", skiprows=1, ndmin=2)
        a = a[(a[:, 0] == 1) & np.isfinite(a[:, 2])][:, 1:]
        diagrams.append(a)
    v = Landscape() if method == "landscape" else PersistenceImage(bandwidth=0.1)
    X = v.fit_transform(diagrams)
    print("seconds", time.perf_counter() - t)
    print("imports", t1 - t0)
    """

    static func run(_ args: [String]) throws {
        let fileCount = VectorizeBench.intOption(args, "--files") ?? 2000
        let barCount = VectorizeBench.intOption(args, "--bars") ?? 200
        let dir = FileManager.default.temporaryDirectory.path + "/tda-bench-io-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func write(_ name: String, _ text: String) throws -> (path: String, bytes: [UInt8]) {
            let path = dir + "/" + name
            let bytes = Array(text.utf8)
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
            return (path, bytes)
        }
        var rng = SeededGenerator(seed: 10)

        // The barcode files: 200 bars in H1 (shortest round-trip numbers, as tda writes them), one essential H0 bar.
        let diagrams = VectorizeBench.diagrams(count: fileCount, bars: barCount, seed: 2026)
        var barcodeFiles: [String] = [], barcodeBytes: [[UInt8]] = []
        for (k, d) in diagrams.enumerated() {
            let csv = Barcode(bars: [[Bar(birth: 0, death: .infinity)], d]).csv
            let f = try write("b\(k).csv", csv)
            barcodeFiles.append(f.path); barcodeBytes.append(f.bytes)
        }
        let barcodeTotal = barcodeBytes.reduce(0) { $0 + $1.count }
        let listing = try write("barcodes.txt", barcodeFiles.joined(separator: "\n") + "\n").path

        // One file per other reader.
        var cloud = "x,y,z\n"
        for _ in 0..<200_000 { cloud += "\(Double.random(in: -1...1, using: &rng)),\(Double.random(in: -1...1, using: &rng)),\(Double.random(in: -1...1, using: &rng))\n" }
        let cloudFile = try write("cloud.csv", cloud)
        var whitespace = ""
        for _ in 0..<200_000 { whitespace += String(format: "%.6f %.6f %.6f\n", Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng)) }
        let whitespaceFile = try write("cloud.txt", whitespace)
        let n = 1200
        let points = (0..<(n * 2)).map { _ in Double.random(in: 0..<1, using: &rng) }
        func dist(_ i: Int, _ j: Int) -> Double { hypot(points[2 * i] - points[2 * j], points[2 * i + 1] - points[2 * j + 1]) }
        var lower = ""
        for i in 1..<n { lower += (0..<i).map { dist(i, $0).description }.joined(separator: ",") + "\n" }
        let lowerFile = try write("d.lower_distance_matrix", lower)
        var full = ""
        for i in 0..<n { full += (0..<n).map { String(format: "%.6g", dist(i, $0)) }.joined(separator: " ") + "\n" }
        let fullFile = try write("d.distance_matrix", full)
        var measure = "x1,x2,weight\n"
        for _ in 0..<200_000 { measure += "\(Double.random(in: 0..<1, using: &rng)),\(Double.random(in: 0..<1, using: &rng)),\(Int(rng.next() % 5) - 2)\n" }
        let measureFile = try write("mu.csv", measure)

        print("tda-bench io: readers on one core (bytes in memory, best of 7), numpy.loadtxt on the same files (best of 3)")
        print("")
        var rows: [[String]] = [["reader", "file", "MB", "SwiftTDA MB/s", "numpy MB/s", "ratio"]]
        func row(_ reader: String, _ what: String, bytes: Int, _ seconds: Double, numpyKind: String?, path: String) {
            var numpy = "-", ratio = "-"
            if let numpyKind, let out = VectorizeBench.python(pythonLoad, args: [numpyKind, path, "3"]),
               let t = VectorizeBench.parseTimes(out)["seconds"] {
                numpy = VectorizeBench.fmt(Double(bytes) / t / 1e6, 1)
                ratio = VectorizeBench.fmt(t / seconds, 1) + "x"
            }
            rows.append([reader, what, VectorizeBench.fmt(Double(bytes) / 1e6, 1),
                         VectorizeBench.fmt(Double(bytes) / seconds / 1e6, 1), numpy, ratio])
        }
        let tBarcodes = try seconds { for b in barcodeBytes { _ = try Barcode(csvBytes: b) } }
        row("Barcode(csvBytes:)", "\(fileCount) files x \(barCount) bars", bytes: barcodeTotal, tBarcodes, numpyKind: "barcodes", path: listing)
        let tCloud = try seconds { _ = try PointCloud(textBytes: cloudFile.bytes) }
        row("PointCloud(textBytes:)", "200k x 3, header, shortest", bytes: cloudFile.bytes.count, tCloud, numpyKind: "header", path: cloudFile.path)
        let tWhite = try seconds { _ = try PointCloud(textBytes: whitespaceFile.bytes) }
        row("PointCloud(textBytes:)", "200k x 3, spaces, %.6f", bytes: whitespaceFile.bytes.count, tWhite, numpyKind: "whitespace", path: whitespaceFile.path)
        let tLower = try seconds { _ = try DistanceMatrix(lowerTriangularBytes: lowerFile.bytes) }
        row("DistanceMatrix(lowerTriangularBytes:)", "\(n) points", bytes: lowerFile.bytes.count, tLower, numpyKind: "lower", path: lowerFile.path)
        let tFull = try seconds { _ = try DistanceMatrix(fullBytes: fullFile.bytes) }
        row("DistanceMatrix(fullBytes:)", "\(n) x \(n), %.6g", bytes: fullFile.bytes.count, tFull, numpyKind: "whitespace", path: fullFile.path)
        let tMeasure = try seconds { _ = try SignedMeasure(csvBytes: measureFile.bytes, parameterCount: 2) }
        row("SignedMeasure(csvBytes:)", "200k atoms", bytes: measureFile.bytes.count, tMeasure, numpyKind: "header", path: measureFile.path)
        printTable(rows)

        // Whole-process vectorize against GUDHI + numpy.loadtxt.
        let tda = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tda").path
        guard FileManager.default.isExecutableFile(atPath: tda) else {
            print("\n(\(tda) not found: build it with `swift build -c release --product tda` for the vectorize rows)")
            return
        }
        print("")
        print("tda vectorize on \(fileCount) barcode CSVs of \(barCount) bars (\(VectorizeBench.fmt(Double(barcodeTotal) / 1e6, 1)) MB), whole process, median of 5, in the same run;")
        print("GUDHI: numpy.loadtxt per file + fit_transform, timed in the interpreter after its imports")
        var vrows: [[String]] = [["method", "output", "ours, 1 thread", "ours, all cores", "GUDHI + loadtxt", "ratio 1 thread", "ratio all cores"]]
        for (method, extra) in [("landscape", [String]()), ("image", ["--bandwidth", "0.1"])] {
            var gudhi: [Double] = []
            for _ in 0..<5 {
                if let out = VectorizeBench.python(pythonVectorize, args: [method, listing]), let t = VectorizeBench.parseTimes(out)["seconds"] {
                    gudhi.append(t)
                }
            }
            let g = gudhi.isEmpty ? Double.nan : median(gudhi)
            // GUDHI's time has no output written; ours writes CSV (1M shortest
            // round-trip numbers for the landscapes) or NPY.
            for format in ["csv", "npy"] {
                let arguments = ["vectorize"] + barcodeFiles + ["--method", method] + extra
                    + ["--output-format", format, "--output", dir + "/out." + format]
                var one: [Double] = [], all: [Double] = []
                for _ in 0..<5 {
                    one.append(try RipsBench.spawn(tda, arguments, environment: ["TDA_THREADS": "1"]).seconds)
                    all.append(try RipsBench.spawn(tda, arguments).seconds)
                }
                vrows.append([method, format, VectorizeBench.fmt(median(one)) + " s", VectorizeBench.fmt(median(all)) + " s",
                              gudhi.isEmpty ? "-" : VectorizeBench.fmt(g) + " s",
                              gudhi.isEmpty ? "-" : VectorizeBench.fmt(median(one) / g, 2),
                              gudhi.isEmpty ? "-" : VectorizeBench.fmt(median(all) / g, 2)])
            }
        }
        printTable(vrows)
    }

    static func printTable(_ rows: [[String]]) {
        guard let first = rows.first else { return }
        let widths = (0..<first.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for r in rows {
            print(r.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
    }
}
