import XCTest
import Complexes
import Multipersistence
import Persistence
import PointClouds

/// A session that keeps its vineyard between calls gives, at every call,
/// the module a fresh computation gives (same summands, same order, same
/// corners), whether it walked or reduced afresh.
final class ModuleApproximationSessionTests: XCTestCase {
    func cloud(_ count: Int, seed: UInt64) throws -> PointCloud {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = []
        for _ in 0..<count {
            let t = 2 * Double.pi * rng.uniform(), r = 1 + 0.2 * rng.uniform()
            x += [r * cos(t), r * sin(t)]
        }
        return try PointCloud(count: count, dimension: 2, coordinates: x)
    }

    func testEveryCallEqualsAFreshModule() throws {
        let points = try cloud(40, seed: 3)
        var rng = SeededGenerator(seed: 9)
        var f = (0..<points.count).map { _ in rng.uniform() }
        var options = ModuleApproximationOptions(lineCount: 60)
        options.box = (lower: [0, -1], upper: [1.5, 2])
        options.recordsSources = true
        // Every walk allowed, however long, so that large moves (many switches) are walked too.
        var session = ModuleApproximationSession(options: options, maxReorderSwaps: Int.max)
        for step in 0..<8 {
            let complex = try Bifiltration.functionRips(points: points, functions: [f], threshold: 0.7)
            let walked = try session.approximate(complex)
            let fresh = try ModuleApproximation(complex, options: options)
            XCTAssertEqual(walked, fresh, "step \(step)")
            XCTAssertEqual(walked.summands.map(\.birthSources), fresh.summands.map(\.birthSources), "step \(step)")
            if step > 0 { XCTAssertGreaterThanOrEqual(session.lastTranspositions, 0, "step \(step) should walk") }
            // Small moves on odd steps, a shuffle of the function on even ones.
            if step % 2 == 0 { f = f.map { $0 + 0.01 * (rng.uniform() - 0.5) } } else { f.shuffle(using: &rng) }
        }
        XCTAssertEqual(session.walkedCalls, 7)
        XCTAssertEqual(session.freshCalls, 1)
    }

    func testOtherCellsOrALongWalkReduceAfresh() throws {
        let points = try cloud(30, seed: 5)
        var rng = SeededGenerator(seed: 2)
        let f = (0..<points.count).map { _ in rng.uniform() }
        var options = ModuleApproximationOptions(lineCount: 40)
        options.box = (lower: [0, 0], upper: [1.5, 1])
        var session = ModuleApproximationSession(options: options, maxReorderSwaps: 0)
        let a = try Bifiltration.functionRips(points: points, functions: [f], threshold: 0.6)
        _ = try session.approximate(a)
        XCTAssertEqual(session.lastTranspositions, -1)
        // The same values: no transposition at all, so even a limit of 0 walks.
        XCTAssertEqual(try session.approximate(a), try ModuleApproximation(a, options: options))
        XCTAssertEqual(session.lastTranspositions, 0)
        // Another order, over the limit of 0: afresh.
        let b = try Bifiltration.functionRips(points: points, functions: [f.reversed()], threshold: 0.6)
        XCTAssertEqual(try session.approximate(b), try ModuleApproximation(b, options: options))
        XCTAssertEqual(session.lastTranspositions, -1)
        // Other cells (a larger threshold): afresh, whatever the limit.
        session.maxReorderSwaps = Int.max
        let c = try Bifiltration.functionRips(points: points, functions: [f], threshold: 0.8)
        XCTAssertNotEqual(c.count, b.count)
        XCTAssertEqual(try session.approximate(c), try ModuleApproximation(c, options: options))
        XCTAssertEqual(session.lastTranspositions, -1)
        XCTAssertEqual(session.freshCalls, 3)
    }

    func testRenumberedVineyardEqualsAFreshReduction() throws {
        let points = try cloud(20, seed: 7)
        var rng = SeededGenerator(seed: 4)
        let f = (0..<points.count).map { _ in rng.uniform() }
        let complex = try Bifiltration.functionRips(points: points, functions: [f], threshold: 0.9)
        func order(_ values: [Double]) -> [Int] {
            (0..<complex.count).sorted { a, b in
                let da = complex.dimensions[a], db = complex.dimensions[b]
                if da != db { return da < db }
                if values[a] != values[b] { return values[a] < values[b] }
                return a < b
            }
        }
        var vine = try Vineyard(complex, firstOrder: order((0..<complex.count).map { complex.grades[2 * $0] }))
        let target = order((0..<complex.count).map { complex.grades[2 * $0 + 1] })
        let predicted = vine.transpositions(to: target)
        let made = try vine.reorder(to: target)
        XCTAssertEqual(predicted, made)
        vine.renumberBars()
        XCTAssertNil(vine.invariantViolation())
        let fresh = try Vineyard(complex, firstOrder: target)
        XCTAssertEqual(vine.barCount, fresh.barCount)
        for j in 0..<fresh.barCount {
            XCTAssertTrue(vine.bar(j) == fresh.bar(j), "bar \(j): \(vine.bar(j)) against \(fresh.bar(j))")
        }
        XCTAssertNil(vine.transpositions(to: [0]))
    }
}
