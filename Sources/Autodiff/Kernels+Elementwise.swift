/// The elementwise binary operations.
enum BinaryOp { case add, subtract, multiply, divide }

/// The elementwise unary operations; `scale` and `shift` carry a constant.
enum UnaryOp {
    case negate, exp, log, sin, cos, tanh, relu, geluErf, geluTanh, sigmoid, square, sqrt
    case scale(Double), shift(Double), power(Double), sine(Double)
}

extension Kernels {
    @inline(__always)
    static func mapBinary<Scalar: TensorScalar>(_ a: UnsafeBufferPointer<Scalar>, _ sa: [Int], _ b: UnsafeBufferPointer<Scalar>, _ sb: [Int],
                                                _ out: [Int], _ same: Bool, _ y: UnsafeMutableBufferPointer<Scalar>,
                                                _ f: (Scalar, Scalar) -> Scalar) {
        if same {
            for i in 0..<y.count { y[i] = f(a[i], b[i]) }
        } else if b.count == 1 {
            let s = b[0]
            for i in 0..<y.count { y[i] = f(a[i], s) }
        } else if a.count == 1 {
            let s = a[0]
            for i in 0..<y.count { y[i] = f(s, b[i]) }
        } else {
            forEachBroadcast(out, sa, sb) { i, oa, ob in y[i] = f(a[oa], b[ob]) }
        }
    }

