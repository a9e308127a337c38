/// A finite set of points in R^d, stored row-major in one contiguous array.
///
/// ```swift
/// let cloud = try PointCloud(rows: [[0, 0], [1, 0], [0, 1]])
/// cloud.count      // 3
/// cloud.dimension  // 2
/// cloud[1]         // [1.0, 0.0]
/// ```
public struct PointCloud: Sendable, Equatable {
    /// Number of points.
    public let count: Int
    /// Ambient dimension d.
    public let dimension: Int
    /// Coordinates, row-major: point i occupies `coordinates[i*dimension ..< (i+1)*dimension]`.
    public let coordinates: [Double]

    /// Creates a cloud from row-major coordinates.
    ///
    /// - Throws: `PointCloudError` if the array length is not `count * dimension`
    ///   or a coordinate is NaN or infinite.
    public init(count: Int, dimension: Int, coordinates: [Double]) throws {
        guard count >= 0, dimension >= 1 else {
            throw PointCloudError.invalidParameter(name: "dimension", reason: "must be at least 1")
        }
        guard coordinates.count == count * dimension else {
            throw PointCloudError.invalidParameter(
                name: "coordinates", reason: "\(coordinates.count) values for \(count) points of dimension \(dimension)")
        }
        for (k, x) in coordinates.enumerated() where !x.isFinite {
            throw PointCloudError.nonFinite(line: k / dimension + 1, column: k % dimension + 1)
        }
        self.count = count
        self.dimension = dimension
        self.coordinates = coordinates
    }

    /// Creates a cloud from one array per point; all rows must have one length.
    public init(rows: [[Double]]) throws {
        guard let first = rows.first else { throw PointCloudError.empty }
        var flat: [Double] = []
        flat.reserveCapacity(rows.count * first.count)
        for (i, row) in rows.enumerated() {
            guard row.count == first.count else {
                throw PointCloudError.raggedRow(line: i + 1, found: row.count, expected: first.count)
            }
            flat.append(contentsOf: row)
        }
        try self.init(count: rows.count, dimension: first.count, coordinates: flat)
    }

    /// The coordinates of point `i`.
    public subscript(i: Int) -> ArraySlice<Double> {
        coordinates[(i * dimension)..<((i + 1) * dimension)]
    }

    /// The points as an array of rows.
    public var rows: [[Double]] { (0..<count).map { Array(self[$0]) } }
}
