extension Variable {
    /// Inverted dropout: in training mode (`tape.isTraining`) each entry is
    /// zeroed with probability `p` and the others scaled by 1/(1-p), the
    /// mask drawn from `tape.generator` (so a seed fixes it); in evaluation
    /// mode, the identity.
    ///
    /// ```swift
    /// let tape = Tape<Float>(training: true, seed: 3)
    /// let h = try tape.constant(x).dropout(probability: 0.1)
    /// ```
    public func dropout(probability p: Double) throws -> Variable {
        guard p >= 0, p < 1 else { throw AutodiffError.invalidArgument("dropout probability \(p), expected 0 <= p < 1") }
        guard tape.isTraining, p > 0 else { return self }
        let n = tape.value(index).count
        let keep = Scalar(1 / (1 - p))
        var mask = [Scalar](repeating: 0, count: n)
        let threshold = UInt64(p * 0x1.0p53)
        for k in 0..<n where tape.generator.next() >> 11 >= threshold { mask[k] = keep }
        let m = try tape.constant(Tensor(shape: shape, elements: mask))
        return try self * m
    }
}
