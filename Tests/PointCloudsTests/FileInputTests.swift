import XCTest
import Foundation
@testable import PointClouds

/// `FileInput.bytes` reads files whole, whatever their size, and names what
/// went wrong.
final class FileInputTests: XCTestCase {
    func testFilesOfEverySizeAreReadWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-fileinput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededGenerator(seed: 4)
        for size in [0, 1, 4095, 4096, 4097, 100_000] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let url = dir.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: url)
            XCTAssertEqual(try FileInput.bytes(atPath: url.path), bytes, "size \(size)")
        }
        XCTAssertThrowsError(try FileInput.bytes(atPath: dir.path)) {
            XCTAssertEqual($0 as? PointCloudError, .unreadable(path: dir.path, reason: "is a directory"))
        }
        XCTAssertThrowsError(try FileInput.bytes(atPath: dir.appendingPathComponent("none").path)) {
            XCTAssertEqual($0 as? PointCloudError, .unreadable(path: dir.appendingPathComponent("none").path, reason: "no such file"))
        }
        // A file that is not a regular one: its size says nothing.
        XCTAssertGreaterThan(try FileInput.bytes(atPath: "/proc/self/status").count, 100)
    }
}
