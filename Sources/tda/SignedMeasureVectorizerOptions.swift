import ArgumentParser
import Foundation
import SwiftTDA

/// The options of `tda vectorize` for signed measures (the CSVs of
/// `tda signed-measure`), beside the shared ``VectorizerOptions``
/// (`--method`, `--bandwidth`, `--resolution`, `--num-directions`). Names
/// follow multipers' parameters.
struct SignedMeasureVectorizerOptions: ParsableArguments {
    enum Input: String, ExpressibleByArgument, CaseIterable {
        case barcode
        case signedMeasure = "signed-measure"
    }

    enum Kernel: String, ExpressibleByArgument, CaseIterable { case gaussian, exponential, linear }

    @Option(help: "What the files hold: barcode or signed-measure (default: signed-measure for --method convolution, barcode otherwise). sliced-wasserstein reads signed measures with --input signed-measure.")
    var input: Input?

    @Option(help: "Signed measures with a degree column, and module approximations: vectorize only this degree (default: every degree, end to end).")
    var degree: Int?

    @Option(name: .customLong("kernel"), help: "Convolution: gaussian, exp(-|z|^2/2h^2)/(h sqrt(2pi))^n, or exponential, exp(-|z|^2/2h)/h as multipers computes it. mma-image: gaussian exp(-(d/h)^2/2), exponential exp(-d/h), or linear (multipers' local weight), times w^p (default gaussian).")
    var kernelOption: Kernel?

    /// `--kernel`, default gaussian.
    var kernel: Kernel { kernelOption ?? .gaussian }

    @Option(parsing: .unconditional, help: "Convolution and mma-*: the grid's box lo1,...,lon,hi1,...,hin (--resolution points per parameter; default learned: from the atoms, as multipers' fit, or the smallest box holding every module's box).")
    var box: String?

    @Option(name: .customLong("sigma"), help: "Signed-measure sliced Wasserstein: kernel scale, exp(-SW / (2 sigma^2)) (multipers' DistanceMatrix2Kernel sigma; default 1).")
    var sigmaOption: Double?

    /// `--sigma`, default 1.
    var sigma: Double { sigmaOption ?? 1 }

    @Option(help: "Signed-measure sliced Wasserstein: a CSV of unit directions, one a row (e.g. the ones multipers drew); overrides --num-directions and --seed.")
    var directions: String?

    @Flag(help: "Signed-measure sliced Wasserstein: write the distances to the fitted measures instead of kernel values.")
    var distance = false

    /// Convolution's default grid points per parameter.
    static let defaultResolution = 50

    /// Whether `method` reads signed measures; a usage error for a method
    /// and an input that do not go together.
    func readsSignedMeasures(_ method: VectorizerOptions.Method) throws -> Bool {
        switch (input, method) {
        case (nil, .convolution), (.signedMeasure, .convolution), (.signedMeasure, .slicedWasserstein):
            return true
        case (.barcode, .convolution):
            throw CommandError("--method convolution reads signed measures (the CSVs of tda signed-measure), not barcodes")
        case (.signedMeasure, _):
            throw CommandError("--input signed-measure works with --method convolution or sliced-wasserstein, not \(method.rawValue)")
        default:
            return false
        }
    }

    /// The convolution the options describe for atoms of `width` coordinates.
    func convolution(bandwidth: Double, resolution: Int?, width: Int) throws -> SignedMeasureConvolution {
        let r = try Self.checkedResolution(resolution)
        guard let points = SignedMeasureConvolution.gridPointCount([Int](repeating: r, count: width)),
              points <= SignedMeasureConvolution.maximumGridPoints else {
            throw CommandError("--resolution \(r) gives \(r)^\(width) grid points for \(width) coordinates: at most \(SignedMeasureConvolution.maximumGridPoints)")
        }
        let k: SignedMeasureConvolution.Kernel = kernel == .gaussian ? .gaussian : .exponential
        guard let box else { return SignedMeasureConvolution(kernel: k, bandwidth: bandwidth, resolution: r) }
        let corners = try VectorizerOptions.numbers(box, count: 2 * width, option: "--box")
        let grid = try (0..<width).map { p -> [Double] in
            let lo = corners[p], hi = corners[width + p]
            guard lo <= hi else { throw CommandError("--box: the lower corner \(lo) is above the upper \(hi) along parameter \(p + 1)") }
            return SampleGrid.linspace(lo, hi, r)
        }
        return SignedMeasureConvolution(kernel: k, bandwidth: bandwidth, resolution: r, filtrationGrid: grid)
    }

    /// `--resolution` for the convolution, checked before any file is read.
    static func checkedResolution(_ resolution: Int?) throws -> Int {
        let r = resolution ?? defaultResolution
        guard r >= 1 else { throw CommandError("--resolution must be at least 1") }
        guard r <= SignedMeasureConvolution.maximumGridPoints else {
            throw CommandError("--resolution \(r) is too large: at most \(SignedMeasureConvolution.maximumGridPoints) grid points in all")
        }
        return r
    }

    /// Usage checks that need no file.
    func validate(method: VectorizerOptions.Method, options: VectorizerOptions) throws {
        switch method {
        case .convolution:
            if kernel == .linear { throw CommandError("--kernel linear is for --method mma-image; the convolution takes gaussian or exponential") }
            if !(options.bandwidth > 0) || !options.bandwidth.isFinite { throw CommandError("--bandwidth must be a positive number") }
            _ = try Self.checkedResolution(options.resolution)
            if let box { _ = try box.split(separator: ",").map { s -> Double in
                guard let v = NumberGrammar.parse(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw CommandError("--box '\(box)' must be comma-separated numbers")
                }
                return v
            } }
        default:
            if !(sigma > 0) || !sigma.isFinite || !(2 * sigma * sigma > 0) || !(2 * sigma * sigma).isFinite {
                throw CommandError("--sigma must be a positive number")
            }
            if directions == nil, options.numDirections < 1 { throw CommandError("--num-directions must be at least 1") }
        }
    }

    /// The directions of `--directions FILE`: one a row, comma separated, an
    /// optional header line; nil without the option.
    func loadDirections() throws -> [[Double]]? {
        guard let path = directions else { return nil }
        let name = path == "-" ? "stdin" : path
        var rows: [[Double]] = []
        try CSVLines.forEach(try FileInput.bytes(atPath: path), name: name) { line in
            let values = (0..<line.count).map { line.double($0) }
            if rows.isEmpty, line.number == 1, values.allSatisfy({ $0 == nil }) { return }   // a header
            let row = values.compactMap { $0 }
            guard row.count == values.count, row.allSatisfy(\.isFinite) else {
                throw InputError("\(name) line \(line.number): directions must be finite numbers, found '\(line.text)'")
            }
            if let first = rows.first, first.count != row.count {
                throw InputError("\(name) line \(line.number) has \(row.count) values, expected \(first.count)")
            }
            guard row.contains(where: { $0 != 0 }) else { throw InputError("\(name) line \(line.number): a direction must not be zero") }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw InputError("\(name) holds no directions") }
        return rows
    }
}
