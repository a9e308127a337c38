import Dispatch

/// A symmetric matrix of pairwise distances with zero diagonal, stored as its
/// strict lower triangle in Ripser's layout.
///
/// Entry (i, j) with i > j lives at `entries[i*(i-1)/2 + j]`, so the storage
/// is n(n-1)/2 doubles: 8 MB for 1,000 points, 800 MB for 10,000 points.
///
/// ```swift
/// let cloud = try PointCloud(rows: [[0, 0], [3, 4], [0, 1]])
/// let d = DistanceMatrix(cloud, metric: .euclidean)
/// d[0, 1]  // 5.0
/// ```
public struct DistanceMatrix: Sendable, Equatable {
    /// Number of points.
    public let count: Int
    /// The strict lower triangle, row by row.
    public let entries: [Double]

    /// Creates a matrix from its strict lower triangle in Ripser's layout.
    ///
    /// - Throws: `PointCloudError` if the length is not n(n-1)/2 for some n, or
    ///   an entry is negative, NaN or infinite.
    public init(lowerTriangle entries: [Double]) throws {
        // Solve n(n-1)/2 = m for n.
        let m = entries.count
        var n = Int((1 + (1 + 8 * Double(m)).squareRoot()) / 2)
        while n * (n - 1) / 2 > m { n -= 1 }
        while (n + 1) * n / 2 <= m { n += 1 }
        guard n * (n - 1) / 2 == m else {
            throw PointCloudError.invalidParameter(
                name: "lower triangle", reason: "\(m) entries is not n(n-1)/2 for any n")
        }
        for i in 1..<Swift.max(n, 1) {
            for j in 0..<i {
                let x = entries[i * (i - 1) / 2 + j]
                if !x.isFinite { throw PointCloudError.nonFinite(line: i + 1, column: j + 1) }
                if x < 0 { throw PointCloudError.negativeDistance(line: i + 1, column: j + 1) }
            }
        }
        self.count = n
        self.entries = entries
    }

    /// Creates a matrix from a full square matrix, checking that it is a
    /// non-negative matrix with zero diagonal whose two triangles agree.
    ///
    /// Without `symmetrize`, the triangles must agree to `tolerance`
    /// (relative: |d(i,j) - d(j,i)| <= tolerance * max(d(i,j), d(j,i)); by
    /// default 1e-4, enough for a matrix printed with 6 significant digits)
    /// and the lower triangle is kept, as Ripser and GUDHI read a full
    /// matrix. With `symmetrize`, the triangles may differ by anything and
    /// each pair takes the lower, upper, smaller or larger entry.
    ///
    /// ```swift
    /// let d = try DistanceMatrix(full: [[0, 1.000001], [1, 0]])            // lower: d(1, 0) = 1
    /// let e = try DistanceMatrix(full: [[0, 3], [1, 0]], symmetrize: .max) // d(1, 0) = 3
    /// ```
    /// - Throws: `PointCloudError.notSymmetric` at the first pair (row-major
    ///   over the lower triangle) beyond the tolerance.
    public init(full rows: [[Double]], symmetrize: Symmetrization? = nil,
                tolerance: Double = DistanceMatrix.symmetryTolerance) throws {
        let (lower, _) = try Self.checkedLowerTriangle(rows, symmetrize: symmetrize, tolerance: tolerance, allowsDiagonal: false)
        self.count = rows.count
        self.entries = lower
    }

    /// Reads a full square matrix whose diagonal may be non-zero: the
    /// diagonal comes back beside the matrix (ripser.py's vertex births).
    /// Off the diagonal the checks are those of `init(full:symmetrize:tolerance:)`;
    /// diagonal entries may be any finite number.
    ///
    /// ```swift
    /// let (d, births) = try DistanceMatrix.withDiagonal(full: [[1, 3], [3, 2]])
    /// d[0, 1]  // 3.0
    /// births   // [1.0, 2.0]
    /// ```
    public static func withDiagonal(full rows: [[Double]], symmetrize: Symmetrization? = nil,
                                    tolerance: Double = DistanceMatrix.symmetryTolerance) throws
        -> (matrix: DistanceMatrix, diagonal: [Double]) {
        let (lower, diagonal) = try checkedLowerTriangle(rows, symmetrize: symmetrize, tolerance: tolerance, allowsDiagonal: true)
        return (DistanceMatrix(count: rows.count, checkedEntries: lower), diagonal)
    }

    /// Storage already checked by the caller.
    init(count: Int, checkedEntries: [Double]) {
        self.count = count
        self.entries = checkedEntries
    }

