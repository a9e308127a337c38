import PointClouds

/// Enumerates the cofacets of a simplex in the combinatorial number system,
/// Ripser's `simplex_coboundary_enumerator`. Two conformers: `DenseCofacets`
/// (full distance matrix) and `SparseCofacets` (neighbour lists under a
/// threshold). The engine is generic over this protocol and specialised at
/// compile time, so there is no dynamic dispatch in the reduction loop.

protocol CofacetEnumerator {
    associatedtype Geometry: AnyObject
    init(geometry: Geometry, binomial: BinomialTable, modulus: Int64, coefficientBits: Int64)
    /// Starts enumerating the cofacets of `simplex` of dimension `dim`,
    /// whose vertices (ascending) are `known`.
    mutating func set(_ simplex: DiameterEntry, dimension dim: Int, vertices known: UnsafePointer<Int>)
    var binomial: BinomialTable { get }
    var coefficientBits: Int64 { get }
    var pointCount: Int { get }
    /// The simplex's vertices, ascending.
    var vertices: UnsafeMutablePointer<Int> { get }
    /// The vertex that the last `next()` added to the simplex.
    var addedVertex: Int { get }
    /// Advances to the first remaining cofacet whose diameter equals the
    /// simplex's (a zero-persistence candidate), or returns nil.
    mutating func nextWithSameDiameter() -> DiameterEntry?
    /// Whether a cofacet is left; with `all == false`, only cofacets that add
    /// a vertex larger than every vertex of the simplex (each simplex is then
    /// generated from exactly one facet).
    mutating func hasNext(all: Bool) -> Bool
    mutating func next() -> DiameterEntry
    /// All cofacets of the simplex just `set` (from the start) that are
    /// within `threshold` and not before `pivot` (diameter, then index
    /// descending), written to `out` in enumeration order; their count, or
    /// nil if this enumerator has no such fast path for the simplex (the
    /// caller then enumerates with `next`).
    mutating func cofacets(notBefore pivot: DiameterEntry, threshold: Double,
                           into out: UnsafeMutablePointer<DiameterEntry>) -> Int?
    /// Whether the edge just `set` is in an apparent pair with a triangle,
    /// or nil if this enumerator has no fast path for it.
    mutating func edgeInApparentPair() -> Bool?
    /// d(i, j), `.infinity` for a pair that is not an edge.
    static func distance(_ geometry: Geometry, _ i: Int, _ j: Int) -> Double
    static func pointCount(_ geometry: Geometry) -> Int
}

extension CofacetEnumerator {
    @inline(__always)
    mutating func cofacets(notBefore pivot: DiameterEntry, threshold: Double,
                           into out: UnsafeMutablePointer<DiameterEntry>) -> Int? { nil }
    @inline(__always)
    mutating func edgeInApparentPair() -> Bool? { nil }

    /// Starts enumerating the cofacets of `simplex` of dimension `dim`,
    /// decoding its vertices from its index.
    @inline(__always)
    mutating func set(_ simplex: DiameterEntry, dimension dim: Int) {
        simplexVertices(simplex.entry >> coefficientBits, dim, pointCount, binomial, vertices)
        set(simplex, dimension: dim, vertices: vertices)
    }
}

/// Writes the vertices of simplex `index` of dimension `dim` into `out`,
/// in ascending order (Ripser's `get_simplex_vertices` into `rbegin()`).
@inline(__always)
func simplexVertices(_ index: Int64, _ dim: Int, _ n: Int, _ binomial: BinomialTable,
                     _ out: UnsafeMutablePointer<Int>) {
    if dim == 1 {
        // An edge {j < i} has index i(i-1)/2 + j: invert with a square root.
        var i = Int(((1 + 8 * Double(index)).squareRoot() + 1) / 2)
        while Int64(triangularIndex(i, 0)) > index { i -= 1 }
        while Int64(triangularIndex(i + 1, 0)) <= index { i += 1 }
        out[1] = i
        out[0] = Int(index) - triangularIndex(i, 0)
        return
    }
    var idx = index
    var top = n - 1
    var k = dim + 1
    while k > 0 {
        top = maxVertex(idx, k, top, binomial)
        out[k - 1] = top
        idx -= binomial(top, k)
        k -= 1
    }
}

