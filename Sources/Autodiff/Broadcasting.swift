/// NumPy broadcasting of two shapes: align on the right, extents equal or 1.
///
/// ```swift
/// try Broadcasting.shape([4, 1, 3], [5, 1])   // [4, 5, 3]
/// ```
public enum Broadcasting {
    /// The broadcast shape, or a shape-mismatch error.
    public static func shape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let r = max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let x = i < r - a.count ? 1 : a[i - (r - a.count)]
            let y = i < r - b.count ? 1 : b[i - (r - b.count)]
            if x == y || y == 1 { out[i] = x } else if x == 1 { out[i] = y } else {
                throw AutodiffError.shapeMismatch("\(a) and \(b) do not broadcast")
            }
        }
        return out
    }

    /// Strides of `shape` seen from the (larger) broadcast shape `out`:
    /// 0 along the axes it is repeated.
    static func strides(_ shape: [Int], in out: [Int]) -> [Int] {
        let s = Tensor<Double>.strides(of: shape)
        let pad = out.count - shape.count
        var r = [Int](repeating: 0, count: out.count)
        for i in 0..<shape.count { r[i + pad] = shape[i] == 1 ? 0 : s[i] }
        return r
    }
}

/// The loops under the operations: contiguous buffers, one core loop each.
enum Kernels {
    /// Visits every index of `out` (row-major) with the matching offsets in
    /// two broadcast operands: `body(i, offsetA, offsetB)`. The last axis
    /// is the inner loop; an odometer walks the others.
    @inline(__always)
    static func forEachBroadcast(_ out: [Int], _ sa: [Int], _ sb: [Int], _ body: (Int, Int, Int) -> Void) {
        let r = out.count
        let total = out.reduce(1, *)
        guard total > 0 else { return }
        if r == 0 { body(0, 0, 0); return }
        let n = out[r - 1], la = sa[r - 1], lb = sb[r - 1]
        var idx = [Int](repeating: 0, count: r)
        var oa = 0, ob = 0, i = 0
        while i < total {
            var ja = oa, jb = ob
            for j in 0..<n {
                body(i + j, ja, jb)
                ja += la; jb += lb
            }
            i += n
            // advance the odometer over the axes before the last
            var d = r - 2
            while d >= 0 {
                idx[d] += 1
                oa += sa[d]; ob += sb[d]
                if idx[d] < out[d] { break }
                oa -= sa[d] * out[d]; ob -= sb[d] * out[d]
                idx[d] = 0
                d -= 1
            }
        }
    }

    /// y += x, same length.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func addInPlace<Scalar: TensorScalar>(_ y: UnsafeMutableBufferPointer<Scalar>, _ x: [Scalar]) {
        x.withUnsafeBufferPointer { x in
            for i in 0..<min(x.count, y.count) { y[i] += x[i] }
        }
    }

    /// Adds `g` (of shape `out`) into `target` (of a shape that broadcasts
    /// to `out`), summing over the repeated axes.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func accumulateReduced<Scalar: TensorScalar>(_ g: [Scalar], _ out: [Int],
                                                        into target: UnsafeMutableBufferPointer<Scalar>, _ shape: [Int]) {
        g.withUnsafeBufferPointer { g in
            if target.count == g.count {
                for i in 0..<g.count { target[i] += g[i] }
            } else if target.count == 1 {
                var s: Scalar = 0
                for i in 0..<g.count { s += g[i] }
                target[0] += s
            } else {
                let st = Broadcasting.strides(shape, in: out)
                forEachBroadcast(out, st, st) { i, o, _ in target[o] += g[i] }
            }
        }
    }
}
