extension Variable {
    /// The largest entry along one axis (negative counts from the end),
    /// which is removed; the gradient goes to the first largest entry.
    /// NaN entries propagate (a NaN anywhere along the axis gives NaN).
    ///
    /// ```swift
    /// let pooled = try features.maximum(alongAxis: -1)   // [B, C, HW] -> [B, C]
    /// ```
    public func maximum(alongAxis axis: Int) throws -> Variable {
        let a = try resolve(axis: axis)
        let s = shape
        let outer = s[..<a].reduce(1, *), n = s[a], inner = s[(a + 1)...].reduce(1, *)
        guard n > 0 else { throw AutodiffError.invalidArgument("maximum along an empty axis of \(s)") }
        var outShape = s
        outShape.remove(at: a)
        let x = tape.value(index)
        var y = [Scalar](repeating: 0, count: outer * inner)
        var argmax = [Int](repeating: 0, count: outer * inner)
        x.withUnsafeBufferPointer { x in
            for o in 0..<outer {
                for t in 0..<inner {
                    var best = x[o * n * inner + t], at = 0
                    if !best.isNaN {
                        for j in 1..<Swift.max(1, n) {
                            let v = x[(o * n + j) * inner + t]
                            if v.isNaN { best = v; at = j; break }
                            if v > best { best = v; at = j }
                        }
                    }
                    y[o * inner + t] = best
                    argmax[o * inner + t] = (o * n + at) * inner + t
                }
            }
        }
        let i = index
        return tape.record(outShape, y, inputs: [self]) { tape, g in
            tape.accumulate(i) { dx in for (q, src) in argmax.enumerated() { dx[src] += g[q] } }
        }
    }
}
