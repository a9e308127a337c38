/// Method options that the chosen `tda vectorize --method` does not take are
/// refused instead of ignored. An option counts as given when it was typed,
/// whatever its value: the options are optional and their defaults are
/// applied after this check, so `--top 10` (the default) is refused for
/// `--method image` as `--top 3` is.
extension VectorizerOptions {
    /// The options every barcode method reads.
    static let barcodeSelection: Set<String> = ["--dim", "--essential-death", "--reject-below-diagonal"]

    /// The options each barcode method reads, besides `barcodeSelection`.
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

    /// The options of this group typed on the command line.
    var givenOptions: [String] {
        var given: [String] = []
        if dimOption != nil { given.append("--dim") }
        if essentialDeath != nil { given.append("--essential-death") }
        if rejectBelowDiagonal { given.append("--reject-below-diagonal") }
        if numLandscapesOption != nil { given.append("--num-landscapes") }
        if resolution != nil { given.append("--resolution") }
        if sampleRange != nil { given.append("--sample-range") }
        if powerOption != nil { given.append("--power") }
        if bandwidthOption != nil { given.append("--bandwidth") }
        if imRange != nil { given.append("--im-range") }
        if weightOption != nil { given.append("--weight") }
        if modeOption != nil { given.append("--mode") }
        if unnormalized { given.append("--unnormalized") }
        if topOption != nil { given.append("--top") }
        if polynomialTypeOption != nil { given.append("--polynomial-type") }
        if numDirectionsOption != nil { given.append("--num-directions") }
        if bandwidthFisherOption != nil { given.append("--bandwidth-fisher") }
        if grid != nil { given.append("--grid") }
        if numLengthsOption != nil { given.append("--num-lengths") }
        if clustersOption != nil { given.append("--clusters") }
        if contrastOption != nil { given.append("--contrast") }
        if weightingOption != nil { given.append("--weighting") }
        if centers != nil { given.append("--centers") }
        if seed != nil { given.append("--seed") }
        if restartsOption != nil { given.append("--restarts") }
        return given
    }

    /// Throws a usage error for the first given option that `takes` does
    /// not hold, naming what the method takes.
    static func refuse(_ given: [String], unless takes: Set<String>, for what: String) throws {
        if let extra = given.first(where: { !takes.contains($0) }) {
            let list = takes.sorted().joined(separator: ", ")
            throw CommandError("\(extra) does not apply to \(what) (it takes \(list.isEmpty ? "no method options" : list))")
        }
    }

    /// Throws a usage error for the first given option the barcode method does not take.
    func checkMethodApplicability() throws {
        try Self.refuse(givenOptions, unless: Self.takes(method).union(Self.barcodeSelection), for: "--method \(method.rawValue)")
        if method == .entropy && mode == .scalar {
            if let extra = givenOptions.first(where: { ["--resolution", "--sample-range", "--unnormalized"].contains($0) }) {
                throw CommandError("\(extra) applies to --method entropy --mode vector only")
            }
        }
        if method == .atol && centers != nil {
            if let extra = givenOptions.first(where: { ["--clusters", "--seed", "--restarts"].contains($0) }) {
                throw CommandError("\(extra) does not apply with --centers (the centres are given, no k-means runs)")
            }
        }
    }
}

extension SignedMeasureVectorizerOptions {
    /// The options of this group typed on the command line.
    var givenOptions: [String] {
        var given: [String] = []
        if input != nil { given.append("--input") }
        if degree != nil { given.append("--degree") }
        if kernelOption != nil { given.append("--kernel") }
        if box != nil { given.append("--box") }
        if sigmaOption != nil { given.append("--sigma") }
        if directions != nil { given.append("--directions") }
        if distance { given.append("--distance") }
        return given
    }
}

extension ModuleVectorizerOptions {
    /// The options of this group typed on the command line.
    var givenOptions: [String] {
        var given: [String] = []
        if normalize { given.append("--normalize") }
        if learnBoxOption != nil { given.append("--learn-box") }
        return given
    }
}

extension VectorizeCommand {
    /// Refuses, before any file is read, every method option typed that the
    /// method (and the input kind it reads) does not take: barcode methods
    /// take none of the signed-measure or module options, and the other way
    /// round.
    func checkApplicability() throws {
        let method = options.method
        let given = options.givenOptions + measureOptions.givenOptions + moduleOptions.givenOptions
        if method.readsModules {
            var takes: Set<String> = ["--resolution", "--box", "--degree", "--learn-box"]
            takes.formUnion(method == .mmaImage ? ["--bandwidth", "--power", "--kernel", "--normalize"] : ["--num-landscapes"])
            try VectorizerOptions.refuse(given, unless: takes, for: "--method \(method.rawValue)")
            if measureOptions.box != nil, moduleOptions.learnBoxOption != nil {
                throw CommandError("--learn-box does not apply with --box (the box is given, nothing is learned)")
            }
        } else if try measureOptions.readsSignedMeasures(method) {
            if method == .convolution {
                try VectorizerOptions.refuse(given, unless: ["--bandwidth", "--resolution", "--kernel", "--box", "--degree", "--input"],
                                             for: "--method convolution")
            } else {
                try VectorizerOptions.refuse(given, unless: ["--num-directions", "--seed", "--sigma", "--directions", "--distance", "--degree", "--input"],
                                             for: "--method \(method.rawValue) --input signed-measure")
                if measureOptions.directions != nil,
                   let extra = given.first(where: { $0 == "--num-directions" || $0 == "--seed" }) {
                    throw CommandError("\(extra) does not apply with --directions (the directions are given, none are drawn)")
                }
            }
        } else {
            // Barcode methods: none of the signed-measure or module options but --input barcode.
            let others = measureOptions.givenOptions.filter { $0 != "--input" } + moduleOptions.givenOptions
            if let extra = others.first {
                throw CommandError("\(extra) does not apply to --method \(method.rawValue) (it reads barcodes; \(extra) is for signed measures or module approximations)")
            }
            try options.checkMethodApplicability()
        }
    }
}
