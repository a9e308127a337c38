import Foundation
import PointClouds

/// Per-degree weights of the weighted Gaunt tensor product (the paper's
/// "Gaunt TP with weights"): the degree-l block of the first factor is
/// scaled by `input1[l]`, of the second by `input2[l]`, and of the product
/// by `output[l]`. A nil array means all ones.
///
/// ```swift
/// let w = GauntWeights(input1: [1, 0.5, 0.25], output: [1, 1, 1, 1, 1])
/// ```
public struct GauntWeights: Sendable, Equatable {
    public var input1: [Double]?
    public var input2: [Double]?
    public var output: [Double]?

    public init(input1: [Double]? = nil, input2: [Double]? = nil, output: [Double]? = nil) {
        self.input1 = input1; self.input2 = input2; self.output = output
    }
}

/// The Gaunt tensor product of spherical features: the coefficients of the
/// pointwise product of the two spherical functions, projected on the
/// harmonics of degree <= lmaxOut,
/// z(l3, m3) = sum G(l1 m1, l2 m2, l3 m3) x(l1, m1) y(l2, m2),
/// with G the real Gaunt coefficients. Equivariant: rotating both factors
/// rotates the product (Wigner D matrices, ``WignerD``).
///
/// ```swift
/// let tp = try GauntTensorProduct(lmax1: 4, lmax2: 4, lmaxOut: 4)   // method: .automatic
/// let x = try RealSphericalHarmonics.evaluate([SIMD3(1, 2, 3)], lmax: 4)
/// let y = try RealSphericalHarmonics.evaluate([SIMD3(0, 1, 0)], lmax: 4)
/// let z = try tp(x, y)               // one feature of degree <= 4
/// ```
///
/// Methods:
/// - `.fourier`: Luo, Chen and Krishnapriyan (ICLR 2024): the factors as 2D
///   Fourier series on the torus, multiplied by FFT, projected back with
///   exact integrals. O(L^3) per product.
/// - `.direct`: the sparse table of real Gaunt coefficients (``GauntTable``),
///   one multiply-add per non-zero coefficient. O(L^5), faster at small L.
/// - `.automatic`: `.direct` when max(lmax1, lmax2) < ``automaticThreshold``,
///   `.fourier` from there on (measured on this project's machine with
///   `tda gaunt --bench`, batches of 1024; see the README).
///
/// Float features are computed in Double and rounded once at the end.
/// Batches are split over `threads` workers (default: `TDA_THREADS` or all
/// cores); the result does not depend on the thread count.
public struct GauntTensorProduct: Sendable {
    /// How the product is computed.
    public enum Method: String, Sendable, CaseIterable {
        case fourier, direct, automatic
    }

    /// The largest degree for either factor or the product.
    public static let maximumDegree = 128
    /// The largest degree for the direct method, whose table grows as L^5
    /// (about 50 million coefficients, 600 MB, at L = 40).
    public static let directMaximumDegree = 40
    /// `.automatic` takes the Fourier route from this factor degree on.
    public static let automaticThreshold = 7

    public let lmax1: Int
    public let lmax2: Int
    public let lmaxOut: Int
    /// The method asked for.
    public let method: Method
    /// The method that runs: `.fourier` or `.direct`.
    public let resolvedMethod: Method

    /// A product of degree-`lmax1` and degree-`lmax2` features, projected
    /// on degree <= `lmaxOut` (default lmax1 + lmax2, where nothing is lost).
    public init(lmax1: Int, lmax2: Int, lmaxOut: Int? = nil, method: Method = .automatic) throws {
        let out = lmaxOut ?? (lmax1 + lmax2)
        for (name, v) in [("lmax1", lmax1), ("lmax2", lmax2), ("lmaxOut", out)] where v < 0 || v > Self.maximumDegree {
            throw SphericalHarmonicsError.invalidDegree(name: name, value: v, reason: "must be in 0...\(Self.maximumDegree)")
        }
        var resolved = method
        if method == .automatic { resolved = max(lmax1, lmax2) >= Self.automaticThreshold ? .fourier : .direct }
        if resolved == .direct {
            for (name, v) in [("lmax1", lmax1), ("lmax2", lmax2), ("lmaxOut", out)] where v > Self.directMaximumDegree {
                throw SphericalHarmonicsError.invalidDegree(
                    name: name, value: v,
                    reason: "the direct method's table grows as L^5; use --method fourier beyond \(Self.directMaximumDegree)")
            }
        }
        self.lmax1 = lmax1; self.lmax2 = lmax2; self.lmaxOut = out
        self.method = method; self.resolvedMethod = resolved
    }

    /// The product of `x[i]` and `y[i]` for each i (a batch of one on
    /// either side is used with every feature of the other).
    ///
    /// - Complexity: per product O(L^3) for `.fourier`, O(L^5) for `.direct`.
    public func callAsFunction<S: BinaryFloatingPoint & Sendable>(
        _ x: SphericalFeatures<S>, _ y: SphericalFeatures<S>, weights: GauntWeights? = nil, threads: Int? = nil
    ) throws -> SphericalFeatures<S> {
        try product(x, y, weights: weights, threads: threads)
    }

