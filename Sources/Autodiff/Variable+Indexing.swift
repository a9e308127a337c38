extension Variable {
    /// Joins variables along an axis; the other extents must agree.
    ///
    /// ```swift
    /// let both = try Variable.concatenate([a, b], alongAxis: 1)   // [n, p] and [n, q] -> [n, p + q]
    /// ```
    public static func concatenate(_ parts: [Variable], alongAxis axis: Int) throws -> Variable {
        guard let first = parts.first else { throw AutodiffError.invalidArgument("concatenate needs at least one variable") }
        let tape = first.tape
        let a = try first.resolve(axis: axis)
        var s = first.shape
        var sizes: [Int] = []
        for p in parts {
            try tape.check(p)
            let ps = p.shape
            guard ps.count == s.count, (0..<s.count).allSatisfy({ $0 == a || ps[$0] == s[$0] }) else {
                throw AutodiffError.shapeMismatch("cannot concatenate \(ps) to \(s) along axis \(a)")
            }
            sizes.append(ps[a])
        }
        s[a] = sizes.reduce(0, +)
        let outer = s[..<a].reduce(1, *), inner = s[(a + 1)...].reduce(1, *), total = s[a]
        var y = [Scalar](repeating: 0, count: outer * total * inner)
        var offset = 0
        for (p, n) in zip(parts, sizes) {
            IndexKernels.copyBlock(tape.value(p.index), into: &y, outer: outer, n: n, inner: inner, total: total, offset: offset)
            offset += n
        }
        let indices = parts.map(\.index)
        return tape.record(s, y, inputs: parts) { tape, g in
            var offset = 0
            for (i, n) in zip(indices, sizes) {
                let o = offset
                tape.accumulate(i) { IndexKernels.addBlock(g, into: $0, outer: outer, n: n, inner: inner, total: total, offset: o) }
                offset += n
            }
        }
    }

    /// The entries at `indices` along an axis (repeats allowed), in that
    /// order: an embedding lookup or `index_select`. Its gradient adds back
    /// into the selected positions.
    ///
    /// ```swift
    /// let rows = try table.gathered(indices: [3, 0, 3], alongAxis: 0)
    /// ```
    public func gathered(indices: [Int], alongAxis axis: Int = 0) throws -> Variable {
        let a = try resolve(axis: axis)
        var s = shape
        let n = s[a]
        for (k, j) in indices.enumerated() where j < 0 || j >= n {
            throw AutodiffError.indexOutOfRange("index \(j) at position \(k), axis \(a) has extent \(n)")
        }
        let outer = s[..<a].reduce(1, *), inner = s[(a + 1)...].reduce(1, *)
        s[a] = indices.count
        let y = IndexKernels.gather(tape.value(index), indices, outer: outer, n: n, inner: inner)
        let i = index
        return tape.record(s, y, inputs: [self]) { tape, g in
            tape.accumulate(i) { IndexKernels.scatterAdd(g, indices, into: $0, outer: outer, n: n, inner: inner) }
        }
    }

    /// The entries in `range` along an axis.
    ///
    /// ```swift
    /// let firstTwo = try x.sliced(0..<2, alongAxis: 1)
    /// ```
    public func sliced(_ range: Range<Int>, alongAxis axis: Int = 0) throws -> Variable {
        let a = try resolve(axis: axis)
        guard range.lowerBound >= 0, range.upperBound <= shape[a] else {
            throw AutodiffError.indexOutOfRange("slice \(range) of an axis of extent \(shape[a])")
        }
        return try gathered(indices: Array(range), alongAxis: a)
    }
}

enum IndexKernels {
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func copyBlock<S: TensorScalar>(_ x: [S], into y: inout [S], outer: Int, n: Int, inner: Int, total: Int, offset: Int) {
        let w = n * inner
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
            for o in 0..<outer {
                let src = o * w, dst = (o * total + offset) * inner
                for t in 0..<w { y[dst + t] = x[src + t] }
            }
        } }
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func addBlock<S: TensorScalar>(_ g: [S], into dx: UnsafeMutableBufferPointer<S>, outer: Int, n: Int, inner: Int,
                                          total: Int, offset: Int) {
        let w = n * inner
        g.withUnsafeBufferPointer { g in
            for o in 0..<outer {
                let dst = o * w, src = (o * total + offset) * inner
                for t in 0..<w { dx[dst + t] += g[src + t] }
            }
        }
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func gather<S: TensorScalar>(_ x: [S], _ indices: [Int], outer: Int, n: Int, inner: Int) -> [S] {
        let m = indices.count
        var y = [S](repeating: 0, count: outer * m * inner)
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
            for o in 0..<outer {
                for (k, j) in indices.enumerated() {
                    let src = (o * n + j) * inner, dst = (o * m + k) * inner
                    for t in 0..<inner { y[dst + t] = x[src + t] }
                }
            }
        } }
        return y
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func scatterAdd<S: TensorScalar>(_ g: [S], _ indices: [Int], into dx: UnsafeMutableBufferPointer<S>,
                                            outer: Int, n: Int, inner: Int) {
        let m = indices.count
        g.withUnsafeBufferPointer { g in
            for o in 0..<outer {
                for (k, j) in indices.enumerated() {
                    let dst = (o * n + j) * inner, src = (o * m + k) * inner
                    for t in 0..<inner { dx[dst + t] += g[src + t] }
                }
            }
        }
    }
}
