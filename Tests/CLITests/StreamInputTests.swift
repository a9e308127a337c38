import Foundation
import XCTest

/// Inputs that are not regular files (FIFOs, /dev/null, /dev/fd/N) read as
/// streams, and the smallest inputs get the anchors' answers.
final class StreamInputTests: XCTestCase {
    typealias Run = BadInvocationCorpusTests.Run

    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-streams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testASinglePointHasOneEssentialH0Bar() throws {
        let one = try write("one.csv", "0.5,2\n")
        for complex in ["rips", "alpha"] {
            let r = try BadInvocationCorpusTests.tda(["barcode", one, "--complex", complex, "--output-format", "csv"])
            XCTAssertEqual(r.status, 0, complex + ": " + r.stderr)
            XCTAssertEqual(r.stdout, "dim,birth,death\n0,0.0,inf\n", complex)
        }
        // Two points in the plane: a lower-dimensional alpha complex, as GUDHI (squared radius 1/4).
        let two = try write("two.csv", "0,0\n1,0\n")
        let r = try BadInvocationCorpusTests.tda(["barcode", two, "--complex", "alpha", "--output-format", "csv"])
        XCTAssertEqual(r.stdout, "dim,birth,death\n0,0.0,0.25\n0,0.0,inf\n", r.stderr)
        // No points at all stays an error.
        let none = try write("none.csv", "")
        XCTAssertEqual(try BadInvocationCorpusTests.tda(["barcode", none]).status, 1)
    }

    func testFIFOAndDevNullReadAsStreams() throws {
        let bars = try write("bars.csv", "dim,birth,death\n1,0,1\n")
        let fifo = dir.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            if let h = FileHandle(forWritingAtPath: fifo) { h.write(Data("dim,birth,death\n1,0,2\n".utf8)); try? h.close() }
        }
        writer.start()
        let r = try BadInvocationCorpusTests.tda(["distance", fifo, bars, "--metric", "bottleneck"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "1.0\n")  // (0, 2) against (0, 1): L-infinity 1
        // /dev/null is an empty diagram: everything of the other goes to the diagonal.
        let n = try BadInvocationCorpusTests.tda(["distance", "/dev/null", bars, "--metric", "bottleneck"])
        XCTAssertEqual(n.status, 0, n.stderr)
        XCTAssertEqual(n.stdout, "0.5\n")
        // Standard input once, beside a file, is fine.
        let s = try BadInvocationCorpusTests.tda(["distance", "-", bars], stdin: Data("dim,birth,death\n1,0,1\n".utf8))
        XCTAssertEqual(s.stdout, "0.0\n", s.stderr)
    }
}
