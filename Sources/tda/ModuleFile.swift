import Foundation
import SwiftTDA

/// A module approximation as `tda mma` writes it, read back: the CSV
/// (`degree,summand,kind,x1,...,xn`, one corner a row, `inf`/`-inf` for
/// unbounded coordinates) or the JSON (`{"box": {"lower", "upper"},
/// "precision", "lines", "summands": [{"degree", "births", "deaths"}]}`,
/// infinities as the strings "inf"/"-inf"). A file whose first character
/// (after white space) is `{` is JSON. Bad content is an `InputError`
/// (exit 1) naming the file and, for CSV, the line.
///
/// The JSON carries the box the module was computed in; the CSV does not,
/// so its box is the one given (`--box`), else the bounding box of the
/// corners' finite coordinates (a parameter with none gets [0, 0]). The
/// box matters to the summands' weights: give the `tda mma` box to match
/// multipers' images from a CSV.
struct ModuleFile {
    /// The file's name in messages (`stdin` for `-`).
    var name: String
    /// The module, summands ordered by degree then by summand number.
    var module: ModuleApproximation

    /// Reads the file at `path` (`-` for standard input).
    init(atPath path: String, box: ParameterBox? = nil) throws {
        let bytes = try FileInput.bytes(atPath: path)
        try self.init(bytes: bytes, name: path == "-" ? "stdin" : path, box: box)
    }

    init(bytes: [UInt8], name: String, box: ParameterBox?) throws {
        self.name = name
        let first = bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        if first == UInt8(ascii: "{") {
            module = try Self.json(bytes, name: name)
        } else {
            module = try Self.csv(bytes, name: name, box: box)
        }
    }

    static let headerHint = "expected the output of tda mma: a CSV with the header degree,summand,kind,x1,...,xn, or its JSON"

    static func value(_ s: Substring) -> Double? {
        switch s {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default:
            guard let v = NumberGrammar.parse(s), !v.isNaN else { return nil }
            return v
        }
    }

