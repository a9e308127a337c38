import XCTest
import Foundation
import Complexes
import Multipersistence
import Persistence
import PointClouds

/// MMA equals multipers 2.3.2's `module_approximation` on the complexes of
/// `scripts/make_multipers_mma_reference.py` (same summands in the same
/// order, same corners), and keeps its own invariants on others.
final class ModuleApproximationTests: XCTestCase {
    func referenceCases() throws -> [MultipersReferenceTests.Case] {
        guard let dir = Bundle.module.url(forResource: "Reference", withExtension: nil) else { return [] }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("mma_") && $0.hasSuffix(".json") }.sorted()
        return try files.map { f in
            let data = try Data(contentsOf: dir.appendingPathComponent(f))
            return .init(name: f, json: try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
        }
    }

    static func corners(_ x: Any?) -> [[Double]] {
        (x as? [[Any]] ?? []).map { $0.map(MultipersReferenceTests.number) }
    }

    /// Same degree and corners, coordinates equal up to 1e-12. Corners that
    /// another corner dominates up to 1e-12 are dropped first: multipers'
    /// corner coordinates differ from ours by a few ulps on some lines, which
    /// can keep (or drop) a corner that is dominated but for that rounding.
    static func close(_ a: Summand, _ b: Summand) -> Bool {
        let eps = 1e-12
        func le(_ x: [Double], _ y: [Double]) -> Bool { zip(x, y).allSatisfy { $0 <= $1 || abs($0 - $1) <= eps } }
        func reduce(_ c: [[Double]], births: Bool) -> [[Double]] {
            c.enumerated().filter { i, x in
                !c.enumerated().contains { j, y in j != i && (births ? le(y, x) : le(x, y)) && !(le(x, y) && le(y, x) && j > i) }
            }.map(\.element)
        }
        func same(_ x: [[Double]], _ y: [[Double]]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { p, q in
                p.count == q.count && zip(p, q).allSatisfy { $0 == $1 || abs($0 - $1) <= eps }
            }
        }
        return a.degree == b.degree && same(reduce(a.births, births: true), reduce(b.births, births: true))
            && same(reduce(a.deaths, births: false), reduce(b.deaths, births: false))
    }

    func testEqualsMultipersOnReferenceFiles() throws {
        let cases = try referenceCases()
        XCTAssertGreaterThanOrEqual(cases.count, 8, "reference files missing")
        for c in cases {
            guard let complex = try MultipersReferenceTests.complex(c.json) else { XCTFail("\(c.name): no complex"); continue }
            let opts = c.json["options"] as? [String: Any] ?? [:]
            var options = ModuleApproximationOptions()
            if let box = opts["box"] as? [[Any]] {
                options.box = (box[0].map(MultipersReferenceTests.number), box[1].map(MultipersReferenceTests.number))
            }
            if let n = opts["nlines"] as? Int { options.lineCount = n }
            if let e = opts["max_error"] { options.precision = MultipersReferenceTests.number(e) }
            let module = try ModuleApproximation(complex, options: options)
            options.complete = false
            let raw = try ModuleApproximation(complex, options: options)
            let expectedRaw = (c.json["summands_unmerged"] as? [[String: Any]] ?? []).map {
                Summand(degree: $0["degree"] as? Int ?? -1, births: Self.corners($0["births"]), deaths: Self.corners($0["deaths"]))
            }
            XCTAssertEqual(raw.summands.count, expectedRaw.count, "\(c.name): unmerged summand count")
            for (j, (got, want)) in zip(raw.summands, expectedRaw).enumerated() where !Self.close(got, want) {
                XCTFail("\(c.name) unmerged summand \(j): got \(got), multipers \(want)")
                break
            }
            let box = c.json["box"] as? [[Any]] ?? []
            XCTAssertEqual(module.lower, box.first?.map(MultipersReferenceTests.number), c.name)
            XCTAssertEqual(module.upper, box.last?.map(MultipersReferenceTests.number), c.name)
            let expected = (c.json["summands"] as? [[String: Any]] ?? []).map {
                Summand(degree: $0["degree"] as? Int ?? -1, births: Self.corners($0["births"]), deaths: Self.corners($0["deaths"]))
            }
            XCTAssertEqual(module.summands.count, expected.count, "\(c.name): summand count")
            for (j, (got, want)) in zip(module.summands, expected).enumerated() where !Self.close(got, want) {
                XCTFail("\(c.name) summand \(j): got \(got), multipers \(want)")
                break
            }
        }
    }

