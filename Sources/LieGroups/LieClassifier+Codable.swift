import Autodiff
import Foundation
import PointClouds

/// A saved `LieClassifier`: its configuration, the seed of its evaluation
/// samples, and every parameter by name (JSON).
///
/// ```swift
/// let file = LieClassifierFile(model: model, evaluationSeed: 7)
/// let data = try JSONEncoder().encode(file)
/// let back = try JSONDecoder().decode(LieClassifierFile.self, from: data).model()   // throws if it does not fit
/// ```
public struct LieClassifierFile: Codable, Sendable {
    /// One parameter: its dotted name, shape and values.
    public struct Entry: Codable, Sendable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]
    }

    /// "swifttda-lie-classifier".
    public var format: String
    /// 1.
    public var version: Int
    public var configuration: LieClassifier<Float>.Configuration
    /// The seed the evaluation sample sets are drawn from.
    public var evaluationSeed: UInt64
    public var parameters: [Entry]

    static let formatName = "swifttda-lie-classifier"

    /// The file of a model.
    public init(model: LieClassifier<Float>, evaluationSeed: UInt64) {
        format = Self.formatName
        version = 1
        configuration = model.configuration
        self.evaluationSeed = evaluationSeed
        parameters = model.namedParameters.map { Entry(name: $0.name, shape: $0.parameter.shape, values: $0.parameter.value.elements) }
    }

    /// The model; throws `LieGroupError.incompatibleModel` when the
    /// parameters do not match the configuration's architecture.
    public func model() throws -> LieClassifier<Float> {
        guard format == Self.formatName else { throw LieGroupError.incompatibleModel("format '\(format)' is not \(Self.formatName)") }
        guard version == 1 else { throw LieGroupError.incompatibleModel("version \(version) is not 1") }
        var rng = SeededGenerator(seed: 0)
        var model: LieClassifier<Float>
        do { model = try LieClassifier(configuration, generator: &rng) } catch {
            throw LieGroupError.incompatibleModel("its configuration is invalid: \(error)")
        }
        var byName: [String: Entry] = [:]
        for e in parameters { byName[e.name] = e }
        var used = 0
        try model.visitParameters { name, p in
            guard let e = byName[name] else { throw LieGroupError.incompatibleModel("parameter \(name) is missing") }
            guard e.shape == p.shape, let t = try? Tensor<Float>(shape: e.shape, elements: e.values) else {
                throw LieGroupError.incompatibleModel("parameter \(name) has shape \(e.shape) (\(e.values.count) values), the architecture needs \(p.shape)")
            }
            guard t.elements.allSatisfy(\.isFinite) else { throw LieGroupError.incompatibleModel("parameter \(name) is not finite") }
            p.value = t
            used += 1
        }
        guard used == byName.count else {
            let known = Set(model.namedParameters.map(\.name))
            let extra = byName.keys.filter { !known.contains($0) }.sorted()
            throw LieGroupError.incompatibleModel("parameter \(extra.first ?? "?") is not part of this architecture")
        }
        return model
    }
}

