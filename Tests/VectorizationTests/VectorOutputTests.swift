import XCTest
@testable import Vectorization

/// CSV output formatted on several cores is the one-core bytes, which are
/// the shortest round-trip forms.
final class VectorOutputTests: XCTestCase {
    func testParallelCSVEqualsSequentialAndRoundTrips() {
        var state: UInt64 = 9
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 10 - 3
        }
        let rows = (0..<997).map { r in (0..<(150 + r % 3)).map { k in k == 7 && r % 50 == 0 ? Double.infinity : next() } }
        let one = VectorOutput.csvBytes(rows, threads: 1)
        XCTAssertEqual(VectorOutput.csvBytes(rows, threads: 3), one)
        XCTAssertEqual(String(decoding: one, as: UTF8.self), rows.map { $0.map(VectorOutput.number).joined(separator: ",") + "\n" }.joined())
        XCTAssertEqual(VectorOutput.csv([[1, 0.5], [2, -.infinity]]), "1.0,0.5\n2.0,-inf\n")
    }
}