    /// MULTIPERSISTENCE.md small case 3: H1 summand births (1,1), deaths
    /// (3,3), weight 2 in [0,4]^2, landscape 1 at (2,2).
    func testSmallCaseThree() throws {
        var m = MultiFiltration(parameterCount: 2)
        for v in 0..<4 { try m.insert([v], grade: [0, 0]) }
        for e in [[0, 1], [1, 2], [2, 3], [0, 3]] { try m.insert(e, grade: [1, 1]) }
        for s in [[0, 2], [0, 1, 2], [0, 2, 3]] { try m.insert(s, grade: [3, 1]) }
        for s in [[1, 3], [1, 2, 3], [0, 1, 3]] { try m.insert(s, grade: [1, 3]) }
        let module = try ModuleApproximation(m.filteredComplex(), options: .init(box: ([0, 0], [4, 4])))
        let h1 = module.summands(degree: 1)
        XCTAssertEqual(h1, [Summand(degree: 1, births: [[1, 1]], deaths: [[3, 3]])])
        XCTAssertEqual(h1[0].weight(lower: module.lower, upper: module.upper), 2)
        XCTAssertEqual(h1[0].landscape(at: [2, 2]), 1)
        XCTAssertEqual(module.summands(degree: 2).count, 1)
        XCTAssertEqual(module.barcode(along: ParameterLine(basepoint: [0, 0]), degree: 1), [Bar(birth: 1, death: 3)])
    }

    /// On every computed line the approximation's barcode is the exact
    /// one-parameter barcode there (bars longer than the merge can blur).
    func testBarcodeOnComputedLinesIsTheSliceBarcode() throws {
        let cloud = try Samplers.sample(.noisyAnnulus, count: 40, seed: 4)
        let codensity = try Density.gaussianCodensity(cloud, bandwidth: 0.3)
        let complex = try Bifiltration.functionRips(points: cloud, functions: [codensity], threshold: 1.2, maxDimension: 2)
        let module = try ModuleApproximation(complex, options: .init(lineCount: 50, complete: false))
        for k in [0, 3, 7] {
            var base = module.lower
            base[0] += Double(k) * module.precision
            let line = ParameterLine(basepoint: base)
            let values = (0..<complex.count).map { c in
                complex.gradeRange(of: c).map { g in (0..<2).map { complex.grades[g * 2 + $0] - base[$0] }.max()! }.min()!
            }
            let exact = try Self.sortedSlice(complex, values).barcode(modulus: 2)
            for d in 0...1 {
                let want = exact[d].filter { $0.death > $0.birth }.sorted()
                let got = module.barcode(along: line, degree: d).sorted()
                XCTAssertEqual(got.count, want.count, "line \(k) degree \(d)")
                for (a, b) in zip(got, want) {
                    XCTAssertEqual(a.birth, b.birth, accuracy: 1e-9, "line \(k) degree \(d)")
                    if b.death.isFinite { XCTAssertEqual(a.death, b.death, accuracy: 1e-9, "line \(k) degree \(d)") }
                    else { XCTAssertEqual(a.death, .infinity) }
                }
            }
        }
    }

    /// The one-parameter complex with `values`, cells sorted by (value, dimension).
    static func sortedSlice(_ complex: FilteredComplex, _ values: [Double]) throws -> FilteredComplex {
        let order = (0..<complex.count).sorted { a, b in
            if values[a] != values[b] { return values[a] < values[b] }
            if complex.dimensions[a] != complex.dimensions[b] { return complex.dimensions[a] < complex.dimensions[b] }
            return a < b
        }
        var rank = [Int32](repeating: 0, count: order.count)
        for (p, c) in order.enumerated() { rank[c] = Int32(p) }
        var offsets = [0], indices: [Int32] = [], coefficients: [Int8] = []
        for c in order {
            let entries = (complex.boundaryOffsets[c]..<complex.boundaryOffsets[c + 1])
                .map { (rank[Int(complex.boundaryIndices[$0])], complex.boundaryCoefficients[$0]) }.sorted { $0.0 < $1.0 }
            for (r, k) in entries { indices.append(r); coefficients.append(k) }
            offsets.append(indices.count)
        }
        return try FilteredComplex(dimensions: order.map { complex.dimensions[$0] }, grades: order.map { values[$0] },
                                   boundaryOffsets: offsets, boundaryIndices: indices, boundaryCoefficients: coefficients)
    }

