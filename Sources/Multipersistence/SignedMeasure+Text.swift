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
        let width = rectangles ? 2 * parameterCount : parameterCount
        var points: [Double] = [], weights: [Int] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if number == 0, fields.first.map({ Double($0) == nil && $0 != "inf" && $0 != "-inf" }) == true { continue }
            guard fields.count == width + 1 else {
                throw MultipersistenceError.invalidParameter(name: "signed measure line \(number + 1)", reason: "\(fields.count) values, expected \(width + 1)")
            }
            for f in fields.dropLast() {
                guard let v = NumberGrammar.parse(f), !v.isNaN else {
                    throw MultipersistenceError.invalidParameter(name: "signed measure line \(number + 1)", reason: "'\(f)' is not a number")
                }
                points.append(v)
            }
            guard let w = Int(fields[width]) else {
                throw MultipersistenceError.invalidParameter(name: "signed measure line \(number + 1)", reason: "weight '\(fields[width])' is not an integer")
            }
            weights.append(w)
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
