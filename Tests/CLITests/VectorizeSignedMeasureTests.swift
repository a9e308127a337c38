import Foundation
import XCTest

/// `tda vectorize --method convolution | sliced-wasserstein --input
/// signed-measure` as a user runs it on the CSVs of `tda signed-measure`:
/// analytic values, multipers' numbers through the command line, and bad
/// input as one line on stderr (exit 1 for data, 2 for usage).
final class VectorizeSignedMeasureTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-vectorize-sm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// The `tda` built with these tests: beside the bundle (on Linux the
    /// bundle URL is the products folder itself), so a `--scratch-path`
    /// build tests its own binary; else the shared runner's choice.
    static let binary: URL = {
        let bundle = Bundle(for: VectorizeSignedMeasureTests.self).bundleURL
        let candidates = [bundle.appendingPathComponent("tda"), bundle.deletingLastPathComponent().appendingPathComponent("tda")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? BarcodeCommandTests.binary
    }()

    /// Runs `tda` with `arguments`, feeding `stdin`; its exit status and output.
    func tda(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func rows(_ text: String) -> [[Double]] {
        text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0) ?? .nan } }
    }

    func assertRows(_ a: [[Double]], _ b: [[Double]], tolerance: Double, _ message: String,
                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.map(\.count), b.map(\.count), message, file: file, line: line)
        for (r, (x, y)) in zip(a, b).enumerated() {
            for k in 0..<min(x.count, y.count) where !(abs(x[k] - y[k]) <= tolerance * max(1, abs(y[k]))) {
                XCTFail("\(message): row \(r) entry \(k): \(x[k]) vs \(y[k])", file: file, line: line)
                return
            }
        }
    }

    func testConvolutionOfOneAtomOnAnExplicitBoxIsTheGaussian() throws {
        let one = try file("one.csv", "x1,x2,weight\n0,0,1\n")
        let run = try tda(["vectorize", one, "--method", "convolution", "--resolution", "2", "--box", "0,0,1,1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let c = 1 / (2 * Double.pi)
        assertRows(rows(run.stdout), [[c, c * exp(-0.5), c * exp(-0.5), c * exp(-1)]], tolerance: 1e-15, "one atom")
        let exponential = try tda(["vectorize", one, "--method", "convolution", "--resolution", "2", "--box", "0,0,1,1",
                                   "--kernel", "exponential", "--bandwidth", "0.5"])
        XCTAssertEqual(exponential.status, 0, exponential.stderr)
        assertRows(rows(exponential.stdout), [[2, 2 * exp(-1), 2 * exp(-1), 2 * exp(-2)]], tolerance: 1e-15, "exponential")
    }

    func testConvolutionLearnsOneGridFromAllFilesAndFitOn() throws {
        let a = try file("a.csv", "x1,x2,weight\n0,0,1\n1,0.5,-1\n")
        let b = try file("b.csv", "x1,x2,weight\n0.5,0.25,2\n")
        let run = try tda(["vectorize", a, b, "--method", "convolution", "--resolution", "3", "--bandwidth", "0.5"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let out = rows(run.stdout)
        XCTAssertEqual(out.map(\.count), [9, 9])
        // multipers' numbers for a (grid 0, 0.5, 1 x 0, 0.25, 0.5; halved by N = 2).
        XCTAssertEqual(out[0][0], 0.2921814196144209, accuracy: 1e-12)
        XCTAssertEqual(out[0][4], 0, accuracy: 1e-15)
        XCTAssertEqual(out[1][4], 2 / (0.25 * 2 * Double.pi), accuracy: 1e-12, "b's atom is the grid's centre")
        // Fitting on b alone gives a one-point grid (every value at b's atom).
        let fitOnB = try tda(["vectorize", a, "--method", "convolution", "--resolution", "2", "--fit-on", b])
        XCTAssertEqual(fitOnB.status, 0, fitOnB.stderr)
        XCTAssertEqual(rows(fitOnB.stdout).first?.count, 4)
    }

    func testSeveralDegreesGoEndToEndOrOneIsSelected() throws {
        let a = try file("a.csv", "degree,x1,x2,weight\n0,0,0,1\n1,0.2,0.3,1\n1,0.5,0.5,-1\n")
        let b = try file("b.csv", "degree,x1,x2,weight\n0,1,0,1\n")   // degree 1 empty
        let all = try tda(["vectorize", a, b, "--method", "convolution", "--resolution", "2"])
        XCTAssertEqual(all.status, 0, all.stderr)
        let out = rows(all.stdout)
        XCTAssertEqual(out.map(\.count), [8, 8])
        XCTAssertEqual(Array(out[1][4...]), [0, 0, 0, 0], "an empty degree gives zeros")
        let one = try tda(["vectorize", a, b, "--method", "convolution", "--resolution", "2", "--degree", "1"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(rows(one.stdout).map(\.count), [4, 4])
        let missing = try tda(["vectorize", a, b, "--method", "convolution", "--degree", "2"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("degrees 0, 1"), missing.stderr)
    }

    func testSlicedWassersteinReadsSignedMeasuresWithInputSignedMeasure() throws {
        let a = try file("a.csv", "x1,x2,weight\n0,0,1\n")
        let b = try file("b.csv", "x1,x2,weight\n0.5,0.5,1\n")
        let axes = try file("axes.csv", "t1,t2\n1,0\n0,1\n")
        let distance = try tda(["vectorize", a, b, "--method", "sliced-wasserstein", "--input", "signed-measure",
                                "--directions", axes, "--distance"])
        XCTAssertEqual(distance.status, 0, distance.stderr)
        XCTAssertEqual(rows(distance.stdout), [[0, 0.5], [0.5, 0]])
        let kernel = try tda(["vectorize", a, b, "--method", "sliced-wasserstein", "--input", "signed-measure",
                              "--directions", axes, "--sigma", "0.5"])
        XCTAssertEqual(kernel.status, 0, kernel.stderr)
        assertRows(rows(kernel.stdout), [[1, exp(-1)], [exp(-1), 1]], tolerance: 1e-15, "kernel")
        let seeded = try tda(["vectorize", a, b, "--method", "sliced-wasserstein", "--input", "signed-measure",
                              "--num-directions", "25", "--seed", "3"])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        let again = try tda(["vectorize", a, b, "--method", "sliced-wasserstein", "--input", "signed-measure",
                             "--num-directions", "25", "--seed", "3"])
        XCTAssertEqual(seeded.stdout, again.stdout, "seeded directions are reproducible")
    }

    /// The two-degree cases of the multipers reference, written as the CSVs
    /// `tda signed-measure --degree 0,1` writes, through the command line.
    func testMatchesMultipersThroughTheCommandLine() throws {
        let url = GenerateAndPlotCommandTests.root.appendingPathComponent("Tests/VectorizationTests/Reference/multipers_signed_measures.json")
        guard let data = try? Data(contentsOf: url),
              let reference = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw XCTSkip("multipers_signed_measures.json missing")
        }
        func number(_ any: Any) -> Double { Double(any as? String ?? "") ?? (any as? NSNumber)?.doubleValue ?? .nan }
        func writeData(_ c: [String: Any], prefix: String) throws -> [String] {
            let data = c["data"] as? [[[String: Any]]] ?? []
            return try data.enumerated().map { i, degrees in
                var csv = "degree,x1,x2,weight\n"
                for (d, sm) in degrees.enumerated() {
                    let points = sm["points"] as? [[Any]] ?? []
                    let weights = (sm["weights"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
                    for (p, w) in zip(points, weights) { csv += "\(d),\(p.map { "\(number($0))" }.joined(separator: ",")),\(w)\n" }
                }
                return try file("\(prefix)\(i).csv", csv)
            }
        }
        func matrix(_ any: Any?) -> [[Double]] { (any as? [[Any]] ?? []).map { $0.map(number) } }

        let convolution = (reference["convolution"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "gaussian_two_degrees" }
        let sliced = (reference["sliced_wasserstein"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "two_degrees" }
        guard let convolution, let sliced else { return XCTFail("two-degree cases missing") }

        let params = convolution["params"] as? [String: Any] ?? [:]
        let conv = try tda(["vectorize"] + writeData(convolution, prefix: "conv") + [
            "--method", "convolution", "--bandwidth", "\(number(params["bandwidth"] ?? ""))",
            "--resolution", "\((params["resolution"] as? NSNumber)?.intValue ?? 0)"])
        XCTAssertEqual(conv.status, 0, conv.stderr)
        assertRows(rows(conv.stdout), matrix(convolution["output"]), tolerance: 1e-9, "convolution")

        let directions = matrix(sliced["directions"]).map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n")
        let lines = try file("directions.csv", directions + "\n")
        let inputs = try writeData(sliced, prefix: "sw")
        let kernel = try tda(["vectorize"] + inputs + ["--method", "sliced-wasserstein", "--input", "signed-measure",
                                                       "--directions", lines, "--sigma", "\(number(sliced["sigma"] ?? ""))"])
        XCTAssertEqual(kernel.status, 0, kernel.stderr)
        assertRows(rows(kernel.stdout), matrix(sliced["kernel"]), tolerance: 1e-9, "kernel, the mean over degrees")
        let distance = try tda(["vectorize"] + inputs + ["--method", "sliced-wasserstein", "--input", "signed-measure",
                                                         "--directions", lines, "--distance"])
        XCTAssertEqual(distance.status, 0, distance.stderr)
        let perDegree = (sliced["distances"] as? [Any] ?? []).map(matrix)
        let endToEnd = perDegree.first.map { first in first.indices.map { i in perDegree.flatMap { $0[i] } } } ?? []
        assertRows(rows(distance.stdout), endToEnd, tolerance: 1e-9, "distances, degrees end to end")
    }

    func testBadMeasureFilesAreOneLineDataErrors() throws {
        let good = try file("good.csv", "x1,x2,weight\n0,0,1\n")
        let cases = [
            ("x1,x2,weight\n0,abc,1\n", "'abc'"),
            ("x1,x2,weight\n0,1\n", "has 2 values, expected 3"),
            ("x1,x2,weight\n0,1,1,1\n", "has 4 values, expected 3"),
            ("x1,x2,weight\n0,1,1.5\n", "weight"),
            ("x1,x2,weight\n0,nan,1\n", "'nan'"),
            ("dim,birth,death\n1,0.0,1.0\n", "barcode CSV"),
            ("hello\n1,2,3\n", "header"),
            ("", "empty"),
            ("x1,x2,x3,weight\n0,0,0,1\n", "coordinates"),
            ("degree,x1,x2,weight\n1,0,0,1\n", "degree column"),
        ]
        for (csv, word) in cases {
            let bad = try file("bad.csv", csv)
            for method in [["convolution"], ["sliced-wasserstein", "--input", "signed-measure"]] {
                let run = try tda(["vectorize", good, bad, "--method"] + method)
                XCTAssertEqual(run.status, 1, "\(csv) \(method): \(run.stderr)")
                XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
                XCTAssertTrue(run.stderr.contains(word), "\(csv): \(run.stderr)")
                XCTAssertTrue(run.stdout.isEmpty)
            }
        }
        // Sliced Wasserstein needs equal total masses and finite atoms; data errors too.
        let heavy = try file("heavy.csv", "x1,x2,weight\n0,0,2\n")
        let infinite = try file("infinite.csv", "x1,x2,weight\n0,inf,1\n")
        for (other, word) in [(heavy, "total mass 2"), (infinite, "infinite coordinate")] {
            let run = try tda(["vectorize", good, other, "--method", "sliced-wasserstein", "--input", "signed-measure"])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(word), run.stderr)
        }
        let badDirections = try file("dirs.csv", "1,0\n0,x\n")
        let directions = try tda(["vectorize", good, "--method", "sliced-wasserstein", "--input", "signed-measure", "--directions", badDirections])
        XCTAssertEqual(directions.status, 1, directions.stderr)
        let threeD = try file("dirs3.csv", "1,0,0\n")
        let wrongLength = try tda(["vectorize", good, "--method", "sliced-wasserstein", "--input", "signed-measure", "--directions", threeD])
        XCTAssertEqual(wrongLength.status, 1, wrongLength.stderr)
        XCTAssertTrue(wrongLength.stderr.contains("3 coordinates"), wrongLength.stderr)
        // A signed measure given to a barcode method says how to read it.
        let landscape = try tda(["vectorize", good, "--method", "landscape"])
        XCTAssertEqual(landscape.status, 1, landscape.stderr)
        XCTAssertTrue(landscape.stderr.contains("--input signed-measure"), landscape.stderr)
    }

    func testBadOptionsAreOneLineUsageErrors() throws {
        let good = try file("good.csv", "x1,x2,weight\n0,0,1\n1,1,-1\n")
        let cases: [([String], String)] = [
            (["--method", "convolution", "--bandwidth", "0"], "--bandwidth"),
            (["--method", "convolution", "--bandwidth", "-1"], "--bandwidth"),
            (["--method", "convolution", "--resolution", "0"], "--resolution"),
            (["--method", "convolution", "--resolution", "1000000000"], "--resolution"),
            (["--method", "convolution", "--resolution", "5000"], "5000^2"),
            (["--method", "convolution", "--kernel", "laplace"], "kernel"),
            (["--method", "convolution", "--box", "0,0,1"], "--box"),
            (["--method", "convolution", "--box", "0,0,a,1"], "--box"),
            (["--method", "convolution", "--box", "1,0,0,1"], "lower corner"),
            (["--method", "convolution", "--input", "barcode"], "signed measures"),
            (["--method", "landscape", "--input", "signed-measure"], "--input signed-measure"),
            (["--method", "sliced-wasserstein", "--input", "signed-measure", "--sigma", "0"], "--sigma"),
            (["--method", "sliced-wasserstein", "--input", "signed-measure", "--num-directions", "0"], "--num-directions"),
        ]
        for (options, word) in cases {
            let run = try tda(["vectorize", good] + options)
            XCTAssertEqual(run.status, 2, "\(options): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(word), "\(options): \(run.stderr)")
        }
    }
}
