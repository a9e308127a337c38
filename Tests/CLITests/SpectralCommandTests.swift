import Foundation
import XCTest

/// `tda spectral` as DESIGN.md writes it: header v0..v{K-1}, one row per
/// point, eigenvalues ascending one a line, and one-line errors.
final class SpectralCommandTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments)
    }

    func testBasisAndEigenvalues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-spectral-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let cloud = dir.appendingPathComponent("sphere.csv").path, values = dir.appendingPathComponent("ev.txt").path
        XCTAssertEqual(try tda(["generate", "sphere", "--count", "120", "--seed", "3", "--output", cloud]).status, 0)
        let run = try tda(["spectral", cloud, "--k", "5", "--eigenvalues", values])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "v0,v1,v2,v3,v4")
        XCTAssertEqual(lines.count, 121)
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 5 })
        let ev = try String(contentsOfFile: values, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        XCTAssertEqual(ev.count, 5)
        XCTAssertEqual(ev, ev.sorted())
        XCTAssertEqual(ev[0], 0, accuracy: 1e-10)
        // Column v1 has unit norm (M = I for the symmetric Laplacian).
        let v1 = lines.dropFirst().map { Double($0.split(separator: ",")[1])! }
        XCTAssertEqual(v1.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-9)

        // The robust Laplacian: on the unit sphere the first non-zero eigenvalues are near l(l+1) = 2.
        let robust = try tda(["spectral", cloud, "--k", "4", "--method", "robust", "--eigenvalues", values])
        XCTAssertEqual(robust.status, 0, robust.stderr)
        XCTAssertEqual(robust.stdout.split(separator: "\n").count, 121)
        let rev = try String(contentsOfFile: values, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        XCTAssertEqual(rev.count, 4)
        XCTAssertEqual(rev[0], 0, accuracy: 1e-9)
        for e in rev.dropFirst() { XCTAssertEqual(e, 2, accuracy: 0.3) }
        let flat = dir.appendingPathComponent("flat.csv").path
        try (0..<40).map { "\($0 % 7),\($0 / 7)" }.joined(separator: "\n").write(toFile: flat, atomically: true, encoding: .utf8)

        for (arguments, status, words) in [
            (["spectral", cloud, "--method", "robust", "--sigma", "0.5"], 2, "--method graph"),
            (["spectral", cloud, "--mollify-factor", "0.1"], 2, "--method robust"),
            (["spectral", cloud, "--method", "robust", "--mollify-factor", "-1"], 2, "--mollify-factor"),
            (["spectral", flat, "--method", "robust", "--k", "2"], 1, "3D"),
            (["spectral", cloud, "--method", "learned"], Int32(2), "--model"),
            (["spectral", cloud, "--model", values], Int32(2), "--method learned"),
            (["spectral", cloud, "--k", "0"], 2, "--k"),
            (["spectral", cloud, "--laplacian", "magic"], 2, "--laplacian"),
            (["spectral", cloud, "--k", "500"], 1, "--k"),
            (["spectral", cloud, "--neighbors", "200"], 1, "--neighbors"),
        ] as [([String], Int32, String)] {
            let bad = try tda(arguments)
            XCTAssertEqual(bad.status, status, "\(arguments): \(bad.stderr)")
            XCTAssertTrue(bad.stderr.contains(words), "\(arguments): \(bad.stderr)")
            XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, "\(arguments): \(bad.stderr)")
        }
    }
}

