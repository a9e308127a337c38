import ArgumentParser
import Foundation
import SwiftTDA

extension Atol.Contrast: ExpressibleByArgument {}
extension Atol.Weighting: ExpressibleByArgument {}

/// The method options of `tda vectorize`, shared with the `vectorize` stage
/// of `tda batch`. Names follow GUDHI's parameters.
struct VectorizerOptions: ParsableArguments {
    enum Method: String, ExpressibleByArgument, CaseIterable {
        case landscape, silhouette, image, bettiCurve = "betti-curve", entropy
        case topologicalVector = "topological-vector", complexPolynomial = "complex-polynomial"
        case slicedWasserstein = "sliced-wasserstein", persistenceWeightedGaussian = "persistence-weighted-gaussian"
        case persistenceScaleSpace = "persistence-scale-space", persistenceFisher = "persistence-fisher"
        case persistenceLengths = "persistence-lengths", atol
        case convolution, mmaImage = "mma-image", mmaLandscape = "mma-landscape"

        /// Whether the method reads module approximations (the output of `tda mma`).
        var readsModules: Bool { self == .mmaImage || self == .mmaLandscape }

        var isKernel: Bool {
            [.slicedWasserstein, .persistenceWeightedGaussian, .persistenceScaleSpace, .persistenceFisher].contains(self)
        }
    }

    enum Weight: String, ExpressibleByArgument, CaseIterable { case constant, persistence }
    enum EntropyMode: String, ExpressibleByArgument, CaseIterable { case scalar, vector }

    @Option(help: "landscape, silhouette, image, betti-curve, entropy, topological-vector, complex-polynomial, persistence-lengths, atol, or the kernels sliced-wasserstein, persistence-weighted-gaussian, persistence-scale-space, persistence-fisher (rows of kernel values against the fitted diagrams); for signed measures, convolution and sliced-wasserstein (with --input signed-measure); for module approximations (tda mma output), mma-image and mma-landscape.")
    var method: Method

    @Option(name: .customLong("dim"), help: "Barcode methods: the homology dimension to vectorize (default 1).")
    var dimOption: Int?

    /// `--dim`, default 1.
    var dim: Int { dimOption ?? 1 }

    @Option(name: .customLong("essential-death"), help: "Give essential bars this death instead of dropping them.")
    var essentialDeath: Double?

    @Option(name: .customLong("num-landscapes"), help: "Landscape and mma-landscape: number of landscapes (default 5).")
    var numLandscapesOption: Int?

    /// `--num-landscapes`, default 5.
    var numLandscapes: Int { numLandscapesOption ?? 5 }

    @Option(help: "Samples per function (100), or pixels per side for image (20), or bins for entropy vector, or grid points per parameter for convolution and mma-image (50) and mma-landscape (100).")
    var resolution: Int?

    @Option(name: .customLong("sample-range"), help: "a,b: explicit sampling interval (default: learned by the fit, ends not sampled).")
    var sampleRange: String?

    @Option(name: .customLong("power"), help: "Silhouette: weight (d - b)^power (0 is GUDHI's constant weight; default 1); mma-image: the power p on the summand weights (default 2).")
    var powerOption: Double?

    /// `--power`, with the barcode methods' default 1.
    var power: Double { powerOption ?? 1 }

    @Option(name: .customLong("bandwidth"), help: "Image / weighted Gaussian / scale-space / convolution: Gaussian bandwidth; sliced-wasserstein (barcodes) and fisher: kernel bandwidth (default 1); mma-image: the kernel's bandwidth (default 0.1).")
    var bandwidthOption: Double?

    /// `--bandwidth`, with the barcode and signed-measure methods' default 1.
    var bandwidth: Double { bandwidthOption ?? 1 }

    @Option(name: .customLong("im-range"), help: "Image: a,b,c,d = birth min,max, persistence min,max (default learned).")
    var imRange: String?

    @Option(name: .customLong("weight"), help: "Image / weighted Gaussian: constant or persistence (default constant).")
    var weightOption: Weight?

    /// `--weight`, default constant.
    var weight: Weight { weightOption ?? .constant }

    @Option(name: .customLong("mode"), help: "Entropy: scalar or vector (default scalar).")
    var modeOption: EntropyMode?

