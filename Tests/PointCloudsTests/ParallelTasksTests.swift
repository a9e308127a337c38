import XCTest
@testable import PointClouds

/// The package's one parallel loop: results in task order, every item once,
/// and the error a sequential loop would throw.
final class ParallelTasksTests: XCTestCase {
    struct Failure: Error, Equatable { var item: Int }

    func testMapKeepsItemOrderOnAnyWorkerCount() throws {
        let items = Array(0..<1000)
        for workers in [1, 2, 3, 8] {
            XCTAssertEqual(try ParallelTasks.map(items, workers: workers) { $0 * $0 }, items.map { $0 * $0 }, "\(workers) workers")
        }
    }

    func testMapThrowsTheFirstFailingItemInOrder() {
        // Items 300 and 700 fail; item 300's error is the one a sequential map throws.
        for workers in [1, 2, 4] {
            XCTAssertThrowsError(try ParallelTasks.map(Array(0..<1000), workers: workers) { (i: Int) -> Int in
                if i == 700 || i == 300 { throw Failure(item: i) }
                return i
            }) { error in
                XCTAssertEqual(error as? Failure, Failure(item: 300), "\(workers) workers")
            }
        }
    }

    func testMapStopsWhenCancelled() {
        XCTAssertThrowsError(try ParallelTasks.map(Array(0..<100), workers: 2, isCancelled: { true }) { $0 }) { error in
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
    }

    func testChunksCoverEveryIndexOnceInContiguousRanges() {
        for (count, workers, minimum) in [(0, 4, 1), (1, 4, 1), (10, 2, 1), (10, 8, 4), (1001, 3, 4), (7, 100, 1)] {
            let lock = NSLock()
            var ranges: [Range<Int>] = []
            ParallelTasks.chunks(count: count, workers: workers, minimumPerWorker: minimum) { range in
                lock.lock(); ranges.append(range); lock.unlock()
            }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            XCTAssertEqual(ranges.flatMap { Array($0) }, Array(0..<count), "count \(count), workers \(workers)")
            XCTAssertLessThanOrEqual(ranges.count, Swift.max(1, Swift.min(workers, count / minimum + 1)))
        }
    }

    func testDefaultWorkersIsPositive() {
        XCTAssertGreaterThanOrEqual(ParallelTasks.defaultWorkers, 1)
    }
}
