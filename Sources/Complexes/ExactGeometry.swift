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
///   lower-dimensional simplex (q in its affine hull, or the Gabriel test);
/// - `squaredRadius`: the squared radius of the smallest circumsphere.
///
/// Not thread-safe (one register bank); not Sendable.
final class ExactGeometry {
    let dimension: Int
    let coordinates: [Double]
    /// Integer coordinates: coordinate = integer * 2^exponent.
    let exact: IntegerRegisters
    let exponent: Int
    let work = IntegerRegisters(count: 96)
    /// Number of predicate evaluations that needed GMP (for tests and benchmarks).
    var exactFallbacks = 0

    init(dimension: Int, coordinates: [Double]) {
        self.dimension = dimension
        self.coordinates = coordinates
        var e = Int.max
        for x in coordinates { e = Swift.min(e, IntegerRegisters.ulpExponent(x)) }
        if e == Int.max { e = 0 }
        exponent = e
        exact = IntegerRegisters(count: coordinates.count)
        for (i, x) in coordinates.enumerated() { exact.set(i, x, exponent: e) }
    }

    @inline(__always) func x(_ p: Int32, _ c: Int) -> Double { coordinates[Int(p) * dimension + c] }

    // MARK: Register programs (exact fallbacks)

    // Layout of `work`: 0..<16 a matrix (row-major, 4 wide), 16..<28 vectors
    // e_1..e_3 and w (3 wide each, stride 3), 32..<48 a Gram matrix
    // (4 wide), 48... temporaries.
    @inline(__always) func m(_ r: Int, _ c: Int) -> Int { r * 4 + c }

    func det2(into t: Int, _ e: (Int, Int) -> Int) {
        work.mul(t, e(0, 0), e(1, 1)); work.subMul(t, e(0, 1), e(1, 0))
    }

    func det3(into t: Int, temp a: Int, _ e: (Int, Int) -> Int) {
        work.mul(a, e(1, 1), e(2, 2)); work.subMul(a, e(1, 2), e(2, 1)); work.mul(t, e(0, 0), a)
        work.mul(a, e(1, 0), e(2, 2)); work.subMul(a, e(1, 2), e(2, 0)); work.subMul(t, e(0, 1), a)
        work.mul(a, e(1, 0), e(2, 1)); work.subMul(a, e(1, 1), e(2, 0)); work.addMul(t, e(0, 2), a)
    }

    func det(_ n: Int, into t: Int, temps: Int, _ e: @escaping (Int, Int) -> Int) {
        switch n {
        case 1: work.copy(t, e(0, 0))
        case 2: det2(into: t, e)
        case 3: det3(into: t, temp: temps, e)
        default:
            // 4x4: expansion along row 0 with 3x3 minors.
            work.setZero(t)
            for j in 0..<4 {
                det3(into: temps, temp: temps + 1) { r, c in e(r + 1, c < j ? c : c + 1) }
                if j & 1 == 0 { work.addMul(t, e(0, j), temps) } else { work.subMul(t, e(0, j), temps) }
            }
        }
    }

    // MARK: Orientation

