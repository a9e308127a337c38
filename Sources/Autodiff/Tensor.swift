/// An n-dimensional array of `Float` or `Double`, stored row-major
/// (last axis fastest) in one contiguous array: the plain value the tape
/// records, the layers hold as parameters, and the optimisers update.
///
/// ```swift
/// let a = try Tensor<Float>(shape: [2, 3], elements: [1, 2, 3, 4, 5, 6])
/// print(a[1, 2])            // 6.0
/// let z = Tensor<Float>(zeros: [4])
/// print(z.count)            // 4
/// ```
public struct Tensor<Scalar: TensorScalar>: Equatable, Sendable, Codable {
    /// The extent of each axis (empty for a scalar).
    public let shape: [Int]
    /// The entries, row-major.
    public var elements: [Scalar]

    /// A tensor from row-major entries; throws if the count does not match
    /// the shape or the shape is invalid.
    public init(shape: [Int], elements: [Scalar]) throws {
        let n = try Tensor.elementCount(of: shape)
        guard n == elements.count else { throw AutodiffError.elementCount(shape: shape, found: elements.count) }
        self.shape = shape
        self.elements = elements
    }

    /// A tensor with every entry `value`; a negative extent counts as 0.
    public init(shape: [Int], repeating value: Scalar) {
        let s = shape.map { max(0, $0) }
        self.shape = s
        self.elements = [Scalar](repeating: value, count: (try? Tensor.elementCount(of: s)) ?? 0)
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) { self.init(shape: shape, repeating: 0) }

    /// A scalar (rank 0) tensor.
    public init(_ value: Scalar) {
        shape = []
        elements = [value]
    }

    /// Internal: shape already checked.
    init(unchecked shape: [Int], _ elements: [Scalar]) {
        self.shape = shape
        self.elements = elements
    }

    /// The number of entries.
    public var count: Int { elements.count }
    /// The number of axes.
    public var rank: Int { shape.count }

    /// The entry at a full index (one integer per axis; traps when out of range).
    public subscript(index: Int...) -> Scalar {
        get { elements[offset(index)] }
        set { elements[offset(index)] = newValue }
    }

    func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index rank \(index.count) for a tensor of rank \(shape.count)")
        var o = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "index \(index) out of range for shape \(shape)")
            o = o * n + i
        }
        return o
    }

    /// The same entries under another shape of the same size.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, elements: elements)
    }

    /// The product of the extents, overflow-checked.
    static func elementCount(of shape: [Int]) throws -> Int {
        var n = 1
        for d in shape {
            guard d >= 0 else { throw AutodiffError.invalidShape(shape) }
            let (p, o) = n.multipliedReportingOverflow(by: d)
            guard !o else { throw AutodiffError.invalidShape(shape) }
            n = p
        }
        return n
    }

    /// Row-major strides of a shape.
    static func strides(of shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc *= shape[i]
        }
        return s
    }
}

extension Tensor {
    /// Seeded uniform entries in [low, high).
    ///
    /// ```swift
    /// var g = SeededGenerator(seed: 1)
    /// let w = Tensor<Float>(uniform: [3, 4], in: -1...1, using: &g)
    /// ```
    public init(uniform shape: [Int], in range: ClosedRange<Scalar>, using generator: inout some RandomNumberGenerator) {
        var t = Tensor(zeros: shape)
        let lo = range.lowerBound, width = range.upperBound - range.lowerBound
        for i in t.elements.indices {
            let u = Scalar(Double(generator.next() >> 11) * 0x1.0p-53)
            t.elements[i] = lo + width * u
        }
        self = t
    }

    /// Seeded normal entries with the given mean and standard deviation (Box–Muller).
    ///
    /// ```swift
    /// var g = SeededGenerator(seed: 1)
    /// let x = Tensor<Double>(normal: [100], mean: 0, standardDeviation: 1, using: &g)
    /// ```
    public init(normal shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1,
                using generator: inout some RandomNumberGenerator) {
        var t = Tensor(zeros: shape)
        for i in t.elements.indices {
            var u = Double(generator.next() >> 11) * 0x1.0p-53
            while u == 0 { u = Double(generator.next() >> 11) * 0x1.0p-53 }
            let v = Double(generator.next() >> 11) * 0x1.0p-53
            let z = (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
            t.elements[i] = mean + standardDeviation * Scalar(z)
        }
        self = t
    }
}
