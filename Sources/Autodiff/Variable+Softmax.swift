extension Variable {
    /// The softmax over the last axis, computed stably (the row maximum subtracted first).
    ///
    /// ```swift
    /// let p = try logits.softmax()     // each row sums to 1
    /// ```
    public func softmax() throws -> Variable {
        let (rows, d) = try lastAxisRows()
        let y = SoftmaxKernels.forward(tape.value(index), rows: rows, d: d, logarithm: false)
        let i = index
        return tape.record(shape, y, inputs: [self]) { tape, g in
            tape.accumulate(i) { SoftmaxKernels.softmaxBackward(g, y, into: $0, rows: rows, d: d) }
        }
    }

    /// The log-softmax over the last axis: x - log Σ exp(x), by log-sum-exp.
    ///
    /// ```swift
    /// let logp = try logits.logSoftmax()
    /// ```
    public func logSoftmax() throws -> Variable {
        let (rows, d) = try lastAxisRows()
        let y = SoftmaxKernels.forward(tape.value(index), rows: rows, d: d, logarithm: true)
        let i = index
        return tape.record(shape, y, inputs: [self]) { tape, g in
            tape.accumulate(i) { SoftmaxKernels.logSoftmaxBackward(g, y, into: $0, rows: rows, d: d) }
        }
    }

    func lastAxisRows() throws -> (Int, Int) {
        guard let d = shape.last, d > 0 else { throw AutodiffError.shapeMismatch("softmax needs a non-empty last axis, got \(shape)") }
        return (tape.value(index).count / d, d)
    }
}

enum SoftmaxKernels {
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func forward<S: TensorScalar>(_ x: [S], rows: Int, d: Int, logarithm: Bool) -> [S] {
        var y: [S] = Kernels.zeros(x.count)
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
            for r in 0..<rows {
                let b = r * d
                var m = x[b]
                for t in 1..<d where x[b + t] > m { m = x[b + t] }
                var z: S = 0
                for t in 0..<d { let e = S.exp(x[b + t] - m); y[b + t] = e; z += e }
                if logarithm {
                    let lse = m + S.log(z)
                    for t in 0..<d { y[b + t] = x[b + t] - lse }
                } else {
                    let inv = 1 / z
                    for t in 0..<d { y[b + t] *= inv }
                }
            }
        } }
        return y
    }

    /// dx = y (g - Σ g y) row by row.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func softmaxBackward<S: TensorScalar>(_ g: [S], _ y: [S], into dx: UnsafeMutableBufferPointer<S>, rows: Int, d: Int) {
        g.withUnsafeBufferPointer { g in y.withUnsafeBufferPointer { y in
            for r in 0..<rows {
                let b = r * d
                var s: S = 0
                for t in 0..<d { s += g[b + t] * y[b + t] }
                for t in 0..<d { dx[b + t] += y[b + t] * (g[b + t] - s) }
            }
        } }
    }

    /// dx = g - exp(y) Σ g row by row (y the log-probabilities).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func logSoftmaxBackward<S: TensorScalar>(_ g: [S], _ y: [S], into dx: UnsafeMutableBufferPointer<S>, rows: Int, d: Int) {
        g.withUnsafeBufferPointer { g in y.withUnsafeBufferPointer { y in
            for r in 0..<rows {
                let b = r * d
                var s: S = 0
                for t in 0..<d { s += g[b + t] }
                for t in 0..<d { dx[b + t] += g[b + t] - S.exp(y[b + t]) * s }
            }
        } }
    }
}
