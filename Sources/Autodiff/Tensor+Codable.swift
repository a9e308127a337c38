extension Tensor {
    enum CodingKeys: String, CodingKey { case shape, elements }

    /// Decodes `{"shape": [...], "elements": [...]}`, checking that the count fits the shape.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try c.decode([Int].self, forKey: .shape)
        let elements = try c.decode([Scalar].self, forKey: .elements)
        do { try self.init(shape: shape, elements: elements) } catch {
            throw DecodingError.dataCorruptedError(forKey: .elements, in: c, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(shape, forKey: .shape)
        try c.encode(elements, forKey: .elements)
    }
}
