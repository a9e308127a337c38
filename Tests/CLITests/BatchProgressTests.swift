import XCTest
@testable import tda

/// The batch progress line a terminal shows: done / total, failures, rate, ETA.
final class BatchProgressTests: XCTestCase {
    func testProgressLineShowsDoneFailedRateAndETA() {
        XCTAssertEqual(BatchProgress.line(done: 50, failed: 3, total: 100, elapsed: 5),
                       "[============            ] 50/100, 3 failed, 10.0/s, ETA 5 s")
        XCTAssertEqual(BatchProgress.line(done: 10, failed: 0, total: 1000, elapsed: 10),
                       "[                        ] 10/1000, 1.0/s, ETA 16 min")
        XCTAssertEqual(BatchProgress.line(done: 4, failed: 0, total: 4, elapsed: 2),
                       "[========================] 4/4, 2.0/s")
    }
}