/// The largest v <= top with C(v, k) <= idx (binary search, Ripser's `get_max_vertex`).
@inline(__always)
func maxVertex(_ idx: Int64, _ k: Int, _ top: Int, _ binomial: BinomialTable) -> Int {
    var top = top
    if binomial(top, k) > idx {
        var count = top - (k - 1)
        while count > 0 {
            let step = count >> 1
            let mid = top - step
            if binomial(mid, k) > idx {
                top = mid - 1
                count -= step + 1
            } else {
                count = step
            }
        }
    }
    return top
}

/// A full distance matrix, lower triangle, for the dense enumerator.

final class DenseGeometry {
    let n: Int
    /// Borrowed storage: create and use the geometry inside the matrix's
    /// `entries.withUnsafeBufferPointer`, never let it escape.
    let entries: UnsafePointer<Double>

    /// The full n x n matrix, row-major, when it fits in `squareLimit`
    /// bytes: the edge enumerators (cofacets of an edge {a, b} in
    /// dimension 1) then read rows a and b contiguously instead of a row and
    /// a column of the triangle. nil otherwise.
    let square: UnsafeMutablePointer<Double>?

    /// The most bytes the row-major copy takes by default (64 MB: n <= 2,896).
    static let squareLimit = 64 << 20

    /// - Parameter squareLimit: the row-major copy is made only if it takes
    ///   at most this many bytes.
    init(n: Int, borrowing entries: UnsafePointer<Double>, squareLimit: Int = DenseGeometry.squareLimit) {
        self.n = n
        self.entries = entries
        let (cells, overflow) = n.multipliedReportingOverflow(by: n)
        if !overflow && cells <= squareLimit / 8 {
            let m = UnsafeMutablePointer<Double>.allocate(capacity: cells)
            for i in 0..<n {
                let row = triangularIndex(i, 0)
                m[i &* n &+ i] = 0
                for j in 0..<i {
                    let d = entries[row &+ j]
                    m[i &* n &+ j] = d
                    m[j &* n &+ i] = d
                }
            }
            square = m
        } else {
            square = nil
        }
    }

    deinit { square?.deallocate() }

    @inline(__always)
    func distance(_ i: Int, _ j: Int) -> Double {
        if i == j { return 0 }
        return i > j ? entries[triangularIndex(i, j)] : entries[triangularIndex(j, i)]
    }
}


struct DenseCofacets: CofacetEnumerator {
    let geometry: DenseGeometry
    let binomial: BinomialTable
    let modulus: Int64
    let coefficientBits: Int64
    var idxBelow: Int64 = 0
    var idxAbove: Int64 = 0
    var j = 0
    var k = 0
    var dim = 0
    var simplex = DiameterEntry(diameter: 0, entry: 0)
    var vertices: UnsafeMutablePointer<Int>
    let vertexStorage = ScratchBuffer<Int>(capacity: 64)

    init(geometry: DenseGeometry, binomial: BinomialTable, modulus: Int64, coefficientBits: Int64) {
        self.geometry = geometry
        self.binomial = binomial
        self.modulus = modulus
        self.coefficientBits = coefficientBits
        vertices = vertexStorage.pointer
    }

    
    @inline(__always)
    mutating func set(_ simplex: DiameterEntry, dimension dim: Int, vertices known: UnsafePointer<Int>) {
        idxBelow = simplex.entry >> coefficientBits
        idxAbove = 0
        j = geometry.n - 1
        k = dim + 1
        self.dim = dim
        self.simplex = simplex
        vertices.update(from: known, count: dim + 1)
    }

    var addedVertex: Int { j + 1 }
    var pointCount: Int { geometry.n }

    /// The dense scan for the zero-pivot cofacet: diameters only, stopping
    /// at the first edge longer than the simplex's diameter; the index is
    /// computed for the cofacet found.
    mutating func nextWithSameDiameter() -> DiameterEntry? {
        let target = simplex.diameter
        if dim == 1, let square = geometry.square { return nextEdgeCofacetWithin(target, square) }
        let e = geometry.entries
        while j >= k {
            while binomial(j, k) <= idxBelow {
                idxBelow -= binomial(j, k)
                idxAbove += binomial(j, k + 1)
                j -= 1
                k -= 1
            }
            let row = triangularIndex(j, 0)
            var within = true
            for t in 0...dim {
                let w = vertices[t]
                let d = w < j ? e[row &+ w] : e[triangularIndex(w, j)]
                if d > target { within = false; break }
            }
            if within {
                let index = idxAbove + binomial(j, k + 1) + idxBelow
                j -= 1
                let coefficient = alternating(simplex.entry & ((1 << coefficientBits) - 1), k, modulus: modulus)
                return DiameterEntry(diameter: target, entry: index << coefficientBits | coefficient)
            }
            j -= 1
        }
        return nil
    }