    /// `--mode`, default scalar.
    var mode: EntropyMode { modeOption ?? .scalar }

    @Flag(name: .customLong("unnormalized"), help: "Entropy vector: do not divide by the L1 norm.")
    var unnormalized = false

    @Option(name: .customLong("top"), help: "Topological vector / complex polynomial: number of values (GUDHI's threshold; -1 = largest diagram; default 10).")
    var topOption: Int?

    /// `--top`, default 10.
    var top: Int { topOption ?? 10 }

    @Option(name: .customLong("polynomial-type"), help: "Complex polynomial: R, S or T (default R).")
    var polynomialTypeOption: String?

    /// `--polynomial-type`, default R.
    var polynomialType: String { polynomialTypeOption ?? "R" }

    @Option(name: .customLong("num-directions"), help: "Sliced Wasserstein: GUDHI's num_directions for barcodes (uses num_directions - 1 lines); multipers' num_directions lines for signed measures (default 10).")
    var numDirectionsOption: Int?

    /// `--num-directions`, default 10.
    var numDirections: Int { numDirectionsOption ?? 10 }

    @Option(name: .customLong("bandwidth-fisher"), help: "Persistence Fisher: smoothing bandwidth (default 1).")
    var bandwidthFisherOption: Double?

    /// `--bandwidth-fisher`, default 1.
    var bandwidthFisher: Double { bandwidthFisherOption ?? 1 }

    @Option(help: "Betti curve: 'exact' (the step function on every birth and death of the fitted diagrams, GUDHI's resolution=None) or a FILE of grid values (one per line or comma-separated, increasing; inf allowed: GUDHI's predefined_grid).")
    var grid: String?

    @Option(name: .customLong("num-lengths"), help: "Persistence lengths: the number of longest bar lengths (default 5).")
    var numLengthsOption: Int?

    /// `--num-lengths`, default 5.
    var numLengths: Int { numLengthsOption ?? 5 }

    @Option(name: .customLong("clusters"), help: "Atol: the number of k-means centres (default 2, as GUDHI's default quantiser).")
    var clustersOption: Int?

    /// `--clusters`, default 2.
    var clusters: Int { clustersOption ?? 2 }

    @Option(name: .customLong("contrast"), help: "Atol: contrast function gaussian exp(-t^2), laplacian exp(-t) or indicator clip(2 - t, 0, 1), t = distance / centre scale (default gaussian).")
    var contrastOption: Atol.Contrast?

    /// `--contrast`, default gaussian.
    var contrast: Atol.Contrast { contrastOption ?? .gaussian }

    @Option(name: .customLong("weighting"), help: "Atol: point weights cloud (1) or iidproba (1/N in a diagram of N points; default cloud).")
    var weightingOption: Atol.Weighting?

    /// `--weighting`, default cloud.
    var weighting: Atol.Weighting { weightingOption ?? .cloud }

    @Option(help: "Atol: a CSV of centres, birth,death a row (e.g. GUDHI's atol.centers); the fit then only computes their scales.")
    var centers: String?

    @Option(help: "Atol: the k-means++ seed (default 0); signed-measure sliced Wasserstein: the seed of its random directions (default 42).")
    var seed: UInt64?

    @Option(name: .customLong("restarts"), help: "Atol: the number of seeded k-means runs; the one with the least inertia is kept (default 10).")
    var restartsOption: Int?

    /// `--restarts`, default 10.
    var restarts: Int { restartsOption ?? 10 }

    @Flag(name: .customLong("reject-below-diagonal"), help: "Refuse points with death < birth in the inputs (default: accept them, as GUDHI does).")
    var rejectBelowDiagonal = false

    /// Parses "a,b,..." into exactly `count` numbers.
    static func numbers(_ text: String, count: Int, option: String) throws -> [Double] {
        let parts = text.split(separator: ",").map { NumberGrammar.parse($0.trimmingCharacters(in: .whitespaces)) }
        let values = parts.compactMap { $0 }.filter(\.isFinite)
        guard parts.count == count, values.count == count else {
            throw CommandError("\(option) '\(text)' must be \(count) comma-separated numbers")
        }
        return values
    }

