import Foundation
import Autodiff
import PointClouds

/// Learned spectral bases (Velich et al., "Learning eigenstructures of
/// unstructured data manifolds", 2025): a ``LearnedSpectralModel`` trained
/// on a family of clouds with ``SpectralObjective`` and probe functions
/// (``ProbeFunctions``), then applied to a new cloud in one forward pass.
///
/// Training (``train(configuration:shapes:steps:probes:learningRate:weightDecay:seed:progress:)``):
/// each cloud is normalised to the unit ball (centroid at the origin, the
/// farthest point at distance 1) and reduced to the configuration's
/// `samplePoints` by farthest-point sampling; each step takes the next
/// cloud with fresh probes (a fixed probe set is fitted, not learned from:
/// on 256-point spheres the loss kept falling while the cosines against
/// the harmonics fell), AdamW on a cosine schedule.
///
/// Inference (``basis(of:)``): the same normalisation and sample (the
/// anchors); every point of the cloud attends to the anchors, so the basis
/// covers all n points (V = M^-1/2 Q over all of them, M-orthonormal);
/// the eigenvalue read-out comes from probes on the anchors.
///
/// ```swift
/// let shapes = try (0..<8).map { try TrainingShapes.sample(.sphere, count: 512, seed: UInt64($0)) }
/// let trained = try LearnedSpectralBasis.train(configuration: .init(), shapes: shapes, steps: 300)
/// try trained.save(to: URL(fileURLWithPath: "model.json"))
/// let basis = try trained.basis(of: cloud)        // n x 16, M-orthonormal
/// ```
public struct LearnedSpectralBasis: Sendable {
    /// The network.
    public var model: LearnedSpectralModel
    /// The configuration.
    public var configuration: LearnedSpectralModel.Configuration { model.configuration }

    /// A basis from a network.
    public init(model: LearnedSpectralModel) { self.model = model }

    /// `cloud` centred at its centroid and scaled so its farthest point is at distance 1.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for a cloud that is
    ///   not 3D, has a non-finite coordinate, or is a single repeated point.
    public static func normalizedToUnitBall(_ cloud: PointCloud) throws -> [Double] {
        guard cloud.dimension == 3 else {
            throw SpectralBasesError.invalidParameter(name: "points", reason: "the learned basis takes 3D points, got dimension \(cloud.dimension)")
        }
        let x = cloud.coordinates, n = cloud.count
        guard n >= 1, !x.contains(where: { !$0.isFinite }) else {
            throw SpectralBasesError.invalidParameter(name: "points", reason: "a coordinate is not a finite number")
        }
        var c = [0.0, 0.0, 0.0]
        for i in 0..<n { for a in 0..<3 { c[a] += x[3 * i + a] } }
        c = c.map { $0 / Double(n) }
        var r = 0.0
        for i in 0..<n {
            var s = 0.0
            for a in 0..<3 { let d = x[3 * i + a] - c[a]; s += d * d }
            r = max(r, s)
        }
        r = r.squareRoot()
        guard r > 0, r.isFinite else {
            throw SpectralBasesError.invalidParameter(name: "points", reason: "all points coincide")
        }
        var out = x
        for i in 0..<n { for a in 0..<3 { out[3 * i + a] = (x[3 * i + a] - c[a]) / r } }
        return out
    }

    /// A cloud prepared as the network sees it: normalised, farthest-point
    /// sampled (from point 0), with the sample's probes.
    struct Prepared {
        let points: Tensor<Double>
        let generator: ProbeFunctions

        /// Fresh probes, [m, count].
        func probes(_ count: Int, using g: inout SeededGenerator) throws -> Tensor<Double> {
            try Tensor(shape: [generator.pointCount, count], elements: generator.sample(count: count, using: &g))
        }
    }

    static func prepare(_ cloud: PointCloud, samplePoints: Int) throws -> Prepared {
        let unit = try normalizedToUnitBall(cloud)
        let n = cloud.count
        let m = min(samplePoints, n)
        let idx = m == n ? Array(0..<n) : try GreedyPermutation(points: PointCloud(count: n, dimension: 3, coordinates: unit), count: m).indices
        var sample = [Double](repeating: 0, count: 3 * m)
        for (t, i) in idx.enumerated() { for a in 0..<3 { sample[3 * t + a] = unit[3 * i + a] } }
        let sub = try PointCloud(count: m, dimension: 3, coordinates: sample)
        return Prepared(points: try Tensor(shape: [m, 3], elements: sample), generator: try ProbeFunctions(sub, neighbors: min(10, m)))
    }

