/// A representative cocycle of a bar: a cochain with coefficients in Z/p,
/// given as the simplices where it is non-zero and its value on each.
///
/// ```swift
/// let barcode = try VietorisRips(points: circle).barcode(maxDimension: 1, modulus: 3, cocycles: true)
/// let loop = barcode.cocycles![1][0]        // the cocycle of the first H1 bar
/// for k in 0..<loop.count {
///     print(loop.simplex(k), loop.coefficients[k])  // [3, 4] 1, ...
/// }
/// ```
///
/// It is the column of the reduction matrix V that Ripser's cohomology
/// reduction found for the bar's birth simplex (Ripser's `--cocycles`,
/// ripser.py's `do_cocycles=True`): on the complex at every scale t with
/// birth <= t < death its coboundary vanishes, and it is not a coboundary
/// there. Simplices are vertex lists in ascending order (indices of the
/// input points), coefficients are in 1..<p; the cochain's value on a
/// simplex is taken with the simplex's vertices in ascending order.
public struct Cocycle: Hashable, Sendable, Codable {
    /// The dimension of the simplices (1 for an H1 cocycle on edges).
    public let dimension: Int
    /// The simplices' vertices, `dimension + 1` per simplex, each simplex ascending.
    public var vertices: [Int]
    /// The value on each simplex, in 1..<p.
    public var coefficients: [Int]

    /// A cocycle from its simplices' vertices (`dimension + 1` per simplex)
    /// and its values.
    ///
    /// ```swift
    /// let c = try Cocycle(dimension: 1, vertices: [0, 1, 1, 2], coefficients: [1, 2])  // edges {0,1}, {1,2}
    /// ```
    /// - Throws: `PersistenceError.invalidParameter` for a negative
    ///   dimension, a vertex count that is not `(dimension + 1)` times the
    ///   number of values, or a negative vertex.
    public init(dimension: Int, vertices: [Int], coefficients: [Int]) throws {
        guard dimension >= 0, dimension <= 30 else {
            throw PersistenceError.invalidParameter(name: "cocycle dimension", reason: "\(dimension) is not in 0...30")
        }
        guard vertices.count == (dimension + 1) * coefficients.count else {
            throw PersistenceError.invalidParameter(
                name: "cocycle", reason: "\(vertices.count) vertices for \(coefficients.count) simplices of dimension \(dimension)")
        }
        guard vertices.allSatisfy({ $0 >= 0 }) else {
            throw PersistenceError.invalidParameter(name: "cocycle", reason: "a vertex is negative")
        }
        self.init(checkedDimension: dimension, vertices: vertices, coefficients: coefficients)
    }

    /// The engine's cocycles, consistent by construction.
    init(checkedDimension dimension: Int, vertices: [Int], coefficients: [Int]) {
        self.dimension = dimension
        self.vertices = vertices
        self.coefficients = coefficients
    }

    enum CodingKeys: String, CodingKey { case dimension, vertices, coefficients }

    /// Decodes and checks a cocycle as `init(dimension:vertices:coefficients:)` does.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(dimension: c.decode(Int.self, forKey: .dimension), vertices: c.decode([Int].self, forKey: .vertices),
                      coefficients: c.decode([Int].self, forKey: .coefficients))
    }

    /// The number of simplices where the cocycle is non-zero.
    public var count: Int { coefficients.count }

    /// The vertices of simplex `k`, ascending (empty for k outside 0..<count).
    public func simplex(_ k: Int) -> ArraySlice<Int> {
        guard k >= 0, k < count else { return [] }
        return vertices[(k * (dimension + 1))..<((k + 1) * (dimension + 1))]
    }

    /// The simplices as vertex lists.
    public var simplices: [[Int]] { (0..<count).map { Array(simplex($0)) } }

    /// The same cocycle with every vertex v replaced by `map[v]` (say, from
    /// a subsample back to the original points); each simplex is re-sorted
    /// ascending, with the sign of the permutation applied to its value.
    ///
    /// ```swift
    /// let c = try Cocycle(dimension: 1, vertices: [0, 1], coefficients: [1])
    /// try c.relabeled([7, 3], modulus: 3).simplex(0)  // [3, 7], value 2 (= -1)
    /// ```
    /// - Throws: `PersistenceError.invalidParameter` if a vertex has no
    ///   image in `map` or the modulus is below 2.
    public func relabeled(_ map: [Int], modulus: Int) throws -> Cocycle {
        guard modulus >= 2 else { throw PersistenceError.invalidParameter(name: "modulus", reason: "\(modulus) is below 2") }
        if let bad = vertices.first(where: { $0 >= map.count }) {
            throw PersistenceError.invalidParameter(name: "relabeling", reason: "vertex \(bad) has no image (\(map.count) given)")
        }
        var out = vertices.map { map[$0] }
        var values = coefficients
        let size = dimension + 1
        for k in 0..<count {
            // Insertion sort of one simplex, counting transpositions.
            var odd = false
            let base = k * size
            for a in 1..<Swift.max(size, 1) {
                var b = base + a
                while b > base && out[b - 1] > out[b] {
                    out.swapAt(b - 1, b)
                    odd.toggle()
                    b -= 1
                }
            }
            if odd { values[k] = (modulus - values[k]) % modulus }
        }
        return Cocycle(checkedDimension: dimension, vertices: out, coefficients: values)
    }
}
