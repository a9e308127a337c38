import Foundation
import XCTest
import Multipersistence
import PointClouds
@testable import Vectorization

/// The sliced Wasserstein distance and kernel between signed measures on
/// cases with known answers, against the definition (atoms repeated |w|
/// times, sorted, L1), and its properties.
final class SignedMeasureSlicedWassersteinTests: XCTestCase {
    let axes: [[Double]] = [[1, 0], [0, 1]]

    /// The definition, independently: mu+ + nu- against nu+ + mu-, each atom
    /// repeated |w| times, sorted projections, L1, mean over directions.
    func bruteForce(_ mu: SignedMeasure, _ nu: SignedMeasure, _ directions: [[Double]]) -> Double {
        func repeated(_ m: SignedMeasure, positive: Bool) -> [[Double]] {
            (0..<m.count).flatMap { i -> [[Double]] in
                let w = m.weights[i]
                return (positive ? w > 0 : w < 0) ? Array(repeating: Array(m[i]), count: abs(w)) : []
            }
        }
        let left = repeated(mu, positive: true) + repeated(nu, positive: false)
        let right = repeated(nu, positive: true) + repeated(mu, positive: false)
        var total = 0.0
        for theta in directions {
            let a = left.map { zip($0, theta).map(*).reduce(0, +) }.sorted()
            let b = right.map { zip($0, theta).map(*).reduce(0, +) }.sorted()
            total += zip(a, b).map { abs($0 - $1) }.reduce(0, +)
        }
        return total / Double(directions.count)
    }

    func randomMeasure(_ rng: inout SeededGenerator, atoms: Int, mass: Int, dimension: Int = 2) throws -> SignedMeasure {
        var points: [Double] = [], weights: [Int] = []
        for _ in 0..<atoms {
            for _ in 0..<dimension { points.append((rng.uniform() * 20).rounded() / 20) }
            weights.append([-2, -1, 1, 1, 2, 3][Int(rng.next() % 6)])
        }
        let gap = mass - weights.reduce(0, +)
        if gap != 0 {
            for _ in 0..<dimension { points.append(rng.uniform() + 2) }
            weights.append(gap)
        }
        return try SignedMeasure(parameterCount: dimension, points: points, weights: weights)
    }

    func testIdenticalMeasuresAreAtDistanceZero() throws {
        let mu = try signedMeasure([([0.1, 0.3], 2), ([0.5, 0.2], -1), ([1, 1], 1)])
        let sw = try SignedMeasureSlicedWasserstein(numDirections: 10, dimension: 2)
        XCTAssertEqual(try sw.distance(mu, mu), 0)
        XCTAssertEqual(try sw.distance(try signedMeasure([]), try signedMeasure([])), 0)
    }

    func testTwoDiracsOnTheAxesAreAtTheMeanOfTheCoordinateGaps() throws {
        let sw = try SignedMeasureSlicedWasserstein(directions: axes)
        let mu = try signedMeasure([([0, 0], 1)]), nu = try signedMeasure([([0.5, 2], 1)])
        XCTAssertEqual(try sw.distance(mu, nu), (0.5 + 2) / 2, accuracy: 1e-15)
        let diagonal = try SignedMeasureSlicedWasserstein(directions: [[0.6, 0.8]])
        XCTAssertEqual(try diagonal.distance(mu, nu), 0.6 * 0.5 + 0.8 * 2, accuracy: 1e-15)
    }

    func testOppositeAtomsAgainstTheZeroMeasureCompareThePositiveWithTheNegative() throws {
        // mu = +a - b, nu = 0: A = {a}, B = {b}.
        let mu = try signedMeasure([([0, 1], 1), ([3, 0], -1)])
        let sw = try SignedMeasureSlicedWasserstein(directions: axes)
        XCTAssertEqual(try sw.distance(mu, try signedMeasure([])), (3 + 1) / 2, accuracy: 1e-15)
        // Adding the same atom to both sides changes nothing.
        let nu = try signedMeasure([([5, 5], 1), ([5, 6], -1)])
        let both = try signedMeasure([([0, 1], 1), ([3, 0], -1), ([5, 5], 1), ([5, 6], -1)])
        XCTAssertEqual(try sw.distance(both, nu), try sw.distance(mu, try signedMeasure([])), accuracy: 1e-15)
    }

    func testWeightsCountAsRepeatedAtoms() throws {
        // 2 (x) against (y) + (z) on the first axis: |x - y| + |x - z|.
        let sw = try SignedMeasureSlicedWasserstein(directions: [[1, 0]])
        let mu = try signedMeasure([([1, 0], 2)]), nu = try signedMeasure([([0, 0], 1), ([4, 0], 1)])
        XCTAssertEqual(try sw.distance(mu, nu), 1 + 3, accuracy: 1e-15)
    }

    func testEqualsTheDefinitionWithRepeatedAtomsOnRandomMeasures() throws {
        var rng = SeededGenerator(seed: 11)
        for trial in 0..<30 {
            let dimension = 1 + trial % 3
            let mass = trial % 4 - 1
            let mu = try randomMeasure(&rng, atoms: Int(rng.next() % 12), mass: mass, dimension: dimension)
            let nu = try randomMeasure(&rng, atoms: Int(rng.next() % 12), mass: mass, dimension: dimension)
            let directions = SignedMeasureSlicedWasserstein.seededDirections(count: 1 + trial % 7, dimension: dimension, seed: UInt64(trial))
            let sw = try SignedMeasureSlicedWasserstein(directions: directions)
            let expected = bruteForce(mu, nu, directions)
            XCTAssertEqual(try sw.distance(mu, nu), expected, accuracy: 1e-12 * max(1, expected), "trial \(trial)")
        }
    }

