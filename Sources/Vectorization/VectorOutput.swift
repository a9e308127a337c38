import Foundation
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
        String(decoding: csvBytes(rows), as: UTF8.self)
    }

    /// The CSV bytes of `csv(_:)`, built without a `String` a row (the cost
    /// is the shortest round-trip formatting of each number), rows formatted
    /// on up to `threads` cores in blocks and joined in order.
    ///
    /// ```swift
    /// VectorOutput.csvBytes([[1, 0.5], [2, .infinity]], threads: 2)   // "1.0,0.5\n2.0,inf\n"
    /// ```
    public static func csvBytes(_ rows: [[Double]], threads: Int = 1) -> [UInt8] {
        func format(_ range: Range<Int>) -> [UInt8] {
            var out = ByteStream()
            out.bytes.reserveCapacity(rows[range].reduce(0) { $0 + $1.count } * 20 + range.count)
            for row in rows[range] {
                for (k, x) in row.enumerated() {
                    if k > 0 { out.bytes.append(0x2C) }
                    if x == 0 {
                        // Zeros (most of a landscape's higher levels) without formatting: "0.0" or "-0.0".
                        if x.sign == .minus { out.bytes.append(0x2D) }
                        out.bytes.append(0x30); out.bytes.append(0x2E); out.bytes.append(0x30)
                    } else if x.isFinite {
                        // The digits of `x.description`, written straight into the bytes.
                        x.write(to: &out)
                    } else {
                        out.bytes.append(contentsOf: number(x).utf8)
                    }
                }
                out.bytes.append(0x0A)
            }
            return out.bytes
        }
        let values = rows.reduce(0) { $0 + $1.count }
        let workers = Swift.max(1, Swift.min(threads, values / 50_000))
        guard workers > 1 else { return format(0..<rows.count) }
        let blocks = workers * 4
        let parts = LockedParts(count: blocks)
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            let lo = rows.count * b / blocks, hi = rows.count * (b + 1) / blocks
            parts.set(b, format(lo..<hi))
        }
        return parts.joined()
    }

    /// A text stream into bytes. `Double.write(to:)` hands its digits to
    /// `_writeASCII` as a buffer, so no `String` is made per number (half
    /// the time of `description`); streams that lack it get `write(_:)`,
    /// with the same bytes.
    struct ByteStream: TextOutputStream {
        var bytes: [UInt8] = []
        mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    }

    /// Blocks of bytes filled from several threads.
    final class LockedParts: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [[UInt8]]
        init(count: Int) { parts = Array(repeating: [], count: count) }
        func set(_ k: Int, _ bytes: [UInt8]) { lock.lock(); parts[k] = bytes; lock.unlock() }
        func joined() -> [UInt8] { lock.lock(); defer { lock.unlock() }; return Array(parts.joined()) }
    }

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
    public static func encode(_ rows: [[Double]], format: Format, float32: Bool = false, threads: Int = 1) throws -> [UInt8] {
        switch format {
        case .csv: return csvBytes(rows, threads: threads)
        case .json: return Array(json(rows).utf8)
        case .npy: return try npy(rows, float32: float32)
        }
    }
}
