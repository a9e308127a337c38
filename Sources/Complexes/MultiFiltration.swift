/// A simplicial complex with a grade in R^n on every simplex (one or
/// several: k-critical), filled by the user, as multipers'
/// `SimplexTreeMulti`. Faces are implied; a face is kept below its cofaces.
///
/// ```swift
/// var m = MultiFiltration(parameterCount: 2)
/// try m.insert([0, 1], grade: [1, 1])      // the edge, its two vertices at (1, 1)
/// try m.insert([0], grade: [0, 1])         // vertex 0 lowered to (0, 1)
/// try m.insert([1], grades: [[1, 0], [0, 2]]) // vertex 1 k-critical
/// let complex = m.filteredComplex()        // for SignedMeasure.hilbert and friends
/// ```
public struct MultiFiltration: Sendable, Equatable {
    /// The number of parameters n.
    public let parameterCount: Int
    /// Simplices (sorted vertex lists) in insertion order.
    public private(set) var simplices: [[Int32]] = []
    /// The grades of each simplex (a minimal set: none below another), n values each.
    public private(set) var grades: [[[Double]]] = []
    var position: [[Int32]: Int] = [:]

    /// An empty multi-filtration with n parameters (at least 1).
    public init(parameterCount: Int) {
        self.parameterCount = Swift.max(1, parameterCount)
    }

    /// The number of simplices.
    public var count: Int { simplices.count }

    /// The grades of `simplex`, or nil if absent.
    public func grades(of simplex: [Int]) -> [[Double]]? {
        position[simplex.map { Int32(truncatingIfNeeded: $0) }.sorted()].map { grades[$0] }
    }

    /// Inserts `simplex` (and its missing faces) present from `grade` on;
    /// a simplex already there also becomes present from `grade` (its grades
    /// are the minimal ones of the union), and so do its faces.
    ///
    /// - Throws: `ComplexError.invalidSimplex` for an empty simplex, a
    ///   repeated or negative vertex or more than 30 vertices,
    ///   `.invalidParameter` for a grade of the wrong length or a NaN value.
    public mutating func insert(_ simplex: [Int], grade: [Double]) throws {
        try insert(simplex, grades: [grade])
    }

    /// Inserts a k-critical simplex: present above any of `grades`.
    public mutating func insert(_ simplex: [Int], grades newGrades: [[Double]]) throws {
        let key = simplex.map { Int32(truncatingIfNeeded: $0) }.sorted()
        guard !key.isEmpty, key.count <= 30, simplex.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }),
              zip(key, key.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ComplexError.invalidSimplex(simplex)
        }
        guard !newGrades.isEmpty, newGrades.allSatisfy({ $0.count == parameterCount && !$0.contains(where: \.isNaN) }) else {
            throw ComplexError.invalidParameter(name: "grade", reason: "each grade needs \(parameterCount) numbers, none NaN")
        }
        let k = key.count
        var face: [Int32] = []
        for mask in 1..<(1 << k) {
            face.removeAll(keepingCapacity: true)
            for b in 0..<k where mask & (1 << b) != 0 { face.append(key[b]) }
            if let i = position[face] {
                grades[i] = Self.minimal(grades[i] + newGrades)
            } else {
                position[face] = simplices.count
                simplices.append(face)
                grades.append(Self.minimal(newGrades))
            }
        }
    }

    /// The grades of a set that no other one is below (duplicates once).
    static func minimal(_ gs: [[Double]]) -> [[Double]] {
        var out: [[Double]] = []
        for (i, g) in gs.enumerated() {
            let dominated = gs.enumerated().contains { j, h in
                j != i && zip(h, g).allSatisfy { $0 <= $1 } && (h != g || j < i)
            }
            if !dominated { out.append(g) }
        }
        return out
    }

    /// Adds every clique of the 1-skeleton up to `maxDimension`, each at the
    /// coordinatewise maximum of its edges' grades (1-critical edges; for
    /// k-critical edges, the joins of every choice, kept minimal).
    public mutating func expand(to maxDimension: Int) {
        guard maxDimension >= 2 else { return }
        var neighbours: [Int32: Set<Int32>] = [:]
        for s in simplices where s.count == 2 {
            neighbours[s[0], default: []].insert(s[1]); neighbours[s[1], default: []].insert(s[0])
        }
        var frontier = simplices.filter { $0.count == 2 }
        var dim = 1
        while dim < maxDimension, !frontier.isEmpty {
            var next: [[Int32]] = []
            for clique in frontier {
                guard let last = clique.last, let cands = neighbours[last] else { continue }
                for w in cands.sorted() where w > last && clique.allSatisfy({ neighbours[$0]?.contains(w) == true }) {
                    let c = clique + [w]
                    if position[c] != nil { next.append(c); continue }
                    // The grade: joins over the facets' grades.
                    var joins: [[Double]] = [[Double](repeating: -.infinity, count: parameterCount)]
                    for drop in 0..<c.count {
                        var f = c; f.remove(at: drop)
                        guard let i = position[f] else { continue }
                        joins = Self.minimal(joins.flatMap { j in grades[i].map { g in zip(j, g).map { Swift.max($0, $1) } } })
                    }
                    position[c] = simplices.count
                    simplices.append(c); grades.append(joins)
                    next.append(c)
                }
            }
            frontier = next
            dim += 1
        }
    }

    /// The complex as plain arrays (by dimension, then insertion order), for
    /// the signed-measure engines; k-critical when some simplex has several grades.
    public func filteredComplex() -> FilteredComplex {
        let order = simplices.indices.sorted { (simplices[$0].count, $0) < (simplices[$1].count, $1) }
        var rank = [Int](repeating: 0, count: simplices.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        let kCritical = grades.contains { $0.count > 1 }
        var dims: [Int8] = [], g: [Double] = [], go = [0], offsets = [0], idx: [Int32] = [], coef: [Int8] = []
        var entries: [(Int32, Int8)] = []
        for i in order {
            let s = simplices[i]
            dims.append(Int8(s.count - 1))
            for gr in grades[i] { g.append(contentsOf: gr) }
            go.append(go[go.count - 1] + grades[i].count)
            entries.removeAll(keepingCapacity: true)
            if s.count > 1 {
                for drop in 0..<s.count {
                    var face = s; face.remove(at: drop)
                    if let j = position[face] { entries.append((Int32(rank[j]), drop & 1 == 0 ? 1 : -1)) }
                }
                entries.sort { $0.0 < $1.0 }
            }
            for (r, c) in entries { idx.append(r); coef.append(c) }
            offsets.append(idx.count)
        }
        return FilteredComplex(unchecked: dims, grades: g, parameterCount: parameterCount,
                               gradeOffsets: kCritical ? go : nil, boundaryOffsets: offsets,
                               boundaryIndices: idx, boundaryCoefficients: coef)
    }
}
