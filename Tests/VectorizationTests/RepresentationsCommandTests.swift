import XCTest
import Foundation
import Persistence

/// `tda vectorize` (atol, persistence-lengths, betti-curve --grid, empty
/// fits, points below the diagonal) and `tda distance` (--internal-p,
/// --matching) run as a user runs them, against the GUDHI references of
/// representations.json and vectorizers.json.
final class RepresentationsCommandTests: XCTestCase {
    var tda: URL!
    var dir: URL!

    override func setUpWithError() throws {
        let bundle = Bundle(for: RepresentationsCommandTests.self).bundleURL
        let candidates = [bundle.appendingPathComponent("tda"), bundle.deletingLastPathComponent().appendingPathComponent("tda")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("tda binary not built beside \(bundle.path)")
        }
        tda = found
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-repr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = tda
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Writes a diagram as a barcode CSV in dimension 1.
    func write(_ d: [Bar], _ name: String) throws -> String {
        var text = "dim,birth,death\n"
        for bar in d { text += "1,\(bar.birth),\(bar.death)\n" }
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func rows(_ text: String) -> [[Double]] {
        text.split(separator: "\n").map { $0.split(separator: ",").map { Double(String($0)) ?? .nan } }
    }

    func reference(_ name: String) throws -> [String: Any] { try ReferenceData.json(name) }

    func testAtolWithGudhisCentresAndPersistenceLengthsMatchGudhi() throws {
        let atol = try XCTUnwrap(try reference("representations")["atol"] as? [String: Any])
        let d = (atol["diagrams"] as? [Any] ?? []).map { ReferenceData.diagram($0) }
        let files = try d.enumerated().map { try write($0.element, "d\($0.offset).csv") }
        for c in atol["cases"] as? [[String: Any]] ?? [] {
            let centers = ReferenceData.rows(c["centers"])
            guard centers.allSatisfy({ $0.allSatisfy(\.isFinite) }), centers.count > 1 else { continue }
            let centerFile = dir.appendingPathComponent("centers.csv").path
            try ("birth,death\n" + centers.map { "\($0[0]),\($0[1])" }.joined(separator: "\n") + "\n")
                .write(toFile: centerFile, atomically: true, encoding: .utf8)
            let r = try run(["vectorize"] + files + ["--method", "atol", "--centers", centerFile,
                                                     "--contrast", c["contrast"] as? String ?? "", "--weighting", c["weighting"] as? String ?? ""])
            XCTAssertEqual(r.status, 0, r.stderr)
            let expected = ReferenceData.rows(c["output"])
            for (i, row) in rows(r.stdout).enumerated() { assertClose(row, expected[i], "atol \(c["contrast"] ?? "") diagram \(i)") }
        }
        // Fitted centres: deterministic for a seed, k values a row.
        let a = try run(["vectorize"] + files + ["--method", "atol", "--clusters", "3", "--seed", "5"])
        let b = try run(["vectorize"] + files + ["--method", "atol", "--clusters", "3", "--seed", "5"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout)
        XCTAssertTrue(rows(a.stdout).allSatisfy { $0.count == 3 })

        let lengths = try XCTUnwrap(try reference("representations")["lengths"] as? [String: Any])
        let ld = (lengths["diagrams"] as? [Any] ?? []).map { ReferenceData.diagram($0) }
        let lfiles = try ld.enumerated().map { try write($0.element, "l\($0.offset).csv") }
        for c in lengths["cases"] as? [[String: Any]] ?? [] {
            let k = (c["num_lengths"] as? NSNumber)?.intValue ?? 5
            let r = try run(["vectorize"] + lfiles + ["--method", "persistence-lengths", "--num-lengths", "\(k)"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(rows(r.stdout), ReferenceData.rows(c["output"]), "num_lengths \(k)")
        }
    }

    func testBettiCurvesOnTheExactGridAndOnAGridFileMatchGudhi() throws {
        let below = try XCTUnwrap(try reference("representations")["below"] as? [String: Any])
        let d = (below["diagrams"] as? [Any] ?? []).map { ReferenceData.diagram($0) }
        let files = try d.enumerated().map { try write($0.element, "b\($0.offset).csv") }
        let exact = try XCTUnwrap((below["cases"] as? [[String: Any]] ?? []).first {
            $0["name"] as? String == "betti-curve" && ($0["params"] as? [String: Any])?["resolution"] is NSNull
        })
        let r = try run(["vectorize"] + files + ["--method", "betti-curve", "--grid", "exact"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(rows(r.stdout), ReferenceData.rows(exact["output"]))

        let v = try reference("vectorizers")
        let vd = (v["diagrams"] as? [Any] ?? []).map { ReferenceData.diagram($0) }
        let vfiles = try vd.enumerated().map { try write($0.element, "v\($0.offset).csv") }
        let predefined = try XCTUnwrap((v["cases"] as? [[String: Any]] ?? []).first {
            ($0["params"] as? [String: Any])?["predefined_grid"] != nil
        })
        let grid = ((predefined["params"] as? [String: Any])?["predefined_grid"] as? [Any] ?? []).map { ReferenceData.number($0) }
        let gridFile = dir.appendingPathComponent("grid.txt").path
        try (grid.map { "\($0)" }.joined(separator: "\n") + "\n").write(toFile: gridFile, atomically: true, encoding: .utf8)
        let g = try run(["vectorize"] + vfiles + ["--method", "betti-curve", "--grid", gridFile])
        XCTAssertEqual(g.status, 0, g.stderr)
        XCTAssertEqual(rows(g.stdout), ReferenceData.rows(predefined["output"]))
        // A grid that is not a grid, or --grid with --resolution: one line, exit 1 / 2.
        try "0\nx\n".write(toFile: gridFile, atomically: true, encoding: .utf8)
        let bad = try run(["vectorize", vfiles[0], "--method", "betti-curve", "--grid", gridFile])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("tda: ") && bad.stderr.split(separator: "\n").count == 1, bad.stderr)
        let both = try run(["vectorize", vfiles[0], "--method", "betti-curve", "--grid", "exact", "--resolution", "5"])
        XCTAssertNotEqual(both.status, 0)
    }

    func testEmptyFitsGiveZerosAndBelowDiagonalPointsAreAcceptedUnlessRefused() throws {
        let empty = try write([], "empty.csv")
        let r = try run(["vectorize", empty, empty, "--method", "landscape", "--resolution", "4", "--num-landscapes", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(rows(r.stdout), [[Double]](repeating: [Double](repeating: 0, count: 8), count: 2))
        let flipped = try write([Bar(birth: 1, death: 0), Bar(birth: 0, death: 2)], "flipped.csv")
        let swd = try run(["distance", flipped, empty, "--metric", "sliced-wasserstein"])
        XCTAssertEqual(swd.status, 0, swd.stderr)
        let expected = try slicedWassersteinDistance([Bar(birth: 1, death: 0), Bar(birth: 0, death: 2)], [], directions: 10)
        XCTAssertEqual(Double(swd.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), expected)
        for args in [["distance", flipped, empty, "--reject-below-diagonal"],
                     ["vectorize", flipped, "--method", "persistence-lengths", "--reject-below-diagonal"]] {
            let refused = try run(args)
            XCTAssertEqual(refused.status, 1, args.joined(separator: " "))
            XCTAssertTrue(refused.stderr.contains("below the diagonal"), refused.stderr)
            XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1)
        }
    }

    func testWassersteinWithInternalPAndMatchingFileMatchPOT() throws {
        let cases = try XCTUnwrap(try reference("representations")["wasserstein"] as? [[String: Any]])
        var checked = 0
        for (k, c) in cases.enumerated() {
            let a = ReferenceData.diagram(c["a"]), b = ReferenceData.diagram(c["b"])
            // The CSV format has finite births: skip the cases with (-inf, .) points.
            if (a + b).contains(where: { !$0.birth.isFinite }) || k % 3 != 0 { continue }
            let fa = try write(a, "wa\(k).csv"), fb = try write(b, "wb\(k).csv")
            for v in c["values"] as? [[String: Any]] ?? [] {
                let q = ReferenceData.number(v["order"]), p = ReferenceData.number(v["internal_p"])
                let matching = dir.appendingPathComponent("m.csv").path
                let r = try run(["distance", fa, fb, "--metric", "wasserstein:\(q)", "--internal-p", p.isInfinite ? "inf" : "\(p)", "--exact",
                                 "--matching", matching])
                XCTAssertEqual(r.status, 0, r.stderr)
                let expected = ReferenceData.number(v["distance"])
                let got = try XCTUnwrap(Double(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
                XCTAssertEqual(got, expected, accuracy: 1e-10 * max(1, expected), "case \(k) q \(q) p \(p)")
                let pairs = rows(try String(contentsOfFile: matching, encoding: .utf8)).dropFirst()
                XCTAssertEqual(pairs.map { Int($0[0]) }.filter { $0 >= 0 }.sorted(), Array(a.indices))
                XCTAssertEqual(pairs.map { Int($0[1]) }.filter { $0 >= 0 }.sorted(), Array(b.indices))
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
        let e = try write([], "e.csv")
        for args in [["distance", e, e, "--metric", "wasserstein", "--internal-p", "0.5"],
                     ["distance", e, e, "--metric", "sliced-wasserstein", "--matching", "m.csv"],
                     ["distance", e, e, e, "--metric", "bottleneck", "--matching", "m.csv"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, args.joined(separator: " ") + ": " + r.stderr)
        }
        // --finite-only: GUDHI's keep_essential_parts=False; matching indices are the file's rows.
        let x = try write([Bar(birth: 0, death: .infinity), Bar(birth: 0, death: 2)], "x.csv")
        let y = try write([Bar(birth: 0, death: 2.5)], "y.csv")
        XCTAssertEqual(try run(["distance", x, y, "--metric", "wasserstein"]).stdout, "inf\n")
        let fo = try run(["distance", x, y, "--metric", "wasserstein", "--finite-only", "--matching", "-"])
        XCTAssertEqual(fo.status, 0, fo.stderr)
        XCTAssertEqual(fo.stdout, "a,b\n1,0\n0.5\n")
        let bm = try run(["distance", e, e, "--metric", "bottleneck", "--matching", "-"])
        XCTAssertEqual(bm.status, 0, bm.stderr)
        XCTAssertEqual(bm.stdout, "a,b\n0.0\n")
    }
}