    func testBadInputsAreRefused() throws {
        var m = MultiFiltration(parameterCount: 2)
        try m.insert([0, 1], grade: [1, 1])
        let complex = m.filteredComplex()
        XCTAssertThrowsError(try ModuleApproximation(complex, options: .init(lineCount: 0)))
        XCTAssertThrowsError(try ModuleApproximation(complex, options: .init(precision: 0)))
        XCTAssertThrowsError(try ModuleApproximation(complex, options: .init(precision: -1)))
        XCTAssertThrowsError(try ModuleApproximation(complex, options: .init(lineCount: 1_000_000_000)))
        XCTAssertThrowsError(try ModuleApproximation(complex, options: .init(box: ([2, 2], [3, 3]))))
        XCTAssertThrowsError(try ModuleApproximation(complex, options: .init(box: ([0, 0], [3]))))
        XCTAssertThrowsError(try ModuleApproximation(complex, options: .init(direction: [0, 0])))
        var one = MultiFiltration(parameterCount: 1)
        try one.insert([0], grade: [0])
        XCTAssertThrowsError(try ModuleApproximation(one.filteredComplex())) { error in
            XCTAssertTrue("\(error)".contains("tda barcode"))
        }
    }

    func testCodableRoundTrip() throws {
        var m = MultiFiltration(parameterCount: 2)
        try m.insert([0], grade: [0, 1]); try m.insert([1], grade: [1, 0]); try m.insert([0, 1], grade: [1, 1])
        let module = try ModuleApproximation(m.filteredComplex(), options: .init(box: ([0, 0], [4, 4])))
        XCTAssertEqual(module.summands, [Summand(degree: 0, births: [[0, 1], [1, 0]], deaths: [[.infinity, .infinity]])])
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let back = try decoder.decode(ModuleApproximation.self, from: encoder.encode(module))
        XCTAssertEqual(back, module)
    }
}

/// Corners of another width (a file's ragged corner, found by the module fuzzer:
/// `Summand` compared them past the shorter one's end) are refused with a typed error.
final class RaggedCornerTests: XCTestCase {
    func testRaggedCornersAreKeptAndTheModuleRefusesThem() throws {
        let s = Summand(degree: 1, births: [[0, 0, 5], [0.5, 0]], deaths: [[0, .infinity], [2, 1]])
        XCTAssertEqual(s.births.count, 2, "a corner of another width is incomparable, not dropped")
        XCTAssertThrowsError(try ModuleApproximation(summands: [s], lower: [0, 0], upper: [2, 2])) { error in
            XCTAssertTrue(error is MultipersistenceError, "\(error)")
            XCTAssertTrue("\(error)".contains("is not 2 numbers"), "\(error)")
        }
    }

    func testDecodingValidatesTheBoxAndTheCorners() throws {
        let good = try ModuleApproximation(summands: [Summand(degree: 1, births: [[0, 0]], deaths: [[1, 1]])],
                                           lower: [0, 0], upper: [2, 2])
        let data = try JSONEncoder().encode(good)
        XCTAssertEqual(try JSONDecoder().decode(ModuleApproximation.self, from: data), good)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["summands"] = [["degree": 1, "births": [[0, 0, 5]], "deaths": [[1, 1]]]]
        XCTAssertThrowsError(try JSONDecoder().decode(ModuleApproximation.self, from: JSONSerialization.data(withJSONObject: object))) {
            XCTAssertTrue($0 is MultipersistenceError, "\($0)")
        }
        object["summands"] = [["degree": 1, "births": [[0, 0]], "deaths": [[1, 1]]]]
        object["upper"] = [2]
        XCTAssertThrowsError(try JSONDecoder().decode(ModuleApproximation.self, from: JSONSerialization.data(withJSONObject: object))) {
            XCTAssertTrue($0 is MultipersistenceError, "\($0)")
        }
    }
}

/// Decoded signed measures and grids are checked as their initializers check them.
final class DecodedValidationTests: XCTestCase {
    func testADecodedSignedMeasureOrGridOfTheWrongShapeIsAnError() throws {
        let mu = try SignedMeasure(parameterCount: 2, points: [0, 1, 1, 0], weights: [1, -1])
        XCTAssertEqual(try JSONDecoder().decode(SignedMeasure.self, from: JSONEncoder().encode(mu)), mu)
        for bad in [#"{"parameterCount":2,"isRectangular":false,"points":[0,1,1],"weights":[1,-1]}"#,
                    #"{"parameterCount":4611686018427387904,"isRectangular":true,"points":[],"weights":[1]}"#,
                    #"{"parameterCount":0,"isRectangular":false,"points":[],"weights":[]}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(SignedMeasure.self, from: Data(bad.utf8)), bad) {
                XCTAssertTrue($0 is MultipersistenceError, "\($0)")
            }
        }
        let grid = try Grid(values: [[0, 1], [2, 3]])
        XCTAssertEqual(try JSONDecoder().decode(Grid.self, from: JSONEncoder().encode(grid)), grid)
        XCTAssertThrowsError(try JSONDecoder().decode(Grid.self, from: Data(#"{"values":[[1,0]]}"#.utf8))) {
            XCTAssertTrue($0 is MultipersistenceError, "\($0)")
        }
    }
}
