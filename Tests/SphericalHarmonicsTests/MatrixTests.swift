import Foundation
import XCTest
@testable import LinearAlgebra

final class MatrixTests: XCTestCase {
    func testBLASProductEqualsThePlainLoopWithAndWithoutTransposes() throws {
        var rng = TestRandom(30)
        let (m, n, k) = (7, 5, 9)
        let a = (0..<(m * k)).map { _ in rng.normal() }, b = (0..<(k * n)).map { _ in rng.normal() }
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            var viaBLAS = [Double](repeating: 1, count: m * n), viaLoop = viaBLAS
            let lda = ta ? m : k, ldb = tb ? k : n
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
                viaBLAS.withUnsafeMutableBufferPointer { pc in
                    Double.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 2, a: pa.baseAddress!, lda: lda,
                                b: pb.baseAddress!, ldb: ldb, beta: 0.5, c: pc.baseAddress!, ldc: n)
                }
                viaLoop.withUnsafeMutableBufferPointer { pc in
                    plainGemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 2.0, a: pa.baseAddress!, lda: lda,
                              b: pb.baseAddress!, ldb: ldb, beta: 0.5, c: pc.baseAddress!, ldc: n)
                }
            } }
            XCTAssertLessThan(relativeError(viaBLAS, viaLoop), 1e-14, "transposes \(ta) \(tb)")
        }
        let x = try Matrix<Double>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try x * x.transposed(), try Matrix(rows: 2, columns: 2, elements: [14, 32, 32, 77]))
        XCTAssertThrowsError(try x * x)
        XCTAssertThrowsError(try Matrix<Float>(rows: 2, columns: 2, elements: [1]))
        let f = try Matrix<Float>(rows: 1, columns: 2, elements: [1, 2]) * Matrix<Float>(rows: 2, columns: 1, elements: [3, 4])
        XCTAssertEqual(f.elements, [11])
    }

    func testOpenBLASIsLoadedWhereItIsInstalled() {
        // .ci/run installs libopenblas-dev; the library is opened on first use, not at start-up.
        if FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libopenblas.so.0") {
            XCTAssertTrue(BLASThreads.isLoaded)
            BLASThreads.set(1)
            XCTAssertEqual(BLASThreads.current, 1)
        }
    }
}
