import PointClouds

/// Small loops the operations share, specialised for Float and Double so
/// that no generic arithmetic runs per element.
extension Kernels {
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func sum<S: TensorScalar>(_ x: [S]) -> S {
        x.withUnsafeBufferPointer { x in
            var s: S = 0
            for v in x { s += v }
            return s
        }
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func addConstant<S: TensorScalar>(_ value: S, into t: UnsafeMutableBufferPointer<S>) {
        for j in 0..<t.count { t[j] += value }
    }

    /// t[index[k]] += g[k].
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func scatterAdd<S: TensorScalar>(_ g: [S], at index: [Int], into t: UnsafeMutableBufferPointer<S>) {
        g.withUnsafeBufferPointer { g in index.withUnsafeBufferPointer { index in
            for k in 0..<g.count { t[index[k]] += g[k] }
        } }
    }

    /// The cross-entropy gradient: t += scale (p - onehot(labels)).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func crossEntropyBackward<S: TensorScalar>(_ p: [S], _ labels: [Int], scale: S, into t: UnsafeMutableBufferPointer<S>,
                                                      rows b: Int, classes c: Int) {
        p.withUnsafeBufferPointer { p in
            for r in 0..<b {
                for k in 0..<c { t[r * c + k] += scale * p[r * c + k] }
                t[r * c + labels[r]] -= scale
            }
        }
    }

    /// An inverted-dropout mask: `keep` with probability 1 - p, else 0.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func dropoutMask<S: TensorScalar>(count n: Int, probability p: Double, keep: S,
                                             generator: inout SeededGenerator) -> [S] {
        var mask = [S](repeating: 0, count: n)
        let threshold = UInt64(p * 0x1.0p53)
        mask.withUnsafeMutableBufferPointer { m in
            for k in 0..<n where generator.next() >> 11 >= threshold { m[k] = keep }
        }
        return mask
    }
}

extension Kernels {
    /// `n` zeros (specialised: a memset, not a generic copy per element).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func zeros<S: TensorScalar>(_ n: Int) -> [S] {
        [S](repeating: 0, count: n)
    }

    /// `n` copies of `value`.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func filled<S: TensorScalar>(_ n: Int, _ value: S) -> [S] {
        [S](repeating: value, count: n)
    }
}
