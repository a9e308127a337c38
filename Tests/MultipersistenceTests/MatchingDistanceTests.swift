import XCTest
import Foundation
import Complexes
import Multipersistence
import Persistence

/// `MatchingDistance`: analytic cases, multipers 2.3.2's estimates
/// (`scripts/make_multipers_matching_reference.py`) and bad inputs.
final class MatchingDistanceTests: XCTestCase {
    /// A random closed 2-complex on `vertices` vertices with generic grades; `shift` is added to the first parameter.
    static func randomComplex(seed: UInt64, vertices: Int = 8, shift: Double = 0) throws -> FilteredComplex {
        var rng = SplitMix(seed)
        var simplices: [[Int]] = (0..<vertices).map { [$0] }
        for i in 0..<vertices { for j in (i + 1)..<vertices where rng.next() < 0.4 { simplices.append([i, j]) } }
        let edges = Set(simplices.filter { $0.count == 2 })
        for i in 0..<vertices { for j in (i + 1)..<vertices { for k in (j + 1)..<vertices
            where edges.contains([i, j]) && edges.contains([j, k]) && edges.contains([i, k]) && rng.next() < 0.5 {
            simplices.append([i, j, k])
        } } }
        var grade: [[Int]: [Double]] = [:]
        var grades: [Any] = []
        for s in simplices {
            if s.count == 1 { grade[s] = [rng.next(), rng.next()] } else {
                var g = [-Double.infinity, -Double.infinity]
                for v in s { let f = s.filter { $0 != v }; for p in 0..<2 { g[p] = max(g[p], grade[f]![p]) } }
                grade[s] = [g[0] + 0.3 * rng.next(), g[1] + 0.3 * rng.next()]
            }
            grades.append([grade[s]![0] + shift, grade[s]![1]])
        }
        let c = try MultipersReferenceTests.complex(["simplices": simplices, "grades": grades, "num_parameters": 2])
        return try XCTUnwrap(c)
    }

    struct SplitMix {
        var state: UInt64
        init(_ s: UInt64) { state = s }
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    func testIdenticalInputsGiveZero() throws {
        let a = try Self.randomComplex(seed: 1)
        let e = try MatchingDistance.estimate(a, a, options: .init(lineCount: 30, degrees: [0, 1]))
        XCTAssertEqual(e.value, 0)
        XCTAssertEqual(e.lineCount, 30)
        XCTAssertTrue(e.isLowerBound)
        let m = try ModuleApproximation(a, options: .init(lineCount: 50))
        XCTAssertEqual(try MatchingDistance.estimate(m, m, options: .init(lineCount: 30, degrees: [0, 1])).value, 0)
    }

    /// B = A shifted by c in the first parameter. On every diagonal line
    /// |t_B - t_A| <= c cell by cell, so each slice distance is <= c; on the
    /// first line (through the box's top-left corner (L0, U1), basepoint
    /// (L0 - h, L1)) the first parameter dominates every cell of both, so
    /// t_B = t_A + c for all cells, the barcode shifts by c and the
    /// essential H0 bar makes the distance exactly c. Estimate: c, at line 0.
    func testAFirstParameterShiftGivesExactlyTheShiftInH0() throws {
        let c = 0.375
        let a = try Self.randomComplex(seed: 7), b = try Self.randomComplex(seed: 7, shift: c)
        let e = try MatchingDistance.estimate(a, b, options: .init(lineCount: 40, degrees: [0], threads: 2))
        XCTAssertEqual(e.value, c, accuracy: 1e-12)
        XCTAssertEqual(e.argmaxDegree, 0)
        let lines = try MatchingDistance.lines(lower: e.lower, upper: e.upper, count: 40)
        XCTAssertTrue(lines.contains(e.argmax))
        // Line 0 alone already gives c (up to rounding).
        let first = try MatchingDistance.estimate(a, b, options: .init(lineCount: 1, box: (e.lower, e.upper), degrees: [0]))
        XCTAssertEqual(first.argmax, lines[0])
        XCTAssertEqual(first.value, c, accuracy: 1e-12)
        let e1 = try MatchingDistance.estimate(a, b, options: .init(lineCount: 40, degrees: [1]))
        XCTAssertLessThanOrEqual(e1.value, c + 1e-12)
        // Threads do not change the answer.
        let e2 = try MatchingDistance.estimate(a, b, options: .init(lineCount: 40, degrees: [0, 1], threads: 3))
        let e3 = try MatchingDistance.estimate(a, b, options: .init(lineCount: 40, degrees: [0, 1], threads: 1))
        XCTAssertEqual(e2, e3)
    }

    /// Births (0,0) in both; deaths (2,2) and (3,3) in [0,4]^2. The line
    /// through (0,0) has bars [0,2] and [0,3]: distance min(1, max(1, 1.5)) = 1;
    /// a line through (x, 0) has deaths 1 apart (or the bars are shorter), so at most 1.
    func testTwoOneSummandModules() throws {
        let a = try ModuleApproximation(summands: [Summand(degree: 1, births: [[0, 0]], deaths: [[2, 2]])], lower: [0, 0], upper: [4, 4])
        let b = try ModuleApproximation(summands: [Summand(degree: 1, births: [[0, 0]], deaths: [[3, 3]])], lower: [0, 0], upper: [4, 4])
        let e = try MatchingDistance.estimate(a, b, options: .init(lineCount: 9, degrees: [1]))
        XCTAssertEqual(e.value, 1)
        // Lines through (-1, 0), (0, 0), (1, 0) tie at 1 ([1,2] vs [1,3], ...); the first is reported.
        XCTAssertEqual(e.argmax.basepoint, [-1, 0])
        XCTAssertEqual(try MatchingDistance.lines(lower: [0, 0], upper: [1, 1], count: 3).map(\.basepoint), [[-1, 0], [0, 0], [1, 0]])
    }

