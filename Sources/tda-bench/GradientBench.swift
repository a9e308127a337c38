import Foundation
import SwiftTDA

/// `tda-bench gradient`: the point-cloud optimisation of Scoccola et al.
/// (ICML 2024), natively: 300 points uniform (in area) on the annulus
/// 0.85 <= r <= 1 plus 100 uniform in [-0.1, 0.2]^2 (seeded), Gaussian
/// codensity with bandwidth 0.1, full Rips (edge collapse, expansion 2),
/// exact grid, H1 Hilbert signed measure, loss (sum over w > 0 of |x|_1 -
/// sum over w < 0 of |x|_1) / number of atoms, Adam with learning rate 0.01,
/// 100 steps. Prints the loss curve, the time per step and, for the first
/// step, where the time goes.
///
///     tda-bench gradient [--steps 100] [--seed 1] [--threads N] [--out final.csv] [--figures DIR]
///
/// `--steps 0 --out FILE` writes the initial cloud, the input of
/// `scripts/bench_multipers_gradient.py` (multipers + torch, same step).
/// `--figures DIR` writes DIR/before.csv and DIR/after.csv (the cloud, `x,y`),
/// DIR/loss.csv (`step,loss`, the last row the final cloud's loss) and
/// DIR/loss.svg (the loss curve), for `scripts/make_tutorial_mma.sh`.
enum GradientBench {
    static func annulusWithCentre(ring: Int, centre: Int, seed: UInt64) throws -> PointCloud {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = []
        for _ in 0..<ring {
            let r = (0.85 * 0.85 + (1 - 0.85 * 0.85) * rng.uniform()).squareRoot(), t = 2 * Double.pi * rng.uniform()
            x += [r * cos(t), r * sin(t)]
        }
        for _ in 0..<(2 * centre) { x.append(-0.1 + 0.3 * rng.uniform()) }
        return try PointCloud(count: ring + centre, dimension: 2, coordinates: x)
    }

    static func run(_ args: [String]) throws {
        var steps = 100, seed: UInt64 = 1, threads = 1
        var out: String?, figures: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--steps": i += 1; steps = max(0, min(100_000, Int(args[safe: i] ?? "") ?? 100))
            case "--seed": i += 1; seed = UInt64(args[safe: i] ?? "") ?? 1
            case "--threads": i += 1; threads = max(1, min(4096, Int(args[safe: i] ?? "") ?? 1))
            case "--out": i += 1; out = args[safe: i]
            case "--figures": i += 1; figures = args[safe: i]
            default: throw BenchError("unknown option \(args[i]) (--steps 100, --seed 1, --threads N, --out FILE, --figures DIR)")
            }
            i += 1
        }
        var cloud = try annulusWithCentre(ring: 300, centre: 100, seed: seed)
        let initial = cloud
        var curve: [(Double, Double)] = []
        let objective = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.1), degree: 1,
                                                    loss: SignedL1Loss(normalization: .atoms),
                                                    options: SignedMeasureOptions(threads: threads))
        try breakdown(cloud, threads: threads)
        var adam = AdamOptimizer(count: cloud.coordinates.count, learningRate: 0.01)
        var times: [Double] = []
        print("step,loss,atoms,positive_atoms,seconds")
        for step in 0..<steps {
            let start = Date()
            let e = try objective.evaluate(cloud)
            var x = cloud.coordinates
            try adam.step(&x, gradient: e.pointGradient)
            cloud = try PointCloud(count: cloud.count, dimension: 2, coordinates: x)
            let t = Date().timeIntervalSince(start)
            times.append(t)
            curve.append((Double(step), e.value))
            print("\(step),\(e.value),\(e.measure.count),\(e.measure.weights.filter { $0 > 0 }.count),\(String(format: "%.4f", t))")
        }
        let final = try objective.evaluate(cloud)
        print("final loss \(final.value) (\(final.measure.count) atoms)")
        let sorted = times.sorted()
        if !sorted.isEmpty { print(String(format: "seconds per step: mean %.4f, median %.4f, min %.4f, max %.4f (threads %d)",
                     times.reduce(0, +) / Double(times.count), sorted[sorted.count / 2], sorted[0], sorted[sorted.count - 1], threads)) }
        if let out {
            let csv = cloud.rows.map { "\($0[0]),\($0[1])" }.joined(separator: "\n") + "\n"
            try csv.write(toFile: out, atomically: true, encoding: .utf8)
        }
        if let figures {
            curve.append((Double(steps), final.value))
            try writeFigures(to: figures, before: initial, after: cloud, curve: curve)
        }
    }

    /// The clouds before and after, the loss curve as CSV and as an SVG line chart, in `directory` (created if needed).
    static func writeFigures(to directory: String, before: PointCloud, after: PointCloud, curve: [(Double, Double)]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func points(_ c: PointCloud) -> String { "x,y\n" + c.rows.map { "\($0[0]),\($0[1])\n" }.joined() }
        try points(before).write(toFile: directory + "/before.csv", atomically: true, encoding: .utf8)
        try points(after).write(toFile: directory + "/after.csv", atomically: true, encoding: .utf8)
        let csv = "step,loss\n" + curve.map { "\(Int($0.0)),\($0.1)\n" }.joined()
        try csv.write(toFile: directory + "/loss.csv", atomically: true, encoding: .utf8)
        let chart = LinePlot(series: [("loss", curve)], title: "Loss along the Adam steps (lr 0.01)",
                             xLabel: "step", yLabel: "loss", width: 560, height: 360)
        try chart.svg().write(toFile: directory + "/loss.svg", atomically: true, encoding: .utf8)
    }

    /// One step's phases, timed separately (the same work as `evaluate`).
    static func breakdown(_ cloud: PointCloud, threads: Int) throws {
        var clock = Date()
        func lap() -> String { let t = Date().timeIntervalSince(clock); clock = Date(); return String(format: "%.4f", t) }
        let f = try Density.gaussianCodensity(cloud, bandwidth: 0.1)
        let distances = DistanceMatrix(cloud)
        let tInputs = lap()
        let complex = try Bifiltration.functionRips(distances: distances, functions: [f], maxDimension: 2, collapse: true)
        let tBuild = lap()
        _ = try Bifiltration.functionRips(distances: distances, functions: [f], maxDimension: 1, collapse: false)
        let tGraph = lap()
        _ = try Bifiltration.functionRips(distances: distances, functions: [f], maxDimension: 1, collapse: true)
        let tCollapsedGraph = lap()
        let grid = try Grid(for: complex, strategy: .exact)
        let mu = try SignedMeasure.hilbert(SqueezedComplex(complex, grid: grid), degrees: [1],
                                           options: SignedMeasureOptions(threads: threads))[0]
        let tHilbert = lap()
        let (_, dAtoms) = SignedL1Loss(normalization: .atoms).evaluate(mu)
        let (_, df) = try Bifiltration.functionRipsPullback(points: cloud, distances: distances, functions: [f],
                                                            atomCoordinates: mu.points, width: 2, cotangent: dAtoms)
        _ = try Density.gaussianCodensityPullback(cloud, bandwidth: 0.1, cotangent: df[0])
        let tPullback = lap()
        print("# first step: codensity+distances \(tInputs) s, collapsed Rips build \(tBuild) s (\(complex.count) cells, grid \(grid.shape); "
              + "of which the uncollapsed graph alone takes \(tGraph) s, the collapsed graph \(tCollapsedGraph) s), "
              + "H1 Hilbert \(tHilbert) s (\(mu.count) atoms), loss+pullback \(tPullback) s")
    }
}
