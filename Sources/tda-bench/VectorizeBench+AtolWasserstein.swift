import Foundation
import SwiftTDA

/// The Atol and Wasserstein rows of `tda-bench vectorize`: compute only
/// (in-process, one thread) and whole process (`tda vectorize` /
/// `tda distance` on barcode CSVs against a Python script that loads the
/// same CSVs with numpy), against gudhi.representations.Atol (scikit-learn
/// KMeans), gudhi.wasserstein (POT, exact) and gudhi.hera (delta 0.01).
/// `TDA_BENCH_PYTHON` names the interpreter (GUDHI 3.13 with POT).
extension VectorizeBench {
    static func runAtolWasserstein(_ args: [String], dir: String) throws {
        let atolCount = intOption(args, "--atol-diagrams") ?? 1_000, bars = intOption(args, "--bars") ?? 200
        let k = intOption(args, "--clusters") ?? 8
        let pairCount = intOption(args, "--pairs") ?? 50
        let ds = diagrams(count: atolCount, bars: bars, seed: 2027)
        let ws = diagrams(count: 2 * pairCount, bars: bars, seed: 2028)
        try writeNPY(ds, to: dir + "/atol.npy")
        try writeNPY(ws, to: dir + "/wasserstein.npy")
        let fileCount = intOption(args, "--files") ?? 500, distFiles = intOption(args, "--distance-files") ?? 20
        let csvDir = dir + "/csv"
        try FileManager.default.createDirectory(atPath: csvDir, withIntermediateDirectories: true)
        for (i, d) in ds.prefix(fileCount).enumerated() {
            try Barcode(bars: [[], d]).csv.write(toFile: csvDir + "/a\(i).csv", atomically: false, encoding: .utf8)
        }
        for (i, d) in ws.prefix(distFiles).enumerated() {
            try Barcode(bars: [[], d]).csv.write(toFile: csvDir + "/w\(i).csv", atomically: false, encoding: .utf8)
        }
        let variants: [(name: String, q: Double, p: Double)] = [("W1-inf", 1, .infinity), ("W2-2", 2, 2), ("W1-1", 1, 1)]
        print("\nAtol: \(atolCount) diagrams x \(bars) bars, \(k) centres (k-means, 10 runs); Wasserstein: \(pairCount) pairs of \(bars) bars; one thread")

        // Python first: its Atol centres are handed to SwiftTDA for the equality check.
        let script = """
        import sys, time, glob, numpy as np
        from sklearn.cluster import KMeans
        from gudhi.representations import Atol
        from gudhi.wasserstein import wasserstein_distance
        import gudhi.hera as hera
        d = sys.argv[1]; k = int(sys.argv[2]); nf = int(sys.argv[3]); nd = int(sys.argv[4])
        X = list(np.load(d + "/atol.npy"))
        t = time.perf_counter()
        atol = Atol(quantiser=KMeans(n_clusters=k, random_state=0, n_init=10))
        out = atol.fit_transform(X)
        print("atol", time.perf_counter() - t)
        np.save(d + "/atol_out.npy", out); np.save(d + "/atol_centers.npy", atol.centers); np.save(d + "/atol_inertias.npy", atol.inertias)
        W = list(np.load(d + "/wasserstein.npy"))
        for name, q, p in (("W1-inf", 1., np.inf), ("W2-2", 2., 2.), ("W1-1", 1., 1.)):
            t = time.perf_counter(); v = [wasserstein_distance(W[2 * i], W[2 * i + 1], order=q, internal_p=p) for i in range(len(W) // 2)]
            print(name, time.perf_counter() - t); np.save(d + "/" + name + ".npy", np.array(v))
            t = time.perf_counter(); [hera.wasserstein_distance(W[2 * i], W[2 * i + 1], order=q, internal_p=p) for i in range(len(W) // 2)]
            print("hera-" + name, time.perf_counter() - t)
        # Whole process: load the CSVs as a user would, then the same computation.
        t = time.perf_counter()
        files = [d + "/csv/a%d.csv" % i for i in range(nf)]
        Y = [np.loadtxt(f, delimiter=",", skiprows=1, ndmin=2)[:, 1:] for f in files]
        Atol(quantiser=KMeans(n_clusters=k, random_state=0, n_init=10)).fit_transform(Y)
        print("whole-atol", time.perf_counter() - t)
        t = time.perf_counter()
        Z = [np.loadtxt(d + "/csv/w%d.csv" % i, delimiter=",", skiprows=1, ndmin=2)[:, 1:] for i in range(nd)]
        [[wasserstein_distance(Z[i], Z[j], order=2., internal_p=2.) for j in range(i + 1, nd)] for i in range(nd)]
        print("whole-W2-2", time.perf_counter() - t)
        """
        let py = python(script, args: [dir, "\(k)", "\(fileCount)", "\(distFiles)"]).map(parseTimes) ?? [:]

        // Atol, compute only: our own seeded k-means, then with GUDHI's centres.
        var atol = Atol(clusters: k, seed: 0)
        let (ours, tAtol) = try time { () -> [[Double]] in try atol.fit(ds); return try atol.transform(ds) }
        _ = ours
        var line = "atol (own k-means)      Swift \(fmt(tAtol)) s"
        if let g = py["atol"] { line += "   GUDHI \(fmt(g)) s   ratio \(fmt(g / tAtol, 1))x" }
        print(line)
        if let c = try? NPYArray(bytes: FileInput.bytes(atPath: dir + "/atol_centers.npy")),
           let s = try? NPYArray(bytes: FileInput.bytes(atPath: dir + "/atol_inertias.npy")),
           let ref = try? NPYArray(bytes: FileInput.bytes(atPath: dir + "/atol_out.npy")) {
            let centers = (0..<(c.values.count / 2)).map { [c.values[2 * $0], c.values[2 * $0 + 1]] }
            let given = try Atol(centers: centers, inertias: s.values)
            let (rows, tGiven) = try time { try given.transform(ds) }
            print("atol (GUDHI's centres)  Swift transform \(fmt(tGiven)) s   max rel diff to GUDHI \(String(format: "%.1e", maxRelativeDifference(rows, ref)))")
        }
        // Wasserstein variants, compute only.
        for v in variants {
            let (values, t) = try time { try (0..<pairCount).map { try wassersteinDistance(ws[2 * $0], ws[2 * $0 + 1], order: v.q, internalP: v.p) } }
            var row = "\(v.name.padding(toLength: 8, withPad: " ", startingAt: 0)) exact  Swift \(fmt(t / Double(pairCount) * 1e3)) ms/pair"
            if let g = py[v.name] {
                row += "   POT \(fmt(g / Double(pairCount) * 1e3)) ms/pair (ratio \(fmt(g / t, 2))x)"
                if let ref = try? NPYArray(bytes: FileInput.bytes(atPath: dir + "/\(v.name).npy")) {
                    row += "   max rel diff \(String(format: "%.1e", maxRelativeDifference([values], ref)))"
                }
            }
            if let h = py["hera-" + v.name] { row += "   hera(delta 0.01) \(fmt(h / Double(pairCount) * 1e3)) ms/pair" }
            print(row)
        }
        // Whole processes, one thread.
        let tda = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tda").path
        guard FileManager.default.isExecutableFile(atPath: tda) else { print("(no tda binary beside tda-bench: whole-process rows skipped)"); return }
        func wall(_ arguments: [String]) throws -> Double {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: tda)
            p.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["TDA_THREADS"] = "1"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try p.run(); p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw BenchError("tda \(arguments.prefix(3)) failed") }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let atolFiles = (0..<Swift.min(fileCount, ds.count)).map { csvDir + "/a\($0).csv" }
        let wAtol = try wall(["vectorize"] + atolFiles + ["--method", "atol", "--clusters", "\(k)", "--dim", "1"])
        let wFiles = (0..<Swift.min(distFiles, ws.count)).map { csvDir + "/w\($0).csv" }
        let wDist = try wall(["distance"] + wFiles + ["--metric", "wasserstein:2", "--internal-p", "2"])
        var w1 = "whole process: tda vectorize --method atol on \(atolFiles.count) CSVs \(fmt(wAtol)) s"
        if let g = py["whole-atol"] { w1 += " vs numpy.loadtxt + GUDHI Atol \(fmt(g)) s (ratio \(fmt(g / wAtol, 1))x)" }
        print(w1)
        var w2 = "whole process: tda distance --metric wasserstein:2 --internal-p 2 on \(wFiles.count) CSVs (\(wFiles.count * (wFiles.count - 1) / 2) pairs) \(fmt(wDist)) s"
        if let g = py["whole-W2-2"] { w2 += " vs numpy.loadtxt + POT \(fmt(g)) s (ratio \(fmt(g / wDist, 2))x)" }
        print(w2)
    }
}