    func testIsSymmetricAndSatisfiesTheTriangleInequality() throws {
        var rng = SeededGenerator(seed: 5)
        let sw = try SignedMeasureSlicedWasserstein(numDirections: 20, dimension: 2, seed: 9)
        for _ in 0..<10 {
            let m = try (0..<3).map { _ in try randomMeasure(&rng, atoms: 8, mass: 1) }
            let ab = try sw.distance(m[0], m[1]), ba = try sw.distance(m[1], m[0])
            XCTAssertEqual(ab, ba, accuracy: 1e-12)
            XCTAssertLessThanOrEqual(ab, try sw.distance(m[0], m[2]) + sw.distance(m[2], m[1]) + 1e-12)
        }
    }

    func testSeededDirectionsAreReproducibleUnitVectors() throws {
        let a = SignedMeasureSlicedWasserstein.seededDirections(count: 10, dimension: 3, seed: 42)
        let b = SignedMeasureSlicedWasserstein.seededDirections(count: 10, dimension: 3, seed: 42)
        let c = SignedMeasureSlicedWasserstein.seededDirections(count: 10, dimension: 3, seed: 43)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(a.count, 10)
        for v in a {
            XCTAssertEqual(v.count, 3)
            XCTAssertEqual(v.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-15)
        }
        // The documented recipe: SeededGenerator normals, direction by direction, normalised.
        var rng = SeededGenerator(seed: 42)
        let first = (0..<3).map { _ in rng.normal() }
        let norm = first.reduce(0) { $0 + $1 * $1 }.squareRoot()
        XCTAssertEqual(a[0], first.map { $0 / norm })
        XCTAssertEqual(try SignedMeasureSlicedWasserstein(numDirections: 10, dimension: 3).directions, a, "seed 42 by default")
    }

    func testRefusesUnequalMassesInfiniteAtomsAndBadDirections() throws {
        let sw = try SignedMeasureSlicedWasserstein(directions: axes)
        let one = try signedMeasure([([0, 0], 1)]), two = try signedMeasure([([0, 0], 2)])
        XCTAssertThrowsError(try sw.distance(one, two)) { XCTAssertTrue("\($0)".contains("total masses 1 and 2 differ"), "\($0)") }
        XCTAssertThrowsError(try sw.distance(one, try signedMeasure([([0, .infinity], 1)])))
        XCTAssertThrowsError(try sw.distance(one, try signedMeasure([([0, 0, 0], 1)], parameters: 3)))
        XCTAssertThrowsError(try SignedMeasureSlicedWasserstein(directions: []))
        XCTAssertThrowsError(try SignedMeasureSlicedWasserstein(directions: [[1, 0], [1]]))
        XCTAssertThrowsError(try SignedMeasureSlicedWasserstein(directions: [[0, 0]]))
        XCTAssertThrowsError(try SignedMeasureSlicedWasserstein(directions: [[.nan, 1]]))
        XCTAssertThrowsError(try SignedMeasureSlicedWasserstein(numDirections: 0, dimension: 2))
    }

    func testDistanceAndKernelVectorizersGiveRowsAgainstTheFittedMeasures() throws {
        let measures = try [
            signedMeasure([([0, 0], 1)]), signedMeasure([([1, 0], 1)]), signedMeasure([([0, 3], 2), ([1, 1], -1)]),
        ]
        var distance = SignedMeasureSlicedWassersteinDistance(directions: axes)
        let rows = try distance.fitTransform(measures)
        XCTAssertEqual(rows.count, 3)
        assertNear(rows[0], [0, 0.5, try SignedMeasureSlicedWasserstein(directions: axes).distance(measures[0], measures[2])], "row 0")
        XCTAssertEqual(rows[1][0], rows[0][1])
        let sigma = 0.8
        var kernel = SignedMeasureSlicedWassersteinKernel(directions: axes, sigma: sigma)
        try kernel.fit(measures)
        let k = try kernel.transform(measures[1])
        assertNear(k, rows[1].map { exp(-$0 / (2 * sigma * sigma)) }, "kernel")
        XCTAssertEqual(k[1], 1)
        // Seeded directions are drawn for the fitted dimension.
        var seeded = SignedMeasureSlicedWassersteinDistance(numDirections: 4, seed: 3)
        try seeded.fit(measures)
        XCTAssertEqual(seeded.slicer?.directions, SignedMeasureSlicedWasserstein.seededDirections(count: 4, dimension: 2, seed: 3))
    }

    func testVectorizersRefuseWhatTheyCannotCompare() throws {
        let a = try signedMeasure([([0, 0], 1)])
        XCTAssertThrowsError(try SignedMeasureSlicedWassersteinKernel().transform(a)) {
            XCTAssertEqual($0 as? VectorizationError, .notFitted("SignedMeasureSlicedWassersteinDistance"))
        }
        var empty = SignedMeasureSlicedWassersteinDistance()
        XCTAssertThrowsError(try empty.fit([]))
        var wrong = SignedMeasureSlicedWassersteinDistance(directions: [[1, 0, 0]])
        XCTAssertThrowsError(try wrong.fit([a]))
        var kernel = SignedMeasureSlicedWassersteinKernel(sigma: 0)
        try kernel.fit([a])
        XCTAssertThrowsError(try kernel.transform(a))
        kernel.sigma = 1
        XCTAssertThrowsError(try kernel.transform(try signedMeasure([([0, 0], 2)]))) {
            XCTAssertTrue("\($0)".contains("total mass is 2, fitted measure 0"), "\($0)")
        }
    }
}