    /// Trains a network on `shapes` (3D clouds of at least K points).
    ///
    /// - Parameters:
    ///   - steps: optimisation steps, one cloud each, cycling through `shapes`.
    ///   - probes: probe functions per step (drawn afresh each step).
    ///   - progress: called after each step with the step and its loss.
    /// - Throws: `SpectralBasesError.invalidParameter` for a bad
    ///   configuration, an empty or unusable shape list; as ``SpectralObjective``.
    public static func train(configuration: LearnedSpectralModel.Configuration, shapes: [PointCloud], steps: Int,
                             probes: Int = 256, learningRate: Double = 1e-3, weightDecay: Double = 0.01,
                             seed: UInt64 = 0, progress: ((Int, Double) -> Void)? = nil) throws -> LearnedSpectralBasis {
        try configuration.validate()
        guard !shapes.isEmpty else { throw SpectralBasesError.invalidParameter(name: "shapes", reason: "no training clouds") }
        guard steps >= 0, steps <= 100_000_000, probes >= 1, probes <= 1 << 16 else {
            throw SpectralBasesError.invalidParameter(name: "training", reason: "steps must be in 0...100000000 and probes in 1...65536")
        }
        for (t, s) in shapes.enumerated() where s.count < max(configuration.count, 10) {
            throw SpectralBasesError.invalidParameter(name: "shapes", reason: "cloud \(t) has \(s.count) points, fewer than K = \(configuration.count) (or 10)")
        }
        // The tape of one step holds every layer's attention scores and probabilities (heads x m x m each).
        let m = min(configuration.samplePoints, shapes.map(\.count).max() ?? 0)
        _ = try MemoryBudget.elements([max(1, configuration.layers), configuration.heads, m, m], bytesEach: 4 * 8,
                                      what: "the attention of \(m) training points", advice: "lower --points or --heads")
        var g = SeededGenerator(seed: seed)
        var model = LearnedSpectralModel(configuration: configuration, generator: &g)
        let prepared = try shapes.map { try prepare($0, samplePoints: configuration.samplePoints) }
        var adam = Adam<Double>.adamW(learningRate: learningRate, weightDecay: weightDecay)
        let schedule = CosineSchedule(base: learningRate, totalSteps: steps, warmupSteps: min(steps / 10, 100))
        for step in 0..<steps {
            let p = prepared[step % prepared.count]
            let tape = Tape<Double>(training: true, seed: seed &+ UInt64(step))
            let raw = try model.rawFunctions(tape.constant(p.points))
            let e = try SpectralObjective.evaluate(raw, probes: tape.constant(p.probes(probes, using: &g)))
            try tape.backward(e.loss)
            adam.learningRate = schedule.learningRate(at: step)
            adam.step(&model, gradients: tape.parameterGradients())
            progress?(step, e.loss.scalar)
        }
        return LearnedSpectralBasis(model: model)
    }

    /// The learned basis of `cloud` (3D, at least K points): V over every
    /// point (one row each, input order), M-orthonormal with the mass
    /// q1²; the eigenvalue read-out from `probes` probes on the anchors.
    ///
    /// - Throws: as ``normalizedToUnitBall(_:)``; `.invalidParameter` for
    ///   fewer points than K; `.tooLarge` or a `MemoryBudgetError` past the
    ///   size limits; `.solver` when the network's K functions are
    ///   dependent on this cloud.
    public func basis(of cloud: PointCloud, probes: Int = 256, seed: UInt64 = 0) throws -> SpectralBasis {
        let c = configuration
        guard cloud.count >= max(c.count, 10) else {
            throw SpectralBasesError.invalidParameter(name: "--k", reason: "the model gives K = \(c.count) functions; the cloud has \(cloud.count) points (need at least \(max(c.count, 10)))")
        }
        guard cloud.count <= SpectralBasis.maximumPoints else {
            throw SpectralBasesError.tooLarge("\(cloud.count) points: at most \(SpectralBasis.maximumPoints)")
        }
        // The raw functions, Q, V and the rows: about four n x K arrays of Doubles.
        _ = try MemoryBudget.elements([cloud.count, c.count], bytesEach: 4 * 8, what: "the learned basis of \(cloud.count) points and K = \(c.count)",
                                      advice: "use fewer points or a model with a smaller K")
        var g = SeededGenerator(seed: seed)
        let unit = try Self.normalizedToUnitBall(cloud)
        let prepared = try Self.prepare(cloud, samplePoints: c.samplePoints)
        let states = try model.anchorStates(prepared.points)
        // Every point attends to the anchors, in chunks of 4,096 (one tape each).
        let n = cloud.count, k = c.count
        var raw = [Double]()
        raw.reserveCapacity(n * k)
        var start = 0
        while start < n {
            let end = min(n, start + 4096)
            let tape = Tape<Double>()
            let chunk = try Tensor(shape: [end - start, 3], elements: Array(unit[(3 * start)..<(3 * end)]))
            raw += try model.rawFunctions(tape.constant(chunk), anchorStates: states).value.elements
            start = end
        }
        let tape = Tape<Double>()
        let all = try SpectralObjective.basisOnly(tape.constant(Tensor(shape: [n, k], elements: raw)))
        // The eigenvalue read-out on the anchors.
        let anchorTape = Tape<Double>()
        let anchorRaw = try model.rawFunctions(anchorTape.constant(prepared.points), anchorStates: states)
        let e = try SpectralObjective.evaluate(anchorRaw, probes: anchorTape.constant(prepared.probes(max(1, probes), using: &g)))
        let v = all.basis.value, mass = all.mass.value.elements
        let rows = (0..<n).map { i in Array(v.elements[(i * k)..<((i + 1) * k)]) }
        guard !rows.contains(where: { $0.contains { !$0.isFinite } }), !mass.contains(where: { !$0.isFinite }) else {
            throw SpectralBasesError.solver("a non-finite value in the learned basis")
        }
        return SpectralBasis(eigenvalues: e.eigenvalueEstimates, vectors: rows, mass: mass)
    }
}