    func testMultipersReference() throws {
        guard let dir = Bundle.module.url(forResource: "Reference/matching", withExtension: nil) else {
            return XCTFail("no Reference/matching")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty)
        let number = MultipersReferenceTests.number
        for f in files {
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(f))) as? [String: Any])
            let box = try XCTUnwrap(json["box"] as? [String: [Any]])
            let lower = (box["lower"] ?? []).map(number), upper = (box["upper"] ?? []).map(number)
            let nlines = try XCTUnwrap(json["nlines"] as? Int)
            let degrees = try XCTUnwrap(json["degrees"] as? [Int])
            let basepoints = try XCTUnwrap(json["basepoints"] as? [[Any]]).map { $0.map(number) }
            let lines = try MatchingDistance.lines(lower: lower, upper: upper, count: nlines)
            for (l, bp) in zip(lines, basepoints) {
                for p in 0..<2 { XCTAssertEqual(l.basepoint[p], bp[p], accuracy: 1e-12, f) }
            }
            let complexes = try XCTUnwrap(json["complexes"] as? [[String: Any]]).map { c -> FilteredComplex? in
                var c = c; c["num_parameters"] = 2
                return try MultipersReferenceTests.complex(c)
            }
            let modules = try XCTUnwrap(json["modules"] as? [[String: Any]]).map { m -> ModuleApproximation in
                let mb = (m["box"] as? [[Any]] ?? []).map { $0.map(number) }
                let summands = (m["summands"] as? [[String: Any]] ?? []).map { s in
                    Summand(degree: s["degree"] as? Int ?? -1,
                            births: (s["births"] as? [[Any]] ?? []).map { $0.map(number) },
                            deaths: (s["deaths"] as? [[Any]] ?? []).map { $0.map(number) })
                }
                return try ModuleApproximation(summands: summands, lower: mb[0], upper: mb[1])
            }
            let moduleExpected = try XCTUnwrap(json["module_estimate"] as? [String: Any])
            let exactExpected = try XCTUnwrap(json["exact_estimate"] as? [String: Any])
            for d in degrees {
                let options = MatchingDistanceOptions(lineCount: nlines, box: (lower, upper), degrees: [d], threads: 2)
                let ca = try XCTUnwrap(complexes[0]), cb = try XCTUnwrap(complexes[1])
                let exact = try MatchingDistance.estimate(ca, cb, options: options)
                XCTAssertEqual(exact.value, number(exactExpected["\(d)"] as Any), accuracy: 1e-12, "\(f) exact H\(d)")
                let mod = try MatchingDistance.estimate(modules[0], modules[1], options: options)
                XCTAssertEqual(mod.value, number(moduleExpected["\(d)"] as Any), accuracy: 1e-12, "\(f) module H\(d)")
                // Our own module approximation of the same complexes gives the same estimate.
                let ours = try [ca, cb].map { try ModuleApproximation($0, options: .init(box: (lower, upper))) }
                let own = try MatchingDistance.estimate(ours[0], ours[1], options: options)
                XCTAssertEqual(own.value, mod.value, accuracy: 1e-12, "\(f) own module H\(d)")
            }
        }
    }

    func testBadInputsThrowTypedErrors() throws {
        let a = try Self.randomComplex(seed: 3)
        func expect(_ options: MatchingDistanceOptions, _ check: (MultipersistenceError) -> Bool, line: UInt = #line) {
            XCTAssertThrowsError(try MatchingDistance.estimate(a, a, options: options), line: line) { e in
                XCTAssertTrue((e as? MultipersistenceError).map(check) ?? false, "\(e)", line: line)
            }
        }
        expect(.init(lineCount: 0)) { if case .invalidParameter("nlines", _) = $0 { return true }; return false }
        expect(.init(lineCount: Int.max)) { if case .overBudget = $0 { return true }; return false }
        expect(.init(lineCount: 10, maxWork: 5)) { if case .overBudget(let s) = $0 { return s.contains("10 lines") }; return false }
        expect(.init(box: ([.nan, 0], [1, 1]))) { if case .invalidParameter("box", _) = $0 { return true }; return false }
        expect(.init(box: ([0, 0, 0], [1, 1, 1]))) { if case .unsupported = $0 { return true }; return false }
        expect(.init(degrees: [])) { if case .invalidParameter("degree", _) = $0 { return true }; return false }
        expect(.init(degrees: [-1])) { if case .invalidParameter("degree", _) = $0 { return true }; return false }
        expect(.init(threads: 0)) { if case .invalidParameter("threads", _) = $0 { return true }; return false }
        let three = try XCTUnwrap(MultipersReferenceTests.complex(["simplices": [[0]], "grades": [[0, 0, 0]], "num_parameters": 3]))
        XCTAssertThrowsError(try MatchingDistance.estimate(a, three)) { e in
            guard case .invalidParameter("parameters", _)? = e as? MultipersistenceError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try MatchingDistance.estimate(three, three)) { e in
            guard case .unsupported? = e as? MultipersistenceError else { return XCTFail("\(e)") }
        }
    }
}
