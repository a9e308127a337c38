import Foundation

/// The real Gaunt coefficients for products of features of degree <= lmax1
/// and <= lmax2 projected on degree <= lmaxOut, as a sparse table, built
/// once per shape and cached.
///
/// ```swift
/// let table = GauntTable.cached(lmax1: 2, lmax2: 2, lmaxOut: 4)
/// print(table.entryCount)   // the non-zero coefficients
/// ```
///
/// Entries are grouped by the index of the first factor, so the direct
/// product is one pass: z[i3] += g * x[i1] * y[i2].
/// - Complexity: O(L^5) entries for L = lmax1 = lmax2 = lmaxOut (12 bytes
///   each with indices): about 0.6 million at L = 16, 16 million at L = 32.
public final class GauntTable: Sendable {
    /// Largest degree of the first factor.
    public let lmax1: Int
    /// Largest degree of the second factor.
    public let lmax2: Int
    /// Largest degree of the product.
    public let lmaxOut: Int
    /// Entries of first-factor index i1 are `starts[i1] ..< starts[i1 + 1]`.
    let starts: [Int]
    /// Second-factor index of each entry.
    let index2: [UInt16]
    /// Product index of each entry.
    let index3: [UInt16]
    /// The coefficient of each entry.
    let coefficient: [Double]

    /// Number of stored (non-zero) coefficients.
    public var entryCount: Int { coefficient.count }

    /// Builds the table (prefer `cached`, which builds each shape once).
    public init(lmax1: Int, lmax2: Int, lmaxOut: Int) {
        self.lmax1 = lmax1; self.lmax2 = lmax2; self.lmaxOut = lmaxOut
        let d1 = (lmax1 + 1) * (lmax1 + 1)
        var buckets = [[(UInt16, UInt16, Double)]](repeating: [], count: d1)
        for l1 in 0...lmax1 {
            for l2 in 0...lmax2 {
                let block = RealCoupling.Block(l1: l1, l2: l2, lmaxOut: lmaxOut, kind: .gaunt)
                for k in block.value.indices {
                    let i1 = l1 * l1 + l1 + Int(block.m1[k])
                    let i2 = l2 * l2 + l2 + Int(block.m2[k])
                    let l3 = Int(block.l3[k])
                    let i3 = l3 * l3 + l3 + Int(block.m3[k])
                    buckets[i1].append((UInt16(i2), UInt16(i3), block.value[k]))
                }
            }
        }
        var s = [0], a: [UInt16] = [], b: [UInt16] = [], c: [Double] = []
        let total = buckets.reduce(0) { $0 + $1.count }
        a.reserveCapacity(total); b.reserveCapacity(total); c.reserveCapacity(total)
        for bucket in buckets {
            for (i2, i3, g) in bucket.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { a.append(i2); b.append(i3); c.append(g) }
            s.append(c.count)
        }
        starts = s; index2 = a; index3 = b; coefficient = c
    }

    /// The coefficient G(l1 m1, l2 m2, l3 m3) from the table (0 if absent).
    public func coefficient(l1: Int, m1: Int, l2: Int, m2: Int, l3: Int, m3: Int) -> Double {
        guard l1 <= lmax1, l2 <= lmax2, l3 <= lmaxOut, abs(m1) <= l1, abs(m2) <= l2, abs(m3) <= l3 else { return 0 }
        let i1 = l1 * l1 + l1 + m1, i2 = UInt16(l2 * l2 + l2 + m2), i3 = UInt16(l3 * l3 + l3 + m3)
        for k in starts[i1]..<starts[i1 + 1] where index2[k] == i2 && index3[k] == i3 { return coefficient[k] }
        return 0
    }

    /// The table for this shape, built on first use and kept for the life
    /// of the process (thread-safe).
    public static func cached(lmax1: Int, lmax2: Int, lmaxOut: Int) -> GauntTable {
        cache.value(for: [lmax1, lmax2, lmaxOut]) { GauntTable(lmax1: lmax1, lmax2: lmax2, lmaxOut: lmaxOut) }
    }

    private static let cache = BuildOnceCache<GauntTable>()

    /// z = sum over entries of g x[i1] y[i2] placed at i3 (z is overwritten).
    ///
    /// Cost model: one multiply-add per stored coefficient; x, y and z are
    /// (L+1)^2 values each, so they stay in cache.
    func product(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>) {
        let d3 = (lmaxOut + 1) * (lmaxOut + 1)
        z.update(repeating: 0, count: d3)
        starts.withUnsafeBufferPointer { st in
            index2.withUnsafeBufferPointer { i2 in
                index3.withUnsafeBufferPointer { i3 in
                    coefficient.withUnsafeBufferPointer { g in
                        for i1 in 0..<(st.count - 1) {
                            let xv = x[i1]
                            if xv == 0 { continue }
                            for k in st[i1]..<st[i1 + 1] {
                                z[Int(i3[k])] += g[k] * xv * y[Int(i2[k])]
                            }
                        }
                    }
                }
            }
        }
    }
}
