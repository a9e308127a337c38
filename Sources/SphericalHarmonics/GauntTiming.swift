import Foundation
import LinearAlgebra

/// Timings of the three products on the same random batch, for choosing a
/// method and for `tda gaunt --bench` / `tda-bench gaunt`.
///
/// ```swift
/// let t = try GauntTiming.measure(lmax: 8, batch: 1024)
/// print(t.fourier, t.direct, t.clebschGordan ?? .nan)   // seconds per product (median)
/// ```
public struct GauntTiming: Sendable {
    /// Degree of both factors and of the product.
    public let lmax: Int
    /// Products timed per run for the Gaunt methods.
    public let batch: Int
    /// Median seconds per product of each method (nil: not run).
    public let fourier: Double
    public let direct: Double?
    public let clebschGordan: Double?
    /// Batch used for the Clebsch–Gordan product (smaller at large L, where it is slow).
    public let clebschGordanBatch: Int
    /// Largest |Fourier - direct| / max |direct| on the batch.
    public let fourierDirectDifference: Double?

    /// Times each method `repeats` times on `batch` products of seeded
    /// random features of degree `lmax` (product degree `lmax`). Table
    /// building is done once before timing (it is cached in use).
    /// `includeDirect` / `includeClebschGordan` skip the slow ones; the
    /// direct product is timed up to ``GauntTensorProduct/directMaximumDegree``
    /// and the Clebsch–Gordan product up to L = 32 (beyond, one call takes minutes).
    public static func measure(lmax: Int, batch: Int, repeats: Int = 3, threads: Int = 1,
                               includeDirect: Bool = true, includeClebschGordan: Bool = true) throws -> GauntTiming {
        guard batch >= 1, repeats >= 1 else { throw SphericalHarmonicsError.invalidParameter(name: "batch", reason: "batch and repeats must be at least 1") }
        let x = randomFeatures(lmax: lmax, count: batch, seed: 1), y = randomFeatures(lmax: lmax, count: batch, seed: 2)
        // The methods, each with the number of products it computes per run.
        var runs: [(products: Int, body: () throws -> Void)] = []
        let f = try GauntTensorProduct(lmax1: lmax, lmax2: lmax, lmaxOut: lmax, method: .fourier)
        var zf = x
        runs.append((batch, { zf = try f(x, y, threads: threads) }))
        var zd: SphericalFeatures<Double>?
        if includeDirect && lmax <= GauntTensorProduct.directMaximumDegree {
            // The direct product is O(L^5): time a part of the batch at large L.
            let n = lmax >= 24 ? max(1, batch / 16) : batch
            let xs = SphericalFeatures(lmax: lmax, count: n, prefixOf: x), ys = SphericalFeatures(lmax: lmax, count: n, prefixOf: y)
            let d = try GauntTensorProduct(lmax1: lmax, lmax2: lmax, lmaxOut: lmax, method: .direct)
            runs.append((n, { zd = try d(xs, ys, threads: threads) }))
        }
        var cgBatch = 0
        let timeCG = includeClebschGordan && lmax <= 32
        if timeCG {
            cgBatch = lmax >= 24 ? max(1, batch / 64) : (lmax >= 12 ? max(1, batch / 4) : batch)
            let xs = SphericalFeatures(lmax: lmax, count: cgBatch, prefixOf: x), ys = SphericalFeatures(lmax: lmax, count: cgBatch, prefixOf: y)
            let cg = try ClebschGordanTensorProduct(lmax1: lmax, lmax2: lmax, lmaxOut: lmax)
            runs.append((cgBatch, { BLASThreads.set(threads); _ = try cg(xs, ys) }))
        }
        // Warm up (builds and caches the tables), then time the methods in
        // turn, so that a change in the machine's speed during the
        // measurement affects them alike.
        for r in runs { try r.body() }
        var times = [[Double]](repeating: [], count: runs.count)
        for _ in 0..<repeats {
            for (k, r) in runs.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                try r.body()
                times[k].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(r.products))
            }
        }
        let medians = times.map { $0.sorted()[$0.count / 2] }
        var diff: Double?
        if let zd {
            let scale = zd.values.map(abs).max() ?? 0
            var worst = 0.0
            for k in zd.values.indices { worst = max(worst, abs(zd.values[k] - zf.values[k])) }
            diff = scale > 0 ? worst / scale : worst
        }
        let hasDirect = includeDirect && lmax <= GauntTensorProduct.directMaximumDegree
        return GauntTiming(lmax: lmax, batch: batch, fourier: medians[0],
                           direct: hasDirect ? medians[1] : nil,
                           clebschGordan: timeCG ? medians[runs.count - 1] : nil,
                           clebschGordanBatch: cgBatch, fourierDirectDifference: diff)
    }

    /// Seeded features with coefficients uniform in [-1, 1).
    public static func randomFeatures(lmax: Int, count: Int, seed: UInt64) -> SphericalFeatures<Double> {
        var x = SphericalFeatures<Double>(lmax: lmax, count: count)
        var state = seed
        for k in x.values.indices {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            x.values[k] = 2 * Double((z ^ (z >> 31)) >> 11) / Double(1 << 53) - 1
        }
        return x
    }
}

extension SphericalFeatures {
    /// The first `count` features of `other` (same degree).
    init(lmax: Int, count: Int, prefixOf other: SphericalFeatures) {
        self.init(lmax: lmax, count: count)
        values = Array(other.values.prefix(count * dimension))
    }
}
