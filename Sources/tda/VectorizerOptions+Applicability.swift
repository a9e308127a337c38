/// Method options that the chosen `tda vectorize --method` does not take are
/// refused instead of ignored. An option counts as given when it is set
/// (optional ones) or differs from its default (the others: spelling out a
/// default value changes nothing, so it is let through).
extension VectorizerOptions {
    /// The options each barcode method reads, besides `--dim`,
    /// `--essential-death` and `--reject-below-diagonal`.
    static func takes(_ method: Method) -> Set<String> {
        switch method {
        case .landscape: return ["--num-landscapes", "--resolution", "--sample-range"]
        case .silhouette: return ["--power", "--resolution", "--sample-range"]
        case .image: return ["--bandwidth", "--resolution", "--im-range", "--weight"]
        case .bettiCurve: return ["--resolution", "--sample-range", "--grid"]
        case .entropy: return ["--mode", "--unnormalized", "--resolution", "--sample-range"]
        case .topologicalVector: return ["--top"]
        case .complexPolynomial: return ["--top", "--polynomial-type"]
        case .slicedWasserstein: return ["--num-directions", "--bandwidth"]
        case .persistenceWeightedGaussian: return ["--bandwidth", "--weight"]
        case .persistenceScaleSpace: return ["--bandwidth"]
        case .persistenceFisher: return ["--bandwidth", "--bandwidth-fisher"]
        case .persistenceLengths: return ["--num-lengths"]
        case .atol: return ["--clusters", "--contrast", "--weighting", "--centers", "--seed", "--restarts"]
        case .convolution, .mmaImage, .mmaLandscape: return []
        }
    }

    /// The barcode-method options given on this command line.
    var givenMethodOptions: [String] {
        var given: [String] = []
        if numLandscapes != 5 { given.append("--num-landscapes") }
        if resolution != nil { given.append("--resolution") }
        if sampleRange != nil { given.append("--sample-range") }
        if powerOption != nil { given.append("--power") }
        if bandwidthOption != nil { given.append("--bandwidth") }
        if imRange != nil { given.append("--im-range") }
        if weight != .constant { given.append("--weight") }
        if mode != .scalar { given.append("--mode") }
        if unnormalized { given.append("--unnormalized") }
        if top != 10 { given.append("--top") }
        if polynomialType != "R" { given.append("--polynomial-type") }
        if numDirections != 10 { given.append("--num-directions") }
        if bandwidthFisher != 1 { given.append("--bandwidth-fisher") }
        if grid != nil { given.append("--grid") }
        if numLengths != 5 { given.append("--num-lengths") }
        if clusters != 2 { given.append("--clusters") }
        if contrast != .gaussian { given.append("--contrast") }
        if weighting != .cloud { given.append("--weighting") }
        if centers != nil { given.append("--centers") }
        if seed != nil { given.append("--seed") }
        if restarts != 10 { given.append("--restarts") }
        return given
    }

    /// Throws a usage error for the first given option the barcode method does not take.
    func checkMethodApplicability() throws {
        let takes = Self.takes(method)
        if let extra = givenMethodOptions.first(where: { !takes.contains($0) }) {
            let list = takes.sorted().joined(separator: ", ")
            throw CommandError("\(extra) does not apply to --method \(method.rawValue) (it takes \(list.isEmpty ? "no method options" : list))")
        }
        if method == .entropy && mode == .scalar {
            if let extra = givenMethodOptions.first(where: { ["--resolution", "--sample-range", "--unnormalized"].contains($0) }) {
                throw CommandError("\(extra) applies to --method entropy --mode vector only")
            }
        }
        if method == .atol && centers != nil {
            if let extra = givenMethodOptions.first(where: { ["--clusters", "--seed", "--restarts"].contains($0) }) {
                throw CommandError("\(extra) does not apply with --centers (the centres are given, no k-means runs)")
            }
        }
    }
}