/// `tda spectral train` and `--method learned`: a tiny model trained,
/// saved and applied; the model's K, a file of another kind and NaN points
/// are one-line errors with exit 1.
final class SpectralLearnedCommandTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments)
    }

    func testTrainApplyAndBadModels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-spectral-learned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let train = try tda(["spectral", "train", "--shapes", "sphere,torus", "--clouds", "2", "--points", "60", "--k", "9",
                             "--steps", "4", "--probes", "8", "--width", "16", "--heads", "2", "--layers", "1",
                             "--feed-forward", "16", "--mlp", "8", "--seed", "3", "--out", path("model.json")])
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stdout.split(separator: "\n").last?.hasPrefix("loss ") == true, train.stdout)
        XCTAssertEqual(try tda(["generate", "torus", "--count", "150", "--seed", "4", "--output", path("torus.csv")]).status, 0)
        let run = try tda(["spectral", path("torus.csv"), "--k", "9", "--method", "learned", "--model", path("model.json"),
                           "--eigenvalues", path("ev.txt"), "--mass", path("mass.txt")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "v0,v1,v2,v3,v4,v5,v6,v7,v8")
        XCTAssertEqual(lines.count, 151)
        let mass = try String(contentsOfFile: path("mass.txt"), encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        XCTAssertEqual(mass.count, 150)
        XCTAssertEqual(mass.reduce(0, +), 1, accuracy: 1e-9, "the density read-out sums to 1")
        // M-orthonormal columns: v1 has unit M-norm.
        let v1 = lines.dropFirst().map { Double($0.split(separator: ",")[1]) ?? .nan }
        XCTAssertEqual(zip(v1, mass).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }, 1, accuracy: 1e-9)
        let ev = try String(contentsOfFile: path("ev.txt"), encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
        XCTAssertEqual(ev.count, 9)
        XCTAssertEqual(ev[0], 0)
        try "0,0,0\nnan,1,2\n1,1,1\n".write(toFile: path("nan.csv"), atomically: true, encoding: .utf8)
        try #"{"format": "swifttda-parameters", "version": 1, "parameters": []}"#.write(toFile: path("other.json"), atomically: true, encoding: .utf8)
        for (arguments, words) in [
            (["spectral", path("torus.csv"), "--k", "16", "--method", "learned", "--model", path("model.json")], "K = 9"),
            (["spectral", path("torus.csv"), "--k", "9", "--method", "learned", "--model", path("other.json")], "--model"),
            (["spectral", path("nan.csv"), "--k", "9", "--method", "learned", "--model", path("model.json")], "NaN"),
            (["spectral", path("torus.csv"), "--k", "9", "--method", "learned", "--model", path("missing.json")], "--model"),
        ] {
            let bad = try tda(arguments)
            XCTAssertEqual(bad.status, 1, "\(arguments): \(bad.stderr)")
            XCTAssertTrue(bad.stderr.contains(words), "\(arguments): \(bad.stderr)")
            XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, "\(arguments): \(bad.stderr)")
        }
        let usage = try tda(["spectral", "train", "--out", path("x.json"), "--k", "80", "--width", "16"])
        XCTAssertEqual(usage.status, 2, usage.stderr)
    }
}

/// `--spectral-function K[:method]`: the same results as writing v_K with
/// `tda spectral` and passing it as `--vertex-values` / `--function`.
final class SpectralFunctionOptionTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments)
    }

    func testSpectralFunctionIsTheBasisVectorAsAFunction() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-spectral-fn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let cloud = dir.appendingPathComponent("sphere.csv").path, basis = dir.appendingPathComponent("basis.csv").path
        let column = dir.appendingPathComponent("v2.csv").path
        XCTAssertEqual(try tda(["generate", "sphere", "--count", "80", "--seed", "5", "--output", cloud]).status, 0)
        for method in ["robust", "graph"] {
            let spectral = try tda(["spectral", cloud, "--k", "3", "--method", method, "--output", basis])
            XCTAssertEqual(spectral.status, 0, spectral.stderr)
            let v2 = try String(contentsOfFile: basis, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
            try (v2.joined(separator: "\n") + "\n").write(toFile: column, atomically: true, encoding: .utf8)
            let viaFile = try tda(["barcode", cloud, "--vertex-values", column, "--max-dim", "1", "--output-format", "csv"])
            let viaFlag = try tda(["barcode", cloud, "--spectral-function", "2:\(method)", "--max-dim", "1", "--output-format", "csv"])
            XCTAssertEqual(viaFlag.status, 0, viaFlag.stderr)
            XCTAssertEqual(viaFlag.stdout, viaFile.stdout, method)
            XCTAssertGreaterThan(viaFlag.stdout.split(separator: "\n").count, 2)
            let smFile = try tda(["signed-measure", cloud, "--filtration", "rips-lowerstar", "--function", column, "--threshold", "0.6"])
            let smFlag = try tda(["signed-measure", cloud, "--filtration", "rips-lowerstar", "--spectral-function", "2:\(method)", "--threshold", "0.6"])
            XCTAssertEqual(smFlag.status, 0, smFlag.stderr)
            XCTAssertEqual(smFlag.stdout, smFile.stdout, method)
        }
        for (arguments, status, words) in [
            (["barcode", cloud, "--spectral-function", "x"], Int32(2), "--spectral-function"),
            (["barcode", cloud, "--spectral-function", "1:magic"], 2, "graph or robust"),
            (["barcode", cloud, "--spectral-function", "1", "--vertex-values", column], 2, "one of"),
            (["barcode", cloud, "--spectral-function", "500"], 1, "80 points"),
            (["signed-measure", cloud, "--filtration", "rips-codensity", "--bandwidth", "0.1", "--spectral-function", "1"], 2, "rips-lowerstar"),
        ] as [([String], Int32, String)] {
            let bad = try tda(arguments)
            XCTAssertEqual(bad.status, status, "\(arguments): \(bad.stderr)")
            XCTAssertTrue(bad.stderr.contains(words), "\(arguments): \(bad.stderr)")
            XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, "\(arguments): \(bad.stderr)")
        }
    }
}
