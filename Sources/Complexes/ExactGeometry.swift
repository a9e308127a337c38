/// Geometric predicates and squared circumradii on a fixed point set, exact:
/// each predicate is first evaluated in floating point with a conservative
/// error bound, and re-evaluated with GMP integers when the sign is in doubt
/// (the coordinates, scaled by one power of two, are integers). Squared
/// radii are computed exactly and rounded once to the nearest double.
///
/// Predicates used by the Delaunay triangulation and the alpha filtration:
/// - `orient`: sign of det[p_i - p_0] on chosen coordinate axes (k <= 3);
/// - `inSphere`: q strictly inside the circumsphere of a full-dimensional simplex;
/// - `insideCircumball`: q strictly inside the smallest circumsphere of a
///   simplex of at most 3 points (q in its affine hull, or the Gabriel test);
/// - `squaredRadius`: the squared radius of the smallest circumsphere.
///
/// The floating-point filters allocate nothing; the bounds are generous
/// multiples of the permanent (the same expression with absolute values),
/// far above the rounding error of the few operations involved.
///
/// Not thread-safe (one register bank); not Sendable.
final class ExactGeometry {
    let dimension: Int
    let xs: UnsafeMutablePointer<Double>
    let pointCount: Int
    /// Integer coordinates: coordinate = integer * 2^exponent.
    let exact: IntegerRegisters
    let exponent: Int
    let work = IntegerRegisters(count: 96)
    /// Number of predicate evaluations that needed GMP (for tests and benchmarks).
    var exactFallbacks = 0

