import Foundation
import XCTest

/// Runs the built `tda` executable as a user would and checks its output,
/// exit status and one-line errors.
final class BarcodeCommandTests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // .build/<triple>/debug/<tests bundle>: the products sit beside it.
        var dir = Bundle(for: BarcodeCommandTests.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("tda").path) {
            dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
        }
        return dir.appendingPathComponent("tda")
    }

    func tda(_ arguments: [String], stdin: String? = nil) throws -> Run {
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
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-cli-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func assertFails(_ arguments: [String], stdin: String? = nil, status: Int32 = 1, mentioning words: [String],
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try tda(arguments, stdin: stdin)
        XCTAssertEqual(run.status, status, run.stderr, file: file, line: line)
        XCTAssertEqual(run.stdout, "", file: file, line: line)
        let lines = run.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "expected one line, got: \(run.stderr)", file: file, line: line)
        for word in words {
            XCTAssertTrue(run.stderr.contains(word), "'\(word)' not in: \(run.stderr)", file: file, line: line)
        }
    }

    func testSquareGivesCSVBarcode() throws {
        let path = try file("square.csv", "x,y\n0,0\n1,0\n1,1\n0,1\n")
        let run = try tda(["barcode", path, "--output-format", "csv"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
            dim,birth,death
            0,0.0,1.0
            0,0.0,1.0
            0,0.0,1.0
            0,0.0,inf
            1,1.0,1.4142135623730951

            """)
    }

    func testStdinAndJSONOutput() throws {
        let run = try tda(["barcode", "-", "--output-format", "json", "--max-dim", "0"], stdin: "0 0\n3 4\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "{\"dimensions\":[{\"dim\":0,\"bars\":[[0.0,5.0],[0.0,\"inf\"]]}]}\n")
    }

    func testLowerDistanceMatrixAndModulus() throws {
        let path = try file("m.lower_distance_matrix", "1\n2,1\n1,2,1\n")
        let run = try tda(["barcode", path, "--modulus", "3", "--output-format", "csv"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("1,1.0,2.0\n"), run.stdout)
    }

    func testOutputFileIsWritten() throws {
        let input = try file("pts.csv", "0,0\n1,0\n")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tda-out-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try tda(["barcode", input, "--output", output.path, "--output-format", "csv"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), "dim,birth,death\n0,0.0,1.0\n0,0.0,inf\n")
    }

    func testBadInputsGiveOneLineErrorsAndExitOne() throws {
        try assertFails(["barcode", try file("r.csv", "1,2\n3,4\n5\n")], mentioning: ["line 3", "expected 2"])
        try assertFails(["barcode", try file("n.csv", "1,2\n3,x\n")], mentioning: ["line 2", "column 2", "'x'"])
        try assertFails(["barcode", try file("nan.csv", "1,2\nnan,4\n")], mentioning: ["line 2", "NaN"])
        try assertFails(["barcode", try file("inf.csv", "1,2\n3,inf\n")], mentioning: ["line 2", "infinite"])
        try assertFails(["barcode", try file("e.csv", "")], mentioning: ["no data"])
        // One point is a barcode (Ripser's [0, inf)), not an error.
        let one = try tda(["barcode", try file("one.csv", "1,2\n"), "--output-format", "csv"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.stdout, "dim,birth,death\n0,0.0,inf\n")
        try assertFails(["barcode", try file("ns.txt", "0,1\n1,0,2\n"), "--input", "distance"], mentioning: ["square"])
        try assertFails(["barcode", try file("sym.txt", "0,1\n2,0\n"), "--input", "distance"], mentioning: ["symmetric"])
        try assertFails(["barcode", try file("neg.txt", "1\n-2,3\n"), "--input", "lower-distance"],
                        mentioning: ["negative"])
        try assertFails(["barcode", try file("ok.csv", "0,0\n1,1\n"), "--modulus", "4"], mentioning: ["not a prime"])
        try assertFails(["barcode", "/nonexistent/points.csv"], mentioning: ["no such file"])
        try assertFails(["barcode", try file("big.csv", (0..<3000).map { "\($0),0" }.joined(separator: "\n")),
                         "--max-dim", "20"], mentioning: ["too large"])
        try assertFails(["barcode", try file("th.csv", "0,0\n1,1\n"), "--threshold=-1"], mentioning: ["threshold"])
    }

    func testUsageErrorsExitTwo() throws {
        try assertFails(["barcode", try file("u.csv", "0,0\n1,1\n"), "--max-dim", "-1"], status: 2, mentioning: ["max-dim"])
        try assertFails(["barcode", try file("u2.csv", "0,0\n1,1\n"), "--output-format", "xml"], status: 2,
                        mentioning: ["output-format"])
    }
}
