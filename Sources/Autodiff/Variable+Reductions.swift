extension Variable {
    /// The sum of every entry (a scalar, shape []).
    ///
    /// ```swift
    /// let total = x.sum()
    /// ```
    public func sum() -> Variable {
        let x = tape.value(index)
        let s = x.withUnsafeBufferPointer { x in
            var s: Scalar = 0
            for v in x { s += v }
            return s
        }
        let i = index
        return tape.record([], [s], inputs: [self]) { tape, g in
            let gv = g[0]
            tape.accumulate(i) { t in for j in 0..<t.count { t[j] += gv } }
        }
    }

    /// The mean of every entry (a scalar).
    public func mean() -> Variable {
        let n = max(1, tape.value(index).count)
        return sum() * (1 / Scalar(n))
    }

    /// Resolves a possibly negative axis (-1 is the last).
    func resolve(axis: Int) throws -> Int {
        let r = shape.count
        let a = axis < 0 ? axis + r : axis
        guard a >= 0, a < r else { throw AutodiffError.axisOutOfRange(axis: axis, rank: r) }
        return a
    }

    /// The sum along one axis (negative counts from the end), which is
    /// removed unless `keepingDimension` leaves it with extent 1.
    ///
    /// ```swift
    /// let rowSums = try x.sum(alongAxis: 1)   // [n, k] -> [n]
    /// ```
    public func sum(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
        let a = try resolve(axis: axis)
        let s = shape
        let outer = s[..<a].reduce(1, *), n = s[a], inner = s[(a + 1)...].reduce(1, *)
        var outShape = s
        if keepingDimension { outShape[a] = 1 } else { outShape.remove(at: a) }
        let y = ReductionKernels.sumAxis(tape.value(index), outer: outer, n: n, inner: inner)
        let i = index
        return tape.record(outShape, y, inputs: [self]) { tape, g in
            tape.accumulate(i) { ReductionKernels.sumAxisBackward(g, into: $0, outer: outer, n: n, inner: inner) }
        }
    }

    /// The mean along one axis.
    public func mean(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
        let a = try resolve(axis: axis)
        let n = max(1, shape[a])
        return try sum(alongAxis: a, keepingDimension: keepingDimension) * (1 / Scalar(n))
    }
}

enum ReductionKernels {
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func sumAxis<S: TensorScalar>(_ x: [S], outer: Int, n: Int, inner: Int) -> [S] {
        var y = [S](repeating: 0, count: outer * inner)
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
            for o in 0..<outer {
                for j in 0..<n {
                    let base = (o * n + j) * inner, yb = o * inner
                    for t in 0..<inner { y[yb + t] += x[base + t] }
                }
            }
        } }
        return y
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func sumAxisBackward<S: TensorScalar>(_ g: [S], into dx: UnsafeMutableBufferPointer<S>, outer: Int, n: Int, inner: Int) {
        g.withUnsafeBufferPointer { g in
            for o in 0..<outer {
                for j in 0..<n {
                    let base = (o * n + j) * inner, gb = o * inner
                    for t in 0..<inner { dx[base + t] += g[gb + t] }
                }
            }
        }
    }
}