    /// Whether the vectorizer needs a fit on data (a learned range or kernel training set).
    var needsData: Bool {
        switch method {
        case .landscape, .silhouette: return sampleRange == nil
        case .bettiCurve: return grid == "exact" || (grid == nil && sampleRange == nil)
        case .persistenceLengths: return false
        case .atol: return true
        case .entropy: return mode == .vector && sampleRange == nil
        case .image: return imRange == nil
        case .topologicalVector, .complexPolynomial: return top == -1
        default: return true
        }
    }

    func makeVectorizer() throws -> any Vectorizer {
        try checkRealParameters()
        try checkMethodApplicability()
        if dim < 0 { throw CommandError("--dim must be at least 0") }
        if let v = essentialDeath, !v.isFinite {
            throw CommandError("--essential-death must be a finite number, got \(v) (essential bars would vanish)")
        }
        var range: (Double?, Double?) = (nil, nil)
        if let sampleRange {
            let r = try Self.numbers(sampleRange, count: 2, option: "--sample-range")
            range = (r[0], r[1])
        }
        if let r = resolution, r < 1 { throw CommandError("--resolution must be at least 1") }
        if bandwidth <= 0 || !bandwidth.isFinite { throw CommandError("--bandwidth must be a positive number") }
        switch method {
        case .landscape:
            if numLandscapes < 1 { throw CommandError("--num-landscapes must be at least 1") }
            return Landscape(numLandscapes: numLandscapes, resolution: resolution ?? 100, sampleRange: range)
        case .silhouette:
            return Silhouette(power: power, resolution: resolution ?? 100, sampleRange: range)
        case .image:
            var ir: [Double?] = [nil, nil, nil, nil]
            if let imRange { ir = try Self.numbers(imRange, count: 4, option: "--im-range").map { $0 } }
            let r = resolution ?? 20
            return PersistenceImage(bandwidth: bandwidth, resolution: (r, r),
                                    weight: weight == .persistence ? .persistencePower(1) : .constant, imRange: ir)
        case .bettiCurve:
            if grid == "exact" {
                if resolution != nil || sampleRange != nil { throw CommandError("--grid exact takes no --resolution or --sample-range") }
                return BettiCurve(resolution: nil)
            }
            if let grid {
                if resolution != nil || sampleRange != nil { throw CommandError("--grid FILE takes no --resolution or --sample-range") }
                return BettiCurve(predefinedGrid: try Self.gridValues(grid))
            }
            return BettiCurve(resolution: resolution ?? 100, sampleRange: range)
        case .persistenceLengths:
            if numLengths < 1 || numLengths > PersistenceLengths.maximumLengths {
                throw CommandError("--num-lengths must be between 1 and \(PersistenceLengths.maximumLengths)")
            }
            return PersistenceLengths(numLengths: numLengths)
        case .atol:
            if let centers {
                return try Atol(centers: Self.centerRows(centers), contrast: contrast, weighting: weighting)
            }
            if clusters < 1 || clusters > Atol.maximumClusters { throw CommandError("--clusters must be between 1 and \(Atol.maximumClusters)") }
            if restarts < 1 || restarts > 10_000 { throw CommandError("--restarts must be between 1 and 10000") }
            return Atol(clusters: clusters, contrast: contrast, weighting: weighting, seed: seed ?? 0, restarts: restarts)
        case .entropy:
            return PersistenceEntropy(mode: mode == .vector ? .vector : .scalar, normalized: !unnormalized,
                                      resolution: resolution ?? 100, sampleRange: range)
        case .topologicalVector:
            return TopologicalVector(threshold: top)
        case .complexPolynomial:
            guard let t = ComplexPolynomial.PolynomialType(rawValue: polynomialType.uppercased()) else {
                throw CommandError("--polynomial-type must be R, S or T")
            }
            return ComplexPolynomial(type: t, threshold: top)
        case .slicedWasserstein:
            if numDirections < 2 { throw CommandError("--num-directions must be at least 2") }
            return SlicedWassersteinKernel(numDirections: numDirections, bandwidth: bandwidth)
        case .persistenceWeightedGaussian:
            return PersistenceWeightedGaussianKernel(bandwidth: bandwidth, weight: weight == .persistence ? .persistencePower(1) : .constant)
        case .persistenceScaleSpace:
            return PersistenceScaleSpaceKernel(bandwidth: bandwidth)
        case .persistenceFisher:
            if bandwidthFisher <= 0 { throw CommandError("--bandwidth-fisher must be a positive number") }
            return PersistenceFisherKernel(bandwidthFisher: bandwidthFisher, bandwidth: bandwidth)
        case .convolution:
            throw CommandError("--method convolution reads signed measures: run tda vectorize on the CSVs of tda signed-measure")
        case .mmaImage, .mmaLandscape:
            throw CommandError("--method \(method.rawValue) reads module approximations: run tda vectorize on the CSV or JSON files of tda mma")
        }
    }

