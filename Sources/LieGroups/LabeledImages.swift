/// Square grey-scale images with integer class labels: the data of
/// `tda lie train|eval`.
///
/// The text format (DESIGN.md) is one image a row, `label,p0,...,p{s*s-1}`,
/// row-major pixels in [0, 1], no header; blank lines are skipped.
/// Pixels are stored contiguously, image after image.
///
/// ```swift
/// let data = try LabeledImages(csv: "3,0,0.5,1,0\n", side: 2)
/// print(data.count, data.labels, data.image(0))   // 1 [3] [0.0, 0.5, 1.0, 0.0]
/// ```
public struct LabeledImages: Sendable, Equatable {
    /// The side s of every image (s x s pixels).
    public let side: Int
    /// One label per image, each in 0..<`LabeledImages.maxClasses`.
    public let labels: [Int]
    /// count x side x side pixels, row-major, image after image.
    public let pixels: [Float]

    /// Labels must lie below this (10 for digits; room for more).
    public static let maxClasses = 1000

    /// The number of images.
    public var count: Int { labels.count }
    /// The number of classes: the largest label plus one.
    public var classCount: Int { (labels.max() ?? -1) + 1 }

    /// Images from pixel data; throws on a size mismatch, a bad label, or a
    /// pixel that is not finite or lies outside [0, 1].
    public init(side: Int, labels: [Int], pixels: [Float]) throws {
        guard side > 0, side <= 4096 else { throw LieGroupError.invalidParameter("image side \(side) must be in 1...4096") }
        let (area, o1) = side.multipliedReportingOverflow(by: side)
        let (total, o2) = area.multipliedReportingOverflow(by: labels.count)
        guard !o1, !o2, total == pixels.count else {
            throw LieGroupError.invalidParameter("\(pixels.count) pixels do not make \(labels.count) images of \(side) x \(side)")
        }
        for (k, label) in labels.enumerated() where label < 0 || label >= Self.maxClasses {
            throw LieGroupError.badLabel(line: k + 1, text: String(label))
        }
        for (k, v) in pixels.enumerated() where !(v >= 0 && v <= 1) {
            let line = k / area + 1, column = k % area + 2
            if v.isNaN { throw LieGroupError.badPixel(line: line, column: column, text: "nan") }
            throw LieGroupError.pixelOutOfRange(line: line, column: column, value: Double(v))
        }
        self.side = side
        self.labels = labels
        self.pixels = pixels
    }

    /// Parses the CSV text; `side` is the expected image side (16 for the digits).
    ///
    /// Throws `LieGroupError.emptyData`, `.wrongRowLength`, `.badLabel`,
    /// `.badPixel` (not a number, NaN, infinite) or `.pixelOutOfRange`, each
    /// naming the line (1-based) and column.
    public init(csv text: String, side: Int = 16) throws {
        guard side > 0, side <= 4096 else { throw LieGroupError.invalidParameter("image side \(side) must be in 1...4096") }
        let area = side * side
        var labels: [Int] = []
        var pixels: [Float] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let row = line.last == "\r" ? line.dropLast() : line[...]
            if row.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == area + 1 else {
                throw LieGroupError.wrongRowLength(line: lineNumber, found: fields.count, expected: area + 1)
            }
            let labelText = fields[0].trimmingSpaces
            guard let label = Int(labelText), label >= 0, label < Self.maxClasses else {
                throw LieGroupError.badLabel(line: lineNumber, text: String(labelText))
            }
            labels.append(label)
            for column in 1...area {
                let t = fields[column].trimmingSpaces
                guard let v = Float(t), v.isFinite else {
                    throw LieGroupError.badPixel(line: lineNumber, column: column + 1, text: String(t))
                }
                guard v >= 0, v <= 1 else {
                    throw LieGroupError.pixelOutOfRange(line: lineNumber, column: column + 1, value: Double(v))
                }
                pixels.append(v)
            }
        }
        guard !labels.isEmpty else { throw LieGroupError.emptyData }
        self.side = side
        self.labels = labels
        self.pixels = pixels
    }

    /// The pixels of image `index` (row-major).
    public func image(_ index: Int) -> ArraySlice<Float> {
        let area = side * side
        return pixels[index * area ..< (index + 1) * area]
    }

    /// The images at these indices, in this order.
    public func subset(_ indices: [Int]) -> LabeledImages {
        let area = side * side
        var p: [Float] = []
        p.reserveCapacity(indices.count * area)
        for i in indices { p.append(contentsOf: image(i)) }
        return LabeledImages(unchecked: side, labels: indices.map { labels[$0] }, pixels: p)
    }

    init(unchecked side: Int, labels: [Int], pixels: [Float]) {
        self.side = side
        self.labels = labels
        self.pixels = pixels
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = self[...]
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
