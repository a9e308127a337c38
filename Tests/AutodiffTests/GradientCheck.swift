import XCTest
import PointClouds
@testable import Autodiff

/// Central finite differences against the tape, in Double.
enum GradientCheck {
    /// Random tensor with entries in [-1, 1) (or [lo, hi)).
    static func random(_ shape: [Int], _ g: inout SeededGenerator, in range: ClosedRange<Double> = -1...1) -> Tensor<Double> {
        Tensor(uniform: shape, in: range, using: &g)
    }

    /// Checks d/d inputs of sum(f(inputs) * R) for a fixed random R, so every
    /// output entry's gradient is exercised. Returns the worst relative error.
    @discardableResult
    static func check(_ inputs: [Tensor<Double>], tolerance: Double = 1e-6, h: Double = 1e-6,
                      file: StaticString = #filePath, line: UInt = #line,
                      _ f: ([Variable<Double>]) throws -> Variable<Double>) throws -> Double {
        var g = SeededGenerator(seed: 99)
        // the projection R, fixed by the output shape
        let probe = Tape<Double>()
        let outShape = try f(inputs.map { probe.constant($0) }).shape
        let r = random(outShape, &g)

        func loss(_ xs: [Tensor<Double>]) throws -> Double {
            let tape = Tape<Double>()
            let y = try f(xs.map { tape.constant($0) })
            return zip(y.value.elements, r.elements).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let tape = Tape<Double>()
        let vars = inputs.map { tape.variable($0) }
        let y = try f(vars)
        let l = try (y * tape.constant(r)).sum()
        try tape.backward(l)
        var worst = 0.0
        for (k, x) in inputs.enumerated() {
            let analytic = vars[k].gradient?.elements ?? [Double](repeating: 0, count: x.count)
            var numeric = [Double](repeating: 0, count: x.count)
            for i in 0..<x.count {
                var xp = inputs, xm = inputs
                xp[k].elements[i] += h
                xm[k].elements[i] -= h
                numeric[i] = (try loss(xp) - loss(xm)) / (2 * h)
            }
            var num = 0.0, den = 0.0
            for i in 0..<x.count {
                num += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i])
                den += analytic[i] * analytic[i] + numeric[i] * numeric[i]
            }
            let rel = num.squareRoot() / max(den.squareRoot(), 1e-12)
            worst = max(worst, rel)
            XCTAssertLessThan(rel, tolerance, "input \(k): relative error \(rel)", file: file, line: line)
        }
        return worst
    }
}

extension GradientCheck {
    /// Checks a layer's gradients against central differences: with respect
    /// to its input and to every parameter (perturbed through the visit).
    @discardableResult
    static func checkLayer<L: Layer>(_ layer: L, input: Tensor<Double>, tolerance: Double = 1e-6, h: Double = 1e-6,
                                     training: Bool = false,
                                     file: StaticString = #filePath, line: UInt = #line) throws -> Double where L.Scalar == Double {
        var g = SeededGenerator(seed: 98)
        let outShape = try layer(Tape<Double>(training: training, seed: 5).constant(input)).shape
        let r = random(outShape, &g)
        func loss(_ l: L, _ x: Tensor<Double>) throws -> Double {
            let tape = Tape<Double>(training: training, seed: 5)
            let y = try l(tape.constant(x))
            return zip(y.value.elements, r.elements).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let tape = Tape<Double>(training: training, seed: 5)
        let xv = tape.variable(input)
        try tape.backward(try (layer(xv) * tape.constant(r)).sum())
        let grads = tape.parameterGradients()
        var worst = 0.0
        func compare(_ analytic: [Double], _ numeric: [Double], _ what: String) {
            var num = 0.0, den = 0.0
            for i in analytic.indices {
                num += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i])
                den += analytic[i] * analytic[i] + numeric[i] * numeric[i]
            }
            let rel = num.squareRoot() / max(den.squareRoot(), 1e-12)
            worst = max(worst, rel)
            XCTAssertLessThan(rel, tolerance, "\(what): relative error \(rel)", file: file, line: line)
        }
        // the input
        var numeric = [Double](repeating: 0, count: input.count)
        for i in 0..<input.count {
            var xp = input, xm = input
            xp.elements[i] += h
            xm.elements[i] -= h
            numeric[i] = (try loss(layer, xp) - loss(layer, xm)) / (2 * h)
        }
        compare(xv.gradient?.elements ?? numeric.map { _ in 0 }, numeric, "input")
        // each parameter
        for (k, named) in layer.namedParameters.enumerated() {
            let analytic = grads[named.parameter]?.elements ?? [Double](repeating: 0, count: named.parameter.value.count)
            var numeric = [Double](repeating: 0, count: analytic.count)
            for i in 0..<analytic.count {
                func shifted(_ d: Double) throws -> Double {
                    var l = layer
                    var j = 0
                    l.visitParameters { _, p in
                        if j == k { p.value.elements[i] += d }
                        j += 1
                    }
                    return try loss(l, input)
                }
                numeric[i] = (try shifted(h) - shifted(-h)) / (2 * h)
            }
            compare(analytic, numeric, named.name)
        }
        return worst
    }
}
