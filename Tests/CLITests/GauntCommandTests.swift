import Foundation
import XCTest

/// `tda sh` and `tda gaunt` run as a user would: harmonics rows of the
/// right length, products that agree across methods, the check's numbers,
/// and one-line errors with exit status 1 for bad rows.
final class GauntCommandTests: XCTestCase {
    func tda(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: stdin)
    }

    func rows(_ csv: String) -> [[Double]] {
        csv.split(separator: "\n").map { $0.split(separator: ",").compactMap { Double($0) } }
    }

    func testHarmonicsRowsHaveOneValueForEachDegreeAndOrder() throws {
        let run = try tda(["sh", "-", "--lmax", "3"], stdin: "x,y,z\n0,0,2\n1,1,0\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        let r = rows(run.stdout)
        XCTAssertEqual(r.count, 2)
        XCTAssertEqual(r[0].count, 16)
        // The north pole (normalised from (0,0,2)): only m = 0 is non-zero, Y(1,0) = sqrt(3/(4 pi)).
        XCTAssertEqual(r[0][2], (3 / (4 * Double.pi)).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(r[0][1], 0, accuracy: 1e-15)
    }

    func testProductMethodsAgreeAndBroadcastOneRow() throws {
        let dirs = "0.3,0.4,0.5\n-1,0.2,0.1\n0.5,-0.5,2\n"
        let y = try tda(["sh", "-", "--lmax", "2"], stdin: dirs)
        XCTAssertEqual(y.status, 0, y.stderr)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaunt-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("y.csv").path
        try y.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let one = dir.appendingPathComponent("one.csv").path
        try (String(repeating: "0.5,", count: 8) + "0.5\n").write(toFile: one, atomically: true, encoding: .utf8)
        let f = try tda(["gaunt", "product", file, file, "--method", "fourier"])
        let d = try tda(["gaunt", "product", file, file, "--method", "direct", "--lmax-out", "4"])
        XCTAssertEqual(f.status, 0, f.stderr)
        let fr = rows(f.stdout), dr = rows(d.stdout)
        XCTAssertEqual(fr.count, 3)
        XCTAssertEqual(fr[0].count, 25)   // lmax-out defaults to 2 + 2
        for i in 0..<3 { for k in 0..<25 { XCTAssertEqual(fr[i][k], dr[i][k], accuracy: 1e-14) } }
        let b = try tda(["gaunt", "product", file, one, "--lmax-out", "1"])
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(rows(b.stdout).map(\.count), [4, 4, 4])
    }

    func testNPYOutIsNPYInForTheProduct() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaunt-npy-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let npy = dir.appendingPathComponent("y.npy").path
        let made = try tda(["sh", "-", "--lmax", "2", "--output-format", "npy", "--output", npy], stdin: "0.3,0.4,0.5\n1,0,0\n")
        XCTAssertEqual(made.status, 0, made.stderr)
        let fromNPY = try tda(["gaunt", "product", npy, npy, "--lmax-out", "2"])
        let csv = try tda(["sh", "-", "--lmax", "2"], stdin: "0.3,0.4,0.5\n1,0,0\n")
        let file = dir.appendingPathComponent("y.csv").path
        try csv.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let fromCSV = try tda(["gaunt", "product", file, file, "--lmax-out", "2"])
        XCTAssertEqual(fromNPY.status, 0, fromNPY.stderr)
        XCTAssertEqual(fromNPY.stdout, fromCSV.stdout)
        let json = try tda(["gaunt", "product", file, file, "--lmax-out", "0", "--output-format", "json"])
        XCTAssertTrue(json.stdout.hasPrefix("[["), json.stdout)
    }

    func testCheckReportsSmallErrors() throws {
        let run = try tda(["gaunt", "--lmax", "5", "--check", "--batch", "3"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let numbers = run.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        XCTAssertEqual(numbers.count, 3, run.stdout)
        for n in numbers { XCTAssertLessThan(n, 1e-12, run.stdout) }
    }

    func testBadRowsAreOneLineErrors() throws {
        let cases: [([String], String?, String)] = [
            (["sh", "-", "--lmax", "2"], "0,0,0\n", "zero vector"),
            (["sh", "-", "--lmax", "2"], "1,2\n", "expected 3"),
            (["sh", "-", "--lmax", "2"], "1,2,3\n4,5\n", "line 2"),
            (["sh", "-", "--lmax", "2"], "1,nan,3\n", "NaN"),
            (["gaunt", "product", "-", "-"], "1,2,3\n", "(L+1)^2"),
        ]
        for (arguments, input, word) in cases {
            let run = try tda(arguments, stdin: input)
            XCTAssertEqual(run.status, 1, "\(arguments): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(word), "\(arguments): \(run.stderr)")
        }
        // Two files with 2 and 3 rows: neither is a single row to broadcast.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gaunt-bad-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let two = dir.appendingPathComponent("two.csv").path, three = dir.appendingPathComponent("three.csv").path
        try "1,0,0,0\n0,1,0,0\n".write(toFile: two, atomically: true, encoding: .utf8)
        try "1,0,0,0\n0,1,0,0\n0,0,1,0\n".write(toFile: three, atomically: true, encoding: .utf8)
        let mismatch = try tda(["gaunt", "product", two, three])
        XCTAssertEqual(mismatch.status, 1, mismatch.stderr)
        XCTAssertTrue(mismatch.stderr.contains("batch sizes differ"), mismatch.stderr)
        let usage = try tda(["gaunt", "product", "-", "-", "--method", "magic"], stdin: "1\n")
        XCTAssertEqual(usage.status, 2, usage.stderr)
        let degree = try tda(["sh", "-", "--lmax", "100000"], stdin: "1,0,0\n")
        XCTAssertNotEqual(degree.status, 0)
        XCTAssertEqual(degree.stderr.split(separator: "\n").count, 1)
    }
}
