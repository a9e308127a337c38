import Foundation
import XCTest

/// In `tda batch` a bad input fails alone, even one that kills the process
/// working on it: the others are written and the summary names it.
final class BatchIsolationTests: XCTestCase {
    func run(_ shell: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", shell]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, e)
    }

    func testAnInputThatCrashesItsProcessFailsAloneWithASummary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tda-batch-iso-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let circle = (0..<16).map { k -> String in
            let t = 2 * Double.pi * Double(k) / 16
            return "\(cos(t)),\(sin(t))"
        }.joined(separator: "\n")
        try circle.write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try circle.write(to: folder.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        // 50,000 points without a threshold: a 10 GB distance matrix, allowed by
        // TDA_MEMORY_LIMIT but refused by the OS under ulimit -v: the worker aborts.
        try (0..<50_000).map { "\($0),0" }.joined(separator: "\n")
            .write(to: folder.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        try "0,0\n0x1,1\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let tda = BarcodeCommandTests.binary.path
        let spec = "barcode --max-dim 1 | vectorize --method landscape --sample-range 0,2"
        for jobs in [1, 2] {
            let out = folder.appendingPathComponent("out\(jobs)").path
            let result = try run("cd '\(folder.path)' && ulimit -v 3000000 && TDA_MEMORY_LIMIT=100000 exec '\(tda)' batch a.csv b.csv c.csv d.csv --out '\(out)' --jobs \(jobs) --pipeline '\(spec)'")
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.hasPrefix("tda batch: 2 processed, 0 skipped, 2 failed"), result.stderr)
            XCTAssertTrue(result.stderr.contains("failed b.csv: the process processing it crashed"), result.stderr)
            XCTAssertTrue(result.stderr.contains("failed d.csv: line 2, column 1"), result.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), ["a.csv", "c.csv"])
        }
    }

    func testInProcessGivesTheSameResults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tda-batch-inp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "0,0\n1,0\n0,1\n1,1\n".write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let tda = BarcodeCommandTests.binary.path
        for mode in ["", "--in-process"] {
            let result = try run("cd '\(folder.path)' && exec '\(tda)' batch a.csv --out out\(mode.isEmpty ? "1" : "2") \(mode) --pipeline 'barcode --max-dim 1'")
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out1").path)
        XCTAssertEqual(names.count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out2").path), names)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("out1/\(names[0])")),
                       try Data(contentsOf: folder.appendingPathComponent("out2/\(names[0])")))
    }
}