    /// The same as calling the product: see `callAsFunction`.
    public func product<S: BinaryFloatingPoint & Sendable>(
        _ x: SphericalFeatures<S>, _ y: SphericalFeatures<S>, weights: GauntWeights? = nil, threads: Int? = nil
    ) throws -> SphericalFeatures<S> {
        guard x.lmax == lmax1 else { throw SphericalHarmonicsError.badFeatureLength(row: nil, found: x.dimension, expected: "\((lmax1 + 1) * (lmax1 + 1)) per first factor (lmax1 = \(lmax1))") }
        guard y.lmax == lmax2 else { throw SphericalHarmonicsError.badFeatureLength(row: nil, found: y.dimension, expected: "\((lmax2 + 1) * (lmax2 + 1)) per second factor (lmax2 = \(lmax2))") }
        let count = try Self.batchCount([x.count, y.count])
        var xd = Self.doubles(x), yd = Self.doubles(y)
        if let w = weights {
            try Self.scale(&xd, lmax: lmax1, by: w.input1, name: "input1 weights")
            try Self.scale(&yd, lmax: lmax2, by: w.input2, name: "input2 weights")
        }
        var z = run(factors: [(xd, lmax1, x.count), (yd, lmax2, y.count)], count: count, threads: threads ?? ParallelTasks.defaultWorkers)
        if let w = weights { try Self.scale(&z, lmax: lmaxOut, by: w.output, name: "output weights") }
        var out = SphericalFeatures<S>(lmax: lmaxOut, count: count)
        out.values = z.map { S($0) }
        return out
    }

    /// The product of `nu` features (many-body interaction): nu - 1
    /// products in the Fourier domain and one projection back, or, by the
    /// direct method, nu - 1 exact Gaunt products at full intermediate
    /// degree. Each factor is a batch of the same size (or of one).
    ///
    /// ```swift
    /// let z = try GauntTensorProduct.manyBody([x, y, w], lmaxOut: 4)
    /// ```
    public static func manyBody<S: BinaryFloatingPoint & Sendable>(
        _ factors: [SphericalFeatures<S>], lmaxOut: Int, method: Method = .automatic, threads: Int? = nil
    ) throws -> SphericalFeatures<S> {
        guard let first = factors.first else { throw SphericalHarmonicsError.invalidParameter(name: "factors", reason: "give at least one feature batch") }
        guard lmaxOut >= 0, lmaxOut <= maximumDegree else {
            throw SphericalHarmonicsError.invalidDegree(name: "lmaxOut", value: lmaxOut, reason: "must be in 0...\(maximumDegree)")
        }
        let total = factors.reduce(0) { $0 + $1.lmax }
        guard total <= maximumDegree * 2 else {
            throw SphericalHarmonicsError.invalidDegree(name: "sum of factor degrees", value: total, reason: "must be at most \(2 * maximumDegree)")
        }
        if factors.count == 1 { return first.resized(toDegree: lmaxOut) }
        let count = try batchCount(factors.map(\.count))
        // Automatic: the direct route only for small factors whose running degree stays in its range.
        let small = (factors.map(\.lmax).max() ?? 0) < automaticThreshold && total <= directMaximumDegree
        let resolved: Method = method == .automatic ? (small ? .direct : .fourier) : method
        let threadCount = threads ?? ParallelTasks.defaultWorkers
        if resolved == .fourier {
            let tp = try GauntTensorProduct(lmax1: factors[0].lmax, lmax2: factors[1].lmax, lmaxOut: lmaxOut, method: .fourier)
            let z = tp.run(factors: factors.map { (doubles($0), $0.lmax, $0.count) }, count: count, threads: threadCount)
            var out = SphericalFeatures<S>(lmax: lmaxOut, count: count)
            out.values = z.map { S($0) }
            return out
        }
        // Direct: exact at every step, keeping the full degree until the last product.
        var acc = first.converted(to: Double.self)
        for (k, f) in factors.enumerated().dropFirst() {
            let out = k == factors.count - 1 ? lmaxOut : acc.lmax + f.lmax
            let tp = try GauntTensorProduct(lmax1: acc.lmax, lmax2: f.lmax, lmaxOut: out, method: .direct)
            acc = try tp.product(acc, f.converted(to: Double.self), threads: threadCount)
        }
        return acc.converted(to: S.self)
    }

