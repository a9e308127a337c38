import Foundation

/// A model's parameters by name, in visiting order: what is saved to and
/// loaded from a JSON file, checked against the model on the way back.
///
/// File format (JSON): `{"format": "swifttda-parameters", "version": 1,
/// "scalar": "Float", "parameters": [{"name": "fc1.weight", "shape": [2,
/// 16], "values": [...]}, ...]}`; numbers in shortest round-trip form, so
/// a model loaded back computes exactly what the saved one did.
///
/// ```swift
/// try ParameterSet(model).save(to: URL(fileURLWithPath: "model.json"))
/// var fresh = MLP(...)                       // same architecture
/// try ParameterSet<Float>.load(from: URL(fileURLWithPath: "model.json")).assign(to: &fresh)
/// ```
public struct ParameterSet<Scalar: TensorScalar>: Equatable, Sendable, Codable {
    /// One named tensor.
    public struct Entry: Equatable, Sendable, Codable {
        /// The dotted name (`fc1.weight`).
        public var name: String
        /// The shape.
        public var shape: [Int]
        /// The values, row-major.
        public var values: [Scalar]

        /// An entry.
        public init(name: String, shape: [Int], values: [Scalar]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// The tensors, in the model's visiting order.
    public var parameters: [Entry]

    static var format: String { "swifttda-parameters" }
    static var scalarName: String { Scalar.self == Float.self ? "Float" : "Double" }

    /// The parameters of `model`.
    public init<M: ParameterContainer>(_ model: M) where M.Scalar == Scalar {
        parameters = model.namedParameters.map { Entry(name: $0.name, shape: $0.parameter.shape, values: $0.parameter.value.elements) }
    }

    /// A set from entries.
    public init(parameters: [Entry]) { self.parameters = parameters }

    /// The tensor named `name`, if present.
    public subscript(name: String) -> Tensor<Scalar>? {
        guard let e = parameters.first(where: { $0.name == name }) else { return nil }
        return try? Tensor(shape: e.shape, elements: e.values)
    }

    /// Writes the values into `model`'s parameters (identities unchanged);
    /// throws ``AutodiffError/parameterMismatch(_:)`` when the names or
    /// shapes are not exactly the model's (another architecture), leaving
    /// the model unchanged.
    public func assign<M: ParameterContainer>(to model: inout M) throws where M.Scalar == Scalar {
        let expected = model.namedParameters
        let have = parameters.map(\.name), want = expected.map(\.name)
        if have != want {
            let missing = want.filter { !have.contains($0) }, extra = have.filter { !want.contains($0) }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.prefix(3).joined(separator: ", "))\(missing.count > 3 ? ", ..." : "")") }
            if !extra.isEmpty { parts.append("unexpected \(extra.prefix(3).joined(separator: ", "))\(extra.count > 3 ? ", ..." : "")") }
            if parts.isEmpty { parts.append("the parameters are in another order") }
            throw AutodiffError.parameterMismatch(parts.joined(separator: "; ") + " (\(have.count) parameters in the file, \(want.count) in the model)")
        }
        for (e, m) in zip(parameters, expected) where e.shape != m.parameter.shape || e.values.count != m.parameter.value.count {
            throw AutodiffError.parameterMismatch("\(e.name) has shape \(e.shape) in the file, \(m.parameter.shape) in the model")
        }
        var k = 0
        model.visitParameters { _, p in
            p.value = Tensor(unchecked: p.value.shape, parameters[k].values)
            k += 1
        }
    }

    enum CodingKeys: String, CodingKey { case format, version, scalar, parameters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == Self.format else {
            throw DecodingError.dataCorruptedError(forKey: .format, in: c, debugDescription: "format \"\(format)\", expected \"\(Self.format)\"")
        }
        let version = try c.decode(Int.self, forKey: .version)
        guard version == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: c, debugDescription: "version \(version), expected 1")
        }
        parameters = try c.decode([Entry].self, forKey: .parameters)
        for e in parameters {
            guard (try? Tensor<Scalar>.elementCount(of: e.shape)) == e.values.count else {
                throw DecodingError.dataCorruptedError(forKey: .parameters, in: c,
                                                       debugDescription: "\(e.name): \(e.values.count) values for shape \(e.shape)")
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.format, forKey: .format)
        try c.encode(1, forKey: .version)
        try c.encode(Self.scalarName, forKey: .scalar)
        try c.encode(parameters, forKey: .parameters)
    }

    /// The JSON bytes; throws if a value is NaN or infinite.
    public func jsonData() throws -> Data {
        do { return try JSONEncoder().encode(self) } catch {
            throw AutodiffError.io("cannot write the parameters: a value is not finite")
        }
    }

    /// A set from JSON bytes; throws ``AutodiffError/io(_:)`` with a one-line reason.
    public init(jsonData: Data) throws {
        do { self = try JSONDecoder().decode(ParameterSet.self, from: jsonData) } catch let e as DecodingError {
            throw AutodiffError.io("not a parameter file: \(Self.reason(e))")
        }
    }

    /// Writes the JSON file (atomically).
    public func save(to url: URL) throws {
        let data = try jsonData()
        do { try data.write(to: url, options: .atomic) } catch {
            throw AutodiffError.io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Reads a JSON file written by ``save(to:)``.
    public static func load(from url: URL) throws -> ParameterSet {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AutodiffError.io("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try ParameterSet(jsonData: data)
    }

    static func reason(_ e: DecodingError) -> String {
        switch e {
        case .dataCorrupted(let c): return c.codingPath.isEmpty ? "invalid JSON" : c.debugDescription
        case .keyNotFound(let k, _): return "missing \"\(k.stringValue)\""
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "unexpected value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default: return "\(e)"
        }
    }
}