    /// `nextWithSameDiameter` for an edge {a < b} on the row-major matrix:
    /// the added vertex j runs down in three stretches (above b, between a
    /// and b, below a), in each of which the index terms are fixed, and
    /// max(d(a, j), d(b, j)) is read from rows a and b. The state (j, k,
    /// idxBelow, idxAbove) is left as the generic scan leaves it.
    @inline(__always)
    mutating func nextEdgeCofacetWithin(_ target: Double, _ square: UnsafeMutablePointer<Double>) -> DiameterEntry? {
        let n = geometry.n
        let ra = square + vertices[0] &* n, rb = square + vertices[1] &* n
        while j >= k {
            while binomial(j, k) <= idxBelow {
                idxBelow -= binomial(j, k)
                idxAbove += binomial(j, k + 1)
                j -= 1
                k -= 1
            }
            // The stretch down to the next vertex of the edge (exclusive), or to 0.
            let stop = k == 2 ? vertices[1] : (k == 1 ? vertices[0] : -1)
            var t = j
            // (Four at a time with SIMD4 was slower: the first hit is usually near.)
            while t > stop {
                if Swift.max(ra[t], rb[t]) <= target { break }
                t -= 1
            }
            if t > stop {
                j = t
                let index = idxAbove + binomial(j, k + 1) + idxBelow
                j -= 1
                let coefficient = alternating(simplex.entry & ((1 << coefficientBits) - 1), k, modulus: modulus)
                return DiameterEntry(diameter: target, entry: index << coefficientBits | coefficient)
            }
            j = stop
        }
        return nil
    }

    @inline(__always)
    mutating func hasNext(all: Bool) -> Bool {
        j >= k && (all || binomial(j, k) > idxBelow)
    }

    /// Whether the edge just `set` is in an apparent pair with a triangle
    /// (Ripser's `get_zero_apparent_cofacet` != nil), on the row-major
    /// matrix; nil without it. The zero-pivot cofacet adds the first vertex
    /// j (descending) within the edge's length of both ends; the pair is
    /// apparent if the edge {a, b} is that triangle's first facet of the
    /// same diameter, facets taken with the largest vertex removed first:
    /// always for j > b; for a < j < b unless d(a, j) ties; for j < a unless
    /// d(j, a) or d(j, b) ties.
    @inline(__always)
    mutating func edgeInApparentPair() -> Bool? {
        guard dim == 1, let square = geometry.square else { return nil }
        let n = geometry.n
        let a = vertices[0], b = vertices[1]
        let ra = square + a &* n, rb = square + b &* n
        let target = simplex.diameter
        var t = n - 1
        while t > b {
            if Swift.max(ra[t], rb[t]) <= target { return true }
            t -= 1
        }
        t = b - 1
        while t > a {
            let da = ra[t]
            if Swift.max(da, rb[t]) <= target { return da != target }
            t -= 1
        }
        t = a - 1
        while t >= 0 {
            let da = ra[t], db = rb[t]
            if Swift.max(da, db) <= target { return da != target && db != target }
            t -= 1
        }
        return false
    }

