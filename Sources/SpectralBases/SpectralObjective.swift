import Autodiff

/// The training objective of Velich et al.'s learned spectral bases, on a
/// tape: K raw functions on n points (a network's output, or a free n x K
/// matrix) become a basis and are scored by how well its nested truncations
/// reconstruct probe functions.
///
/// 1. Q = QR(raw) (thin, Euclidean: `orthonormalizedColumns`), q1 its first
///    column; the metric M = diag(q1²) (a density: its entries sum to 1);
///    the basis V = M^-1/2 Q, M-orthonormal (VᵀMV = QᵀQ = I), its first
///    vector the constant sign(q1).
/// 2. Each probe f is projected by M-weighted least squares on the first k
///    columns, f_k = V_k V_kᵀ M f (exact, V being M-orthonormal), for
///    k = 1 ... K; the squared error |f - f_k|² (Euclidean, the paper's
///    `use_weighted_norm = False`: the M-weighted norm would be minimised by
///    a density collapsing on one point) is summed over k and the probes.
/// 3. The loss is that sum divided by K |F|² (the relative error averaged
///    over the levels), so 1 is the error of the empty basis.
///
/// The sum over levels needs no K separate projections: with G = VᵀV,
/// C = VᵀMF, H = CCᵀ and b_a = sum_p (VᵀF)_ap C_ap, level k's error is
/// |F|² - 2 sum_(a<k) b_a + sum_(a,b<k) G_ab H_ab, and the sum over k weights
/// b_a by K - a and G_ab H_ab by K - max(a, b) (0-based).
///
/// ```swift
/// let tape = Tape<Double>()
/// let raw = tape.variable(q0)                    // [n, K]
/// let e = try SpectralObjective.evaluate(raw, probes: tape.constant(f))
/// try tape.backward(e.loss)
/// ```
///
/// - Complexity: O(n K P) for P probes (four gemms), O(n K²) for the QR.
public enum SpectralObjective {
    /// The loss and the basis of one evaluation.
    public struct Evaluation {
        /// The relative loss (a scalar on the tape).
        public let loss: Variable<Double>
        /// V = M^-1/2 Q, [n, K], M-orthonormal.
        public let basis: Variable<Double>
        /// The diagonal of M, [n, 1]: the density read-out q1², summing to 1.
        public let mass: Variable<Double>
        /// The mean squared error per probe after projecting on the first
        /// k basis vectors, k = 1 ... K.
        public let levelErrors: [Double]

        /// The eigenvalue read-out of the paper: 0 for the constant first
        /// vector, then lambda_(k+1) ~ 1 / (mean error at level k), for
        /// k = 1 ... K - 1 (ascending as the errors fall; its scale is set
        /// by the probes' smoothing, not by the manifold's Laplacian).
        public var eigenvalueEstimates: [Double] {
            [0] + levelErrors.dropLast().map { $0 > 0 ? 1 / $0 : .infinity }
        }
    }

    /// Evaluates the objective of `raw` ([n, K], n >= K) on `probes` ([n, P]).
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for mismatched shapes
    ///   or all-zero probes; `.solver` when the K raw functions are linearly
    ///   dependent (the QR fails) or the first one vanishes at a point.
    public static func evaluate(_ raw: Variable<Double>, probes: Variable<Double>) throws -> Evaluation {
        let s = raw.shape, ps = probes.shape
        guard s.count == 2, ps.count == 2, ps[0] == s[0], s[0] >= s[1], s[1] >= 1, ps[1] >= 1 else {
            throw SpectralBasesError.invalidParameter(name: "objective", reason: "raw functions \(s) and probes \(ps): need [n, K] and [n, P] with n >= K")
        }
        let k = s[1], p = ps[1]
        let fv = probes.value.elements
        let total = fv.reduce(0) { $0 + $1 * $1 }
        guard total > 0, total.isFinite else {
            throw SpectralBasesError.invalidParameter(name: "probes", reason: "all zero or not finite")
        }
        let q: Variable<Double>
        do { q = try raw.orthonormalizedColumns() } catch {
            throw SpectralBasesError.solver("the \(k) raw functions are linearly dependent or not finite")
        }
        let q1 = try q.sliced(0..<1, alongAxis: 1)
        let m = q1.squared()
        if m.value.elements.contains(where: { !($0 > 0) }) {
            throw SpectralBasesError.solver("the first basis function vanishes at a point (the metric M = q1² is singular)")
        }
        let v = try q * m.power(-0.5)
        let c = try (v * m).matmul(probes, transposeSelf: true)   // VᵀMF, [K, P]
        let b = try v.matmul(probes, transposeSelf: true)         // [K, P]
        let g = try v.matmul(v, transposeSelf: true)              // [K, K]
        let h = try c.matmul(c, transposeOther: true)             // [K, K]
        let bc = try (b * c).sum(alongAxis: 1)                    // [K]
        let tape = raw.tape
        var wa = [Double](repeating: 0, count: k), wab = [Double](repeating: 0, count: k * k)
        for a in 0..<k {
            wa[a] = Double(k - a)
            for bb in 0..<k { wab[a * k + bb] = Double(k - max(a, bb)) }
        }
        let weightA = tape.constant(try Tensor(shape: [k], elements: wa))
        let weightAB = tape.constant(try Tensor(shape: [k, k], elements: wab))
        let gh = try g * h
        let summed = try ((gh * weightAB).sum() - (bc * weightA).sum() * 2) + Double(k) * total
        let loss = summed / (Double(k) * total)
        // Per-level errors from the same quantities (values only).
        let gv = g.value.elements, hv = h.value.elements, bv = bc.value.elements
        var errors = [Double](repeating: 0, count: k)
        var running = total
        for level in 0..<k {
            // adding basis vector `level`: -2 b + its new row and column of G∘H
            running -= 2 * bv[level]
            for t in 0..<level { running += 2 * gv[level * k + t] * hv[level * k + t] }
            running += gv[level * k + level] * hv[level * k + level]
            errors[level] = max(0, running) / Double(p)
        }
        return Evaluation(loss: loss, basis: v, mass: m, levelErrors: errors)
    }
}
