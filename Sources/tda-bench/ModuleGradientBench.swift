import Foundation
import SwiftTDA

/// `tda-bench mma-gradient`: an optimisation loop on an MMA module, timed
/// with the vineyard kept between steps (`ModuleApproximationSession`) and
/// without (a fresh `ModuleApproximation` each step), from the same start.
///
/// The cloud is `tda-bench gradient`'s (300 annulus points plus 100 in the
/// centre, seeded) thinned to `--points` (default 200); the complex is its
/// function-Rips bifiltration with threshold `--threshold` (default 0.3, no
/// collapse, so the cells stay the same while the function moves); the
/// parameters are the per-point function values, starting at the Gaussian
/// codensity (bandwidth 0.1). The loss is the mean, over the H1 summands'
/// finite corner coordinates, of birth coordinates minus death coordinates
/// (it lengthens the loops); Adam, learning rate 0.01, a fixed box.
///
///     tda-bench mma-gradient [--steps 20] [--points 200] [--threshold 0.3] [--lines 557] [--threads 1] [--max-swaps N]
///
/// Both loops must give the same loss at every step (checked: the session's
/// module equals a fresh one); the bench prints the time per step of each,
/// the time spent reaching the first line's vineyard (a reduction, or the
/// walk from the kept one) and the transpositions walked.
enum ModuleGradientBench {
    static func run(_ args: [String]) throws {
        var steps = 20, count = 200, threshold = 0.3, lines = 557, threads = 1
        var maxSwaps: Int?
        var i = 0
        while i < args.count {
            let value = args[safe: i + 1] ?? ""
            switch args[i] {
            case "--steps": steps = max(1, min(10_000, Int(value) ?? 20))
            case "--points": count = max(10, min(400, Int(value) ?? 200))
            case "--threshold": threshold = max(0, min(10, Double(value) ?? 0.3))
            case "--lines": lines = max(1, min(100_000, Int(value) ?? 557))
            case "--threads": threads = max(1, min(64, Int(value) ?? 1))
            case "--max-swaps": maxSwaps = max(0, Int(value) ?? 0)
            default: throw BenchError("unknown option \(args[i]) (--steps 20, --points 200, --threshold 0.3, --lines 557, --threads 1, --max-swaps N)")
            }
            i += 2
        }
        let full = try GradientBench.annulusWithCentre(ring: 300, centre: 100, seed: 1)
        // Every k-th point, so the centre cluster stays in proportion.
        let picked = (0..<count).map { $0 * full.count / count }
        let cloud = try PointCloud(count: count, dimension: 2, coordinates: picked.flatMap { full.rows[$0] })
        let f0 = try Density.gaussianCodensity(cloud, bandwidth: 0.1)
        let first = try Bifiltration.functionRips(points: cloud, functions: [f0], threshold: threshold)
        let span = (f0.max() ?? 0) - (f0.min() ?? 0)
        var options = ModuleApproximationOptions(lineCount: lines)
        options.box = (lower: [0, (f0.min() ?? 0) - span], upper: [threshold, (f0.max() ?? 0) + span])
        options.recordsSources = true
        options.threads = threads
        print("# \(count) points, function-Rips threshold \(threshold): \(first.count) cells; \(lines) lines, threads \(threads)")

        func loop(kept: Bool) throws -> (losses: [Double], seconds: [Double], firstLine: [Double], swaps: [Int]) {
            var f = f0
            var adam = AdamOptimizer(count: f.count, learningRate: 0.01)
            // The fresh loop is a session that never walks: the same code, a reduction each step.
            var session = ModuleApproximationSession(options: options, maxReorderSwaps: kept ? maxSwaps : -1)
            var losses: [Double] = [], seconds: [Double] = [], firstLine: [Double] = [], swaps: [Int] = []
            for _ in 0..<steps {
                let start = Date()
                let complex = try Bifiltration.functionRips(points: cloud, functions: [f], threshold: threshold)
                let module = try session.approximate(complex)
                let (loss, births, deaths) = lengthLoss(module)
                let dGrades = try module.pullback(births: births, deaths: deaths, gradeCount: complex.grades.count)
                let (_, df) = try Bifiltration.functionRipsPullback(complex, points: cloud, functions: [f], gradeCotangent: dGrades)
                try adam.step(&f, gradient: df[0])
                seconds.append(Date().timeIntervalSince(start))
                firstLine.append(session.lastFirstLineSeconds)
                losses.append(loss)
                swaps.append(session.lastTranspositions)
            }
            return (losses, seconds, firstLine, swaps)
        }
        let fresh = try loop(kept: false)
        let walked = try loop(kept: true)
        guard fresh.losses == walked.losses else {
            throw BenchError("the kept-state loop's losses differ from the fresh loop's: \(walked.losses) against \(fresh.losses)")
        }
        func f4(_ x: Double) -> String { String(format: "%.4f", x) }
        print("step,loss,seconds_fresh,seconds_kept,first_line_fresh,first_line_kept,transpositions")
        for s in 0..<steps {
            print("\(s),\(fresh.losses[s]),\(f4(fresh.seconds[s])),\(f4(walked.seconds[s])),\(f4(fresh.firstLine[s])),\(f4(walked.firstLine[s])),\(walked.swaps[s])")
        }
        // Step 0 reduces afresh in both loops; compare the steps after it.
        func median(_ x: ArraySlice<Double>) -> Double { let s = x.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
        let a = median(fresh.seconds.dropFirst()), b = median(walked.seconds.dropFirst())
        let fa = median(fresh.firstLine.dropFirst()), fb = median(walked.firstLine.dropFirst())
        let walks = walked.swaps.dropFirst().filter { $0 >= 0 }.count
        print("median seconds per step (steps 1...): fresh \(f4(a)), kept vineyard \(f4(b)); first line: reduction \(f4(fa)), "
              + "kept \(f4(fb)) (\(walks) of \(steps - 1) steps walked); losses equal at every step")
    }

    /// Mean of (finite birth coordinates) minus (finite death coordinates) over the H1 summands, and its cotangents.
    static func lengthLoss(_ module: ModuleApproximation) -> (Double, [[[Double]]], [[[Double]]]) {
        var total = 0.0, terms = 0
        for s in module.summands where s.degree == 1 {
            for c in s.births { for x in c where x.isFinite { total += x; terms += 1 } }
            for c in s.deaths { for x in c where x.isFinite { total -= x; terms += 1 } }
        }
        let w = terms > 0 ? 1 / Double(terms) : 0
        let births = module.summands.map { s in s.births.map { c in c.map { s.degree == 1 && $0.isFinite ? w : 0 } } }
        let deaths = module.summands.map { s in s.deaths.map { c in c.map { s.degree == 1 && $0.isFinite ? -w : 0 } } }
        return (total * w, births, deaths)
    }
}
