import XCTest
import Foundation
@testable import PointClouds

/// Full distance matrices as people have them: triangles printed with a
/// few digits agree only to ~1e-5; within 1e-4 (relative) the lower
/// triangle is read, beyond it `symmetrize` decides.
final class FullDistanceMatrixTests: XCTestCase {
    /// A 60-point cloud's full matrix, each entry printed with 6 significant
    /// digits after a relative perturbation of up to `noise` (different in
    /// the two triangles), as a program printing floats in its own order does.
    func printedMatrix(noise: Double, seed: UInt64) -> (text: String, lower: [Double]) {
        var rng = SeededGenerator(seed: seed)
        let n = 60
        let p = (0..<(3 * n)).map { _ in Double.random(in: 0..<1, using: &rng) }
        var rows: [[String]] = Array(repeating: [], count: n)
        var lower: [Double] = []
        for i in 0..<n {
            for j in 0..<n {
                let d = i == j ? 0 : sqrt((0..<3).map { pow(p[3 * i + $0] - p[3 * j + $0], 2) }.reduce(0, +))
                let printed = String(format: "%.6g", d * (1 + noise * Double.random(in: -1...1, using: &rng)))
                rows[i].append(printed)
                if j < i { lower.append(Double(printed) ?? .nan) }
            }
        }
        return (rows.map { $0.joined(separator: " ") }.joined(separator: "\n") + "\n", lower)
    }

    func testSixDigitTrianglesAreReadFromTheLowerTriangle() throws {
        let (text, lower) = printedMatrix(noise: 1e-6, seed: 5)
        let (d, asymmetry) = try DistanceMatrix.readFull(bytes: Array(text.utf8))
        XCTAssertEqual(d.count, 60)
        XCTAssertEqual(d.entries, lower)
        XCTAssertGreaterThan(asymmetry.relative, 1e-7)
        XCTAssertLessThan(asymmetry.relative, 1e-4)
        XCTAssertGreaterThan(asymmetry.row, asymmetry.column)
        // A symmetric matrix has no asymmetry to report.
        XCTAssertEqual(try DistanceMatrix.readFull(bytes: Array("0 1 2\n1 0 3\n2 3 0\n".utf8)).asymmetry.relative, 0)
    }

    func testBeyondTheToleranceIsAnErrorUnlessSymmetrized() throws {
        let (text, _) = printedMatrix(noise: 1e-3, seed: 6)
        XCTAssertThrowsError(try DistanceMatrix(fullBytes: Array(text.utf8))) { error in
            guard case .notSymmetric? = error as? PointCloudError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try DistanceMatrix(fullText: "0,1.0002\n1,0\n")) {
            XCTAssertEqual($0 as? PointCloudError, .notSymmetric(row: 2, column: 1))
        }
        XCTAssertEqual(try DistanceMatrix(fullText: "0,1.00009\n1,0\n").entries, [1])
        let text3 = "0,3,5\n1,0,2\n4,7,0\n"   // lower (1,0)=1 (2,0)=4 (2,1)=7; upper 3, 5, 2
        XCTAssertEqual(try DistanceMatrix(fullBytes: Array(text3.utf8), symmetrize: .lower).entries, [1, 4, 7])
        XCTAssertEqual(try DistanceMatrix(fullBytes: Array(text3.utf8), symmetrize: .upper).entries, [3, 5, 2])
        XCTAssertEqual(try DistanceMatrix(fullBytes: Array(text3.utf8), symmetrize: .min).entries, [1, 4, 2])
        XCTAssertEqual(try DistanceMatrix(fullBytes: Array(text3.utf8), symmetrize: .max).entries, [3, 5, 7])
        // The other checks stay, whatever the symmetrization.
        XCTAssertThrowsError(try DistanceMatrix(fullBytes: Array("1,3\n1,0\n".utf8), symmetrize: .max)) {
            XCTAssertEqual($0 as? PointCloudError, .nonZeroDiagonal(row: 1))
        }
        let npy = NPYArray(shape: [3, 3], values: [0, 3, 5, 1, 0, 2, 4, 7, 0])
        XCTAssertEqual(try DistanceMatrix(npy: npy, symmetrize: .max).entries, [3, 5, 7])
        XCTAssertThrowsError(try DistanceMatrix(npy: npy))
    }

    func testVertexBirthsOnTheDiagonalWithSlightlyDifferentTriangles() throws {
        let text = "0.5 1 2\n1.00001 -0.25 3\n2 3 0\n"
        let (d, births, asymmetry) = try DistanceMatrix.readFullWithDiagonal(bytes: Array(text.utf8))
        XCTAssertEqual(births, [0.5, -0.25, 0])
        XCTAssertEqual(d.entries, [1.00001, 2, 3])
        XCTAssertEqual(asymmetry.row, 2); XCTAssertEqual(asymmetry.column, 1)
        XCTAssertEqual(try DistanceMatrix.readFullWithDiagonal(bytes: Array(text.utf8), symmetrize: .upper).matrix.entries, [1, 2, 3])
        // Negative off the diagonal stays an error, with the file's line and column.
        XCTAssertThrowsError(try DistanceMatrix.readFullWithDiagonal(bytes: Array("0 -1\n-1 0\n".utf8))) {
            XCTAssertEqual($0 as? PointCloudError, .negativeDistance(line: 1, column: 2))
        }
    }
}
