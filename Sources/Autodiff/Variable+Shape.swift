extension Variable {
    /// The same entries under another shape of equal size; one extent may
    /// be -1 and is then inferred.
    ///
    /// ```swift
    /// let flat = try images.reshaped([batch, -1])
    /// ```
    public func reshaped(_ newShape: [Int]) throws -> Variable {
        let n = tape.value(index).count
        var s = newShape
        if let k = s.firstIndex(of: -1) {
            s[k] = 1
            let rest = try Tensor<Scalar>.elementCount(of: s)
            guard rest > 0, n % rest == 0 else { throw AutodiffError.shapeMismatch("cannot reshape \(shape) to \(newShape)") }
            s[k] = n / rest
        }
        guard try Tensor<Scalar>.elementCount(of: s) == n else {
            throw AutodiffError.shapeMismatch("cannot reshape \(shape) to \(newShape)")
        }
        let i = index
        return tape.record(s, tape.value(index), inputs: [self]) { tape, g in
            tape.accumulate(i, adding: g)
        }
    }

    /// The axes permuted: axis k of the result is axis `permutation[k]` of self.
    ///
    /// ```swift
    /// let nhwc = try x.transposed([0, 2, 3, 1])
    /// ```
    public func transposed(_ permutation: [Int]) throws -> Variable {
        let s = shape
        guard permutation.count == s.count, Set(permutation) == Set(0..<s.count) else {
            throw AutodiffError.invalidArgument("\(permutation) is not a permutation of the \(s.count) axes")
        }
        let st = Tensor<Scalar>.strides(of: s)
        let out = permutation.map { s[$0] }
        let ps = permutation.map { st[$0] }
        let y = ShapeKernels.permute(tape.value(index), out, ps)
        let i = index
        return tape.record(out, y, inputs: [self]) { tape, g in
            tape.accumulate(i) { ShapeKernels.permuteBackward(g, into: $0, out, ps) }
        }
    }

    /// The last two axes swapped (the matrix transpose for rank 2).
    public func transposed() throws -> Variable {
        let r = shape.count
        guard r >= 2 else { throw AutodiffError.invalidArgument("transpose needs rank 2 or more, got \(shape)") }
        var p = Array(0..<r)
        p.swapAt(r - 1, r - 2)
        return try transposed(p)
    }
}

enum ShapeKernels {
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func permute<S: TensorScalar>(_ x: [S], _ out: [Int], _ strides: [Int]) -> [S] {
        let n = x.count
        return [S](unsafeUninitializedCapacity: n) { y, count in
            x.withUnsafeBufferPointer { x in
                Kernels.forEachBroadcast(out, strides, strides) { i, o, _ in y[i] = x[o] }
            }
            count = n
        }
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func permuteBackward<S: TensorScalar>(_ g: [S], into dx: UnsafeMutableBufferPointer<S>, _ out: [Int], _ strides: [Int]) {
        g.withUnsafeBufferPointer { g in
            Kernels.forEachBroadcast(out, strides, strides) { i, o, _ in dx[o] += g[i] }
        }
    }
}