    /// `op(a, b)` broadcast to `out`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func binary<Scalar: TensorScalar>(_ op: BinaryOp, _ a: [Scalar], _ aShape: [Int], _ b: [Scalar], _ bShape: [Int],
                                             _ out: [Int]) -> [Scalar] {
        let n = out.reduce(1, *)
        let same = aShape == bShape
        let sa = same ? [] : Broadcasting.strides(aShape, in: out)
        let sb = same ? [] : Broadcasting.strides(bShape, in: out)
        return [Scalar](unsafeUninitializedCapacity: n) { y, count in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    switch op {
                    case .add: mapBinary(a, sa, b, sb, out, same, y) { $0 + $1 }
                    case .subtract: mapBinary(a, sa, b, sb, out, same, y) { $0 - $1 }
                    case .multiply: mapBinary(a, sa, b, sb, out, same, y) { $0 * $1 }
                    case .divide: mapBinary(a, sa, b, sb, out, same, y) { $0 / $1 }
                    }
                }
            }
            count = n
        }
    }

    @inline(__always)
    static func accumulateBinary<Scalar: TensorScalar>(_ g: UnsafeBufferPointer<Scalar>, _ a: UnsafeBufferPointer<Scalar>, _ sa: [Int],
                                                       _ b: UnsafeBufferPointer<Scalar>, _ sb: [Int], _ out: [Int], _ same: Bool,
                                                       _ t: UnsafeMutableBufferPointer<Scalar>, _ intoA: Bool,
                                                       _ f: (Scalar, Scalar, Scalar) -> Scalar) {
        if same {
            for i in 0..<g.count { t[i] += f(g[i], a[i], b[i]) }
        } else if intoA {
            forEachBroadcast(out, sa, sb) { i, oa, ob in t[oa] += f(g[i], a[oa], b[ob]) }
        } else {
            forEachBroadcast(out, sa, sb) { i, oa, ob in t[ob] += f(g[i], a[oa], b[ob]) }
        }
    }

    /// Adds d(op(a, b))/da (or /db) times `g` into `t`, summed over broadcast axes.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func binaryBackward<Scalar: TensorScalar>(_ op: BinaryOp, _ g: [Scalar], _ a: [Scalar], _ aShape: [Int],
                                                     _ b: [Scalar], _ bShape: [Int], _ out: [Int],
                                                     into t: UnsafeMutableBufferPointer<Scalar>, withRespectToA intoA: Bool) {
        switch op {
        case .add:
            accumulateReduced(g, out, into: t, intoA ? aShape : bShape)
            return
        case .subtract where intoA:
            accumulateReduced(g, out, into: t, aShape)
            return
        default: break
        }
        let same = aShape == bShape
        let sa = same ? [] : Broadcasting.strides(aShape, in: out)
        let sb = same ? [] : Broadcasting.strides(bShape, in: out)
        g.withUnsafeBufferPointer { g in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    switch (op, intoA) {
                    case (.subtract, _): accumulateBinary(g, a, sa, b, sb, out, same, t, false) { g, _, _ in -g }
                    case (.multiply, true): accumulateBinary(g, a, sa, b, sb, out, same, t, true) { g, _, b in g * b }
                    case (.multiply, false): accumulateBinary(g, a, sa, b, sb, out, same, t, false) { g, a, _ in g * a }
                    case (.divide, true): accumulateBinary(g, a, sa, b, sb, out, same, t, true) { g, _, b in g / b }
                    case (.divide, false): accumulateBinary(g, a, sa, b, sb, out, same, t, false) { g, a, b in -g * a / (b * b) }
                    case (.add, _): break
                    }
                }
            }
        }
    }

    @inline(__always)
    static func map<Scalar: TensorScalar>(_ x: UnsafeBufferPointer<Scalar>, _ y: UnsafeMutableBufferPointer<Scalar>,
                                          _ f: (Scalar) -> Scalar) {
        for i in 0..<x.count { y[i] = f(x[i]) }
    }

    /// `op(x)` entry by entry.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func unary<Scalar: TensorScalar>(_ op: UnaryOp, _ x: [Scalar]) -> [Scalar] {
        [Scalar](unsafeUninitializedCapacity: x.count) { y, count in
            x.withUnsafeBufferPointer { x in
                switch op {
                case .negate: map(x, y) { -$0 }
                case .exp: map(x, y) { Scalar.exp($0) }
                case .log: map(x, y) { Scalar.log($0) }
                case .sin: map(x, y) { Scalar.sin($0) }
                case .cos: map(x, y) { Scalar.cos($0) }
                case .tanh: map(x, y) { Scalar.tanh($0) }
                case .relu: map(x, y) { $0 > 0 ? $0 : 0 }
                case .sigmoid: map(x, y) { 1 / (1 + Scalar.exp(-$0)) }
                case .square: map(x, y) { $0 * $0 }
                case .sqrt: map(x, y) { $0.squareRoot() }
                case .geluErf:
                    let r = Scalar(0.7071067811865476)
                    map(x, y) { 0.5 * $0 * (1 + Scalar.erf($0 * r)) }
                case .geluTanh:
                    let c = Scalar(0.7978845608028654), k = Scalar(0.044715)
                    map(x, y) { 0.5 * $0 * (1 + Scalar.tanh(c * ($0 + k * $0 * $0 * $0))) }
                case .scale(let s):
                    let s = Scalar(s)
                    map(x, y) { s * $0 }
                case .shift(let s):
                    let s = Scalar(s)
                    map(x, y) { s + $0 }
                case .power(let p):
                    let p = Scalar(p)
                    map(x, y) { Scalar.exp(p * Scalar.log($0)) }
                case .sine(let w):
                    let w = Scalar(w)
                    map(x, y) { Scalar.sin(w * $0) }
                }
            }
            count = x.count
        }
    }

    @inline(__always)
    static func accumulateUnary<Scalar: TensorScalar>(_ g: UnsafeBufferPointer<Scalar>, _ x: UnsafeBufferPointer<Scalar>,
                                                      _ y: UnsafeBufferPointer<Scalar>, _ t: UnsafeMutableBufferPointer<Scalar>,
                                                      _ f: (Scalar, Scalar, Scalar) -> Scalar) {
        for i in 0..<g.count { t[i] += f(g[i], x[i], y[i]) }
    }

    /// Adds op'(x) times `g` into `t` (`y` = op(x), reused where it gives the derivative).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func unaryBackward<Scalar: TensorScalar>(_ op: UnaryOp, _ g: [Scalar], _ x: [Scalar], _ y: [Scalar],
                                                    into t: UnsafeMutableBufferPointer<Scalar>) {
        g.withUnsafeBufferPointer { g in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    switch op {
                    case .negate: accumulateUnary(g, x, y, t) { g, _, _ in -g }
                    case .exp: accumulateUnary(g, x, y, t) { g, _, y in g * y }
                    case .log: accumulateUnary(g, x, y, t) { g, x, _ in g / x }
                    case .sin: accumulateUnary(g, x, y, t) { g, x, _ in g * Scalar.cos(x) }
                    case .cos: accumulateUnary(g, x, y, t) { g, x, _ in -g * Scalar.sin(x) }
                    case .tanh: accumulateUnary(g, x, y, t) { g, _, y in g * (1 - y * y) }
                    case .relu: accumulateUnary(g, x, y, t) { g, x, _ in x > 0 ? g : 0 }
                    case .sigmoid: accumulateUnary(g, x, y, t) { g, _, y in g * y * (1 - y) }
                    case .square: accumulateUnary(g, x, y, t) { g, x, _ in 2 * g * x }
                    case .sqrt: accumulateUnary(g, x, y, t) { g, _, y in g / (2 * y) }
                    case .geluErf:
                        let r = Scalar(0.7071067811865476), c = Scalar(0.3989422804014327)
                        accumulateUnary(g, x, y, t) { g, x, _ in
                            g * (0.5 * (1 + Scalar.erf(x * r)) + x * c * Scalar.exp(-0.5 * x * x))
                        }
                    case .geluTanh:
                        let c = Scalar(0.7978845608028654), k = Scalar(0.044715)
                        accumulateUnary(g, x, y, t) { g, x, _ in
                            let th = Scalar.tanh(c * (x + k * x * x * x))
                            return g * (0.5 * (1 + th) + 0.5 * x * (1 - th * th) * c * (1 + 3 * k * x * x))
                        }
                    case .scale(let s):
                        let s = Scalar(s)
                        accumulateUnary(g, x, y, t) { g, _, _ in s * g }
                    case .shift: accumulateUnary(g, x, y, t) { g, _, _ in g }
                    case .power(let p):
                        let p = Scalar(p)
                        accumulateUnary(g, x, y, t) { g, x, _ in g * p * Scalar.exp((p - 1) * Scalar.log(x)) }
                    case .sine(let w):
                        let w = Scalar(w)
                        accumulateUnary(g, x, y, t) { g, x, _ in g * w * Scalar.cos(w * x) }
                    }
                }
            }
        }
    }
}
