import Foundation
import SwiftTDA

/// `tda-bench gaunt`: the Fourier Gaunt product against the direct Gaunt
/// product, the full Clebsch–Gordan product (dense, OpenBLAS) and e3nn's
/// CPU `FullTensorProduct` (float64, or float32 with --e3nn-float32; same thread count), on batches of
/// random features at L = 2, 4, 8, 16, 32 (product degree L).

enum GauntBench {
    static func run(_ args: [String]) throws {
        let batch = VectorizeBench.intOption(args, "--batch") ?? 1024
        let repeats = VectorizeBench.intOption(args, "--repeat") ?? 3
        let threads = VectorizeBench.intOption(args, "--threads") ?? 1
        let degrees = VectorizeBench.stringOption(args, "--degrees").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [2, 4, 8, 16, 32]
        let skipE3NN = args.contains("--no-e3nn")
        // e3nn builds its FullTensorProduct in about 50 s at L = 16 here; beyond, it takes too long.
        let e3nnMax = VectorizeBench.intOption(args, "--e3nn-max-degree") ?? 16
        // e3nn in float64 by default, like SwiftTDA here; --e3nn-float32 for its usual precision.
        let e3nnType = args.contains("--e3nn-float32") ? "float32" : "float64"
        print("Gaunt tensor products, batch \(batch), \(threads) thread(s), Double; times per product (median of \(repeats))")
        var e3nn: [Int: String] = [:]
        if !skipE3NN {
            for l in degrees {
                e3nn[l] = l <= e3nnMax ? e3nnTime(lmax: l, batch: batch, repeats: repeats, threads: threads, dtype: e3nnType)
                    : "not run above L = \(e3nnMax) (--e3nn-max-degree)"
            }
        }
        print("| L | Fourier | direct Gaunt | full CG (dense) | e3nn FullTensorProduct | direct / Fourier | CG / Fourier | e3nn / Fourier | max |Fourier - direct| |")
        print("|---|---|---|---|---|---|---|---|---|")
        var previous: Double?
        for l in degrees {
            let fourierOnly = args.contains("--fourier-only")
            let t = try GauntTiming.measure(lmax: l, batch: batch, repeats: repeats, threads: threads,
                                            includeDirect: !fourierOnly, includeClebschGordan: !fourierOnly)
            let e = e3nn[l].flatMap(Double.init)
            func us(_ s: Double?) -> String { s.map { String(format: "%.1f µs", $0 * 1e6) } ?? "n/a" }
            func ratio(_ s: Double?) -> String { s.map { String(format: "%.1fx", $0 / t.fourier) } ?? "n/a" }
            let eText = e.map { us($0) } ?? (skipE3NN ? "skipped" : "n/a (\(e3nn[l] ?? "?"))")
            let growth = previous.map { String(format: " (x%.1f)", t.fourier / $0) } ?? ""
            print("| \(l) | \(us(t.fourier))\(growth) | \(us(t.direct)) | \(us(t.clebschGordan)) (batch \(t.clebschGordanBatch)) | \(eText) | \(ratio(t.direct)) | \(ratio(t.clebschGordan)) | \(ratio(e)) | \(t.fourierDirectDifference.map { String(format: "%.1e", $0) } ?? "n/a") |")
            previous = t.fourier
        }
        print("(x..) after a Fourier time: its growth from the previous L; O(L^3) gives about 8x per doubling.")
    }

    /// e3nn's time per product, or a reason it could not run.
    static func e3nnTime(lmax: Int, batch: Int, repeats: Int, threads: Int, dtype: String) -> String {
        let script = """
            import sys, time
            try:
                import torch
                from e3nn import o3
            except Exception as e:
                print("skip e3nn/torch not installed"); sys.exit(0)
            torch.set_num_threads(\(threads))
            torch.set_default_dtype(torch.\(dtype))
            L = \(lmax); B = \(lmax >= 24 ? max(1, batch / 16) : batch)
            irreps = o3.Irreps([(1, (l, (-1) ** l)) for l in range(L + 1)])
            tp = o3.FullTensorProduct(irreps, irreps, filter_ir_out=[o3.Irrep(l, (-1) ** l) for l in range(L + 1)])
            x = irreps.randn(B, -1); y = irreps.randn(B, -1)
            with torch.no_grad():
                tp(x, y)
                ts = []
                for _ in range(\(repeats)):
                    t0 = time.perf_counter(); tp(x, y); ts.append(time.perf_counter() - t0)
            ts.sort()
            print("time", ts[len(ts) // 2] / B)
            """
        guard let out = runPython(script, timeout: 600) else { return "failed" }
        for line in out.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.first == "time", parts.count == 2 { return parts[1] }
            if parts.first == "skip" { return parts.count > 1 ? parts[1] : "skipped" }
        }
        return "no output"
    }

    /// Runs a Python script with a time limit; its stdout, or nil if it
    /// cannot start ("skip timed out" when the limit was reached).
    static func runPython(_ script: String, timeout: Double) -> String? {
        let path = FileManager.default.temporaryDirectory.path + "/tda-bench-gaunt-\(getpid()).py"
        guard FileManager.default.createFile(atPath: path, contents: Data(script.utf8)) else { return nil }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        // The reader below blocks until the script ends; a timer ends it at the limit.
        let timer = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        timer.cancel()
        if p.terminationReason == .uncaughtSignal { return "skip timed out after \(Int(timeout)) s" }
        return String(decoding: data, as: UTF8.self)
    }
}
