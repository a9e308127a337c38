import Foundation
import XCTest

/// The readers through `tda`: binary input named as not text in one line,
/// full matrices with slightly different triangles, parallel reads that
/// report the first bad file in input order.
final class ReaderCommandTests: XCTestCase {
    typealias Run = BarcodeCommandTests.Run

    func tda(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = BarcodeCommandTests.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    func file(_ name: String, _ contents: String) throws -> String {
        try binaryFile(name, Array(contents.utf8))
    }

    func assertFails(_ arguments: [String], status: Int32 = 1, mentioning words: [String],
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try tda(arguments)
        XCTAssertEqual(run.status, status, run.stderr, file: file, line: line)
        XCTAssertEqual(run.stdout, "", file: file, line: line)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "expected one line, got: \(run.stderr)", file: file, line: line)
        for word in words {
            XCTAssertTrue(run.stderr.contains(word), "'\(word)' not in: \(run.stderr)", file: file, line: line)
        }
    }

    func binaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-cli-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testBinaryInputIsNotTextInOneEscapedLine() throws {
        var npy: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, 0x76, 0]
        npy += Array(repeating: 0xFF, count: 200)
        let path = try binaryFile("cloud.csv", npy)
        try assertFails(["barcode", path], mentioning: ["line 1, column 7: byte 0x01 is not text (a binary file?)"])
        let barcode = try binaryFile("bars.csv", Array("dim,birth,death\n1,0.5,".utf8) + [0xC3, 0x28] + Array(String(repeating: "9", count: 80).utf8) + [0x0A])
        let run = try tda(["vectorize", barcode, "--method", "entropy"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("'\\xc3(9999"), run.stderr)
        XCTAssertTrue(run.stderr.contains("...' is not a death"), run.stderr)
        XCTAssertFalse(run.stderr.utf8.contains(0xC3), "raw bytes in the message")
    }

    func testFullMatrixWithSixDigitTrianglesIsReadWithOneNote() throws {
        // Triangles 1e-5 apart (relative): accepted, one note on stderr.
        let text = "0 1 2.00001 1\n1 0 1 2\n2 1.00001 0 1\n1 2 1 0\n"
        let path = try file("square.distance_matrix", text)
        let run = try tda(["barcode", path, "--output-format", "csv"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("triangles differ by up to 1e-05 relative"), run.stderr)
        XCTAssertTrue(run.stderr.contains("the lower triangle is used"), run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("1,1.00001,2.0\n"), run.stdout)   // d(2, 1) from the lower triangle
        // Beyond the tolerance: the error, unless --symmetrize.
        let far = try file("far.distance_matrix", "0 1 3 1\n1 0 1 2\n2 1 0 1\n1 2 1 0\n")
        try assertFails(["barcode", far], mentioning: ["not symmetric at row 3, column 1", "--symmetrize"])
        let lower = try tda(["barcode", far, "--symmetrize", "lower", "--output-format", "csv"])
        XCTAssertEqual(lower.status, 0, lower.stderr)
        XCTAssertTrue(lower.stdout.hasSuffix("1,1.0,2.0\n"), lower.stdout)
        XCTAssertTrue(lower.stderr.contains("the lower triangle is used"), lower.stderr)
        let max = try tda(["barcode", far, "--symmetrize", "max", "--output-format", "csv"])
        XCTAssertEqual(max.status, 0, max.stderr)
        XCTAssertTrue(max.stderr.contains("the larger of each pair"), max.stderr)
        try assertFails(["barcode", far, "--symmetrize", "mean"], status: 2, mentioning: ["symmetrize"])
    }

    func testParallelReadsKeepOrderAndReportTheFirstBadFile() throws {
        var paths: [String] = []
        for k in 0..<40 { paths.append(try file("b\(k).csv", "dim,birth,death\n1,0,\(Double(k + 1) / 10)\n")) }
        let one = try tda(["vectorize"] + paths + ["--method", "entropy", "--threads", "1"])
        let many = try tda(["vectorize"] + paths + ["--method", "entropy", "--threads", "4"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.stdout, many.stdout)
        XCTAssertEqual(one.stdout.split(separator: "\n").count, 40)
        var broken = paths
        broken[7] = try file("bad7.csv", "1,x,2\n")
        broken[30] = try file("bad30.csv", "1,y,2\n")
        for threads in ["1", "4"] {
            try assertFails(["vectorize"] + broken + ["--method", "entropy", "--threads", threads], mentioning: ["bad7.csv", "'x'"])
        }
    }

    func testManyLeadingFilesKeepTheirOrderWithLaterOnes() throws {
        var paths: [String] = []
        for k in 0..<71 { paths.append(try file("m\(k).csv", "dim,birth,death\n1,0,\(Double(k + 1) / 10)\n")) }
        // 70 files first (taken out of ArgumentParser), one after the options.
        let split = try tda(["vectorize"] + paths.prefix(70) + ["--method", "entropy", paths[70]])
        let plain = try tda(["vectorize"] + paths.prefix(3) + ["--method", "entropy"])
        XCTAssertEqual(split.status, 0, split.stderr)
        let rows = split.stdout.split(separator: "\n")
        XCTAssertEqual(rows.count, 71)
        XCTAssertEqual(Array(rows.prefix(3)), plain.stdout.split(separator: "\n"))
        let last = try tda(["vectorize", paths[70], "--method", "entropy"])
        XCTAssertEqual(String(rows[70]) + "\n", last.stdout)
        // The checks on the whole list still run.
        try assertFails(["distance"] + paths.prefix(70) + ["--metric", "matching"], status: 2, mentioning: ["exactly two"])
    }
}