    init(dimension: Int, coordinates: [Double]) {
        self.dimension = dimension
        pointCount = coordinates.count / Swift.max(1, dimension)
        xs = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, coordinates.count))
        for (i, x) in coordinates.enumerated() { xs[i] = x }
        var e = Int.max
        for x in coordinates { e = Swift.min(e, IntegerRegisters.ulpExponent(x)) }
        if e == Int.max { e = 0 }
        exponent = e
        exact = IntegerRegisters(count: coordinates.count)
        for (i, x) in coordinates.enumerated() { exact.set(i, x, exponent: e) }
    }

    deinit { xs.deallocate() }

    @inline(__always) func x(_ p: Int32, _ c: Int) -> Double { xs[Int(p) &* dimension &+ c] }
    @inline(__always) func diff(_ a: Int32, _ b: Int32, _ c: Int) -> Double { x(a, c) - x(b, c) }

    // MARK: Register programs (exact fallbacks)

    // Layout of `work`: 0..<16 a matrix (row-major, 4 wide), 16..<28 vectors
    // e_1..e_3 and w (3 wide each), 32..<48 a Gram matrix (4 wide), 50...
    // results and temporaries.
    @inline(__always) func m(_ r: Int, _ c: Int) -> Int { r * 4 + c }

    func det3(into t: Int, temp a: Int, _ e: (Int, Int) -> Int) {
        work.mul(a, e(1, 1), e(2, 2)); work.subMul(a, e(1, 2), e(2, 1)); work.mul(t, e(0, 0), a)
        work.mul(a, e(1, 0), e(2, 2)); work.subMul(a, e(1, 2), e(2, 0)); work.subMul(t, e(0, 1), a)
        work.mul(a, e(1, 0), e(2, 1)); work.subMul(a, e(1, 1), e(2, 0)); work.addMul(t, e(0, 2), a)
    }

    /// det of an n x n register matrix (n <= 4) into register t; temps t+1... are scratch.
    func det(_ n: Int, into t: Int, temps: Int, _ e: (Int, Int) -> Int) {
        switch n {
        case 1: work.copy(t, e(0, 0))
        case 2: work.mul(t, e(0, 0), e(1, 1)); work.subMul(t, e(0, 1), e(1, 0))
        case 3: det3(into: t, temp: temps, e)
        default:
            work.setZero(t)
            for j in 0..<4 {
                det3(into: temps, temp: temps + 1) { r, c in e(r + 1, c < j ? c : c + 1) }
                if j & 1 == 0 { work.addMul(t, e(0, j), temps) } else { work.subMul(t, e(0, j), temps) }
            }
        }
    }

    // MARK: Orientation

    /// Sign of det[(p_i - p_0) restricted to the axes], i = 1...k, k = p.count - 1 <= 3.
    func orient(_ p: Verts, _ a0: Int, _ a1: Int, _ a2: Int) -> Int {
        let k = p.count - 1
        let d: Double, bound: Double
        switch k {
        case 1:
            let v = diff(p.v1, p.v0, a0)
            return v > 0 ? 1 : (v < 0 ? -1 : 0)
        case 2:
            let ax = diff(p.v1, p.v0, a0), ay = diff(p.v1, p.v0, a1)
            let bx = diff(p.v2, p.v0, a0), by = diff(p.v2, p.v0, a1)
            let l = ax * by, r = ay * bx
            d = l - r; bound = Swift.abs(l) + Swift.abs(r)
        default:
            let ax = diff(p.v1, p.v0, a0), ay = diff(p.v1, p.v0, a1), az = diff(p.v1, p.v0, a2)
            let bx = diff(p.v2, p.v0, a0), by = diff(p.v2, p.v0, a1), bz = diff(p.v2, p.v0, a2)
            let cx = diff(p.v3, p.v0, a0), cy = diff(p.v3, p.v0, a1), cz = diff(p.v3, p.v0, a2)
            let m1 = by * cz - bz * cy, m2 = bx * cz - bz * cx, m3 = bx * cy - by * cx
            d = ax * m1 - ay * m2 + az * m3
            bound = Swift.abs(ax) * (Swift.abs(by * cz) + Swift.abs(bz * cy))
                + Swift.abs(ay) * (Swift.abs(bx * cz) + Swift.abs(bz * cx))
                + Swift.abs(az) * (Swift.abs(bx * cy) + Swift.abs(by * cx))
        }
        if Swift.abs(d) > bound * 1e-13 { return d > 0 ? 1 : -1 }
        exactFallbacks += 1
        let n = dimension
        let axes = [a0, a1, a2]
        for r in 0..<k {
            for c in 0..<k { work.sub(m(r, c), exact, Int(p[r + 1]) * n + axes[c], Int(p[0]) * n + axes[c]) }
        }
        det(k, into: 60, temps: 61) { r, c in r * 4 + c }
        return work.sign(60)
    }

    // MARK: In-sphere (full dimension)

    /// Whether q is strictly inside the circumsphere of the positively
    /// oriented full-dimensional simplex `p`: +1 inside, 0 on it, -1 outside.
    ///
    /// With rows (p_i - p_0, |p_i - p_0|^2) for i = 1..n and the same for q,
    /// the determinant is negative exactly when q is inside.
    func inSphere(_ p: Verts, _ q: Int32) -> Int {
        let n = dimension
        let d: Double, bound: Double
        if n == 2 {
            let x0 = diff(p.v1, p.v0, 0), y0 = diff(p.v1, p.v0, 1)
            let x1 = diff(p.v2, p.v0, 0), y1 = diff(p.v2, p.v0, 1)
            let x2 = diff(q, p.v0, 0), y2 = diff(q, p.v0, 1)
            let w0 = x0 * x0 + y0 * y0, w1 = x1 * x1 + y1 * y1, w2 = x2 * x2 + y2 * y2
            let a = x1 * y2 - x2 * y1, b = x0 * y2 - x2 * y0, c = x0 * y1 - x1 * y0
            d = w0 * a - w1 * b + w2 * c
            bound = w0 * (Swift.abs(x1 * y2) + Swift.abs(x2 * y1)) + w1 * (Swift.abs(x0 * y2) + Swift.abs(x2 * y0))
                + w2 * (Swift.abs(x0 * y1) + Swift.abs(x1 * y0))
        } else {
            let x0 = diff(p.v1, p.v0, 0), y0 = diff(p.v1, p.v0, 1), z0 = diff(p.v1, p.v0, 2)
            let x1 = diff(p.v2, p.v0, 0), y1 = diff(p.v2, p.v0, 1), z1 = diff(p.v2, p.v0, 2)
            let x2 = diff(p.v3, p.v0, 0), y2 = diff(p.v3, p.v0, 1), z2 = diff(p.v3, p.v0, 2)
            let x3 = diff(q, p.v0, 0), y3 = diff(q, p.v0, 1), z3 = diff(q, p.v0, 2)
            let w0 = x0 * x0 + y0 * y0 + z0 * z0, w1 = x1 * x1 + y1 * y1 + z1 * z1
            let w2 = x2 * x2 + y2 * y2 + z2 * z2, w3 = x3 * x3 + y3 * y3 + z3 * z3
            // Laplace expansion by the 2x2 minors of columns (x, y) and (z, w).
            let m01 = x0 * y1 - x1 * y0, m02 = x0 * y2 - x2 * y0, m03 = x0 * y3 - x3 * y0
            let m12 = x1 * y2 - x2 * y1, m13 = x1 * y3 - x3 * y1, m23 = x2 * y3 - x3 * y2
            let n01 = z0 * w1 - z1 * w0, n02 = z0 * w2 - z2 * w0, n03 = z0 * w3 - z3 * w0
            let n12 = z1 * w2 - z2 * w1, n13 = z1 * w3 - z3 * w1, n23 = z2 * w3 - z3 * w2
            d = m01 * n23 - m02 * n13 + m03 * n12 + m12 * n03 - m13 * n02 + m23 * n01
            @inline(__always) func pm(_ a: Double, _ b: Double, _ c: Double, _ e: Double) -> Double {
                Swift.abs(a * b) + Swift.abs(c * e)
            }
            bound = pm(x0, y1, x1, y0) * pm(z2, w3, z3, w2) + pm(x0, y2, x2, y0) * pm(z1, w3, z3, w1)
                + pm(x0, y3, x3, y0) * pm(z1, w2, z2, w1) + pm(x1, y2, x2, y1) * pm(z0, w3, z3, w0)
                + pm(x1, y3, x3, y1) * pm(z0, w2, z2, w0) + pm(x2, y3, x3, y2) * pm(z0, w1, z1, w0)
        }
        if Swift.abs(d) > bound * 1e-12 { return d < 0 ? 1 : -1 }
        exactFallbacks += 1
        for r in 0...n {
            let v = r < n ? p[r + 1] : q
            work.setZero(m(r, n))
            for c in 0..<n {
                work.sub(m(r, c), exact, Int(v) * n + c, Int(p.v0) * n + c)
                work.addMul(m(r, n), m(r, c), m(r, c))
            }
        }
        det(n + 1, into: 70, temps: 71) { r, c in r * 4 + c }
        return -work.sign(70)
    }

    // MARK: Smallest circumsphere (Gram form)

    // For the simplex p_0..p_m with e_j = p_j - p_0 and Gram matrix G, the
    // centre is p_0 + sum lambda_j e_j with lambda_j = det(G'_j) / (2 det G),
    // G'_j = G with column j replaced by diag(G). Then
    // r^2 = sum_j G_jj det(G'_j) / (4 det G), and q (w = q - p_0) is strictly
    // inside iff det G |w|^2 - sum_j det(G'_j) (w.e_j) < 0.

    /// Loads e_j (registers 16 + 3j + c), w (25 + c) and G (32 + 4i + j) exactly.
    func loadGram(_ p: Verts, _ q: Int32?) {
        let n = dimension, mm = p.count - 1
        for j in 0..<mm { for c in 0..<n { work.sub(16 + j * 3 + c, exact, Int(p[j + 1]) * n + c, Int(p.v0) * n + c) } }
        if let q { for c in 0..<n { work.sub(25 + c, exact, Int(q) * n + c, Int(p.v0) * n + c) } }
        for i in 0..<mm {
            for j in i..<mm {
                work.setZero(32 + i * 4 + j)
                for c in 0..<n { work.addMul(32 + i * 4 + j, 16 + i * 3 + c, 16 + j * 3 + c) }
                if i != j { work.copy(32 + j * 4 + i, 32 + i * 4 + j) }
            }
        }
    }

    @inline(__always) func dot(_ a: Int32, _ b: Int32, _ c: Int32, _ d: Int32) -> (Double, Double) {
        var s = 0.0, sa = 0.0
        for k in 0..<dimension {
            let v = diff(a, b, k) * diff(c, d, k)
            s += v; sa += Swift.abs(v)
        }
        return (s, sa)
    }

    /// Whether q is strictly inside the smallest circumsphere of p (2 or 3
    /// points). With `exact` false the floating-point value decides.
    func insideCircumball(_ p: Verts, _ q: Int32, exact useExact: Bool = true) -> Bool {
        let mm = p.count - 1
        let t: Double, bound: Double
        switch mm {
        case 0: return false
        case 1:
            // (q - p0).(q - p1) < 0
            (t, bound) = dot(q, p.v0, q, p.v1)
        case 2:
            let (g11, a11) = dot(p.v1, p.v0, p.v1, p.v0), (g12, a12) = dot(p.v1, p.v0, p.v2, p.v0)
            let (g22, a22) = dot(p.v2, p.v0, p.v2, p.v0), (ww, _) = dot(q, p.v0, q, p.v0)
            let (we1, b1) = dot(q, p.v0, p.v1, p.v0), (we2, b2) = dot(q, p.v0, p.v2, p.v0)
            t = (g11 * g22 - g12 * g12) * ww - g22 * (g11 - g12) * we1 - g11 * (g22 - g12) * we2
            bound = (a11 * a22 + a12 * a12) * ww + a22 * (a11 + a12) * b1 + a11 * (a22 + a12) * b2
        default:
            return insideExact(p, q)
        }
        if Swift.abs(t) > bound * 1e-11 || !useExact { return t < 0 }
        return insideExact(p, q)
    }

    func insideExact(_ p: Verts, _ q: Int32) -> Bool {
        exactFallbacks += 1
        let n = dimension, mm = p.count - 1
        loadGram(p, q)
        // T at 50, det G at 51, det G'_j at 52, w.e_j at 53, |w|^2 at 54, temps 56...
        work.setZero(54)
        for c in 0..<n { work.addMul(54, 25 + c, 25 + c) }
        det(mm, into: 51, temps: 56) { r, c in 32 + r * 4 + c }
        work.mul(50, 51, 54)
        for j in 0..<mm {
            det(mm, into: 52, temps: 56) { r, c in 32 + r * 4 + (c == j ? r : c) }
            work.setZero(53)
            for c in 0..<n { work.addMul(53, 25 + c, 16 + j * 3 + c) }
            work.subMul(50, 52, 53)
        }
        return work.sign(50) < 0
    }

    /// The squared radius of the smallest circumsphere of p (2 to 4 points),
    /// exact and rounded once to the nearest double (`exact`), or in floating
    /// point (relative error a few ulps times the simplex's condition number:
    /// up to ~1e-12 for the slivers of random 3D point sets).
    func squaredRadius(_ p: Verts, exact useExact: Bool) -> Double {
        let mm = p.count - 1
        if mm == 0 { return 0 }
        if !useExact {
            switch mm {
            case 1: return dot(p.v1, p.v0, p.v1, p.v0).0 / 4
            case 2:
                let g11 = dot(p.v1, p.v0, p.v1, p.v0).0, g12 = dot(p.v1, p.v0, p.v2, p.v0).0
                let g22 = dot(p.v2, p.v0, p.v2, p.v0).0
                return g11 * g22 * (g11 + g22 - 2 * g12) / (4 * (g11 * g22 - g12 * g12))
            default:
                let a = dot(p.v1, p.v0, p.v1, p.v0).0, b = dot(p.v1, p.v0, p.v2, p.v0).0
                let c = dot(p.v1, p.v0, p.v3, p.v0).0, e = dot(p.v2, p.v0, p.v2, p.v0).0
                let f = dot(p.v2, p.v0, p.v3, p.v0).0, i = dot(p.v3, p.v0, p.v3, p.v0).0
                // G = [[a b c] [b e f] [c f i]]
                @inline(__always) func d3(_ m00: Double, _ m01: Double, _ m02: Double, _ m10: Double, _ m11: Double,
                                          _ m12: Double, _ m20: Double, _ m21: Double, _ m22: Double) -> Double {
                    m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20)
                }
                let dg = d3(a, b, c, b, e, f, c, f, i)
                let d1 = d3(a, b, c, e, e, f, i, f, i), d2 = d3(a, a, c, b, e, f, c, i, i), d3v = d3(a, b, a, b, e, e, c, f, i)
                return (a * d1 + e * d2 + i * d3v) / (4 * dg)
            }
        }
        if let r = squaredRadiusFiltered(p) { return r }
        return squaredRadiusGMP(p)
    }

    /// The exact squared radius by GMP integers, rounded once.
    func squaredRadiusGMP(_ p: Verts) -> Double {
        let mm = p.count - 1
        if mm == 0 { return 0 }
        exactFallbacks += 1
        loadGram(p, nil)
        det(mm, into: 51, temps: 56) { r, c in 32 + r * 4 + c }
        work.setZero(50)
        for j in 0..<mm {
            det(mm, into: 52, temps: 56) { r, c in 32 + r * 4 + (c == j ? r : c) }
            work.addMul(50, 32 + j * 4 + j, 52)
        }
        return work.quotient(50, 51, scale: 2 * exponent - 2, scratch: 80)
    }

    /// The correctly rounded squared radius from double-double arithmetic,
    /// or nil when the rounding cannot be proved from the error bound.
    ///
    /// Differences of coordinates are exact double-doubles; each later sum
    /// or product of double-doubles errs by at most a few 2^-106 times the
    /// product of the operands' magnitudes, so the error of N and det G is
    /// below 2^-96 times the same expressions evaluated on absolute values
    /// (a bound hundreds of times the worst case). The result is returned
    /// only if the whole error interval rounds to one double.
    func squaredRadiusFiltered(_ p: Verts) -> Double? {
        let mm = p.count - 1
        let n = dimension
        // Stack buffers: e (3x3), G (3x3) as double-doubles; their magnitudes as doubles.
        return withUnsafeTemporaryAllocation(of: DoubleDouble.self, capacity: 18) { dd in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 18) { ab in
            let e = dd.baseAddress!, g = e + 9
            let ea = ab.baseAddress!, ga = ea + 9
            for j in 0..<mm {
                for c in 0..<n {
                    let d = DoubleDouble.twoSum(x(p[j + 1], c), -x(p.v0, c))
                    e[j * 3 + c] = d; ea[j * 3 + c] = Swift.abs(d.hi) * (1 + 1e-15)
                }
            }
            for i in 0..<mm {
                for j in i..<mm {
                    var s = DoubleDouble(0), sa = 0.0
                    for c in 0..<n { s = s + e[i * 3 + c] * e[j * 3 + c]; sa += ea[i * 3 + c] * ea[j * 3 + c] }
                    g[i * 3 + j] = s; g[j * 3 + i] = s; ga[i * 3 + j] = sa; ga[j * 3 + i] = sa
                }
            }
            // det of G with column `col` replaced by its diagonal (col = -1: G itself),
            // and the same expression on magnitudes.
            @inline(__always) func at(_ r: Int, _ c: Int, _ col: Int) -> Int { c == col ? r * 4 : r * 3 + c }
            @inline(__always) func det(_ col: Int) -> (DoubleDouble, Double) {
                switch mm {
                case 1: return (g[0], ga[0])
                case 2:
                    let a = at(0, 0, col), b = at(0, 1, col), c = at(1, 0, col), d = at(1, 1, col)
                    return (g[a] * g[d] - g[b] * g[c], ga[a] * ga[d] + ga[b] * ga[c])
                default:
                    let m0 = at(0, 0, col), m1 = at(0, 1, col), m2 = at(0, 2, col)
                    let m3 = at(1, 0, col), m4 = at(1, 1, col), m5 = at(1, 2, col)
                    let m6 = at(2, 0, col), m7 = at(2, 1, col), m8 = at(2, 2, col)
                    let c0 = g[m4] * g[m8] - g[m5] * g[m7], c1 = g[m3] * g[m8] - g[m5] * g[m6]
                    let c2 = g[m3] * g[m7] - g[m4] * g[m6]
                    let a0 = ga[m4] * ga[m8] + ga[m5] * ga[m7], a1 = ga[m3] * ga[m8] + ga[m5] * ga[m6]
                    let a2 = ga[m3] * ga[m7] + ga[m4] * ga[m6]
                    return (g[m0] * c0 - g[m1] * c1 + g[m2] * c2, ga[m0] * a0 + ga[m1] * a1 + ga[m2] * a2)
                }
            }
            let (dg, dga) = det(-1)
            var num = DoubleDouble(0), numA = 0.0
            for j in 0..<mm {
                let (dj, dja) = det(j)
                num = num + g[j * 4] * dj
                numA += ga[j * 4] * dja
            }
            return Self.roundedQuotient(num, numA, dg, dga)
        }}
    }

    /// N / (4 D) correctly rounded when the error bounds of N and D
    /// (2^-96 times their magnitude expressions) prove it, else nil.
    static func roundedQuotient(_ num: DoubleDouble, _ numA: Double, _ dg: DoubleDouble, _ dga: Double) -> Double? {
        let bound = 0x1p-96
        let errN = bound * numA, errD = bound * dga
        guard num.hi > 0, dg.hi > 0, errN < 0x1p-60 * num.hi, errD < 0x1p-60 * dg.hi,
              num.hi.isFinite, dg.hi.isFinite, numA.isFinite, dga.isFinite else { return nil }
        let q = num / dg
        // Relative error of the quotient, then absolute (the /4 is exact).
        let rel = errN / num.hi + errD / dg.hi + 0x1p-100
        let value = q.hi + q.lo
        guard value.isNormal else { return nil }
        let delta = ((q.hi - value) + q.lo) / 4
        let err = rel * Swift.abs(value) / 4 * (1 + 1e-6) + 0x1p-104 * Swift.abs(value)
        let r = value / 4
        let up = (r.nextUp - r) / 2, down = (r - r.nextDown) / 2
        guard delta + err < up, -delta + err < down, r.isNormal else { return nil }
        return r
    }
}
