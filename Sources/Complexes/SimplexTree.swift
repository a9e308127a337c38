/// A simplicial complex with a filtration value (grade) on every simplex, as
/// GUDHI's `SimplexTree`: insert simplices (faces implied), expand a graph to
/// its flag complex, lower-star filtrations, iteration in filtration order.
///
/// Simplices are sorted vertex lists with one filtration value each. This
/// type is one-parameter by design (its expansion and ordering are scalar hot
/// paths); n-parameter and k-critical filtrations are `MultiFiltration`.
///
/// ```swift
/// var tree = SimplexTree()
/// tree.insert([0, 1, 2], filtration: 2)   // the triangle, its edges and vertices
/// tree.insert([0, 1], filtration: 1)      // lowers the edge [0, 1] to 1
/// tree.count                              // 7
/// tree.filtration(of: [1, 2])             // 2
/// ```
public struct SimplexTree: Sendable, Equatable {
    /// Simplices in insertion order (sorted vertices).
    public internal(set) var simplices: [[Int32]] = []
    /// Filtration values, one per simplex, in the order of `simplices`.
    public internal(set) var grades: [Double] = []
    /// Number of filtration parameters: always 1 (see `MultiFiltration` for more).
    public var parameterCount: Int { 1 }
    var position: [[Int32]: Int] = [:]

    /// An empty complex.
    ///
    /// ```swift
    /// let tree = SimplexTree()  // tree.count == 0
    /// ```
    public init() {}

    /// The number of simplices.
    public var count: Int { simplices.count }

    /// The largest simplex dimension (-1 when empty).
    public var dimension: Int { (simplices.lazy.map(\.count).max() ?? 0) - 1 }

    /// The number of vertices.
    public var vertexCount: Int { simplices.lazy.filter { $0.count == 1 }.count }

    /// Whether `simplex` (any vertex order) is in the complex.
    ///
    /// ```swift
    /// tree.contains([2, 0])  // true after inserting [0, 1, 2]
    /// ```
    public func contains(_ simplex: [Int]) -> Bool { position[Self.key(simplex)] != nil }

    /// The filtration value of `simplex`, or nil if absent.
    ///
    /// ```swift
    /// tree.filtration(of: [0, 1])  // 1
    /// ```
    public func filtration(of simplex: [Int]) -> Double? {
        position[Self.key(simplex)].map { grades[$0] }
    }

    /// Inserts `simplex` and every face of it that is missing, all at
    /// `filtration`; a simplex or face already present with a higher value is
    /// lowered to it (GUDHI's `insert`). Returns whether `simplex` was new.
    ///
    /// ```swift
    /// var tree = SimplexTree()
    /// try tree.insert([3, 1, 2], filtration: 0.5)  // 7 simplices
    /// ```
    /// - Throws: `ComplexError.invalidSimplex` for an empty simplex, a repeated
    ///   or negative vertex, more than 30 vertices, or a NaN filtration value.
    /// - Complexity: O(2^k) for a simplex with k vertices.
    @discardableResult
    public mutating func insert(_ simplex: [Int], filtration: Double = 0) throws -> Bool {
        let key = Self.key(simplex)
        guard !key.isEmpty, key.count <= 30, key[0] >= 0, simplex.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }),
              zip(key, key.dropFirst()).allSatisfy({ $0 < $1 }), !filtration.isNaN else {
            throw ComplexError.invalidSimplex(simplex)
        }
        let isNew = position[key] == nil
        insertSorted(key, filtration)
        return isNew
    }

    /// Inserts a sorted simplex and its faces (no validation): every
    /// non-empty subset once, O(2^k k) for k vertices.
    mutating func insertSorted(_ key: [Int32], _ value: Double) {
        let k = key.count
        guard k <= 30 else { return }
        if let i = position[key], grades[i] <= value { return }
        var face: [Int32] = []
        face.reserveCapacity(k)
        for mask in 1..<(1 << k) {
            face.removeAll(keepingCapacity: true)
            for b in 0..<k where mask & (1 << b) != 0 { face.append(key[b]) }
            if let i = position[face] {
                if grades[i] > value { grades[i] = value }
            } else {
                position[face] = simplices.count
                simplices.append(face)
                grades.append(value)
            }
        }
    }

    /// Sets the filtration value of a simplex already present (faces untouched;
    /// call `makeFiltrationNonDecreasing()` afterwards if needed).
    ///
    /// ```swift
    /// tree.assignFiltration([0, 1], 3)
    /// ```
    /// - Returns: false if the simplex is absent.
    @discardableResult
    public mutating func assignFiltration(_ simplex: [Int], _ value: Double) -> Bool {
        guard let i = position[Self.key(simplex)] else { return false }
        grades[i] = value
        return true
    }

    /// The grade of the simplex at storage index `i` (one parameter).
    @inlinable func value(at i: Int) -> Double { grades[i] }

    static func key(_ simplex: [Int]) -> [Int32] {
        simplex.map { Int32(truncatingIfNeeded: $0) }.sorted()
    }

    public static func == (a: SimplexTree, b: SimplexTree) -> Bool {
        guard a.count == b.count else { return false }
        for (i, s) in a.simplices.enumerated() {
            guard let j = b.position[s], a.grades[i] == b.grades[j] else { return false }
        }
        return true
    }
}