    /// The cofacets of an edge {a < b}, from rows a and b of the row-major
    /// matrix, in the three stretches of `nextEdgeCofacetWithin`; the
    /// enumeration is left finished.
    @inline(__always)
    mutating func cofacets(notBefore pivot: DiameterEntry, threshold: Double,
                           into out: UnsafeMutablePointer<DiameterEntry>) -> Int? {
        guard dim == 1, let square = geometry.square else { return nil }
        let n = geometry.n
        let a = vertices[0], b = vertices[1]
        let ra = square + a &* n, rb = square + b &* n
        let base = simplex.diameter
        let pivotDiameter = pivot.diameter
        let pivotIndex = pivot.entry >> coefficientBits
        let c = simplex.entry & ((1 << coefficientBits) - 1)
        let shift = coefficientBits
        var count = 0
        // Stretch k: added vertex j in (low, high], index idxAbove + C(j, k + 1) + idxBelow.
        var below = idxBelow   // the edge's index, C(b, 2) + C(a, 1), as `set` leaves it
        var above: Int64 = 0
        var high = n - 1
        for k in stride(from: 2, through: 0, by: -1) {
            let low = k == 2 ? b : (k == 1 ? a : -1)
            let coefficient = alternating(c, k, modulus: modulus)
            var w = high
            while w > low {
                let d = Swift.max(base, ra[w], rb[w])
                if d <= threshold && d >= pivotDiameter {
                    let index = above &+ binomial(w, k + 1) &+ below
                    if d > pivotDiameter || index <= pivotIndex {
                        out[count] = DiameterEntry(diameter: d, entry: index << shift | coefficient)
                        count &+= 1
                    }
                }
                w -= 1
            }
            if k > 0 {
                // Step past the vertex low of the edge, as `next` does.
                below -= binomial(low, k)
                above += binomial(low, k + 1)
                high = low - 1
            }
        }
        j = -1
        return count
    }

    @inline(__always)
    mutating func next() -> DiameterEntry {
        while binomial(j, k) <= idxBelow {
            idxBelow -= binomial(j, k)
            idxAbove += binomial(j, k + 1)
            j -= 1
            k -= 1
        }
        var diameter = simplex.diameter
        if dim == 1, let square = geometry.square {
            let n = geometry.n
            diameter = Swift.max(diameter, square[vertices[0] &* n &+ j], square[vertices[1] &* n &+ j])
            let index = idxAbove + binomial(j, k + 1) + idxBelow
            j -= 1
            let coefficient = alternating(simplex.entry & ((1 << coefficientBits) - 1), k, modulus: modulus)
            return DiameterEntry(diameter: diameter, entry: index << coefficientBits | coefficient)
        }
        let e = geometry.entries
        let row = triangularIndex(j, 0)
        for t in 0...dim {
            let w = vertices[t]
            let d = w < j ? e[row &+ w] : e[triangularIndex(w, j)]
            if d > diameter { diameter = d }
        }
        let index = idxAbove + binomial(j, k + 1) + idxBelow
        j -= 1
        let coefficient = alternating(simplex.entry & ((1 << coefficientBits) - 1), k, modulus: modulus)
        return DiameterEntry(diameter: diameter, entry: index << coefficientBits | coefficient)
    }

    @inline(__always)
    static func distance(_ geometry: DenseGeometry, _ i: Int, _ j: Int) -> Double {
        geometry.distance(i, j)
    }

    static func pointCount(_ geometry: DenseGeometry) -> Int { geometry.n }
}

/// A fixed-size buffer owned by one enumerator or reducer, for one purpose
/// (its owner names it): simplex vertices, neighbour-list positions,
/// pairwise distances.

final class ScratchBuffer<Element> {
    let pointer: UnsafeMutablePointer<Element>
    init(capacity: Int) { pointer = .allocate(capacity: capacity) }
    deinit { pointer.deallocate() }
}

/// Neighbour lists of a weighted graph, sorted by neighbour index: the sparse
/// distance matrix of Ripser. Used under a threshold and after edge collapse.

final class SparseGeometry {
    let n: Int
    let lists: NeighborLists
    /// Neighbours of v are at `offsets[v] ..< offsets[v + 1]`.
    let offsets: UnsafeMutablePointer<Int>
    let neighbor: UnsafeMutablePointer<Int32>
    let weight: UnsafeMutablePointer<Double>
    let edgeCount: Int

    /// Builds neighbour lists from undirected edges, no loops.
    init(n: Int, edges: [FilteredEdge]) {
        self.n = n
        lists = NeighborLists(edges, vertexCount: n, closed: false)
        offsets = lists.offsets
        neighbor = lists.neighbor
        weight = lists.value
        edgeCount = edges.count
    }

    
    func distance(_ i: Int, _ j: Int) -> Double {
        if i == j { return 0 }
        var lo = offsets[i], hi = offsets[i + 1]
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(neighbor[mid]) < j { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets[i + 1] && Int(neighbor[lo]) == j ? weight[lo] : .infinity
    }
}


struct SparseCofacets: CofacetEnumerator {
    let geometry: SparseGeometry
    let binomial: BinomialTable
    let modulus: Int64
    let coefficientBits: Int64
    var idxBelow: Int64 = 0
    var idxAbove: Int64 = 0
    var k = 0
    var dim = 0
    var simplex = DiameterEntry(diameter: 0, entry: 0)
    var vertices: UnsafeMutablePointer<Int>
    /// Per vertex of the simplex: current position (walking down) and the end (exclusive, below).
    var position: UnsafeMutablePointer<Int>
    var end: UnsafeMutablePointer<Int>
    var neighborIndex = 0
    var neighborDiameter = 0.0
    let vertexStorage = ScratchBuffer<Int>(capacity: 64)
    let positionStorage = ScratchBuffer<Int>(capacity: 64)
    let endStorage = ScratchBuffer<Int>(capacity: 64)