    /// The product of features with the harmonics of edge directions, the
    /// equivariant convolution message x(i) (x) Y(r(i)): `directions[i]`
    /// (normalised; zero vectors are an error) gives the degree-`lmax2`
    /// harmonics that multiply `x[i]`, optionally scaled per degree by
    /// `radialWeights` (count x (lmax2 + 1), e.g. a learned radial network's output).
    ///
    /// ```swift
    /// let tp = try GauntTensorProduct(lmax1: 2, lmax2: 2, lmaxOut: 2)
    /// let messages = try tp.convolution(x, directions: [SIMD3(0, 0, 1)])
    /// ```
    public func convolution<S: BinaryFloatingPoint & Sendable>(
        _ x: SphericalFeatures<S>, directions: [SIMD3<Double>], radialWeights: [[Double]]? = nil, threads: Int? = nil
    ) throws -> SphericalFeatures<S> {
        var y = try RealSphericalHarmonics.evaluate(directions, lmax: lmax2, as: Double.self)
        if let r = radialWeights {
            guard r.count == directions.count else { throw SphericalHarmonicsError.batchMismatch("\(r.count) rows of radial weights for \(directions.count) directions") }
            for (i, row) in r.enumerated() {
                guard row.count == lmax2 + 1 else { throw SphericalHarmonicsError.badFeatureLength(row: i + 1, found: row.count, expected: "\(lmax2 + 1) radial weights (one per degree)") }
                for l in 0...lmax2 {
                    guard row[l].isFinite else { throw SphericalHarmonicsError.nonFinite(row: i + 1, column: l + 1) }
                    for m in -l...l { y[i, l, m] *= row[l] }
                }
            }
        }
        return try product(x, y.converted(to: S.self), threads: threads)
    }

    // MARK: - Internals

    /// The common batch size (a batch of one broadcasts).
    static func batchCount(_ counts: [Int]) throws -> Int {
        let n = counts.max() ?? 0
        for c in counts where c != n && c != 1 {
            throw SphericalHarmonicsError.batchMismatch("\(counts.map(String.init).joined(separator: " vs ")) features (each batch must have the same size, or one feature)")
        }
        return counts.contains(0) ? 0 : n
    }

    static func doubles<S: BinaryFloatingPoint>(_ x: SphericalFeatures<S>) -> [Double] {
        if let d = x.values as? [Double] { return d }
        return x.values.map { Double($0) }
    }

    /// Scales each degree block of every feature in `values`.
    static func scale(_ values: inout [Double], lmax: Int, by weights: [Double]?, name: String) throws {
        guard let w = weights else { return }
        guard w.count == lmax + 1 else { throw SphericalHarmonicsError.invalidParameter(name: name, reason: "need \(lmax + 1) values (one per degree 0...\(lmax)), got \(w.count)") }
        guard w.allSatisfy(\.isFinite) else { throw SphericalHarmonicsError.invalidParameter(name: name, reason: "values must be finite") }
        let d = (lmax + 1) * (lmax + 1)
        for start in stride(from: 0, to: values.count, by: d) {
            for l in 0...lmax { for k in (l * l)..<((l + 1) * (l + 1)) { values[start + k] *= w[l] } }
        }
    }

    /// Runs the resolved method over the batch. Each factor is (values, degree, count).
    func run(factors: [([Double], Int, Int)], count: Int, threads: Int) -> [Double] {
        let dOut = (lmaxOut + 1) * (lmaxOut + 1)
        var z = [Double](repeating: 0, count: count * dOut)
        if count == 0 { return z }
        let dims = factors.map { ($0.1 + 1) * ($0.1 + 1) }
        z.withUnsafeMutableBufferPointer { zb in
            let out = SharedOutput(base: zb.baseAddress!)
            if resolvedMethod == .direct {
                let table = GauntTable.cached(lmax1: lmax1, lmax2: lmax2, lmaxOut: lmaxOut)
                let (x, y) = (factors[0], factors[1])
                x.0.withUnsafeBufferPointer { xb in
                    y.0.withUnsafeBufferPointer { yb in
                        ParallelTasks.chunks(count: count, workers: threads, minimumPerWorker: 4) { range in
                            for i in range {
                                let xi = x.2 == 1 ? 0 : i, yi = y.2 == 1 ? 0 : i
                                table.product(xb.baseAddress! + xi * dims[0], yb.baseAddress! + yi * dims[1], into: out.base + i * dOut)
                            }
                        }
                    }
                }
            } else {
                let engine = GauntFourierEngine.cached(degrees: factors.map(\.1), lmaxOut: lmaxOut)
                // All factors in one array, so one buffer pointer serves every worker.
                var offsets: [Int] = []
                var all: [Double] = []
                for f in factors { offsets.append(all.count); all += f.0 }
                all.withUnsafeBufferPointer { ab in
                    let base = ab.baseAddress!
                    let strides = factors.indices.map { factors[$0].2 == 1 ? 0 : dims[$0] }
                    let chunk = engine.chunk
                    ParallelTasks.chunks(count: (count + chunk - 1) / chunk, workers: threads, minimumPerWorker: 4) { range in
                        var work = GauntFourierEngine.Workspace(engine)
                        for c in range {
                            let lo = c * chunk, n = min(chunk, count - lo)
                            let pointers = factors.indices.map { k in base + offsets[k] + lo * strides[k] }
                            engine.product(pointers, strides: strides, count: n, into: out.base + lo * dOut, work: &work)
                        }
                    }
                }
            }
        }
        return z
    }
}
