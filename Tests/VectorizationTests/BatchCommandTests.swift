import XCTest
import Foundation

/// Runs the built `tda` binary: batch output must not depend on --jobs or on
/// sharding, and a malformed input fails alone.
final class BatchCommandTests: XCTestCase {
    var tda: URL!
    var dir: URL!

    override func setUpWithError() throws {
        // The test bundle sits beside the products (Linux: the bundle URL is the products folder).
        let bundle = Bundle(for: BatchCommandTests.self).bundleURL
        let candidates = [bundle.appendingPathComponent("tda"), bundle.deletingLastPathComponent().appendingPathComponent("tda")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("tda binary not built beside \(bundle.path)")
        }
        tda = found
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    @discardableResult
    func run(_ args: [String]) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = tda
        p.arguments = ["batch"] + args
        p.currentDirectoryURL = dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func contents(_ folder: String) throws -> [String: Data] {
        let url = dir.appendingPathComponent(folder)
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            out[name] = try Data(contentsOf: url.appendingPathComponent(name))
        }
        return out
    }

    func writeInputs() throws -> [String] {
        var rng = SplitMix(seed: 99)
        var names: [String] = []
        for k in 0..<12 {
            let n = 12 + rng.int(10)
            var text = ""
            for _ in 0..<n {
                let t = 2 * Double.pi * rng.unit(), r = 1 + 0.2 * rng.unit()
                text += "\(r * cos(t)),\(r * sin(t))\n"
            }
            let name = "cloud\(k).csv"
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            names.append(name)
        }
        try "1,2\n3\n".write(to: dir.appendingPathComponent("broken.csv"), atomically: true, encoding: .utf8)
        return names
    }

    func testBatchIsIdenticalWithOneAndManyJobsAndAcrossMergedShards() throws {
        let inputs = try writeInputs()
        let spec = "barcode --max-dim 1 | vectorize --method landscape --num-landscapes 2 --resolution 16 --output-format npy"
        let fit = ["--fit-on"] + inputs.prefix(4)
        XCTAssertEqual(try run(inputs + ["--out", "one", "--jobs", "1", "--pipeline", spec] + fit).status, 0)
        XCTAssertEqual(try run(inputs + ["--out", "many", "--jobs", "4", "--pipeline", spec] + fit).status, 0)
        for i in 0..<3 {
            XCTAssertEqual(try run(inputs + ["--out", "sharded", "--shard", "\(i)/3", "--pipeline", spec] + fit).status, 0)
        }
        let one = try contents("one")
        XCTAssertEqual(one.count, inputs.count)
        XCTAssertEqual(one, try contents("many"))
        XCTAssertEqual(one, try contents("sharded"))
    }

    func testMalformedInputFailsAloneAndResumeSkipsFinishedResults() throws {
        let inputs = try writeInputs()
        let spec = "barcode | vectorize --method betti-curve --sample-range 0,2 --resolution 5"
        let first = try run(inputs + ["broken.csv", "--out", "out", "--pipeline", spec])
        XCTAssertEqual(first.status, 1)
        XCTAssertTrue(first.stderr.contains("12 processed, 0 skipped, 1 failed"), first.stderr)
        XCTAssertTrue(first.stderr.contains("broken.csv"), first.stderr)
        XCTAssertEqual(try contents("out").count, 12)
        let again = try run(inputs + ["--out", "out", "--resume", "--pipeline", spec])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("0 processed, 12 skipped, 0 failed"), again.stderr)
    }
}
