import XCTest
import Foundation
import Complexes
import Multipersistence
import PointClouds

/// Signed measures equal multipers 2.3.2's on the complexes it built
/// (`scripts/make_multipers_reference.py` wrote the files).
final class MultipersReferenceTests: XCTestCase {
    struct Case {
        var name: String
        var json: [String: Any]
    }

    func cases() throws -> [Case] {
        guard let dir = Bundle.module.url(forResource: "Reference", withExtension: nil) else { return [] }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { f in
            let data = try Data(contentsOf: dir.appendingPathComponent(f))
            return Case(name: f, json: try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
        }
    }

    static func number(_ x: Any) -> Double {
        if let s = x as? String { return s == "inf" ? .infinity : s == "-inf" ? -.infinity : .nan }
        return (x as? NSNumber)?.doubleValue ?? .nan
    }

    /// The simplicial complex of a reference file, cells by dimension then in file order.
    static func complex(_ json: [String: Any]) throws -> FilteredComplex? {
        guard let simplices = json["simplices"] as? [[Int]], let grades = json["grades"] as? [Any],
              let n = json["num_parameters"] as? Int else { return nil }
        let order = simplices.indices.sorted { (simplices[$0].count, $0) < (simplices[$1].count, $1) }
        var position: [[Int]: Int32] = [:]
        var dims: [Int8] = [], g: [Double] = [], offsets = [0], idx: [Int32] = [], coef: [Int8] = []
        var gradeOffsets = [0]
        var kCritical = false
        for i in order {
            let s = simplices[i].sorted()
            position[s] = Int32(dims.count)
            dims.append(Int8(s.count - 1))
            // A grade is n numbers, or (k-critical) a list of such.
            let raw = grades[i] as? [Any] ?? []
            if let first = raw.first as? [Any] {
                kCritical = kCritical || raw.count > 1
                _ = first
                for gr in raw { g += (gr as? [Any] ?? []).map(number) }
                gradeOffsets.append(gradeOffsets.last! + raw.count)
            } else {
                g += raw.map(number)
                gradeOffsets.append(gradeOffsets.last! + 1)
            }
            var entries: [(Int32, Int8)] = []
            if s.count > 1 {
                for drop in 0..<s.count {
                    var face = s; face.remove(at: drop)
                    guard let f = position[face] else { return nil }
                    entries.append((f, drop & 1 == 0 ? 1 : -1))
                }
            }
            for (f, c) in entries.sorted(by: { $0.0 < $1.0 }) { idx.append(f); coef.append(c) }
            offsets.append(idx.count)
        }
        return try FilteredComplex(dimensions: dims, grades: g, parameterCount: n,
                                   gradeOffsets: kCritical ? gradeOffsets : nil, boundaryOffsets: offsets,
                                   boundaryIndices: idx, boundaryCoefficients: coef)
    }

    static func strategy(_ x: Any?) -> Grid.Strategy? {
        if let s = x as? String, s == "exact" { return .exact }
        if let d = x as? [String: Any] {
            if let r = d["regular"] as? Int { return .regular(r) }
            if let r = d["quantile"] as? Int { return .quantile(r) }
        }
        return nil
    }

    static func mass(_ x: Any?) -> MassDefault {
        switch x as? String {
        case "inf": return .infinity
        case "auto": return .auto
        default: return .none
        }
    }

    /// Same atoms (sorted), same weights, coordinates equal to 1e-12 relative:
    /// multipers' atom coordinates are sometimes an ulp or two from its own
    /// grid values (e.g. 0.18780884372937284 for the grid's 0.1878088437293728).
    static func close(_ a: SignedMeasure, _ b: SignedMeasure) -> Bool {
        guard a.count == b.count, a.weights == b.weights, a.width == b.width else { return false }
        return zip(a.points, b.points).allSatisfy { x, y in
            x == y || abs(x - y) <= 1e-12 * Swift.max(1, abs(x), abs(y))
        }
    }

    /// The cubical complex of the reference file, as multipers' slicer holds it (cells, faces, grades).
    static func cubical(_ json: [String: Any]) throws -> FilteredComplex? {
        guard let dims = json["dimensions"] as? [Int], let faces = json["boundaries"] as? [[Int]],
              let grades = json["grades"] as? [[Any]], let n = json["num_parameters"] as? Int else { return nil }
        var offsets = [0], idx: [Int32] = [], coef: [Int8] = []
        for f in faces {
            // Signs do not matter over Z/2, where the test computes (planar cubical complexes have no torsion).
            for v in f.sorted() { idx.append(Int32(v)); coef.append(1) }
            offsets.append(idx.count)
        }
        return try FilteredComplex(dimensions: dims.map { Int8($0) }, grades: grades.flatMap { $0.map(number) },
                                   parameterCount: n, boundaryOffsets: offsets, boundaryIndices: idx,
                                   boundaryCoefficients: coef)
    }

    /// The same complex built by our builders (function-Rips, Rips-codensity, alpha, cubical) from the file's data.
    static func built(_ json: [String: Any]) throws -> FilteredComplex? {
        if json["kind"] as? String == "cubical", let image = json["image"] as? [[[Double]]] {
            // multipers reads image.reshape(-1, 2) in C order onto GUDHI's
            // first-axis-fastest bitmap (see the file's notes): its complex is
            // the cubical complex of M[a][b] = flat[a + H * b].
            let h = image.count, w = image.first?.count ?? 0
            let flat = image.flatMap { $0 }
            let channels = (0..<2).map { c in (0..<(h * w)).map { k in flat[(k / w) + h * (k % w)][c] } }
            return try Bifiltration.cubical(shape: [h, w], channels: channels, variant: .vertices)
        }
        if json["kind"] as? String == "alpha_codensity", let rows = json["points"] as? [[Double]],
           let f = json["function"] as? [Double] {
            return try Bifiltration.alphaFunction(points: PointCloud(rows: rows), function: f)
        }
        guard let kind = json["kind"] as? String, kind == "function_rips" || kind == "rips_codensity",
              json["num_parameters"] as? Int == 2,
              let rows = json["points"] as? [[Double]], let f = json["function"] as? [Double] else { return nil }
        let cloud = try PointCloud(rows: rows)
        var function = f
        if kind == "rips_codensity", let h = json["bandwidth"] as? Double {
            function = try Density.gaussianCodensity(cloud, bandwidth: h)
            for (a, b) in zip(function, f) { XCTAssertEqual(a, b, accuracy: 1e-12 * Swift.max(1, abs(b))) }
        }
        return try Bifiltration.functionRips(points: cloud, functions: [function], threshold: json["threshold"] as? Double,
                                             maxDimension: json["expansion"] as? Int ?? 2)
    }

    func testSignedMeasuresEqualMultipers() throws {
        var checked = 0
        for c in try cases() {
            checked += try check(Self.complex(c.json), c, modulus: 11)
            checked += try check(Self.cubical(c.json), c, modulus: 2)
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testBuildersGiveMultipersComplexes() throws {
        var checked = 0
        for c in try cases() { checked += try check(Self.built(c.json), c, modulus: 11) }
        XCTAssertGreaterThan(checked, 70)
    }

    func check(_ complex: FilteredComplex?, _ c: Case, modulus: Int) throws -> Int {
        var checked = 0
        do {
            guard let complex, let measures = c.json["measures"] as? [[String: Any]] else { return 0 }
            let n = complex.parameterCount
            for m in measures {
                let invariant = m["invariant"] as? String ?? ""
                let rect = invariant == "rank"
                let rows = (m["points"] as? [[Any]] ?? []).map { $0.map(Self.number) }
                let expected = try SignedMeasure(parameterCount: n, rectangles: rect, points: rows.flatMap { $0 },
                                                 weights: (m["weights"] as? [NSNumber] ?? []).map(\.intValue))
                guard let strategy = Self.strategy(m["grid"]) else { continue }
                let options = SignedMeasureOptions(threads: 2, massDefault: Self.mass(m["mass_default"]), modulus: modulus)
                let got: SignedMeasure
                switch invariant {
                case "hilbert":
                    got = try SignedMeasure.hilbert(complex, degrees: [m["degree"] as? Int ?? 0], grid: strategy, options: options)[0]
                case "euler":
                    got = try SignedMeasure.euler(complex, grid: strategy, massDefault: options.massDefault)
                case "rank":
                    got = try SignedMeasure.rank(complex, degree: m["degree"] as? Int ?? 0, grid: strategy, options: options)
                default: continue
                }
                if !Self.close(got, expected) {
                    let a = Set(got.csv.split(separator: "\n")), b = Set(expected.csv.split(separator: "\n"))
                    print("DIFF \(c.name) \(invariant) \(m["degree"] ?? "-") \(m["grid"] ?? "") \(m["mass_default"] ?? "none") ours-only \(a.subtracting(b).sorted().prefix(4)) theirs-only \(b.subtracting(a).sorted().prefix(4)) counts \(got.count) \(expected.count)")
                }
                XCTAssertTrue(Self.close(got, expected), "\(c.name) \(invariant) degree \(m["degree"] ?? "-") grid \(m["grid"] ?? "") mass \(m["mass_default"] ?? "none")")
                checked += 1
            }
        }
        return checked
    }
}
