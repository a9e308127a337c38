import XCTest
import Foundation
import PointClouds
import Persistence
@testable import Vectorization

final class PipelineTests: XCTestCase {
    func randomDiagrams(_ count: Int, seed: UInt64) -> [[Bar]] {
        var rng = SplitMix(seed: seed)
        return (0..<count).map { _ in
            (0..<(1 + rng.int(40))).map { _ -> Bar in let b = rng.unit(); return Bar(birth: b, death: b + rng.unit()) }
        }
    }

    func testLandscapeOfOneBarIsATent() throws {
        var l = Landscape(numLandscapes: 2, resolution: 5, sampleRange: (0, 2))
        try l.fit([])
        let v = try l.transform([Bar(birth: 0, death: 2)])
        let r2 = 2.0.squareRoot()
        assertClose(v, [0, 0.5, 1, 0.5, 0].map { $0 * r2 } + [0, 0, 0, 0, 0], "tent")
    }

    func testLearnedGridSkipsTheEndpoints() throws {
        var l = Landscape(numLandscapes: 1, resolution: 3)
        try l.fit([[Bar(birth: 0, death: 4)]])
        XCTAssertEqual(l.grid, [1, 2, 3])
        XCTAssertEqual(SampleGrid.linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1])
    }

    func testTransformBeforeFitThrowsNotFitted() {
        XCTAssertThrowsError(try Landscape().transform([])) { error in
            XCTAssertEqual(error as? VectorizationError, .notFitted("Landscape"))
        }
        XCTAssertThrowsError(try PersistenceImage().transform([]))
    }

    func testEssentialBarsAreDroppedUnlessGivenADeath() {
        let bars = [Bar(birth: 0, death: 1), Bar(birth: 0.5, death: .infinity)]
        XCTAssertEqual(DiagramSelector().transform(bars), [Bar(birth: 0, death: 1)])
        XCTAssertEqual(DiagramSelector(essentialDeath: 3).transform(bars), [Bar(birth: 0, death: 1), Bar(birth: 0.5, death: 3)])
        XCTAssertEqual(DiagramSelector(pointType: .essential).transform(bars), [Bar(birth: 0.5, death: .infinity)])
        XCTAssertEqual(Clamping(maximum: 2).transform([Bar(birth: 0, death: .infinity)]), [Bar(birth: 0, death: 2)])
    }

    func testParallelTransformEqualsSequentialAndKeepsOrder() async throws {
        let diagrams = randomDiagrams(120, seed: 11)
        let vectorizers: [any Vectorizer] = [
            Landscape(numLandscapes: 3, resolution: 40), PersistenceImage(bandwidth: 0.1, resolution: (8, 8)),
            Silhouette(power: 1, resolution: 30), BettiCurve(resolution: 25),
            PersistenceEntropy(mode: .vector, resolution: 20), SlicedWassersteinKernel(),
        ]
        for var v in vectorizers {
            try v.fit(Array(diagrams.prefix(12)))
            let sequential = try v.transform(diagrams)
            let parallel = try await v.transform(diagrams, jobs: 4)
            XCTAssertEqual(sequential, parallel, "\(type(of: v))")
            let floats = try v.transform(diagrams, as: Float.self)
            XCTAssertEqual(floats[7], sequential[7].map { Float($0) })
        }
    }

    func testPipelineFitsOnTrainingBarcodesAndTransformsNewOnes() async throws {
        let train = randomDiagrams(20, seed: 3).map { Barcode(bars: [[], $0 + [Bar(birth: 0, death: .infinity)]]) }
        let test = randomDiagrams(10, seed: 4).map { Barcode(bars: [[], $0]) }
        var pipeline = Pipeline(dimension: 1, vectorizer: Landscape(numLandscapes: 2, resolution: 10))
        try pipeline.fit(barcodes: train)
        let rows = try await pipeline.transform(barcodes: test, jobs: 3)
        var direct = Landscape(numLandscapes: 2, resolution: 10)
        try direct.fit(train.map { DiagramSelector().transform($0[1]) })
        XCTAssertEqual(rows, try direct.transform(test.map { $0[1] }))
    }

    func testPipelineFromPointCloudsUsesTheRipsEngine() async throws {
        // A circle has one long H1 bar: the Betti curve is 1 in the middle of it.
        let n = 24
        let cloud = try PointCloud(rows: (0..<n).map { k in
            let t = 2 * Double.pi * Double(k) / Double(n); return [cos(t), sin(t)]
        })
        var pipeline = Pipeline(rips: RipsStage(maxDimension: 1), dimension: 1,
                                vectorizer: BettiCurve(resolution: 3, sampleRange: (0.5, 2.5)))
        try await pipeline.fit(pointClouds: [cloud])
        let rows = try await pipeline.transform(pointClouds: [cloud, cloud], jobs: 2)
        XCTAssertEqual(rows, [[1, 1, 0], [1, 1, 0]])
    }

    func testShardsPartitionTheInputsAndMergeToTheWhole() throws {
        let inputs = (0..<23).map { "data/sample\($0).csv" }
        let whole = try BatchPlan(inputs: inputs, outputDirectory: "out", extension: "npy")
        var merged: [BatchPlan.Item] = []
        for i in 0..<5 { merged += try BatchPlan(inputs: inputs, outputDirectory: "out", extension: "npy", shard: (i, 5)).items }
        XCTAssertEqual(merged.sorted { $0.index < $1.index }, whole.items)
        XCTAssertEqual(whole.items[3].output, "out/sample3.npy")
        XCTAssertThrowsError(try BatchPlan.parseShard("5/5"))
        XCTAssertEqual(try BatchPlan.parseShard("2/8").count, 8)
        XCTAssertThrowsError(try BatchPlan(inputs: ["a/x.csv", "b/x.csv"], outputDirectory: "o", extension: "csv"))
    }

    func testNPYOutputHasTheRowsShape() throws {
        let bytes = try VectorOutput.npy([[1, 2, 3], [4, 5, 6]])
        let back = try NPYArray(bytes: bytes)
        XCTAssertEqual(back.shape, [2, 3])
        XCTAssertEqual(back.values, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(VectorOutput.csv([[1, .infinity]]), "1.0,inf\n")
        XCTAssertThrowsError(try VectorOutput.npy([[1], [1, 2]]))
    }
}
