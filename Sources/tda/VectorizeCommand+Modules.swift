import ArgumentParser
import Foundation
import SwiftTDA

/// The options of `tda vectorize --method mma-image|mma-landscape` beside
/// the shared ones (`--bandwidth`, `--resolution`, `--power`,
/// `--num-landscapes`, `--kernel`, `--box`, `--degree`). Names follow
/// multipers' `representation` parameters.
struct ModuleVectorizerOptions: ParsableArguments {
    enum LearnBox: String, ExpressibleByArgument, CaseIterable { case modules, corners }

    @Flag(help: "mma-image with --kernel linear: divide by the module weight, sum of w^p (multipers' normalize).")
    var normalize = false

    @Option(name: .customLong("learn-box"), help: "mma-*: without --box, learn it as the smallest box holding every fitted module's box (modules, the default), or from the fitted summands' finite corners in the degrees vectorized (corners: multipers' MMA2IMG grid).")
    var learnBoxOption: LearnBox?

    /// `--learn-box`, default modules.
    var learnBox: LearnBox { learnBoxOption ?? .modules }
}

extension VectorizeCommand {
    /// multipers' `representation` defaults.
    static let moduleBandwidth = 0.1, modulePower = 2.0, moduleImageResolution = 50, moduleLandscapeResolution = 100

    /// Usage checks that need no file (exit 2).
    func validateModuleOptions() throws {
        let method = options.method
        if let h = options.bandwidthOption, !(h > 0 && h.isFinite) { throw CommandError("--bandwidth must be a positive number") }
        if let p = options.powerOption, !(p >= 0 && p.isFinite) { throw CommandError("--power must be a finite number >= 0") }
        if let r = options.resolution, r < 1 || r > ModuleImage.maximumGridPoints {
            throw CommandError("--resolution must be between 1 and \(ModuleImage.maximumGridPoints)")
        }
        if let d = measureOptions.degree, d < 0 { throw CommandError("--degree must be at least 0") }
        if method == .mmaLandscape {
            if options.numLandscapes < 1 || options.numLandscapes > ModuleLandscape.maximumGridPoints {
                throw CommandError("--num-landscapes must be between 1 and \(ModuleLandscape.maximumGridPoints)")
            }
            if options.bandwidthOption != nil || options.powerOption != nil || moduleOptions.normalize || measureOptions.kernel != .gaussian {
                throw CommandError("--method mma-landscape takes no --bandwidth, --power, --kernel or --normalize (they are mma-image's)")
            }
        }
        if method == .mmaImage, moduleOptions.normalize, measureOptions.kernel != .linear {
            throw CommandError("--normalize applies to --kernel linear only (multipers 2.3.2 ignores it for the \(measureOptions.kernel.rawValue) kernel)")
        }
        if measureOptions.input != nil { throw CommandError("--input is for barcodes and signed measures; --method \(method.rawValue) reads tda mma files") }
    }

    /// `--box` as a box of `n` parameters, or nil.
    func moduleBox(parameters n: Int) throws -> ParameterBox? {
        guard let text = measureOptions.box else { return nil }
        let v = try VectorizerOptions.numbers(text, count: 2 * n, option: "--box")
        let box = ParameterBox(lower: Array(v[..<n]), upper: Array(v[n...]))
        for p in 0..<n where box.lower[p] > box.upper[p] {
            throw CommandError("--box: the lower corner \(box.lower[p]) is above the upper \(box.upper[p]) along parameter \(p + 1)")
        }
        return box
    }

    /// The rows of `--method mma-image` and `mma-landscape`: per input file,
    /// the vectors of the degrees (every degree some file holds, ascending,
    /// or `--degree`) end to end, on one box for all (given, or learned
    /// from the inputs or `--fit-on` files).
    func moduleRows() throws -> [[Double]] {
        try moduleRows { given in
            let inputs = try files.map { try ModuleFile(atPath: $0, box: given) }
            return (inputs, fitOn.isEmpty ? nil : try fitOn.map { try ModuleFile(atPath: $0, box: given) })
        }
    }

