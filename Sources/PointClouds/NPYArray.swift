/// A NumPy `.npy` array of numbers, read into `Double`s (C order), and a
/// writer for `Double`/`Float` arrays that `numpy.load` reads back.
///
/// Supported dtypes: little-endian float64, float32, int64, int32, uint8, bool.
///
/// ```swift
/// let a = NPYArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
/// let bytes = a.encoded()                  // a valid .npy file
/// let b = try NPYArray(bytes: bytes)       // b == a
/// ```
public struct NPYArray: Sendable, Equatable {
    /// The array's shape, outermost first.
    public var shape: [Int]
    /// The values in C (row-major) order.
    public var values: [Double]

    public init(shape: [Int], values: [Double]) {
        self.shape = shape
        self.values = values
    }

    /// Parses the bytes of a `.npy` file.
    ///
    /// - Throws: `PointCloudError.unsupportedFormat` for a bad magic string,
    ///   header, dtype, Fortran order, or a short file; `.nonFinite` for NaN/inf
    ///   unless `allowNonFinite` (for arrays of features, not of points).
    public init(bytes: [UInt8], allowNonFinite: Bool = false) throws {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw PointCloudError.unsupportedFormat("not a .npy file (bad magic string)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else if major == 2 || major == 3 {
            guard bytes.count >= 12 else { throw PointCloudError.unsupportedFormat(".npy header is truncated") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        } else {
            throw PointCloudError.unsupportedFormat(".npy version \(major) is not supported")
        }
        guard bytes.count >= headerStart + headerLength else {
            throw PointCloudError.unsupportedFormat(".npy header is truncated")
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard let descr = NPYArray.field("descr", in: header)?.trimmingQuotes,
              let order = NPYArray.field("fortran_order", in: header),
              let shapeText = NPYArray.field("shape", in: header) else {
            throw PointCloudError.unsupportedFormat(".npy header lacks descr, fortran_order or shape")
        }
        guard order.hasPrefix("False") else {
            throw PointCloudError.unsupportedFormat("Fortran-ordered .npy arrays are not supported; save with C order")
        }
        var shape: [Int] = []
        for part in shapeText.drop(while: { $0 == "(" }).prefix(while: { $0 != ")" }).split(separator: ",") {
            let t = part.trimmed(" ")
            if t.isEmpty { continue }
            guard let v = Int(t), v >= 0 else { throw PointCloudError.unsupportedFormat("bad .npy shape \(shapeText)") }
            shape.append(v)
        }
        var total = 1
        for s in shape {
            let (p, overflow) = total.multipliedReportingOverflow(by: s)
            guard !overflow else { throw PointCloudError.unsupportedFormat("bad .npy shape \(shapeText)") }
            total = p
        }
        let width: Int
        switch descr {
        case "<f8", "<i8", "<u8": width = 8
        case "<f4", "<i4", "<u4": width = 4
        case "|u1", "|b1", "|i1": width = 1
        default: throw PointCloudError.unsupportedFormat(".npy dtype \(descr) is not supported (use float64 or float32)")
        }
        let dataStart = headerStart + headerLength
        // Overflow-checked: the shape is the file's (a shape of 7.5e18 values times 8 bytes wrapped).
        let (dataBytes, tooMany) = total.multipliedReportingOverflow(by: width)
        guard !tooMany, bytes.count - dataStart >= dataBytes else {
            throw PointCloudError.unsupportedFormat(".npy data is truncated: \(bytes.count - dataStart) bytes for \(total) values")
        }
        var values = [Double](repeating: 0, count: total)
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress! + dataStart
            for k in 0..<total {
                let p = base + k * width
                switch descr {
                case "<f8": values[k] = Double(bitPattern: UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)))
                case "<f4": values[k] = Double(Float(bitPattern: UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))))
                case "<i8": values[k] = Double(Int64(littleEndian: p.loadUnaligned(as: Int64.self)))
                case "<u8": values[k] = Double(UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)))
                case "<i4": values[k] = Double(Int32(littleEndian: p.loadUnaligned(as: Int32.self)))
                case "<u4": values[k] = Double(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
                case "|i1": values[k] = Double(p.load(as: Int8.self))
                default: values[k] = Double(p.load(as: UInt8.self))
                }
            }
        }
        for (k, x) in values.enumerated() where !allowNonFinite && !x.isFinite {
            let cols = shape.count >= 2 ? shape.dropFirst().reduce(1, *) : 1
            throw PointCloudError.nonFinite(line: k / Swift.max(cols, 1) + 1, column: k % Swift.max(cols, 1) + 1)
        }
        self.shape = shape
        self.values = values
    }

    /// The value of `key` in a .npy header dictionary, as raw text.
    static func field(_ key: String, in header: String) -> Substring? {
        guard let r = header.firstRange(of: "'\(key)'") else { return nil }
        var rest = header[r.upperBound...].drop(while: { $0 == " " || $0 == ":" })
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return rest[...close]
        }
        rest = rest.prefix(while: { $0 != "," && $0 != "}" })
        return rest.trimmed(" ")[...]
    }

    /// The array as a version 1.0 `.npy` file, in float64 (`<f8`) or, with
    /// `float32: true`, float32 (`<f4`).
    public func encoded(float32: Bool = false) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(float32 ? "<f4" : "<f8")', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad with spaces so that magic + 4 + header + '\n' is a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
        let h = header.utf8.count
        out.append(UInt8(h & 0xFF)); out.append(UInt8(h >> 8))
        out.append(contentsOf: header.utf8)
        out.reserveCapacity(out.count + values.count * (float32 ? 4 : 8))
        for x in values {
            if float32 {
                withUnsafeBytes(of: Float(x).bitPattern.littleEndian) { out.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }
}

extension StringProtocol {
    var trimmingQuotes: String {
        String(self).trimmed(" '\"")
    }

    func trimmed(_ set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