    init(geometry: SparseGeometry, binomial: BinomialTable, modulus: Int64, coefficientBits: Int64) {
        self.geometry = geometry
        self.binomial = binomial
        self.modulus = modulus
        self.coefficientBits = coefficientBits
        vertices = vertexStorage.pointer
        position = positionStorage.pointer
        end = endStorage.pointer
    }

    
    @inline(__always)
    mutating func set(_ simplex: DiameterEntry, dimension dim: Int, vertices known: UnsafePointer<Int>) {
        idxBelow = simplex.entry >> coefficientBits
        idxAbove = 0
        k = dim + 1
        self.dim = dim
        self.simplex = simplex
        vertices.update(from: known, count: dim + 1)
        for t in 0...dim {
            let v = vertices[t]
            position[t] = geometry.offsets[v + 1] - 1
            end[t] = geometry.offsets[v] - 1
        }
    }

    var addedVertex: Int { neighborIndex }
    var pointCount: Int { geometry.n }

    /// The merge of `hasNext(all: true)` that gives up on a neighbour at
    /// its first edge longer than the simplex's diameter; the index is
    /// computed for the cofacet found only.
    mutating func nextWithSameDiameter() -> DiameterEntry? {
        let nb = geometry.neighbor, wt = geometry.weight
        let target = simplex.diameter
        outer: while position[0] != end[0] {
            let ni = Int(nb[position[0]])
            if wt[position[0]] > target {
                position[0] -= 1
                continue
            }
            if dim >= 1 {
                for t in 1...dim {
                    while Int(nb[position[t]]) > ni {
                        position[t] -= 1
                        if position[t] == end[t] { return nil }
                    }
                    if Int(nb[position[t]]) != ni || wt[position[t]] > target {
                        position[0] -= 1
                        continue outer
                    }
                }
            }
            while k > 0 && vertices[k - 1] > ni {
                idxBelow -= binomial(vertices[k - 1], k)
                idxAbove += binomial(vertices[k - 1], k + 1)
                k -= 1
            }
            neighborIndex = ni
            neighborDiameter = target
            return next()
        }
        return nil
    }

    
    mutating func hasNext(all: Bool) -> Bool {
        let nb = geometry.neighbor, wt = geometry.weight
        outer: while position[0] != end[0] {
            let ni = Int(nb[position[0]])
            var nd = wt[position[0]]
            if dim >= 1 {
                for t in 1...dim {
                    while Int(nb[position[t]]) > ni {
                        position[t] -= 1
                        if position[t] == end[t] { return false }
                    }
                    if Int(nb[position[t]]) != ni {
                        position[0] -= 1
                        continue outer
                    }
                    if wt[position[t]] > nd { nd = wt[position[t]] }
                }
            }
            while k > 0 && vertices[k - 1] > ni {
                if !all { return false }
                idxBelow -= binomial(vertices[k - 1], k)
                idxAbove += binomial(vertices[k - 1], k + 1)
                k -= 1
            }
            neighborIndex = ni
            neighborDiameter = nd
            return true
        }
        return false
    }

    @inline(__always)
    mutating func next() -> DiameterEntry {
        position[0] -= 1
        let diameter = Swift.max(simplex.diameter, neighborDiameter)
        let index = idxAbove + binomial(neighborIndex, k + 1) + idxBelow
        let coefficient = alternating(simplex.entry & ((1 << coefficientBits) - 1), k, modulus: modulus)
        return DiameterEntry(diameter: diameter, entry: index << coefficientBits | coefficient)
    }

    static func distance(_ geometry: SparseGeometry, _ i: Int, _ j: Int) -> Double {
        geometry.distance(i, j)
    }

    static func pointCount(_ geometry: SparseGeometry) -> Int { geometry.n }
}
