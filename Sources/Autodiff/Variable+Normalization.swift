extension Variable {
    /// (x - mean) / sqrt(var + epsilon) over the last axis (biased
    /// variance, as PyTorch's `layer_norm`), without the affine part.
    ///
    /// ```swift
    /// let h = try x.layerNormalized()           // each row: mean 0, variance ~1
    /// ```
    public func layerNormalized(epsilon: Scalar = 1e-5) throws -> Variable {
        let s = shape
        guard let d = s.last, d > 0 else { throw AutodiffError.shapeMismatch("layer norm needs a non-empty last axis, got \(s)") }
        let rows = tape.value(index).count / d
        let (y, inverseDeviation) = NormKernels.forward(tape.value(index), rows: rows, d: d, epsilon: epsilon)
        let i = index
        return tape.record(s, y, inputs: [self]) { tape, g in
            tape.accumulate(i) { NormKernels.backward(g, y, inverseDeviation, into: $0, rows: rows, d: d) }
        }
    }
}

enum NormKernels {
    /// The normalised rows and 1/sigma of each row.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func forward<S: TensorScalar>(_ x: [S], rows: Int, d: Int, epsilon: S) -> ([S], [S]) {
        var y = [S](repeating: 0, count: x.count)
        var inv = [S](repeating: 0, count: rows)
        let dn = S(d)
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
            for r in 0..<rows {
                let b = r * d
                var mean: S = 0
                for t in 0..<d { mean += x[b + t] }
                mean /= dn
                var variance: S = 0
                for t in 0..<d { let c = x[b + t] - mean; variance += c * c }
                variance /= dn
                let k = 1 / (variance + epsilon).squareRoot()
                inv[r] = k
                for t in 0..<d { y[b + t] = (x[b + t] - mean) * k }
            }
        } }
        return (y, inv)
    }

    /// dx = k (g - mean(g) - y mean(g y)) row by row, with y the normalised values.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func backward<S: TensorScalar>(_ g: [S], _ y: [S], _ inv: [S], into dx: UnsafeMutableBufferPointer<S>, rows: Int, d: Int) {
        let dn = S(d)
        g.withUnsafeBufferPointer { g in y.withUnsafeBufferPointer { y in
            for r in 0..<rows {
                let b = r * d
                var mg: S = 0, mgy: S = 0
                for t in 0..<d { mg += g[b + t]; mgy += g[b + t] * y[b + t] }
                mg /= dn
                mgy /= dn
                let k = inv[r]
                for t in 0..<d { dx[b + t] += k * (g[b + t] - mg - y[b + t] * mgy) }
            }
        } }
    }
}
