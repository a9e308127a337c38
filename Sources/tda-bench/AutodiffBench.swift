import Foundation
import SwiftTDA

/// `tda-bench autodiff`: one training step (forward, backward, Adam) in
/// Float of a Dense MLP (256 -> 256 -> 128 -> 10, ReLU, softmax
/// cross-entropy) and of a small CNN (1 x 16 x 16 -> conv 3x3, 8 -> max
/// pool -> conv 3x3, 16 -> max pool -> dense 10), on seeded random data.
/// Prints the median time per step and the implied time for an epoch of
/// 900 images. The reference row is NumPy (float32, same OpenBLAS thread
/// count) doing the MLP's forward, hand-written backward pass and Adam
/// step: the same gemms and elementwise work, no tape (PyTorch is not
/// installed here, so the CNN has no reference row).
///
///     tda-bench autodiff [--batch 64] [--repeats 30] [--threads 1]
enum AutodiffBench {
    struct MLP: Layer {
        var fc1: Dense<Float>, fc2: Dense<Float>, fc3: Dense<Float>
        func callAsFunction(_ x: Variable<Float>) throws -> Variable<Float> {
            try fc3(fc2(fc1(x).relu()).relu())
        }
        mutating func visitParameters(_ body: (String, inout Parameter<Float>) throws -> Void) rethrows {
            try fc1.visitParameters { try body("fc1." + $0, &$1) }
            try fc2.visitParameters { try body("fc2." + $0, &$1) }
            try fc3.visitParameters { try body("fc3." + $0, &$1) }
        }
    }

    struct CNN: Layer {
        var conv1: Conv2D<Float>, conv2: Conv2D<Float>, fc: Dense<Float>
        func callAsFunction(_ x: Variable<Float>) throws -> Variable<Float> {
            let h = try conv2(conv1(x).relu().maxPool2D(size: 2)).relu().maxPool2D(size: 2)
            return try fc(h.reshaped([h.shape[0], -1]))
        }
        mutating func visitParameters(_ body: (String, inout Parameter<Float>) throws -> Void) rethrows {
            try conv1.visitParameters { try body("conv1." + $0, &$1) }
            try conv2.visitParameters { try body("conv2." + $0, &$1) }
            try fc.visitParameters { try body("fc." + $0, &$1) }
        }
    }

    /// Median seconds of `repeats` calls after two warm-up calls.
    static func median(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        try body(); try body()
        var t: [Double] = []
        for _ in 0..<repeats {
            let s = Date()
            try body()
            t.append(Date().timeIntervalSince(s))
        }
        return t.sorted()[t.count / 2]
    }