    /// The values of a `--grid FILE`: numbers separated by commas or new
    /// lines, non-decreasing, no NaN (infinities allowed, as in GUDHI).
    static func gridValues(_ path: String) throws -> [Double] {
        let text = String(decoding: try FileInput.bytes(atPath: path), as: UTF8.self)
        var values: [Double] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            for cell in trimmed.split(separator: ",") {
                let word = cell.trimmingCharacters(in: .whitespaces)
                guard let v = NumberGrammar.parse(word), !v.isNaN else { throw FileError(path: path, underlying: "line \(n + 1): '\(word)' is not a number") }
                values.append(v)
            }
        }
        guard !values.isEmpty else { throw FileError(path: path, underlying: "no grid values") }
        guard zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw FileError(path: path, underlying: "grid values must be non-decreasing")
        }
        return values
    }

    /// The rows of a `--centers FILE`: `birth,death` each, header optional.
    static func centerRows(_ path: String) throws -> [[Double]] {
        let text = String(decoding: try FileInput.bytes(atPath: path), as: UTF8.self)
        var rows: [[Double]] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let cells = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { NumberGrammar.parse($0.trimmingCharacters(in: .whitespaces)) }
            if rows.isEmpty && cells.contains(where: { $0 == nil }) && n == 0 { continue }  // a header
            guard cells.count == 2, let b = cells[0], let d = cells[1], b.isFinite, d.isFinite else {
                throw FileError(path: path, underlying: "line \(n + 1): expected two finite numbers birth,death")
            }
            rows.append([b, d])
        }
        guard !rows.isEmpty else { throw FileError(path: path, underlying: "no centres") }
        return rows
    }

    /// The selection every method sees: finite bars of `--dim`, essential ones
    /// dropped or given `--essential-death`.
    var selector: DiagramSelector { DiagramSelector(essentialDeath: essentialDeath) }

    /// The bars a vectorizer sees; `--essential-death` below an essential
    /// bar's birth (which would make it vanish) is refused, naming `path`.
    func diagram(of barcode: Barcode, path: String? = nil) throws -> [Bar] {
        let bars = barcode[dim]
        if let v = essentialDeath {
            guard v.isFinite else { throw CommandError("--essential-death must be a finite number, got \(v) (essential bars would vanish)") }
            if let bar = bars.first(where: { $0.isEssential && $0.birth > v }) {
                let where_ = path.map { "\($0): " } ?? ""
                throw InputError("\(where_)--essential-death \(VectorOutput.number(v)) is below the birth \(VectorOutput.number(bar.birth)) of an essential bar in dimension \(dim); give a value at least every essential birth")
            }
        }
        return selector.transform(bars)
    }
}

/// Reads a barcode CSV, naming the file in any error.
func readBarcode(atPath path: String, allowsBelowDiagonal: Bool = true) throws -> Barcode {
    let bytes = try FileInput.bytes(atPath: path)
    do {
        return try Barcode(csvBytes: bytes, allowsBelowDiagonal: allowsBelowDiagonal)
    } catch {
        throw CommandError.file(path, error)
    }
}

extension CommandError {
    /// An error prefixed with the file it concerns.
    static func file(_ path: String, _ error: Error) -> FileError {
        FileError(path: path, underlying: CLIError.message(for: error))
    }
}

/// A non-usage error about one input file (exit 1).
struct FileError: Error, CustomStringConvertible {
    var path: String
    var underlying: String
    var description: String { "\(path): \(underlying)" }
}

/// Runs async work from a synchronous command and waits for it.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw CommandError("internal error: task finished without a result") }
    return try result.get()
}

/// A result handed from a task to the waiting thread (guarded by the semaphore).
final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
