extension DistanceMatrix {
    /// How a full matrix whose triangles differ becomes a distance matrix.
    public enum Symmetrization: String, Sendable, CaseIterable {
        /// d(i, j) for i > j: the lower triangle (Ripser's and GUDHI's reading).
        case lower
        /// d(j, i) for i > j: the upper triangle.
        case upper
        /// The smaller of the two.
        case min
        /// The larger of the two.
        case max
    }

    /// The relative difference two triangles of a full matrix may have
    /// without `symmetrize`: 1e-4, so that a matrix printed with 6
    /// significant digits (triangles up to about 1e-5 apart) is accepted.
    public static let symmetryTolerance = 1e-4

    /// How far a full matrix is from symmetric: the largest relative
    /// difference |d(i,j) - d(j,i)| / max(d(i,j), d(j,i)) and the first pair
    /// (1-based row > column) reaching it; zero for a symmetric matrix.
    public struct Asymmetry: Sendable, Equatable {
        public var relative: Double
        public var absolute: Double
        public var row: Int, column: Int
    }

    /// The asymmetry of a square matrix (rows of equal length; entries that
    /// are not finite are skipped, the constructor reports them).
    ///
    /// ```swift
    /// DistanceMatrix.asymmetry(of: [[0, 1.00001], [1, 0]]).relative   // about 1e-5
    /// ```
    public static func asymmetry(of rows: [[Double]]) -> Asymmetry {
        var worst = Asymmetry(relative: 0, absolute: 0, row: 0, column: 0)
        let n = rows.count
        for i in 0..<n where rows[i].count == n {
            for j in 0..<i where rows[j].count == n {
                let a = rows[i][j], b = rows[j][i]
                guard a.isFinite, b.isFinite, a != b else { continue }
                let scale = Swift.max(abs(a), abs(b))
                let r = abs(a - b) / scale
                if r > worst.relative { worst = Asymmetry(relative: r, absolute: abs(a - b), row: i + 1, column: j + 1) }
            }
        }
        return worst
    }
}
