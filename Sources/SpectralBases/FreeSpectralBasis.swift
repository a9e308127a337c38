import Autodiff
import PointClouds

/// The free-basis variant of Velich et al.'s objective: an n x K parameter
/// matrix (no network) through the same QR, metric and loss
/// (``SpectralObjective``), trained by AdamW on a fixed set of probes. It
/// is the reference point of the objective: what the best basis of one
/// cloud scores, which a network can only approach.
///
/// What it converges to is known in closed form: the loss is smallest with
/// M uniform (then the projections are Euclidean-orthogonal), the first
/// vector the constant, and the others the leading eigenvectors of the
/// probe covariance F Fᵀ with the constant projected out (Ky Fan's
/// principle for the nested levels); the tests compare against that.
///
/// ```swift
/// let probes = try ProbeFunctions(cloud)
/// var g = SeededGenerator(seed: 1)
/// let f = probes.sample(count: 500, using: &g)
/// let fit = try FreeSpectralBasis.fit(probes: f, probeCount: 500, count: 16, steps: 1500, seed: 1)
/// print(fit.loss, fit.basis.eigenvalues)
/// ```
///
/// - Complexity: O(steps · n K P).
public enum FreeSpectralBasis {
    /// A trained free basis.
    public struct Fit: Sendable {
        /// The basis (V, M-orthonormal), its mass (the density q1²) and the eigenvalue read-out.
        public let basis: SpectralBasis
        /// The final relative loss.
        public let loss: Double
        /// The loss before each step.
        public let history: [Double]
    }

    /// Trains a free n x K basis on `probes` (row-major n x `probeCount`).
    ///
    /// The parameters start as uniform noise in [-1, 1] with 2 added to the
    /// first column (so that M = q1² starts away from 0); AdamW with
    /// `learningRate` on a cosine schedule to 0, decoupled weight decay
    /// `weightDecay` (the QR makes the loss blind to the matrix's scale).
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for sizes out of
    ///   range; as ``SpectralObjective/evaluate(_:probes:)``.
    public static func fit(probes: [Double], probeCount: Int, count: Int, steps: Int = 1000,
                           learningRate: Double = 0.02, weightDecay: Double = 0.01, seed: UInt64 = 0,
                           progress: ((Int, Double) -> Void)? = nil) throws -> Fit {
        guard probeCount >= 1, probes.count % probeCount == 0 else {
            throw SpectralBasesError.invalidParameter(name: "probes", reason: "\(probes.count) values are not n x \(probeCount)")
        }
        let n = probes.count / probeCount
        guard count >= 1, count <= n else {
            throw SpectralBasesError.invalidParameter(name: "--k", reason: "must be between 1 and the \(n) points, got \(count)")
        }
        guard steps >= 0, steps <= 10_000_000 else {
            throw SpectralBasesError.invalidParameter(name: "steps", reason: "must be between 0 and 10000000, got \(steps)")
        }
        var g = SeededGenerator(seed: seed)
        var start = Tensor<Double>(uniform: [n, count], in: -1...1, using: &g)
        for i in 0..<n { start[i, 0] += 2 }
        var q = Parameter(start)
        let f = try Tensor(shape: [n, probeCount], elements: probes)
        var adam = Adam<Double>.adamW(learningRate: learningRate, weightDecay: weightDecay)
        let schedule = CosineSchedule(base: learningRate, totalSteps: steps)
        var history: [Double] = []
        history.reserveCapacity(steps)
        for step in 0..<steps {
            let tape = Tape<Double>()
            let e = try SpectralObjective.evaluate(tape.variable(q), probes: tape.constant(f))
            history.append(e.loss.scalar)
            progress?(step, e.loss.scalar)
            try tape.backward(e.loss)
            guard let grad = tape.parameterGradients()[q] else { break }
            adam.learningRate = schedule.learningRate(at: step)
            adam.update(&q, gradient: grad)
        }
        let tape = Tape<Double>()
        let e = try SpectralObjective.evaluate(tape.constant(q.value), probes: tape.constant(f))
        return Fit(basis: try SpectralBasis(evaluation: e), loss: e.loss.scalar, history: history)
    }
}

extension SpectralBasis {
    /// The basis of an objective evaluation: V's rows, M's diagonal, the eigenvalue read-out.
    init(evaluation e: SpectralObjective.Evaluation) throws {
        let v = e.basis.value
        let n = v.shape[0], k = v.shape[1]
        let rows = (0..<n).map { i in Array(v.elements[(i * k)..<((i + 1) * k)]) }
        let mass = e.mass.value.elements
        guard !rows.contains(where: { $0.contains { !$0.isFinite } }), !mass.contains(where: { !$0.isFinite }) else {
            throw SpectralBasesError.solver("a non-finite value in the learned basis")
        }
        self.init(eigenvalues: e.eigenvalueEstimates, vectors: rows, mass: mass)
    }
}
