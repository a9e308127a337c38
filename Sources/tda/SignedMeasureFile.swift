import Foundation
import SwiftTDA

/// A signed-measure CSV as `tda signed-measure` writes it: a header
/// `x1,...,xn,weight` (rank: `b1,...,bn,d1,...,dn,weight`), optionally with a
/// `degree` column first, then one atom a row. A file with a degree column
/// holds one measure per degree (a degree without atoms writes no rows);
/// one without holds a single measure. Bad content is an `InputError`
/// (exit 1) naming the file and line.
struct SignedMeasureFile {
    /// The file's name in messages (`stdin` for `-`).
    var name: String
    /// Whether the rows start with a degree.
    var hasDegree: Bool
    /// The number of parameters n.
    var parameterCount: Int
    /// Whether the atoms are rectangles (2n coordinates).
    var rectangles: Bool
    /// The measures by degree (the key nil for a file without a degree column).
    var measures: [Int?: SignedMeasure]

    /// The coordinates per atom.
    var width: Int { rectangles ? 2 * parameterCount : parameterCount }

    /// Reads the file at `path` (`-` for standard input).
    init(atPath path: String) throws {
        try self.init(bytes: try FileInput.bytes(atPath: path), name: path == "-" ? "stdin" : path)
    }

    /// The columns a header line names, or nil if it is not a signed-measure header.
    static func columns(_ fields: [String]) -> (hasDegree: Bool, rectangles: Bool, parameterCount: Int)? {
        var names = fields.map { $0.lowercased() }
        let hasDegree = names.first == "degree"
        if hasDegree { names.removeFirst() }
        guard names.last == "weight", names.count >= 2 else { return nil }
        names.removeLast()
        if names == (1...names.count).map({ "x\($0)" }) { return (hasDegree, false, names.count) }
        let n = names.count / 2
        if names.count % 2 == 0, names == (1...n).map({ "b\($0)" }) + (1...n).map({ "d\($0)" }) { return (hasDegree, true, n) }
        return nil
    }

    /// Parses the bytes of a signed-measure CSV.
    init(bytes: [UInt8], name: String) throws {
        self.name = name
        var known: (hasDegree: Bool, rectangles: Bool, parameterCount: Int)?
        var points: [Int?: [Double]] = [:], weights: [Int?: [Int]] = [:]
        try CSVLines.forEach(bytes, name: name) { row in
            let number = row.number
            guard let header = known else {
                let words = row.words
                guard let found = Self.columns(words) else {
                    let hint = words.map { $0.lowercased() } == ["dim", "birth", "death"]
                        ? " (this is a barcode CSV; --method convolution and --input signed-measure read the output of tda signed-measure)" : ""
                    throw InputError("\(name) line \(number): expected a signed measure header such as x1,x2,weight or b1,b2,d1,d2,weight (optionally degree,... first), found '\(row.text)'\(hint)")
                }
                known = found
                return
            }
            if row.isWordLine, let again = Self.columns(row.words) {
                guard again == header else { throw InputError("\(name) line \(number): the header changes to '\(row.text)'") }
                return
            }
            let width = header.rectangles ? 2 * header.parameterCount : header.parameterCount
            let expected = (header.hasDegree ? 1 : 0) + width + 1
            guard row.count == expected else {
                throw InputError("\(name) line \(number) has \(row.count) values, expected \(expected)")
            }
            var degree: Int?
            if header.hasDegree {
                guard let d = row.int(0), d >= 0 else {
                    throw InputError("\(name) line \(number): degree '\(row.snippet(0))' is not a non-negative integer")
                }
                degree = d
            }
            guard let weight = row.int(expected - 1) else {
                throw InputError("\(name) line \(number): weight '\(row.snippet(expected - 1))' is not an integer")
            }
            var coordinates: [Double] = []
            coordinates.reserveCapacity(width)
            for k in (header.hasDegree ? 1 : 0)..<(expected - 1) {
                guard let v = row.double(k), !v.isNaN else {
                    throw InputError("\(name) line \(number): '\(row.snippet(k))' is not a number")
                }
                coordinates.append(v)
            }
            points[degree, default: []].append(contentsOf: coordinates)
            weights[degree, default: []].append(weight)
        }
        guard let header = known else {
            throw InputError("\(name) is empty: expected a signed measure header such as x1,x2,weight or b1,b2,d1,d2,weight")
        }
        hasDegree = header.hasDegree
        parameterCount = header.parameterCount
        rectangles = header.rectangles
        var measures: [Int?: SignedMeasure] = [:]
        do {
            for (degree, w) in weights {
                measures[degree] = try SignedMeasure(parameterCount: header.parameterCount, rectangles: header.rectangles,
                                                     points: points[degree] ?? [], weights: w)
            }
            if !header.hasDegree, measures[nil] == nil {
                measures[nil] = try SignedMeasure(parameterCount: header.parameterCount, rectangles: header.rectangles,
                                                  points: [], weights: [])
            }
        } catch {
            throw InputError("\(name): \(CLIError.message(for: error))")
        }
        self.measures = measures
    }

    /// The measure of `degree` (nil for a file without a degree column); a
    /// degree the file has no rows of is the empty measure.
    func measure(_ degree: Int?) throws -> SignedMeasure {
        if let m = measures[degree] { return m }
        return try SignedMeasure(parameterCount: parameterCount, rectangles: rectangles, points: [], weights: [])
    }

    /// The degrees to vectorize, in ascending order: [nil] for files without
    /// a degree column, else every degree some file holds, or only `selected`.
    ///
    /// - Throws: `InputError` when the files disagree on their columns or
    ///   `selected` is in none of them.
    static func degrees(of files: [SignedMeasureFile], selecting selected: Int?) throws -> [Int?] {
        guard let first = files.first else { return [] }
        for f in files {
            if f.hasDegree != first.hasDegree {
                let (with, without) = f.hasDegree ? (f.name, first.name) : (first.name, f.name)
                throw InputError("\(with) has a degree column and \(without) has not: give files of one kind")
            }
            if f.parameterCount != first.parameterCount || f.rectangles != first.rectangles {
                throw InputError("\(first.name) holds atoms of \(first.width) coordinates and \(f.name) of \(f.width): give measures of one kind")
            }
        }
        guard first.hasDegree else { return [nil] }
        let present = Set(files.flatMap { $0.measures.keys.compactMap { $0 } }).sorted()
        if let selected {
            guard present.contains(selected) else {
                let list = present.isEmpty ? "no atoms" : "degrees " + present.map(String.init).joined(separator: ", ")
                throw InputError("--degree \(selected): the files hold \(list)")
            }
            return [selected]
        }
        guard !present.isEmpty else { throw InputError("the signed measure files hold no atoms") }
        return present
    }
}