    /// Sign of det[(p_i - p_0) restricted to `axes`], i = 1...k, k = axes.count <= 3.
    func orient(_ p: [Int32], axes: [Int]) -> Int {
        let k = axes.count
        var a = [Double](repeating: 0, count: 9), b = [Double](repeating: 0, count: 9)
        for r in 0..<k {
            for c in 0..<k {
                let v = x(p[r + 1], axes[c]) - x(p[0], axes[c])
                a[r * 3 + c] = v; b[r * 3 + c] = Swift.abs(v)
            }
        }
        let (d, bound): (Double, Double)
        switch k {
        case 1: return a[0] > 0 ? 1 : (a[0] < 0 ? -1 : 0)
        case 2: d = a[0] * a[4] - a[1] * a[3]; bound = b[0] * b[4] + b[1] * b[3]
        default:
            d = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6])
            bound = b[0] * (b[4] * b[8] + b[5] * b[7]) + b[1] * (b[3] * b[8] + b[5] * b[6]) + b[2] * (b[3] * b[7] + b[4] * b[6])
        }
        if Swift.abs(d) > bound * 1e-13 { return d > 0 ? 1 : -1 }
        exactFallbacks += 1
        let dim = dimension
        for r in 0..<k {
            for c in 0..<k { work.sub(m(r, c), exact, Int(p[r + 1]) * dim + axes[c], Int(p[0]) * dim + axes[c]) }
        }
        det(k, into: 60, temps: 61) { [unowned self] r, c in self.m(r, c) }
        return work.sign(60)
    }

    // MARK: In-sphere (full dimension)

    /// Whether q is strictly inside the circumsphere of the positively
    /// oriented full-dimensional simplex `p` (dimension + 1 points): +1
    /// inside, 0 on the sphere, -1 outside.
    func inSphere(_ p: [Int32], _ q: Int32) -> Int {
        let n = dimension
        // Rows: p_1..p_n and q, relative to p_0, lifted.
        var a = [Double](repeating: 0, count: 16), b = [Double](repeating: 0, count: 16)
        for r in 0...n {
            let v = r < n ? p[r + 1] : q
            var lift = 0.0
            for c in 0..<n {
                let d = x(v, c) - x(p[0], c)
                a[r * 4 + c] = d; b[r * 4 + c] = Swift.abs(d); lift += d * d
            }
            a[r * 4 + n] = lift; b[r * 4 + n] = lift
        }
        let d: Double, bound: Double
        if n == 2 {
            d = Self.det3(a, 4); bound = Self.perm3(b, 4)
        } else {
            d = Self.det4(a); bound = Self.perm4(b)
        }
        if Swift.abs(d) > bound * 1e-12 { return d < 0 ? 1 : -1 }
        exactFallbacks += 1
        let t = 70
        for r in 0...n {
            let v = r < n ? p[r + 1] : q
            work.setZero(m(r, n))
            for c in 0..<n {
                work.sub(m(r, c), exact, Int(v) * n + c, Int(p[0]) * n + c)
                work.addMul(m(r, n), m(r, c), m(r, c))
            }
        }
        det(n + 1, into: t, temps: t + 1) { [unowned self] r, c in self.m(r, c) }
        return -work.sign(t)
    }

    static func det3(_ a: [Double], _ w: Int) -> Double {
        a[0] * (a[w + 1] * a[2 * w + 2] - a[w + 2] * a[2 * w + 1])
            - a[1] * (a[w] * a[2 * w + 2] - a[w + 2] * a[2 * w])
            + a[2] * (a[w] * a[2 * w + 1] - a[w + 1] * a[2 * w])
    }
    static func perm3(_ a: [Double], _ w: Int) -> Double {
        a[0] * (a[w + 1] * a[2 * w + 2] + a[w + 2] * a[2 * w + 1])
            + a[1] * (a[w] * a[2 * w + 2] + a[w + 2] * a[2 * w])
            + a[2] * (a[w] * a[2 * w + 1] + a[w + 1] * a[2 * w])
    }
    static func minor(_ a: [Double], _ j: Int) -> [Double] {
        var out = [Double](); out.reserveCapacity(9)
        for r in 1..<4 { for c in 0..<4 where c != j { out.append(a[r * 4 + c]) } }
        return out
    }
    static func det4(_ a: [Double]) -> Double {
        var s = 0.0
        for j in 0..<4 { s += (j & 1 == 0 ? 1 : -1) * a[j] * det3(minor(a, j), 3) }
        return s
    }
    static func perm4(_ a: [Double]) -> Double {
        var s = 0.0
        for j in 0..<4 { s += a[j] * perm3(minor(a, j), 3) }
        return s
    }

    // MARK: Smallest circumsphere (Gram form)

    /// For the simplex p_0..p_m (m <= 3) with e_j = p_j - p_0 and Gram
    /// matrix G, the centre is p_0 + sum lambda_j e_j with
    /// lambda_j = det(G'_j) / (2 det G), G'_j = G with column j replaced by
    /// diag(G). Then r^2 = sum_j G_jj det(G'_j) / (4 det G), and q (with
    /// w = q - p_0) is strictly inside iff det G |w|^2 - sum_j det(G'_j) (w.e_j) < 0.
    func gramDoubles(_ p: [Int32], _ mm: Int) -> (g: [Double], gAbs: [Double]) {
        let n = dimension
        var g = [Double](repeating: 0, count: 9), ga = [Double](repeating: 0, count: 9)
        var e = [Double](repeating: 0, count: 9)
        for j in 0..<mm { for c in 0..<n { e[j * 3 + c] = x(p[j + 1], c) - x(p[0], c) } }
        for i in 0..<mm {
            for j in i..<mm {
                var s = 0.0, sa = 0.0
                for c in 0..<n { let v = e[i * 3 + c] * e[j * 3 + c]; s += v; sa += Swift.abs(v) }
                g[i * 3 + j] = s; g[j * 3 + i] = s; ga[i * 3 + j] = sa; ga[j * 3 + i] = sa
            }
        }
        return (g, ga)
    }

    static func smallDet(_ a: [Double], _ k: Int, abs: Bool) -> Double {
        switch k {
        case 1: return a[0]
        case 2: return abs ? a[0] * a[4] + a[1] * a[3] : a[0] * a[4] - a[1] * a[3]
        default: return abs ? perm3(a, 3) : det3(a, 3)
        }
    }

    /// The matrix G with column j replaced by diag(G).
    static func replaced(_ g: [Double], _ k: Int, _ j: Int) -> [Double] {
        var out = g
        for r in 0..<k { out[r * 3 + j] = g[r * 3 + r] }
        return out
    }

    /// Loads e_j (registers 16 + 3j + c), w (25 + c) and G (32 + 4i + j) exactly.
    func loadGram(_ p: [Int32], _ mm: Int, _ q: Int32?) {
        let n = dimension
        for j in 0..<mm { for c in 0..<n { work.sub(16 + j * 3 + c, exact, Int(p[j + 1]) * n + c, Int(p[0]) * n + c) } }
        if let q { for c in 0..<n { work.sub(25 + c, exact, Int(q) * n + c, Int(p[0]) * n + c) } }
        for i in 0..<mm {
            for j in i..<mm {
                work.setZero(32 + i * 4 + j)
                for c in 0..<n { work.addMul(32 + i * 4 + j, 16 + i * 3 + c, 16 + j * 3 + c) }
                if i != j { work.copy(32 + j * 4 + i, 32 + i * 4 + j) }
            }
        }
    }

    /// Whether q is strictly inside the smallest circumsphere of p_0..p_m.
    /// With `exact` false the floating-point value decides (no GMP).
    func insideCircumball(_ p: [Int32], _ q: Int32, exact useExact: Bool = true) -> Bool {
        let mm = p.count - 1
        let n = dimension
        if mm == 0 { return false }
        let (g, ga) = gramDoubles(p, mm)
        var w = [Double](repeating: 0, count: 3)
        for c in 0..<n { w[c] = x(q, c) - x(p[0], c) }
        var ww = 0.0
        for c in 0..<n { ww += w[c] * w[c] }
        var we = [Double](repeating: 0, count: 3), weAbs = [Double](repeating: 0, count: 3)
        for j in 0..<mm {
            for c in 0..<n {
                let e = x(p[j + 1], c) - x(p[0], c)
                we[j] += w[c] * e; weAbs[j] += Swift.abs(w[c] * e)
            }
        }
        var t = Self.smallDet(g, mm, abs: false) * ww
        var bound = Self.smallDet(ga, mm, abs: true) * ww
        for j in 0..<mm {
            t -= Self.smallDet(Self.replaced(g, mm, j), mm, abs: false) * we[j]
            bound += Self.smallDet(Self.replaced(ga, mm, j), mm, abs: true) * weAbs[j]
        }
        if Swift.abs(t) > bound * 1e-11 || !useExact { return t < 0 }
        exactFallbacks += 1
        loadGram(p, mm, q)
        // Registers: T at 50, det G at 51, det G'_j at 52, w.e_j at 53, |w|^2 at 54, temps 55...
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

    /// The squared radius of the smallest circumsphere of p_0..p_m (m <= 3),
    /// exact and rounded once to the nearest double (`exact`), or in
    /// floating point (relative error about 1e-15 times the simplex's
    /// condition, larger for nearly degenerate simplices).
    func squaredRadius(_ p: [Int32], exact useExact: Bool) -> Double {
        let mm = p.count - 1
        if mm == 0 { return 0 }
        if !useExact {
            let (g, _) = gramDoubles(p, mm)
            let dg = Self.smallDet(g, mm, abs: false)
            var num = 0.0
            for j in 0..<mm { num += g[j * 3 + j] * Self.smallDet(Self.replaced(g, mm, j), mm, abs: false) }
            return num / (4 * dg)
        }
        loadGram(p, mm, nil)
        det(mm, into: 51, temps: 56) { r, c in 32 + r * 4 + c }
        work.setZero(50)
        for j in 0..<mm {
            det(mm, into: 52, temps: 56) { r, c in 32 + r * 4 + (c == j ? r : c) }
            work.addMul(50, 32 + j * 4 + j, 52)
        }
        return work.quotient(50, 51, scale: 2 * exponent - 2, scratch: 80)
    }
}
