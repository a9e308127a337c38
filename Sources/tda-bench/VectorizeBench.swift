import Foundation
import PointClouds
import SwiftTDA

/// `tda-bench vectorize` and `tda-bench bottleneck`: SwiftTDA against
/// gudhi.representations / gudhi.bottleneck_distance on the same diagrams,
/// GUDHI run through python3 in the same session; prints times, ratios and
/// the largest difference between the two outputs.
enum VectorizeBench {
    /// Deterministic random diagrams: births uniform in [0, 1), persistences
    /// exponential with mean 0.3.
    static func diagrams(count: Int, bars: Int, seed: UInt64) -> [[Bar]] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<bars).map { _ in
                let b = rng.uniform()
                return Bar(birth: b, death: b - 0.3 * log(1 - rng.uniform()))
            }
        }
    }

    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let r = try body()
        return (r, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = BenchBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.value = .success(try await body()) } catch { box.value = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let v = box.value else { throw BenchError("task ended without a result") }
        return try v.get()
    }

    /// `TDA_THREADS` or all cores, as the library reads it.
    static var threads: Int { ParallelTasks.defaultWorkers }

    /// Writes diagrams as one (count, bars, 2) float64 .npy for Python.
    static func writeNPY(_ ds: [[Bar]], to path: String) throws {
        let bars = ds.first?.count ?? 0
        let values = ds.flatMap { $0.flatMap { [$0.birth, $0.death] } }
        let bytes = NPYArray(shape: [ds.count, bars, 2], values: values).encoded()
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
    }

    /// Runs a Python snippet; nil (with a message) if python3 or gudhi is missing.
    static func python(_ script: String, args: [String]) -> String? {
        let dir = FileManager.default.temporaryDirectory.path
        let path = dir + "/tda-bench-\(getpid()).py"
        FileManager.default.createFile(atPath: path, contents: Data(script.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [ProcessInfo.processInfo.environment["TDA_BENCH_PYTHON"] ?? "python3", path] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        do { try p.run() } catch {
            print("  (skipping the GUDHI side: cannot run python3: \(error))")
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: errData, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            print("  (skipping the GUDHI side: python3 failed: \(msg))")
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func parseTimes(_ text: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = Double(parts[1]) { out[String(parts[0])] = v }
        }
        return out
    }

    static func maxRelativeDifference(_ a: [[Double]], _ b: NPYArray) -> Double {
        let flat = a.flatMap { $0 }
        guard flat.count == b.values.count else { return .infinity }
        var worst = 0.0
        let scale = Swift.max(1e-300, b.values.map(abs).max() ?? 0)
        for (x, y) in zip(flat, b.values) { worst = Swift.max(worst, abs(x - y) / Swift.max(abs(y), 1e-12 * scale)) }
        return worst
    }

    static func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

    // MARK: vectorize

    static func runVectorize(_ args: [String]) throws {
        let count = intOption(args, "--diagrams") ?? 10_000, bars = intOption(args, "--bars") ?? 200
        let ds = diagrams(count: count, bars: bars, seed: 2026)
        let jobs = threads
        print("vectorize: \(count) diagrams x \(bars) bars; landscape with GUDHI's defaults (5 x 100, learned range), image 20 x 20 with bandwidth 0.1 (learned window); GUDHI single-threaded Python, SwiftTDA on 1 and \(jobs) threads (TDA_THREADS)")
        let dir = FileManager.default.temporaryDirectory.path + "/tda-bench-vec-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeNPY(ds, to: dir + "/diagrams.npy")
        if args.contains("--atol-wasserstein-only") { return try runAtolWasserstein(args, dir: dir) }
        defer { try? runAtolWasserstein(args, dir: dir) }

        let methods: [(String, any Vectorizer)] = [
            ("landscape", Landscape()),                 // 5 landscapes x 100, learned range
            ("image", PersistenceImage(bandwidth: 0.1)), // 20 x 20
        ]
        var swift: [String: (one: Double, many: Double, rows: [[Double]])] = [:]
        for (name, v0) in methods {
            var v = v0
            let (_, t1) = try time { try v.fit(ds); return try v.transform(ds) }
            let fitted = v
            let (rows, tn) = try time { () -> [[Double]] in
                var w = fitted
                try w.fit(ds)
                let ww = w
                return try blocking { try await ww.transform(ds, jobs: jobs) }
            }
            swift[name] = (t1, tn, rows)
        }
        let script = """
        import sys, time, numpy as np
        from gudhi.representations import Landscape, PersistenceImage
        X = list(np.load(sys.argv[1] + "/diagrams.npy"))
        for name, est in [("landscape", Landscape()), ("image", PersistenceImage(bandwidth=0.1))]:
            t = time.perf_counter(); out = est.fit_transform(X); t = time.perf_counter() - t
            np.save(sys.argv[1] + "/" + name + ".npy", out)
            print(name, t)
        try:
            from persim import PersistenceImager
            from persim.landscapes import PersLandscapeApprox
            sub = X[:1000]
            t = time.perf_counter()
            [PersLandscapeApprox(dgms=[d], hom_deg=0, num_steps=100) for d in sub]
            print("persim-landscape", (time.perf_counter() - t) * len(X) / len(sub))
            t = time.perf_counter()
            pim = PersistenceImager(pixel_size=0.1, kernel_params={"sigma": [[0.01, 0.0], [0.0, 0.01]]})
            pim.fit(sub); pim.transform(sub)
            print("persim-image", (time.perf_counter() - t) * len(X) / len(sub))
        except Exception:
            pass
        """
        let gudhi = python(script, args: [dir]).map(parseTimes) ?? [:]
        print("method       Swift 1 thr   Swift \(jobs) thr   GUDHI        GUDHI/Swift(1)  GUDHI/Swift(\(jobs))  max rel diff")
        for (name, _) in methods {
            guard let s = swift[name] else { continue }
            var line = name.padding(toLength: 13, withPad: " ", startingAt: 0)
                + (fmt(s.one) + " s").padding(toLength: 14, withPad: " ", startingAt: 0)
                + (fmt(s.many) + " s").padding(toLength: 15, withPad: " ", startingAt: 0)
            if let g = gudhi[name] {
                let ref = try? NPYArray(bytes: FileInput.bytes(atPath: dir + "/\(name).npy"))
                line += (fmt(g) + " s").padding(toLength: 13, withPad: " ", startingAt: 0)
                    + (fmt(g / s.one, 1) + "x").padding(toLength: 16, withPad: " ", startingAt: 0)
                    + (fmt(g / s.many, 1) + "x").padding(toLength: 16, withPad: " ", startingAt: 0)
                    + (ref.map { String(format: "%.1e", maxRelativeDifference(s.rows, $0)) } ?? "?")
            } else {
                line += "(no GUDHI)"
            }
            print(line)
        }
        if let pl = gudhi["persim-landscape"], let pi = gudhi["persim-image"], let l = swift["landscape"], let im = swift["image"] {
            print("persim (own conventions, numbers differ; timed on 1,000 diagrams, scaled to \(count)): "
                  + "PersLandscapeApprox \(fmt(pl, 1)) s (\(fmt(pl / l.one, 0))x SwiftTDA 1 thread), "
                  + "PersistenceImager \(fmt(pi, 1)) s (\(fmt(pi / im.one, 0))x)")
        }
    }

    // MARK: bottleneck

    static func runBottleneck(_ args: [String]) throws {
        let count = intOption(args, "--diagrams") ?? 200, bars = intOption(args, "--bars") ?? 200
        let gudhiCount = args.contains("--full") ? count : Swift.min(count, intOption(args, "--gudhi-diagrams") ?? 30)
        let ds = diagrams(count: count, bars: bars, seed: 7)
        let jobs = threads
        let pairs = (0..<count).flatMap { i in ((i + 1)..<count).map { (i, $0) } }
        print("bottleneck (exact, e=0): \(count) diagrams x \(bars) bars, \(pairs.count) pairs; SwiftTDA on 1 and \(jobs) threads")
        let dir = FileManager.default.temporaryDirectory.path + "/tda-bench-bn-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeNPY(Array(ds.prefix(gudhiCount)), to: dir + "/diagrams.npy")
        let subPairs = pairs.filter { $0.1 < gudhiCount }
        let (_, t1) = time { subPairs.map { bottleneckDistance(ds[$0.0], ds[$0.1]) } }
        let (all, tn) = try time { try blocking { try await ParallelMap.map(pairs, jobs: jobs) { bottleneckDistance(ds[$0.0], ds[$0.1]) } } }
        let script = """
        import sys, time, numpy as np, gudhi
        X = list(np.load(sys.argv[1] + "/diagrams.npy"))
        n = len(X); out = []
        t = time.perf_counter()
        for i in range(n):
            for j in range(i + 1, n):
                out.append(gudhi.bottleneck_distance(X[i], X[j], e=0))
        t = time.perf_counter() - t
        np.save(sys.argv[1] + "/bottleneck.npy", np.array(out))
        print("bottleneck", t)
        """
        let perPair1 = t1 / Double(subPairs.count), perPairN = tn / Double(pairs.count)
        print("SwiftTDA: 1 thread \(fmt(perPair1 * 1e3, 3)) ms/pair (\(subPairs.count) pairs); \(jobs) threads: \(fmt(tn)) s for all \(pairs.count) pairs, \(fmt(perPairN * 1e3, 3)) ms/pair")
        guard let g = python(script, args: [dir]).map(parseTimes)?["bottleneck"] else { return }
        let perPairG = g / Double(subPairs.count)
        var same = 0
        if let ref = try? NPYArray(bytes: FileInput.bytes(atPath: dir + "/bottleneck.npy")) {
            var k = 0
            for (idx, p) in pairs.enumerated() where p.1 < gudhiCount {
                if k < ref.values.count && all[idx] == ref.values[k] { same += 1 }
                k += 1
            }
        }
        print("GUDHI bottleneck_distance(e=0): \(fmt(g)) s for \(subPairs.count) pairs (the first \(gudhiCount) diagrams), \(fmt(perPairG * 1e3, 3)) ms/pair; all \(pairs.count) pairs would take ~\(fmt(perPairG * Double(pairs.count), 0)) s")
        print("ratio GUDHI/SwiftTDA per pair: \(fmt(perPairG / perPair1, 1))x on 1 thread, \(fmt(perPairG / perPairN, 1))x on \(jobs) threads; identical values: \(same)/\(subPairs.count)")
    }

    static func intOption(_ args: [String], _ name: String) -> Int? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return Int(args[i + 1])
    }

    static func stringOption(_ args: [String], _ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

final class BenchBox<T>: @unchecked Sendable {
    var value: Result<T, Error>?
}
