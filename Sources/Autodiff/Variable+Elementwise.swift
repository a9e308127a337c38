extension Variable {
    /// op(a, b) with NumPy broadcasting, recorded with its gradient.
    static func binary(_ op: BinaryOp, _ a: Variable, _ b: Variable) throws -> Variable {
        try a.tape.check(b)
        let tape = a.tape
        let aShape = a.shape, bShape = b.shape
        let out = try Broadcasting.shape(aShape, bShape)
        let y = Kernels.binary(op, tape.value(a.index), aShape, tape.value(b.index), bShape, out)
        let ia = a.index, ib = b.index
        return tape.record(out, y, inputs: [a, b]) { tape, g in
            let av = tape.value(ia), bv = tape.value(ib)
            tape.accumulate(ia) { Kernels.binaryBackward(op, g, av, aShape, bv, bShape, out, into: $0, withRespectToA: true) }
            tape.accumulate(ib) { Kernels.binaryBackward(op, g, av, aShape, bv, bShape, out, into: $0, withRespectToA: false) }
        }
    }

    /// op(x) entry by entry, recorded with its gradient.
    func unary(_ op: UnaryOp) -> Variable {
        let x = tape.value(index)
        let y = Kernels.unary(op, x)
        let i = index
        return tape.record(shape, y, inputs: [self]) { tape, g in
            let x = tape.value(i)
            tape.accumulate(i) { Kernels.unaryBackward(op, g, x, y, into: $0) }
        }
    }

    /// Sum with broadcasting.
    ///
    /// ```swift
    /// let y = try x + b    // x: [n, k], b: [k]
    /// ```
    public static func + (a: Variable, b: Variable) throws -> Variable { try binary(.add, a, b) }
    /// Difference with broadcasting.
    public static func - (a: Variable, b: Variable) throws -> Variable { try binary(.subtract, a, b) }
    /// Entrywise product with broadcasting.
    public static func * (a: Variable, b: Variable) throws -> Variable { try binary(.multiply, a, b) }
    /// Entrywise quotient with broadcasting.
    public static func / (a: Variable, b: Variable) throws -> Variable { try binary(.divide, a, b) }

    /// a + s.
    public static func + (a: Variable, s: Scalar) -> Variable { a.unary(.shift(Double(s))) }
    /// s + a.
    public static func + (s: Scalar, a: Variable) -> Variable { a.unary(.shift(Double(s))) }
    /// a - s.
    public static func - (a: Variable, s: Scalar) -> Variable { a.unary(.shift(-Double(s))) }
    /// s - a.
    public static func - (s: Scalar, a: Variable) -> Variable { a.unary(.scale(-1)).unary(.shift(Double(s))) }
    /// a * s.
    public static func * (a: Variable, s: Scalar) -> Variable { a.unary(.scale(Double(s))) }
    /// s * a.
    public static func * (s: Scalar, a: Variable) -> Variable { a.unary(.scale(Double(s))) }
    /// a / s.
    public static func / (a: Variable, s: Scalar) -> Variable { a.unary(.scale(1 / Double(s))) }
    /// -a.
    public static prefix func - (a: Variable) -> Variable { a.unary(.negate) }

    /// e^x entrywise.
    public func exp() -> Variable { unary(.exp) }
    /// The natural logarithm entrywise.
    public func log() -> Variable { unary(.log) }
    /// sin(x) entrywise.
    public func sin() -> Variable { unary(.sin) }
    /// cos(x) entrywise.
    public func cos() -> Variable { unary(.cos) }
    /// tanh(x) entrywise.
    public func tanh() -> Variable { unary(.tanh) }
    /// The logistic sigmoid 1 / (1 + e^-x) entrywise.
    public func sigmoid() -> Variable { unary(.sigmoid) }
    /// x^2 entrywise.
    public func squared() -> Variable { unary(.square) }
    /// The square root entrywise.
    public func squareRoot() -> Variable { unary(.sqrt) }
    /// x^p entrywise (x > 0).
    public func power(_ p: Scalar) -> Variable { unary(.power(Double(p))) }
    /// max(x, 0) entrywise.
    public func relu() -> Variable { unary(.relu) }
    /// sin(w0 x) entrywise: the SIREN activation (Sitzmann et al., NeurIPS 2020), w0 = 30 by default.
    public func sine(frequency w0: Scalar = 30) -> Variable { unary(.sine(Double(w0))) }

    /// The GELU activation (Hendrycks and Gimpel, 2016).
    ///
    /// `.exact` is x Φ(x) with the error function (PyTorch's default,
    /// `approximate='none'`); `.tanh` is the tanh approximation
    /// (`approximate='tanh'`).
    ///
    /// ```swift
    /// let h = x.gelu()            // exact erf
    /// let k = x.gelu(.tanh)
    /// ```
    public func gelu(_ approximation: GELUApproximation = .exact) -> Variable {
        unary(approximation == .exact ? .geluErf : .geluTanh)
    }
}

/// Which GELU: the exact one with erf (PyTorch's default) or the tanh approximation.
public enum GELUApproximation: Sendable, Equatable {
    /// x Φ(x) = x (1 + erf(x / sqrt 2)) / 2.
    case exact
    /// x (1 + tanh(sqrt(2/π) (x + 0.044715 x^3))) / 2.
    case tanh
}
