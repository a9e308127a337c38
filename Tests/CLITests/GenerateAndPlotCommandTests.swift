import Foundation
import XCTest

/// `tda generate` and `tda plot` run as a user would: seeded data sets are
/// reproducible byte for byte, plots come out as SVG, bad input is one line
/// on stderr with exit status 1 (2 for usage errors).
final class GenerateAndPlotCommandTests: XCTestCase {
    func tda(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try Self.run(arguments, stdin: stdin)
    }

    /// Runs the built `tda` with `arguments`, feeding `stdin`; its exit status and output.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = BarcodeCommandTests.binary
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

    /// The repository root, from this file's path (Tests/CLITests/...).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func testGenerateReproducesTheCommittedDataSetsByteForByte() throws {
        // The same arguments as scripts/make_datasets.sh.
        let cases: [(String, [String])] = [
            ("circle.csv", ["circle", "--count", "100", "--noise", "0.05", "--seed", "1"]),
            ("figure_eight.csv", ["figure-eight", "--count", "120", "--noise", "0.03", "--seed", "5"]),
            ("sphere.csv", ["sphere", "--count", "150", "--noise", "0.02", "--seed", "3"]),
        ]
        for (name, arguments) in cases {
            let run = try tda(["generate"] + arguments)
            XCTAssertEqual(run.status, 0, run.stderr)
            let committed = try String(contentsOf: Self.root.appendingPathComponent("Datasets/" + name), encoding: .utf8)
            XCTAssertEqual(run.stdout, committed, name)
        }
    }

    func testGenerateWithADifferentSeedGivesOtherPoints() throws {
        let a = try tda(["generate", "torus", "--count", "5", "--seed", "1"])
        let b = try tda(["generate", "torus", "--count", "5", "--seed", "2"])
        XCTAssertEqual(a.stdout.split(separator: "\n").first, "x,y,z")
        XCTAssertEqual(a.stdout.split(separator: "\n").count, 6)
        XCTAssertNotEqual(a.stdout, b.stdout)
    }

    func testGenerateRejectsUnknownShapesAndBadCounts() throws {
        // An unknown shape is a usage error (2); a bad count or noise level is bad input (1).
        for (arguments, word, status) in [(["generate", "klein"], "unknown shape", Int32(2)),
                                          (["generate", "circle", "--count", "0"], "count", 1),
                                          (["generate", "circle", "--noise=-1"], "noise", 1)] {
            let run = try tda(arguments)
            XCTAssertEqual(run.status, status, run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(word), run.stderr)
        }
    }

    func testPlotReadsABarcodeFromStdinAndWritesSVG() throws {
        let csv = "dim,birth,death\n0,0.0,0.5\n0,0.0,inf\n1,0.25,1.0\n"
        let diagram = try tda(["plot", "-", "--kind", "diagram", "--title", "test"], stdin: csv)
        XCTAssertEqual(diagram.status, 0, diagram.stderr)
        XCTAssertTrue(diagram.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertEqual(diagram.stdout.components(separatedBy: "<circle").count - 1, 3 + 2)  // bars + legend
        let bars = try tda(["plot", "-", "--kind", "barcode"], stdin: csv)
        XCTAssertEqual(bars.status, 0, bars.stderr)
        XCTAssertEqual(bars.stdout.components(separatedBy: "<polygon").count - 1, 1)  // one essential bar
    }

    func testPlotRejectsBadBarcodesInOneLine() throws {
        let run = try tda(["plot", "-"], stdin: "dim,birth,death\n1,2.0,1.0\n")
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("line 2"), run.stderr)
        let usage = try tda(["plot", "-", "--kind", "pie"], stdin: "")
        XCTAssertEqual(usage.status, 2, usage.stderr)
    }

    func testPlotPointsDrawsATwoDimensionalCloud() throws {
        let cloud = "x,y\n0,0\n1,0.5\n0.25,1\n"
        let run = try tda(["plot", "-", "--kind", "points", "--title", "three"], stdin: cloud)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertEqual(run.stdout.components(separatedBy: "<circle").count - 1, 3)
        XCTAssertTrue(run.stdout.contains(">x</text>") && run.stdout.contains(">y</text>"))
        // A window leaves out the points outside it.
        let boxed = try tda(["plot", "-", "--kind", "points", "--box", "-1,-1,0.5,0.5"], stdin: cloud)
        XCTAssertEqual(boxed.status, 0, boxed.stderr)
        XCTAssertEqual(boxed.stdout.components(separatedBy: "<circle").count - 1, 1)
    }

    func testPlotPointsRejectsOtherDimensionsAndBadBoxesInOneLine() throws {
        for (arguments, stdin, word, status) in [(["plot", "-", "--kind", "points"], "1,2,3\n4,5,6\n", "2D", Int32(1)),
                                                 (["plot", "-", "--kind", "points", "--box", "1,1,0,0"], "0,0\n", "lower corner", 2),
                                                 (["plot", "-", "--kind", "diagram", "--box", "0,0,1,1"], "", "--box", 2)] {
            let run = try tda(arguments, stdin: stdin)
            XCTAssertEqual(run.status, status, run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(word), run.stderr)
        }
    }
}
