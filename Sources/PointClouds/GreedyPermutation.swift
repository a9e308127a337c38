/// A greedy permutation (farthest-point sampling) of a finite metric space:
/// the first point is given, each next one is the point farthest from those
/// already taken (the first such on ties), as ripser.py's `n_perm` does.
///
/// ```swift
/// let cloud = try PointCloud(rows: [[0, 0], [1, 0], [0.1, 0], [0, 1]])
/// let sample = try GreedyPermutation(points: cloud, count: 2)
/// sample.indices         // [0, 1]: 1 is farthest from 0 (tie with 3, the first wins)
/// sample.coveringRadius  // 1.0: every point is within 1 of {0, 1}
/// ```
///
/// The Rips barcode of the sample is within bottleneck distance 2 r of the
/// full one, r the covering radius (the Gromov–Hausdorff distance between
/// the two spaces is at most r; Chazal, de Silva, Oudot, "Persistence
/// stability for geometric complexes", Geom. Dedicata 2014).
///
/// - Complexity: O(count * n) distance evaluations, O(n) memory.
public struct GreedyPermutation: Sendable, Equatable {
    /// The chosen points, in the order they were taken.
    public let indices: [Int]
    /// `coveringRadii[k]`: the largest distance from any point to the first
    /// k + 1 chosen ones (ripser.py's `lambdas`).
    public let coveringRadii: [Double]

    /// The covering radius of the whole sample (ripser.py's `r_cover`).
    public var coveringRadius: Double { coveringRadii.last ?? 0 }

    /// Farthest-point sampling of a point cloud.
    ///
    /// - Throws: `PointCloudError.invalidParameter` unless 1 <= count <= n
    ///   and 0 <= start < n.
    public init(points: PointCloud, metric: Metric = .euclidean, count: Int, start: Int = 0) throws {
        try self.init(n: points.count, count: count, start: start) { i, out in
            points.coordinates.withUnsafeBufferPointer { x in
                let d = points.dimension
                let a = UnsafeBufferPointer(rebasing: x[(i * d)..<((i + 1) * d)])
                for j in 0..<points.count {
                    out[j] = metric.distance(a, UnsafeBufferPointer(rebasing: x[(j * d)..<((j + 1) * d)]))
                }
            }
        }
    }

    /// Farthest-point sampling of a distance matrix.
    public init(distances: DistanceMatrix, count: Int, start: Int = 0) throws {
        try self.init(n: distances.count, count: count, start: start) { i, out in
            for j in 0..<distances.count { out[j] = distances[i, j] }
        }
    }

    init(n: Int, count: Int, start: Int, row: (Int, inout [Double]) -> Void) throws {
        guard count >= 1, count <= n else {
            throw PointCloudError.invalidParameter(name: "subsample size", reason: "\(count) is not in 1...\(n)")
        }
        guard start >= 0, start < n else {
            throw PointCloudError.invalidParameter(name: "subsample start", reason: "\(start) is not in 0..<\(n)")
        }
        var nearest = [Double](repeating: 0, count: n)
        var scratch = [Double](repeating: 0, count: n)
        row(start, &nearest)
        nearest[start] = 0
        var chosen = [start]
        var radii: [Double] = []
        chosen.reserveCapacity(count)
        radii.reserveCapacity(count)
        while true {
            var far = 0
            for j in 1..<n where nearest[j] > nearest[far] { far = j }
            radii.append(nearest[far])
            if chosen.count == count { break }
            chosen.append(far)
            row(far, &scratch)
            scratch[far] = 0
            for j in 0..<n where scratch[j] < nearest[j] { nearest[j] = scratch[j] }
        }
        indices = chosen
        coveringRadii = radii
    }
}

extension PointCloud {
    /// The points at `indices`, in that order.
    ///
    /// ```swift
    /// let cloud = try PointCloud(rows: [[0], [1], [2]])
    /// try cloud.subset([2, 0]).rows  // [[2], [0]]
    /// ```
    /// - Throws: `PointCloudError.invalidParameter` for an index out of range.
    public func subset(_ indices: [Int]) throws -> PointCloud {
        var out: [Double] = []
        out.reserveCapacity(indices.count * dimension)
        for i in indices {
            guard i >= 0, i < count else {
                throw PointCloudError.invalidParameter(name: "index", reason: "\(i) is not in 0..<\(count)")
            }
            out.append(contentsOf: self[i])
        }
        return try PointCloud(count: indices.count, dimension: dimension, coordinates: out)
    }
}

extension DistanceMatrix {
    /// The distances among the points at `indices`, in that order.
    ///
    /// ```swift
    /// let d = try DistanceMatrix(lowerTriangle: [1, 2, 3])
    /// try d.submatrix([2, 0])[0, 1]  // 2.0
    /// ```
    /// - Throws: `PointCloudError.invalidParameter` for an index out of range.
    public func submatrix(_ indices: [Int]) throws -> DistanceMatrix {
        for i in indices where i < 0 || i >= count {
            throw PointCloudError.invalidParameter(name: "index", reason: "\(i) is not in 0..<\(count)")
        }
        var lower: [Double] = []
        lower.reserveCapacity(indices.count * (indices.count - 1) / 2)
        for a in indices.indices {
            for b in 0..<a { lower.append(self[indices[a], indices[b]]) }
        }
        return DistanceMatrix(count: indices.count, checkedEntries: lower)
    }
}