    static func csv(_ bytes: [UInt8], name: String, box: ParameterBox?) throws -> ModuleApproximation {
        var n: Int?
        // (degree, summand number) -> corners.
        var corners: [[Int]: (births: [[Double]], deaths: [[Double]])] = [:]
        var lo: [Double] = [], hi: [Double] = []
        try CSVLines.forEach(bytes, name: name) { row in
            let number = row.number
            guard let width = n else {
                let names = row.words.map { $0.lowercased() }
                let k = names.count - 3
                guard k >= 2, Array(names.prefix(3)) == ["degree", "summand", "kind"], Array(names.dropFirst(3)) == (1...k).map({ "x\($0)" }) else {
                    throw InputError("\(name) line \(number): \(headerHint); found '\(row.text)'")
                }
                n = k
                lo = [Double](repeating: .infinity, count: k)
                hi = [Double](repeating: -.infinity, count: k)
                return
            }
            guard row.count == 3 + width else {
                throw InputError("\(name) line \(number) has \(row.count) values, expected \(3 + width)")
            }
            guard let degree = row.int(0), degree >= 0, degree <= 1_000_000 else {
                throw InputError("\(name) line \(number): degree '\(row.snippet(0))' is not an integer between 0 and 1000000")
            }
            guard let k = row.int(1), k >= 0 else {
                throw InputError("\(name) line \(number): summand '\(row.snippet(1))' is not a non-negative integer")
            }
            let birth: Bool
            switch row.word(2) {
            case "birth": birth = true
            case "death": birth = false
            default: throw InputError("\(name) line \(number): kind '\(row.snippet(2))' is neither birth nor death")
            }
            var x = [Double](repeating: 0, count: width)
            for p in 0..<width {
                guard let v = row.double(3 + p), !v.isNaN else {
                    throw InputError("\(name) line \(number): '\(row.snippet(3 + p))' is not a number (or inf, -inf)")
                }
                guard birth ? v != .infinity : v != -.infinity else {
                    throw InputError("\(name) line \(number): a \(birth ? "birth" : "death") corner cannot be at \(birth ? "inf" : "-inf")")
                }
                x[p] = v
                if v.isFinite { lo[p] = Swift.min(lo[p], v); hi[p] = Swift.max(hi[p], v) }
            }
            var entry = corners[[degree, k]] ?? ([], [])
            if birth { entry.births.append(x) } else { entry.deaths.append(x) }
            corners[[degree, k]] = entry
        }
        guard let width = n else { throw InputError("\(name) is empty: \(headerHint)") }
        var summands: [Summand] = []
        for key in corners.keys.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
            let c = corners[key] ?? ([], [])
            guard !c.births.isEmpty, !c.deaths.isEmpty else {
                throw InputError("\(name): degree \(key[0]) summand \(key[1]) has no \(c.births.isEmpty ? "birth" : "death") corner")
            }
            summands.append(Summand(degree: key[0], births: c.births, deaths: c.deaths))
        }
        for p in 0..<width where lo[p] > hi[p] { lo[p] = 0; hi[p] = 0 }
        // A --box of another width is reported by the command, as a usage error.
        var lower = lo, upper = hi
        if let box, box.lower.count == width, box.upper.count == width { lower = box.lower; upper = box.upper }
        do {
            return try ModuleApproximation(summands: summands, lower: lower, upper: upper)
        } catch {
            throw InputError("\(name): \(CLIError.message(for: error))")
        }
    }

    /// A number, or one of the strings "inf", "-inf" that `tda mma` writes for infinities.
    struct Number: Decodable {
        var value: Double
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Double.self) {
                value = v
                return
            }
            let s = try c.decode(String.self)
            guard let v = ModuleFile.value(Substring(s)) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s.prefix(40))' is not a number (or inf, -inf)")
            }
            value = v
        }
    }

    struct JSONBox: Decodable { var lower: [Number]; var upper: [Number] }
    struct JSONSummand: Decodable { var degree: Int; var births: [[Number]]; var deaths: [[Number]] }
    struct JSONModule: Decodable {
        var box: JSONBox
        var precision: Double?
        var lines: Int?
        var summands: [JSONSummand]
    }

    /// The one-line reason a JSON file did not decode.
    static func reason(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?: return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case let .typeMismatch(_, context)?: return "unexpected value at \(path(context.codingPath))"
        case let .valueNotFound(_, context)?: return "missing value at \(path(context.codingPath))"
        case let .dataCorrupted(context)?:
            return context.codingPath.isEmpty ? "not valid JSON" : "\(context.debugDescription) at \(path(context.codingPath))"
        default: return CLIError.message(for: error)
        }
    }

    static func json(_ bytes: [UInt8], name: String) throws -> ModuleApproximation {
        let decoded: JSONModule
        do {
            // JSONDecoder reads numbers exactly (JSONSerialization on Linux does not).
            decoded = try JSONDecoder().decode(JSONModule.self, from: Data(bytes))
        } catch {
            throw InputError("\(name): \(reason(error)); \(headerHint)")
        }
        for (k, s) in decoded.summands.enumerated() {
            guard s.degree >= 0 else { throw InputError("\(name): summand \(k) has degree \(s.degree)") }
            guard !s.births.isEmpty, !s.deaths.isEmpty else {
                throw InputError("\(name): summand \(k) has no \(s.births.isEmpty ? "birth" : "death") corner")
            }
            if s.births.contains(where: { $0.contains { $0.value == .infinity } })
                || s.deaths.contains(where: { $0.contains { $0.value == -.infinity } }) {
                throw InputError("\(name): summand \(k) has a birth corner at inf or a death corner at -inf")
            }
        }
        // Summands by degree, keeping their order within a degree (what tda mma writes).
        let order = decoded.summands.indices.sorted { (decoded.summands[$0].degree, $0) < (decoded.summands[$1].degree, $1) }
        let summands = order.map { k -> Summand in
            let s = decoded.summands[k]
            return Summand(degree: s.degree, births: s.births.map { $0.map(\.value) }, deaths: s.deaths.map { $0.map(\.value) })
        }
        do {
            return try ModuleApproximation(summands: summands, lower: decoded.box.lower.map(\.value), upper: decoded.box.upper.map(\.value),
                                           precision: decoded.precision ?? 0, lineCount: decoded.lines ?? 0)
        } catch {
            throw InputError("\(name): \(CLIError.message(for: error))")
        }
    }
}
