import PointClouds

extension SignedMeasure {
    /// One atom a row, `x1,...,xn,weight` (rank: `b1,...,bn,d1,...,dn,weight`),
    /// numbers in shortest round-trip form, `inf`/`-inf` for infinities, rows sorted.
    ///
    /// ```swift
    /// print(mu.csv)
    /// ```
    public var csv: String {
        var out = ""
        for i in 0..<count {
            for k in 0..<width { out += Self.format(points[i * width + k]); out += "," }
            out += String(weights[i]); out += "\n"
        }
        return out
    }

    /// The header line for `csv`: `x1,...,xn,weight` or `b1,..,bn,d1,..,dn,weight`.
    public var csvHeader: String {
        let n = parameterCount
        let names = isRectangular ? (1...n).map { "b\($0)" } + (1...n).map { "d\($0)" } : (1...n).map { "x\($0)" }
        return (names + ["weight"]).joined(separator: ",")
    }

    static func format(_ x: Double) -> String {
        if x == .infinity { return "inf" }
        if x == -.infinity { return "-inf" }
        return x.description
    }

    /// Reads the CSV form back (a header line is skipped, `inf`/`-inf` accepted).
    ///
    /// ```swift
    /// let back = try SignedMeasure(csv: mu.csv, parameterCount: 2)
    /// ```
    /// - Throws: `MultipersistenceError.invalidParameter` naming the bad line.
    public init(csv text: String, parameterCount: Int, rectangles: Bool = false) throws {
        try self.init(csvBytes: Array(text.utf8), parameterCount: parameterCount, rectangles: rectangles)
    }

    /// Reads the CSV form from the bytes of a file (see `init(csv:parameterCount:rectangles:)`).
    ///
    /// - Complexity: one pass over the bytes (`TextScanner`, `NumberParser`).
    public init(csvBytes bytes: [UInt8], parameterCount: Int, rectangles: Bool = false) throws {
        let width = rectangles ? 2 * parameterCount : parameterCount
        var points: [Double] = [], weights: [Int] = []
        try bytes.withUnsafeBufferPointer { p in
            var scanner = TextScanner(p)
            var fields: [Range<Int>] = []
            while true {
                let next: Range<Int>?
                do { next = try scanner.nextRecord(0x2C, into: &fields, dropTrailingEmpty: false) } catch let e as NonTextByte {
                    throw MultipersistenceError.invalidParameter(name: "signed measure line \(e.line)", reason: "column \(e.column): \(e.reason)")
                }
                guard next != nil else { break }
                let number = scanner.lineNumber
                if number == 1, NumberParser.double(scanner[fields[0]]) == nil { continue }   // a header
                guard fields.count == width + 1 else {
                    throw MultipersistenceError.invalidParameter(name: "signed measure line \(number)", reason: "\(fields.count) values, expected \(width + 1)")
                }
                for f in fields.dropLast() {
                    guard let v = NumberParser.double(scanner[f]), !v.isNaN else {
                        throw MultipersistenceError.invalidParameter(name: "signed measure line \(number)", reason: "'\(scanner.snippet(f))' is not a number")
                    }
                    points.append(v)
                }
                guard let w = NumberParser.int(scanner[fields[width]]) else {
                    throw MultipersistenceError.invalidParameter(name: "signed measure line \(number)", reason: "weight '\(scanner.snippet(fields[width]))' is not an integer")
                }
                weights.append(w)
            }
        }
        try self.init(parameterCount: parameterCount, rectangles: rectangles, points: points, weights: weights)
    }

    /// A JSON object `{"parameters": n, "rectangles": bool, "points": [[...]], "weights": [...]}`,
    /// infinities as the strings "inf" / "-inf".
    public var json: String {
        var rows: [String] = []
        for i in 0..<count {
            rows.append("[" + (0..<width).map { k -> String in
                let x = points[i * width + k]
                return x.isFinite ? x.description : "\"\(Self.format(x))\""
            }.joined(separator: ",") + "]")
        }
        return "{\"parameters\":\(parameterCount),\"rectangles\":\(isRectangular),\"points\":[\(rows.joined(separator: ","))],\"weights\":[\(weights.map(String.init).joined(separator: ","))]}"
    }
}

import Foundation