    static func run(_ args: [String]) throws {
        var batch = 64, repeats = 30, threads = 1
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--batch": i += 1; batch = max(1, min(100_000, Int(args[safe: i] ?? "") ?? 64))
            case "--repeats": i += 1; repeats = max(1, min(100_000, Int(args[safe: i] ?? "") ?? 30))
            case "--threads": i += 1; threads = max(1, min(4096, Int(args[safe: i] ?? "") ?? 1))
            default: throw BenchError("unknown option \(args[i]) (--batch 64, --repeats 30, --threads 1)")
            }
            i += 1
        }
        BLASThreads.set(threads)
        var g = SeededGenerator(seed: 1)
        let labels = (0..<batch).map { _ in Int(g.next() % 10) }
        let images = Tensor<Float>(uniform: [batch, 1, 16, 16], in: 0...1, using: &g)
        let flat = try images.reshaped([batch, 256])

        var mlp = MLP(fc1: Dense(inputSize: 256, outputSize: 256, generator: &g),
                      fc2: Dense(inputSize: 256, outputSize: 128, generator: &g),
                      fc3: Dense(inputSize: 128, outputSize: 10, generator: &g))
        var adam = Adam<Float>(learningRate: 1e-3)
        let mlpTime = try median(repeats) {
            let tape = Tape<Float>(training: true)
            let loss = try mlp(tape.constant(flat)).softmaxCrossEntropy(labels: labels)
            try tape.backward(loss)
            adam.step(&mlp, gradients: tape.parameterGradients())
        }
        var cnn = CNN(conv1: Conv2D(inputChannels: 1, outputChannels: 8, kernelSize: 3, padding: 1, generator: &g),
                      conv2: Conv2D(inputChannels: 8, outputChannels: 16, kernelSize: 3, padding: 1, generator: &g),
                      fc: Dense(inputSize: 16 * 4 * 4, outputSize: 10, generator: &g))
        var adam2 = Adam<Float>(learningRate: 1e-3)
        let cnnTime = try median(repeats) {
            let tape = Tape<Float>(training: true)
            let loss = try cnn(tape.constant(images)).softmaxCrossEntropy(labels: labels)
            try tape.backward(loss)
            adam2.step(&cnn, gradients: tape.parameterGradients())
        }
        let forwardOnly = try median(repeats) {
            let tape = Tape<Float>()
            _ = try cnn(tape.constant(images)).softmaxCrossEntropy(labels: labels)
        }
        let epoch = { (t: Double) in t * (900.0 / Double(batch)).rounded(.up) }
        print("tda-bench autodiff: Float, batch \(batch), median of \(repeats), OpenBLAS threads \(threads), " +
              "malloc thresholds \(MallocTuning.isApplied ? "raised" : "default (TDA_AUTODIFF_MALLOC=default)")")
        print("case,seconds_per_step,seconds_per_900_images")
        print(String(format: "mlp 256-256-128-10 (swift tape),%.6f,%.4f", mlpTime, epoch(mlpTime)))
        print(String(format: "cnn conv8-pool-conv16-pool-dense10 (swift tape),%.6f,%.4f", cnnTime, epoch(cnnTime)))
        print(String(format: "cnn forward only (swift tape),%.6f,%.4f", forwardOnly, epoch(forwardOnly)))
        let script = numpyScript(batch: batch, repeats: repeats, threads: threads)
        if let out = GauntBench.runPython(script, timeout: 120), let line = out.split(separator: "\n").first(where: { $0.hasPrefix("time ") }),
           let t = Double(line.dropFirst(5)) {
            print(String(format: "mlp 256-256-128-10 (numpy, hand-written backward and Adam),%.6f,%.4f", t, epoch(t)))
            print(String(format: "ratio numpy / swift on the mlp: %.2f (above 1: the tape is faster)", t / mlpTime))
        } else {
            print("numpy reference: skipped (python3 with numpy not available)")
        }
    }

    static func numpyScript(batch: Int, repeats: Int, threads: Int) -> String {
        """
        import os
        os.environ["OPENBLAS_NUM_THREADS"] = "\(threads)"
        import time
        import numpy as np
        rng = np.random.default_rng(1)
        b = \(batch)
        x = rng.random((b, 256), dtype=np.float32)
        y = rng.integers(0, 10, b)
        ws = [(rng.uniform(-0.06, 0.06, (i, o)).astype(np.float32), np.zeros(o, np.float32)) for i, o in [(256, 256), (256, 128), (128, 10)]]
        state = [[np.zeros_like(a) for a in pair for _ in (0, 1)] for pair in ws]
        t = [0]
        def adam(k, j, p, g):
            m, v = state[k][2 * j], state[k][2 * j + 1]
            m *= 0.9; m += 0.1 * g
            v *= 0.999; v += 0.001 * g * g
            c1 = 1 - 0.9 ** t[0]; c2 = 1 - 0.999 ** t[0]
            return p - (1e-3 / c1) * m / (np.sqrt(v / c2) + 1e-8)
        def step():
            t[0] += 1
            acts = [x]
            h = x
            for k, (w, c) in enumerate(ws):
                h = h @ w + c
                if k < 2:
                    h = np.maximum(h, 0)
                acts.append(h)
            m = h.max(1, keepdims=True)
            e = np.exp(h - m)
            p = e / e.sum(1, keepdims=True)
            loss = -np.log(p[np.arange(b), y]).mean()
            g = p
            g[np.arange(b), y] -= 1
            g /= b
            for k in (2, 1, 0):
                w, c = ws[k]
                gw = acts[k].T @ g
                gc = g.sum(0)
                if k > 0:
                    g = (g @ w.T) * (acts[k] > 0)
                ws[k] = (adam(k, 0, w, gw), adam(k, 1, c, gc))
            return loss
        step(); step()
        ts = []
        for _ in range(\(repeats)):
            s = time.perf_counter(); step(); ts.append(time.perf_counter() - s)
        ts.sort()
        print("time", ts[len(ts) // 2])
        """
    }
}
