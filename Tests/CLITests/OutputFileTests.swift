import Foundation
import XCTest

/// `--output` writes through symbolic links and into devices and FIFOs,
/// renames only over regular files, and a full disk or a closed stdout is
/// one line and exit 1.
final class OutputFileTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tda-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var square: String { BadInvocationCorpusTests.folder.appendingPathComponent("files/square.csv").path }

    func testSymlinkStaysALinkAndItsTargetGetsTheResult() throws {
        let target = folder.appendingPathComponent("target.csv"), link = folder.appendingPathComponent("link.csv")
        try "old".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target.csv")
        let run = try BadInvocationCorpusTests.tda(["barcode", square, "--output-format", "csv", "--output", link.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "target.csv")
        XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).hasPrefix("dim,birth,death"))
    }

    func testDevicesAreWrittenInPlace() throws {
        let run = try BadInvocationCorpusTests.tda(["barcode", square, "--output", "/dev/zero"])
        XCTAssertEqual(run.status, 0, run.stderr)
        var info = stat()
        XCTAssertEqual(stat("/dev/zero", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
    }

    func testFIFOIsWrittenNotReplaced() throws {
        let fifo = folder.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // The reader opens the FIFO (blocking until tda opens it to write) and drains it.
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            guard fd >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 4096)
            while read(fd, &buffer, buffer.count) > 0 {}
            close(fd)
        }
        reader.start()
        let run = try BadInvocationCorpusTests.tda(["barcode", square, "--output-format", "csv", "--output", fifo])
        XCTAssertEqual(run.status, 0, run.stderr)
        var info = stat()
        XCTAssertEqual(lstat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
    }

    func testFullDiskIsOneLineAndExitOne() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let process = Process()
        process.executableURL = BarcodeCommandTests.binary
        process.arguments = ["barcode", square]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertEqual(e, "tda: cannot write standard output: no space left on device\n")
    }

    func testRegularFileIsReplacedAtomicallyKeepingItsMode() throws {
        let out = folder.appendingPathComponent("out.csv")
        try "old".write(to: out, atomically: true, encoding: .utf8)
        chmod(out.path, 0o640)
        let run = try BadInvocationCorpusTests.tda(["barcode", square, "--output-format", "csv", "--output", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        var info = stat()
        XCTAssertEqual(stat(out.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o640)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.csv"])
    }

    func testPlotAxesOfHugeFiniteBarsAreFiniteNumbers() throws {
        let svg = folder.appendingPathComponent("p.svg").path
        let bars = BadInvocationCorpusTests.folder.appendingPathComponent("files/hugebars308.csv").path
        for kind in ["diagram", "barcode"] {
            let run = try BadInvocationCorpusTests.tda(["plot", bars, "--kind", kind, "--out", svg])
            XCTAssertEqual(run.status, 0, run.stderr)
            let text = try String(contentsOfFile: svg, encoding: .utf8)
            XCTAssertFalse(text.contains(">-inf<"), kind)
            XCTAssertTrue(text.contains("e+307<"), kind)
        }
    }
}