    /// The strict lower triangle and the diagonal of a checked square matrix.
    static func checkedLowerTriangle(_ rows: [[Double]], symmetrize: Symmetrization?, tolerance: Double,
                                     allowsDiagonal: Bool) throws -> ([Double], [Double]) {
        guard !rows.isEmpty else { throw PointCloudError.empty }
        let n = rows.count
        var diagonal: [Double] = []
        diagonal.reserveCapacity(n)
        for (i, row) in rows.enumerated() {
            guard row.count == n else { throw PointCloudError.notSquare(line: i + 1, found: row.count, expected: n) }
            for (j, x) in row.enumerated() {
                if !x.isFinite { throw PointCloudError.nonFinite(line: i + 1, column: j + 1) }
                if x < 0 && (i != j || !allowsDiagonal) {
                    throw PointCloudError.negativeDistance(line: i + 1, column: j + 1)
                }
            }
            guard allowsDiagonal || row[i] == 0 else { throw PointCloudError.nonZeroDiagonal(row: i + 1) }
            diagonal.append(row[i])
        }
        var lower: [Double] = []
        lower.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n {
            for j in 0..<i {
                let a = rows[i][j], b = rows[j][i]
                switch symmetrize {
                case nil:
                    guard abs(a - b) <= tolerance * Swift.max(a, b) else {
                        throw PointCloudError.notSymmetric(row: i + 1, column: j + 1)
                    }
                    lower.append(a)
                case .lower?: lower.append(a)
                case .upper?: lower.append(b)
                case .min?: lower.append(Swift.min(a, b))
                case .max?: lower.append(Swift.max(a, b))
                }
            }
        }
        return (lower, diagonal)
    }

    /// Computes all pairwise distances of a point cloud, using up to `threads`
    /// cores (rows are split into interleaved blocks).
    ///
    /// - Complexity: O(n^2 d) time, n(n-1)/2 doubles of memory.
    public init(_ cloud: PointCloud, metric: Metric = .euclidean, threads: Int = 1) {
        let n = cloud.count, d = cloud.dimension
        var out = [Double](repeating: 0, count: n * (n - 1) / 2)
        let x = cloud.coordinates
        let workers = Swift.max(1, Swift.min(threads, n / 64 + 1))
        x.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                let outBase = op.baseAddress
                let euclidean = metric == .euclidean
                let fill = { (i: Int) in
                    let row = i * (i - 1) / 2
                    let a = UnsafeBufferPointer(rebasing: xp[(i * d)..<((i + 1) * d)])
                    for j in 0..<i {
                        let b = UnsafeBufferPointer(rebasing: xp[(j * d)..<((j + 1) * d)])
                        if euclidean, let pa = a.baseAddress, let pb = b.baseAddress {
                            // `Metric.distance`'s sum, in the same order, without the
                            // generic zip; its scaled path for the rare non-finite or tiny sums.
                            var s = 0.0
                            for t in 0..<d { let e = pa[t] - pb[t]; s += e * e }
                            outBase![row + j] = s.isFinite && s >= 0x1p-960 ? s.squareRoot() : metric.distance(a, b)
                        } else {
                            outBase![row + j] = metric.distance(a, b)
                        }
                    }
                }
                if workers == 1 {
                    for i in 1..<Swift.max(n, 1) { fill(i) }
                } else {
                    // Row i costs i: interleave rows so each worker gets an equal share.
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        var i = 1 + w
                        while i < n { fill(i); i += workers }
                    }
                }
            }
        }
        self.count = n
        self.entries = out
    }

    /// The distance between points i and j.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        if i == j { return 0 }
        return i > j ? entries[i * (i - 1) / 2 + j] : entries[j * (j - 1) / 2 + i]
    }

    /// The enclosing radius: min over i of max over j of d(i, j). Above it
    /// the Rips complex is a cone, so no bar is born there; Ripser uses it as
    /// the default threshold.
    public var enclosingRadius: Double {
        guard count > 1 else { return 0 }
        // Row maxima in one pass over the lower triangle.
        var rowMax = [Double](repeating: 0, count: count)
        entries.withUnsafeBufferPointer { e in
            var k = 0
            for i in 1..<count {
                var m = rowMax[i]
                for j in 0..<i {
                    let d = e[k]
                    k += 1
                    if d > m { m = d }
                    if d > rowMax[j] { rowMax[j] = d }
                }
                rowMax[i] = m
            }
        }
        return rowMax.min() ?? 0
    }
}
