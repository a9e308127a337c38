import Foundation
import LinearAlgebra

/// One coupling path l1 x l2 -> l3 of a Clebsch–Gordan tensor product.
///
/// ```swift
/// let weights = [CouplingPath(1, 1, 2): 0.5, CouplingPath(1, 1, 0): 2]
/// ```
public struct CouplingPath: Hashable, Sendable, CustomStringConvertible {
    public let l1: Int, l2: Int, l3: Int
    public init(_ l1: Int, _ l2: Int, _ l3: Int) { self.l1 = l1; self.l2 = l2; self.l3 = l3 }
    public var description: String { "\(l1)x\(l2)->\(l3)" }
}

/// The full Clebsch–Gordan tensor product of spherical features in the
/// real basis: every path l1 x l2 -> l3 with |l1 - l2| <= l3 <= l1 + l2 and
/// l3 <= lmaxOut (odd ones too), each with a path weight (default 1), and
/// the paths into one l3 summed:
/// z(l3, m3) = sum over paths w(l1, l2, l3) sum C(l1 m1, l2 m2 -> l3 m3) x(l1, m1) y(l2, m2).
///
/// This is the dense product equivariant networks (e3nn's `TensorProduct`)
/// compute, and the reference the Gaunt product is measured against: with
/// weights w = sqrt((2l1+1)(2l2+1) / (4 pi (2l3+1))) <l1 0 l2 0 | l3 0> it
/// equals ``GauntTensorProduct`` (``gauntPathWeights``).
///
/// ```swift
/// let cg = try ClebschGordanTensorProduct(lmax1: 2, lmax2: 2, lmaxOut: 2)
/// let z = try cg(x, y, pathWeights: [CouplingPath(1, 1, 1): 0.5])
/// ```
///
/// Each (l1, l2) block of coefficients is a dense (2l1+1)(2l2+1) x
/// sum(2l3+1) matrix; a batch of B products is one outer product and one
/// OpenBLAS gemm per block. O(L^6) per product. Blocks are cached while
/// they fit in 1 GiB and rebuilt on each call beyond.
public struct ClebschGordanTensorProduct: Sendable {
    public let lmax1: Int
    public let lmax2: Int
    public let lmaxOut: Int

    /// Every path of the product, in (l1, l2, l3) order.
    public var paths: [CouplingPath] {
        var p: [CouplingPath] = []
        for l1 in 0...lmax1 { for l2 in 0...lmax2 where abs(l1 - l2) <= lmaxOut {
            for l3 in abs(l1 - l2)...min(l1 + l2, lmaxOut) { p.append(CouplingPath(l1, l2, l3)) }
        } }
        return p
    }

    public init(lmax1: Int, lmax2: Int, lmaxOut: Int? = nil) throws {
        let out = lmaxOut ?? (lmax1 + lmax2)
        for (name, v) in [("lmax1", lmax1), ("lmax2", lmax2), ("lmaxOut", out)] where v < 0 || v > 64 {
            throw SphericalHarmonicsError.invalidDegree(name: name, value: v, reason: "must be in 0...64 (the dense product costs L^6)")
        }
        self.lmax1 = lmax1; self.lmax2 = lmax2; self.lmaxOut = out
    }

    /// The path weights under which this product equals the Gaunt product.
    public var gauntPathWeights: [CouplingPath: Double] {
        var w: [CouplingPath: Double] = [:]
        for p in paths {
            let c = Wigner3j.clebschGordan(p.l1, 0, p.l2, 0, p.l3, 0)
            w[p] = (Double((2 * p.l1 + 1) * (2 * p.l2 + 1)) / (4 * Double.pi * Double(2 * p.l3 + 1))).squareRoot() * c
        }
        return w
    }

