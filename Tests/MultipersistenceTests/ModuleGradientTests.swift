import XCTest
import Complexes
import Multipersistence

/// MMA corners' sources: the pullback of a loss on corners equals central
/// finite differences of that loss in the filtration values.
final class ModuleGradientTests: XCTestCase {
    /// A random complex on 6 vertices (all edges, every third triangle), each
    /// cell's grade its faces' join plus a random positive step, so that no
    /// two values tie and small moves keep faces below cofaces.
    func randomComplex(seed: UInt64) throws -> FilteredComplex {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = 6
        var dims: [Int8] = [], grades: [Double] = [], offsets = [0], indices: [Int32] = [], coefficients: [Int8] = []
        var edgeIndex = [Int: Int]()
        for _ in 0..<n { dims.append(0); grades += [next(), next()]; offsets.append(0) }
        for i in 0..<n {
            for j in (i + 1)..<n {
                edgeIndex[i * n + j] = dims.count
                dims.append(1)
                for p in 0..<2 { grades.append(Swift.max(grades[2 * i + p], grades[2 * j + p]) + 0.05 + 0.5 * next()) }
                indices += [Int32(i), Int32(j)]; coefficients += [-1, 1]; offsets.append(indices.count)
            }
        }
        var t = 0
        for i in 0..<n { for j in (i + 1)..<n { for k in (j + 1)..<n {
            t += 1
            guard t % 3 == 0, let ij = edgeIndex[i * n + j], let ik = edgeIndex[i * n + k], let jk = edgeIndex[j * n + k] else { continue }
            dims.append(2)
            for p in 0..<2 {
                grades.append(Swift.max(grades[2 * ij + p], grades[2 * ik + p], grades[2 * jk + p]) + 0.05 + 0.5 * next())
            }
            indices += [Int32(ij), Int32(ik), Int32(jk)]; coefficients += [1, -1, 1]; offsets.append(indices.count)
        }}}
        return try FilteredComplex(dimensions: dims, grades: grades, parameterCount: 2, boundaryOffsets: offsets,
                                   boundaryIndices: indices, boundaryCoefficients: coefficients)
    }

    func moved(_ c: FilteredComplex, entry: Int, by h: Double) throws -> FilteredComplex {
        var g = c.grades
        g[entry] += h
        return try FilteredComplex(dimensions: c.dimensions, grades: g, parameterCount: 2, boundaryOffsets: c.boundaryOffsets,
                                   boundaryIndices: c.boundaryIndices, boundaryCoefficients: c.boundaryCoefficients)
    }

    /// The corners' shape: summand degrees, corner counts and which coordinates are finite.
    func shape(_ m: ModuleApproximation) -> [[Int]] {
        m.summands.map { s -> [Int] in
            var row: [Int] = [s.degree, s.births.count, s.deaths.count]
            for x in s.births + s.deaths { for v in x { row.append(v.isFinite ? 1 : 0) } }
            return row
        }
    }

    func testPullbackEqualsCentralDifferences() throws {
        var checked = 0
        for seed in 1...3 as ClosedRange<UInt64> {
            let complex = try randomComplex(seed: seed)
            for (complete, direction) in [(false, nil), (true, nil), (true, [1, 0.5])] as [(Bool, [Double]?)] {
                var options = ModuleApproximationOptions(precision: 0.07)
                options.box = (lower: [-0.5, -0.5], upper: [4, 4])
                options.complete = complete
                options.direction = direction
                var tracked = options
                tracked.recordsSources = true
                let module = try ModuleApproximation(complex, options: tracked)
                XCTAssertEqual(module.summands.map(\.births), try ModuleApproximation(complex, options: options).summands.map(\.births),
                               "sources change nothing else")
                // L = sum of w * coordinate over finite coordinates, fixed weights.
                func weight(_ j: Int, _ k: Int, _ q: Int, _ death: Bool) -> Double {
                            let key: Int = j * 7 + k * 3 + q + (death ? 5 : 0)
                            return Double(key % 11) - 5
                        }
                func loss(_ m: ModuleApproximation) -> Double {
                    var l = 0.0
                    for (j, s) in m.summands.enumerated() {
                        for (k, x) in s.births.enumerated() { for q in 0..<2 where x[q].isFinite { l += weight(j, k, q, false) * x[q] } }
                        for (k, x) in s.deaths.enumerated() { for q in 0..<2 where x[q].isFinite { l += weight(j, k, q, true) * x[q] } }
                    }
                    return l
                }
                let births = module.summands.enumerated().map { j, s in
                    s.births.enumerated().map { k, x in (0..<2).map { q in x[q].isFinite ? weight(j, k, q, false) : 0 } }
                }
                let deaths = module.summands.enumerated().map { j, s in
                    s.deaths.enumerated().map { k, x in (0..<2).map { q in x[q].isFinite ? weight(j, k, q, true) : 0 } }
                }
                let gradient = try module.pullback(births: births, deaths: deaths, gradeCount: complex.grades.count)
                let h = 1e-7
                for e in complex.grades.indices {
                    let up = try ModuleApproximation(moved(complex, entry: e, by: h), options: options)
                    let down = try ModuleApproximation(moved(complex, entry: e, by: -h), options: options)
                    guard shape(up) == shape(module), shape(down) == shape(module) else { continue }
                    let difference = (loss(up) - loss(down)) / (2 * h)
                    XCTAssertEqual(gradient[e], difference, accuracy: 1e-6, "seed \(seed), complete \(complete), direction \(direction ?? []), entry \(e)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 150, "most entries keep the corners' shape under small moves")
    }

    func testPullbackRefusesAModuleWithoutSourcesAndBadShapes() throws {
        let complex = try randomComplex(seed: 9)
        let module = try ModuleApproximation(complex, options: .init(lineCount: 50))
        let births = module.summands.map { $0.births.map { _ in [1.0, 1.0] } }
        let deaths = module.summands.map { $0.deaths.map { _ in [0.0, 0.0] } }
        XCTAssertThrowsError(try module.pullback(births: births, deaths: deaths, gradeCount: complex.grades.count))
        var options = ModuleApproximationOptions(lineCount: 50)
        options.recordsSources = true
        let tracked = try ModuleApproximation(complex, options: options)
        XCTAssertThrowsError(try tracked.pullback(births: [], deaths: [], gradeCount: complex.grades.count))
        XCTAssertThrowsError(try tracked.pullback(births: tracked.summands.map { $0.births.map { _ in [1.0] } },
                                                  deaths: tracked.summands.map { $0.deaths.map { _ in [0.0, 0.0] } },
                                                  gradeCount: complex.grades.count))
        XCTAssertThrowsError(try tracked.pullback(births: tracked.summands.map { $0.births.map { _ in [1.0, 1.0] } },
                                                  deaths: tracked.summands.map { $0.deaths.map { _ in [0.0, 0.0] } },
                                                  gradeCount: 1))
    }
}
