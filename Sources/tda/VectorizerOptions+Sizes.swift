import Foundation
import SwiftTDA

extension VectorizerOptions {
    /// Checks, before anything is read or allocated, that the output of
    /// `rows` inputs fits in the memory budget: the values themselves
    /// (8 bytes each) and their text (up to 25 bytes each in CSV or JSON).
    /// The message names the flags that set the size.
    ///
    /// - Parameter rows: the number of vectors (inputs) to write; kernels
    ///   give `fitted` values per row.
    func checkOutputSize(rows: Int, fitted: Int) throws {
        let samples = Swift.max(resolution ?? (method == .image ? 20 : 100), 0)
        let length: [Int]
        let flags: String
        var advice = "lower --resolution"
        switch method {
        case .landscape:
            length = [numLandscapes, samples]
            flags = "--num-landscapes \(numLandscapes) with --resolution \(samples)"
            advice = "lower --num-landscapes or --resolution"
        case .silhouette, .bettiCurve:
            length = [samples]
            flags = "--resolution \(samples)"
        case .entropy:
            length = mode == .vector ? [samples] : [1]
            flags = "--resolution \(samples)"
        case .image:
            length = [samples, samples]
            flags = "--resolution \(samples) (\(samples) x \(samples) pixels)"
        case .topologicalVector:
            length = [Swift.max(top, 0)]
            flags = "--top \(top)"
            advice = "lower --top"
        case .complexPolynomial:
            length = [Swift.max(top, 0), 2]
            flags = "--top \(top)"
            advice = "lower --top"
        case .slicedWasserstein:
            length = [fitted]
            flags = "--num-directions \(numDirections)"
            advice = "lower --num-directions"
            try MemoryBudget.elements([numDirections, 2], bytesEach: 8, what: "--num-directions \(numDirections)",
                                      advice: "lower --num-directions")
        case .persistenceLengths:
            length = [Swift.max(numLengths, 0)]
            flags = "--num-lengths \(numLengths)"
            advice = "lower --num-lengths"
        case .atol:
            length = [Swift.max(clusters, 0)]
            flags = "--clusters \(clusters)"
            advice = "lower --clusters"
        case .persistenceWeightedGaussian, .persistenceScaleSpace, .persistenceFisher:
            length = [fitted]
            flags = "kernel values against \(fitted) fitted diagrams"
            advice = "fit on fewer diagrams (--fit-on)"
        case .convolution, .mmaImage, .mmaLandscape:
            return  // checked by their vectorizers (grid point limits)
        }
        try MemoryBudget.elements(([rows] + length).map { Swift.max($0, 0) }, bytesEach: 8 + 25,
                                  what: "the output (\(rows) row\(rows == 1 ? "" : "s") of \(flags))", advice: advice)
    }
}

extension VectorizerOptions {
    /// Refuses real-valued parameters that would give NaN or meaningless
    /// results: NaN or infinite values, and bandwidths whose square under-
    /// or overflows (a bandwidth of 1e-300 made every pixel NaN).
    func checkRealParameters() throws {
        if let p = powerOption, !p.isFinite { throw CommandError("--power must be a finite number, got \(p)") }
        for (flag, value) in [("--bandwidth", bandwidthOption), ("--bandwidth-fisher", bandwidthFisher as Double?)] {
            guard let h = value else { continue }
            guard h.isFinite, h > 0 else { throw CommandError("\(flag) must be a positive finite number, got \(h)") }
            guard (h * h).isNormal, (1 / (h * h)).isFinite else {
                throw CommandError("\(flag) \(h) is too \(h < 1 ? "small" : "large"): its square is not a normal double (use a value between 1e-150 and 1e150)")
            }
        }
    }
}

/// Refuses results holding NaN: the inputs are checked to be numbers, so a
/// NaN comes from parameters that over- or underflow, and must not be
/// written as if it were a feature.
func checkNoNaN(_ rows: [[Double]], files: [String]) throws {
    for (r, row) in rows.enumerated() where row.contains(where: \.isNaN) {
        let name = r < files.count ? files[r] : "row \(r + 1)"
        throw InputError("\(name): the result holds NaN values; the parameters (bandwidths, powers, ranges) over- or underflow for these inputs")
    }
}
