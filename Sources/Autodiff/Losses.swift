extension Variable {
    /// The mean softmax cross-entropy of `[batch, classes]` logits against
    /// integer labels, computed stably through log-sum-exp (PyTorch's
    /// `cross_entropy(logits, labels)` with the default mean reduction).
    ///
    /// ```swift
    /// let loss = try logits.softmaxCrossEntropy(labels: [3, 0, 1])
    /// ```
    ///
    /// Throws when a label is outside `0..<classes` or the count differs from the batch.
    public func softmaxCrossEntropy(labels: [Int]) throws -> Variable {
        let s = shape
        guard s.count == 2 else { throw AutodiffError.shapeMismatch("cross-entropy needs [batch, classes] logits, got \(s)") }
        let (b, c) = (s[0], s[1])
        guard labels.count == b else {
            throw AutodiffError.shapeMismatch("\(labels.count) labels for a batch of \(b)")
        }
        for (r, l) in labels.enumerated() where l < 0 || l >= c {
            throw AutodiffError.indexOutOfRange("label \(l) in row \(r), expected 0..<\(c)")
        }
        guard b > 0, c > 0 else { throw AutodiffError.invalidArgument("cross-entropy of an empty batch") }
        let (loss, probabilities) = LossKernels.crossEntropy(tape.value(index), labels, b, c)
        let i = index
        return tape.record([], [loss], inputs: [self]) { tape, g in
            let scale = g[0] / Scalar(b)
            tape.accumulate(i) { t in
                for r in 0..<b {
                    for k in 0..<c { t[r * c + k] += scale * probabilities[r * c + k] }
                    t[r * c + labels[r]] -= scale
                }
            }
        }
    }

    /// The mean squared error mean((self - target)^2) over every entry
    /// (PyTorch's `mse_loss`); the shapes must be equal.
    ///
    /// ```swift
    /// let loss = try prediction.meanSquaredError(target)
    /// ```
    public func meanSquaredError(_ target: Variable) throws -> Variable {
        try tape.check(target)
        guard shape == target.shape else { throw AutodiffError.shapeMismatch("prediction \(shape) and target \(target.shape)") }
        let d = try self - target
        return d.squared().mean()
    }
}

enum LossKernels {
    /// The mean loss and the row softmax of the logits.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func crossEntropy<S: TensorScalar>(_ x: [S], _ labels: [Int], _ b: Int, _ c: Int) -> (S, [S]) {
        var p = [S](repeating: 0, count: b * c)
        var total: S = 0
        x.withUnsafeBufferPointer { x in p.withUnsafeMutableBufferPointer { p in
            for r in 0..<b {
                let row = r * c
                var m = x[row]
                for k in 1..<c where x[row + k] > m { m = x[row + k] }
                var z: S = 0
                for k in 0..<c {
                    let e = S.exp(x[row + k] - m)
                    p[row + k] = e
                    z += e
                }
                let inv = 1 / z
                for k in 0..<c { p[row + k] *= inv }
                total += m + S.log(z) - x[row + labels[r]]
            }
        } }
        return (total / S(b), p)
    }
}
