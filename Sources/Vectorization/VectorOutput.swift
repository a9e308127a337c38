import PointClouds

/// Writers for vectors and matrices: CSV (one row a line), JSON (an array of
/// arrays) and NPY (readable by `numpy.load`).
///
/// ```swift
/// VectorOutput.csv([[1, 2], [3, 4]])        // "1.0,2.0\n3.0,4.0\n"
/// VectorOutput.json([[1, 2]])               // "[[1.0,2.0]]\n"
/// let bytes = try VectorOutput.npy([[1, 2], [3, 4]], float32: true)
/// ```
public enum VectorOutput {
    /// The formats.
    public enum Format: String, Sendable, CaseIterable {
        case csv, json, npy
        /// The file extension.
        public var fileExtension: String { rawValue }
    }

    /// Numbers in shortest round-trip form; `inf`, `-inf`, `nan` spelled out.
    @inlinable public static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return x.description
    }

    /// One row a line, comma separated.
    public static func csv(_ rows: [[Double]]) -> String {
        var out = ""
        for row in rows {
            out += row.map(number).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// A JSON array of arrays (non-finite values as the strings "inf", "-inf", "nan").
    public static func json(_ rows: [[Double]]) -> String {
        "[" + rows.map { row in
            "[" + row.map { $0.isFinite ? $0.description : "\"\(number($0))\"" }.joined(separator: ",") + "]"
        }.joined(separator: ",") + "]\n"
    }

    /// A 2-D `.npy` array (rows x columns), float64 or float32.
    ///
    /// - Throws: `VectorizationError.invalidParameter` for ragged rows, or
    ///   with `float32` for finite values beyond float32's range.
    public static func npy(_ rows: [[Double]], float32: Bool = false) throws -> [UInt8] {
        let columns = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columns }) else {
            throw VectorizationError.invalidParameter(name: "rows", reason: "vectors of different lengths cannot form an array")
        }
        if float32 { try checkFloat32Range(rows) }
        return NPYArray(shape: [rows.count, columns], values: rows.flatMap { $0 }).encoded(float32: float32)
    }

    /// Refuses finite values that float32 would turn into infinities
    /// (beyond about 3.4e38), naming the first.
    ///
    /// ```swift
    /// try VectorOutput.checkFloat32Range([[1, 2]])  // fine
    /// ```
    /// - Throws: `VectorizationError.invalidParameter` naming the row and column.
    public static func checkFloat32Range(_ rows: [[Double]]) throws {
        for (r, row) in rows.enumerated() {
            if let c = row.firstIndex(where: { $0.isFinite && !Float($0).isFinite }) {
                throw VectorizationError.invalidParameter(
                    name: "float32 output",
                    reason: "the value \(number(row[c])) (row \(r + 1), column \(c + 1)) is beyond float32's range (3.4e38); write float64 (without --float32)")
            }
        }
    }

    /// The bytes of `rows` in `format`.
    public static func encode(_ rows: [[Double]], format: Format, float32: Bool = false) throws -> [UInt8] {
        switch format {
        case .csv: return Array(csv(rows).utf8)
        case .json: return Array(json(rows).utf8)
        case .npy: return try npy(rows, float32: float32)
        }
    }
}