    /// The products x[i] (x) y[i] (a batch of one broadcasts); paths missing
    /// from `pathWeights` have weight 1.
    public func callAsFunction<S: BinaryFloatingPoint & Sendable>(
        _ x: SphericalFeatures<S>, _ y: SphericalFeatures<S>, pathWeights: [CouplingPath: Double] = [:]
    ) throws -> SphericalFeatures<S> {
        guard x.lmax == lmax1, y.lmax == lmax2 else {
            throw SphericalHarmonicsError.badFeatureLength(row: nil, found: x.lmax == lmax1 ? y.dimension : x.dimension,
                                                          expected: "degrees \(lmax1) and \(lmax2)")
        }
        let count = try GauntTensorProduct.batchCount([x.count, y.count])
        if count == 0 { return SphericalFeatures<S>(lmax: lmaxOut, count: 0) }
        let xd = GauntTensorProduct.doubles(x), yd = GauntTensorProduct.doubles(y)
        let d1 = x.dimension, d2 = y.dimension, dOut = (lmaxOut + 1) * (lmaxOut + 1)
        var z = [Double](repeating: 0, count: count * dOut)
        let store = ClebschGordanBlocks.cached(lmax1: lmax1, lmax2: lmax2, lmaxOut: lmaxOut)
        var outer: [Double] = [], result: [Double] = []
        for l1 in 0...lmax1 {
            for l2 in 0...lmax2 {
                guard let block = store.block(l1: l1, l2: l2) else { continue }
                let n1 = 2 * l1 + 1, n2 = 2 * l2 + 1, k = n1 * n2
                // Outer products of the two degree blocks, one row per pair.
                outer = [Double](repeating: 0, count: count * k)
                for i in 0..<count {
                    let xo = (x.count == 1 ? 0 : i) * d1 + l1 * l1, yo = (y.count == 1 ? 0 : i) * d2 + l2 * l2
                    for a in 0..<n1 { let xa = xd[xo + a]; for b in 0..<n2 { outer[i * k + a * n2 + b] = xa * yd[yo + b] } }
                }
                result = [Double](repeating: 0, count: count * block.columns)
                outer.withUnsafeBufferPointer { o in
                    block.coefficients.withUnsafeBufferPointer { c in
                        result.withUnsafeMutableBufferPointer { r in
                            Double.gemm(transposeA: false, transposeB: false, m: count, n: block.columns, k: k,
                                        alpha: 1, a: o.baseAddress!, lda: k, b: c.baseAddress!, ldb: block.columns,
                                        beta: 0, c: r.baseAddress!, ldc: block.columns)
                        }
                    }
                }
                // Scatter each l3 part, weighted, into the product.
                var column = 0
                for l3 in block.degrees {
                    let w = pathWeights[CouplingPath(l1, l2, l3)] ?? 1
                    let n3 = 2 * l3 + 1
                    if w != 0 {
                        for i in 0..<count {
                            for c in 0..<n3 { z[i * dOut + l3 * l3 + c] += w * result[i * block.columns + column + c] }
                        }
                    }
                    column += n3
                }
            }
        }
        var out = SphericalFeatures<S>(lmax: lmaxOut, count: count)
        out.values = z.map { S($0) }
        return out
    }
}

/// Dense real Clebsch–Gordan blocks, cached per shape while they fit.
final class ClebschGordanBlocks: Sendable {
    struct Block: Sendable {
        /// Output degrees of the block, in column order.
        let degrees: [Int]
        /// Columns: sum of 2 l3 + 1.
        let columns: Int
        /// Row-major (2l1+1)(2l2+1) x columns.
        let coefficients: [Double]
    }

    let lmax1: Int, lmax2: Int, lmaxOut: Int
    /// Every block, or nil when they would not fit the budget (then built per call).
    let blocks: [Block?]?

    /// Bytes of dense blocks kept in memory at most.
    static let budget = 1 << 30

    init(lmax1: Int, lmax2: Int, lmaxOut: Int) {
        self.lmax1 = lmax1; self.lmax2 = lmax2; self.lmaxOut = lmaxOut
        var bytes = 0
        for l1 in 0...lmax1 { for l2 in 0...lmax2 where abs(l1 - l2) <= lmaxOut {
            let cols = (abs(l1 - l2)...min(l1 + l2, lmaxOut)).reduce(0) { $0 + 2 * $1 + 1 }
            bytes += 8 * (2 * l1 + 1) * (2 * l2 + 1) * cols
        } }
        if bytes <= Self.budget {
            var all: [Block?] = []
            for l1 in 0...lmax1 { for l2 in 0...lmax2 { all.append(Self.make(l1: l1, l2: l2, lmaxOut: lmaxOut)) } }
            blocks = all
        } else {
            blocks = nil
        }
    }

    func block(l1: Int, l2: Int) -> Block? {
        if let b = blocks { return b[l1 * (lmax2 + 1) + l2] }
        return Self.make(l1: l1, l2: l2, lmaxOut: lmaxOut)
    }

    static func make(l1: Int, l2: Int, lmaxOut: Int) -> Block? {
        let lo = abs(l1 - l2), hi = min(l1 + l2, lmaxOut)
        guard lo <= hi else { return nil }
        let degrees = Array(lo...hi)
        var offset = [Int](repeating: 0, count: hi + 1)
        var cols = 0
        for l3 in degrees { offset[l3] = cols; cols += 2 * l3 + 1 }
        let sparse = RealCoupling.Block(l1: l1, l2: l2, lmaxOut: lmaxOut, kind: .clebschGordan)
        var dense = [Double](repeating: 0, count: (2 * l1 + 1) * (2 * l2 + 1) * cols)
        for k in sparse.value.indices {
            let row = (Int(sparse.m1[k]) + l1) * (2 * l2 + 1) + Int(sparse.m2[k]) + l2
            let l3 = Int(sparse.l3[k])
            dense[row * cols + offset[l3] + Int(sparse.m3[k]) + l3] = sparse.value[k]
        }
        return Block(degrees: degrees, columns: cols, coefficients: dense)
    }

    static func cached(lmax1: Int, lmax2: Int, lmaxOut: Int) -> ClebschGordanBlocks {
        cache.value(for: [lmax1, lmax2, lmaxOut]) { ClebschGordanBlocks(lmax1: lmax1, lmax2: lmax2, lmaxOut: lmaxOut) }
    }

    private static let cache = BuildOnceCache<ClebschGordanBlocks>()
}