extension SpectralObjective {
    /// The basis V = M^-1/2 Q and the mass q1² of raw functions, without the loss.
    static func basisOnly(_ raw: Variable<Double>) throws -> (basis: Variable<Double>, mass: Variable<Double>) {
        let q: Variable<Double>
        do { q = try raw.orthonormalizedColumns() } catch {
            throw SpectralBasesError.solver("the \(raw.shape.last ?? 0) raw functions are linearly dependent or not finite")
        }
        let m = try q.sliced(0..<1, alongAxis: 1).squared()
        if m.value.elements.contains(where: { !($0 > 0) }) {
            throw SpectralBasesError.solver("the first basis function vanishes at a point (the metric M = q1² is singular)")
        }
        return (try q * m.power(-0.5), m)
    }
}

extension LearnedSpectralBasis {
    /// The model file's format name.
    public static let fileFormat = "swifttda-learned-spectral-basis"

    struct File: Codable {
        var format: String
        var version: Int
        var configuration: LearnedSpectralModel.Configuration
        var parameters: ParameterSet<Double>
    }

    /// The model file (JSON): `{"format": "swifttda-learned-spectral-basis",
    /// "version": 1, "configuration": {...}, "parameters": <ParameterSet>}`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(File(format: Self.fileFormat, version: 1, configuration: configuration,
                                                 parameters: ParameterSet(model)))
        } catch { throw SpectralBasesError.invalidParameter(name: "model", reason: "cannot encode: a parameter is not finite") }
    }

    /// Writes the model file atomically.
    public func save(to url: URL) throws {
        let data = try jsonData()
        do { try data.write(to: url, options: .atomic) } catch {
            throw SpectralBasesError.invalidParameter(name: "--out", reason: "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// A model from the bytes of a model file; another architecture, format
    /// or a damaged file throws one line saying which.
    public init(jsonData data: Data) throws {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw SpectralBasesError.invalidParameter(name: "--model", reason: "not a learned spectral basis model file (\(Self.fileFormat))")
        }
        guard file.format == Self.fileFormat else {
            throw SpectralBasesError.invalidParameter(name: "--model", reason: "format \"\(file.format)\", expected \"\(Self.fileFormat)\"")
        }
        guard file.version == 1 else {
            throw SpectralBasesError.invalidParameter(name: "--model", reason: "version \(file.version), expected 1")
        }
        try file.configuration.validate()
        var g = SeededGenerator(seed: 0)
        var model = LearnedSpectralModel(configuration: file.configuration, generator: &g)
        do { try file.parameters.assign(to: &model) } catch {
            throw SpectralBasesError.invalidParameter(name: "--model", reason: "\(error)")
        }
        self.init(model: model)
    }

    /// Reads a model file.
    public static func load(from url: URL) throws -> LearnedSpectralBasis {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SpectralBasesError.invalidParameter(name: "--model", reason: "cannot read \(url.path)")
        }
        return try LearnedSpectralBasis(jsonData: data)
    }
}