    /// The same rows for modules `load` reads given the `--box` (inputs, and
    /// the files to fit on, nil: the inputs), over `fixedDegrees` when given
    /// (`tda batch`: rows of one length whatever degrees an input holds).
    func moduleRows(fixedDegrees: [Int]? = nil,
                    load: (ParameterBox?) throws -> (inputs: [ModuleFile], fit: [ModuleFile]?)) throws -> [[Double]] {
        try validateModuleOptions()
        // --box before the files: its count of numbers gives the CSVs' box too.
        var given: ParameterBox?
        if let text = measureOptions.box {
            let count = text.split(separator: ",", omittingEmptySubsequences: false).count
            guard count >= 4, count % 2 == 0 else {
                throw CommandError("--box '\(text)': give the lower corner then the upper corner, n >= 2 numbers each")
            }
            given = try moduleBox(parameters: count / 2)
        }
        let (inputs, fit) = try load(given)
        let fitFiles = fit ?? inputs
        guard let n = inputs.first?.module.parameterCount else { throw CommandError("give at least one tda mma file") }
        for f in inputs + fitFiles where f.module.parameterCount != n {
            throw InputError("\(inputs[0].name) holds a module of \(n) parameters and \(f.name) of \(f.module.parameterCount): give modules of one kind")
        }
        if let given, given.parameterCount != n {
            throw CommandError("--box has \(given.parameterCount) coordinates per corner, the modules \(n) parameters")
        }
        let present = Set((inputs + fitFiles).flatMap { $0.module.degrees }).sorted()
        let degrees: [Int]
        if let fixedDegrees {
            degrees = fixedDegrees
        } else if let d = measureOptions.degree {
            guard present.contains(d) else {
                let list = present.isEmpty ? "no summands" : "degrees " + present.map(String.init).joined(separator: ", ")
                throw InputError("--degree \(d): the module files hold \(list)")
            }
            degrees = [d]
        } else {
            guard !present.isEmpty else { throw InputError("the module files hold no summands: nothing to vectorize") }
            degrees = present
        }
        // The size of a row, checked before any work.
        let image = options.method == .mmaImage
        let r = options.resolution ?? (image ? Self.moduleImageResolution : Self.moduleLandscapeResolution)
        var size = image ? 1 : options.numLandscapes
        for _ in 0..<n {
            let (s, overflow) = size.multipliedReportingOverflow(by: r)
            guard !overflow, s <= ModuleImage.maximumGridPoints else {
                throw CommandError("--resolution \(r) gives \(r)^\(n)\(image ? "" : " x \(options.numLandscapes) landscapes") values per degree: at most \(ModuleImage.maximumGridPoints)")
            }
            size = s
        }
        let training = fitFiles.map(\.module)
        let learning: ModuleBoxLearning = moduleOptions.learnBox == .corners ? .corners(degrees: degrees) : .moduleBoxes
        let vectorizers = try degrees.map { degree -> any ModuleVectorizer in
            var v: any ModuleVectorizer
            if image {
                let kernel: ModuleImage.Kernel = measureOptions.kernel == .linear ? .linear : measureOptions.kernel == .exponential ? .exponential : .gaussian
                var m = ModuleImage(degree: degree, kernel: kernel, bandwidth: options.bandwidthOption ?? Self.moduleBandwidth,
                                    power: options.powerOption ?? Self.modulePower, normalize: moduleOptions.normalize,
                                    resolution: r, box: given)
                m.boxLearning = learning
                v = m
            } else {
                var m = ModuleLandscape(degree: degree, numLandscapes: options.numLandscapes, resolution: r, box: given)
                m.boxLearning = learning
                v = m
            }
            do {
                try v.fit(training)
            } catch VectorizationError.emptyModuleFit {
                throw InputError("the fitted modules' summands in degree \(degrees.map(String.init).joined(separator: ", ")) have no finite corner coordinate along some parameter: give --box, or --learn-box modules")
            }
            return v
        }
        let modules = inputs.map(\.module), names = inputs.map(\.name)
        let jobs = threadCount(threads)
        return try Self.rows(count: modules.count, jobs: jobs) { i in
            do {
                return try vectorizers.flatMap { try $0.transform(modules[i]) }
            } catch {
                throw FileError(path: names[i], underlying: CLIError.message(for: error))
            }
        }
    }
}
