import XCTest
@testable import PointClouds

/// Random and mutated inputs never crash the readers: they parse or throw.
final class MalformedInputTests: XCTestCase {
    func testRandomBytesNeverCrashTheReaders() {
        var rng = SeededGenerator(seed: 99)
        let alphabet = Array("0123456789.,;-+eE \t\n#naifNAxyz".utf8) + [0x93, 0x00, 0xFF, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        let valid = NPYArray(shape: [3, 2], values: [1, 2, 3, 4, 5, 6]).encoded()
        for round in 0..<3000 {
            let length = Int(rng.next() % 64)
            var bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if round % 3 == 0 {
                // A valid .npy file with a few bytes changed or cut.
                bytes = valid
                for _ in 0..<3 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
                bytes.removeLast(Int(rng.next() % 20))
            }
            _ = try? PointCloud(textBytes: bytes)
            _ = try? DistanceMatrix(lowerTriangularBytes: bytes)
            _ = try? DistanceMatrix(fullBytes: bytes)
            _ = try? NPYArray(bytes: bytes)
            _ = try? DelimitedText.table(bytes: bytes)
        }
    }

    func testHugeNPYShapeIsRejectedWithoutAllocating() {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        XCTAssertThrowsError(try NPYArray(bytes: bytes))
    }

    /// Found by the npy fuzzer: a shape whose value count fits in Int but whose
    /// byte count (times 8) does not wrapped in the truncation check and trapped.
    func testShapeWhoseByteCountOverflowsIsATypedError() {
        for (count, dtype) in [("7527266690522473358", "<f8"), ("4611686018427387904", "<f4"), ("9223372036854775807", "|u1")] {
            var header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': (\(count),), }"
            header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
            var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
            bytes += Array(header.utf8) + [UInt8](repeating: 0, count: 64)
            XCTAssertThrowsError(try NPYArray(bytes: bytes), "\(count) x \(dtype)") { error in
                XCTAssertTrue(error is PointCloudError, "\(error)")
            }
        }
    }
}
