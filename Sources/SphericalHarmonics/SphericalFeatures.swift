/// A batch of spherical features: each feature is the vector of real
/// spherical-harmonic coefficients of degree <= `lmax`, (lmax + 1)^2 of
/// them, degree by degree (l = 0...lmax) and inside a degree m = -l...l.
///
/// Coefficient (l, m) of feature i is `values[i * (lmax + 1)^2 + l * l + l + m]`.
///
/// ```swift
/// var x = SphericalFeatures<Double>(lmax: 2, count: 1)   // zeros
/// x[0, 1, -1] = 0.5                                       // feature 0, l = 1, m = -1
/// print(x.values.count)                                   // 9
/// ```
public struct SphericalFeatures<Scalar: BinaryFloatingPoint & Sendable>: Equatable, Sendable {
    /// The largest degree.
    public let lmax: Int
    /// Number of features in the batch.
    public let count: Int
    /// The coefficients, feature after feature.
    public var values: [Scalar]

    /// Coefficients per feature: (lmax + 1)^2.
    public var dimension: Int { (lmax + 1) * (lmax + 1) }

    /// `count` features of degree <= `lmax`, all zero.
    public init(lmax: Int, count: Int) {
        self.lmax = max(0, lmax)
        self.count = max(0, count)
        self.values = [Scalar](repeating: 0, count: (self.lmax + 1) * (self.lmax + 1) * self.count)
    }

    /// Features from their coefficients; throws unless the count is a
    /// multiple of (lmax + 1)^2 and every value is finite.
    public init(lmax: Int, values: [Scalar]) throws {
        guard lmax >= 0 else { throw SphericalHarmonicsError.invalidDegree(name: "lmax", value: lmax, reason: "must be at least 0") }
        let d = (lmax + 1) * (lmax + 1)
        guard values.count % d == 0 else {
            throw SphericalHarmonicsError.badFeatureLength(
                row: nil, found: values.count,
                expected: "a whole number of degree-\(lmax) features ((L+1)^2 = \(d) each)")
        }
        for (k, v) in values.enumerated() where !v.isFinite {
            throw SphericalHarmonicsError.nonFinite(row: k / d, column: k % d)
        }
        self.lmax = lmax
        self.count = values.count / d
        self.values = values
    }

    /// Features from rows of equal length (L+1)^2, which fixes L; throws
    /// for ragged rows or a length that is not a square.
    ///
    /// ```swift
    /// let x = try SphericalFeatures<Double>(rows: [[1, 0, 0, 0], [0, 1, 0, 0]])   // lmax 1, 2 features
    /// ```
    public init(rows: [[Scalar]]) throws {
        guard let first = rows.first else {
            throw SphericalHarmonicsError.badFeatureLength(row: nil, found: 0, expected: "at least one row")
        }
        guard let l = SphericalFeatures.degree(forLength: first.count) else {
            throw SphericalHarmonicsError.badFeatureLength(row: 1, found: first.count, expected: "(L+1)^2 for some L (1, 4, 9, 16, ...)")
        }
        for (i, r) in rows.enumerated() where r.count != first.count {
            throw SphericalHarmonicsError.badFeatureLength(row: i + 1, found: r.count, expected: "\(first.count) like row 1")
        }
        try self.init(lmax: l, values: rows.flatMap { $0 })
    }

    /// L with (L+1)^2 == length, or nil.
    public static func degree(forLength length: Int) -> Int? {
        guard length >= 1 else { return nil }
        var r = Int(Double(length).squareRoot().rounded())
        while r * r > length { r -= 1 }
        while (r + 1) * (r + 1) <= length { r += 1 }
        return r * r == length ? r - 1 : nil
    }

    /// The position of (l, m) inside one feature: l * l + l + m.
    @inlinable
    public static func index(l: Int, m: Int) -> Int { l * l + l + m }

    /// Coefficient (l, m) of feature `i`.
    public subscript(i: Int, l: Int, m: Int) -> Scalar {
        get { values[i * dimension + l * l + l + m] }
        set { values[i * dimension + l * l + l + m] = newValue }
    }

    /// Feature `i` as an array of (lmax + 1)^2 values.
    public func feature(_ i: Int) -> [Scalar] {
        Array(values[(i * dimension)..<((i + 1) * dimension)])
    }

    /// The same features as another floating-point type.
    public func converted<T: BinaryFloatingPoint & Sendable>(to: T.Type = T.self) -> SphericalFeatures<T> {
        var out = SphericalFeatures<T>(lmax: lmax, count: count)
        out.values = values.map { T($0) }
        return out
    }

    /// The features truncated to degree <= `l` or padded with zeros up to it.
    public func resized(toDegree l: Int) -> SphericalFeatures {
        var out = SphericalFeatures(lmax: l, count: count)
        let d = out.dimension, k = Swift.min(d, dimension)
        for i in 0..<count {
            for j in 0..<k { out.values[i * d + j] = values[i * dimension + j] }
        }
        return out
    }
}
