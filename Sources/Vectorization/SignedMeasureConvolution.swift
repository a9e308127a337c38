import Foundation
import Multipersistence

/// The convolution of a signed measure with a kernel, sampled on a grid, as
/// multipers 2.3.2's `SignedMeasure2Convolution` (signed measures given as
/// points and weights, its default pykeops backend):
///
///     conv(y) = (1/N) sum_i w_i K_h(y - x_i)
///
/// with N the number of atoms of the measure (not the total mass, not the
/// sum of |w_i|; an empty measure gives zeros) and, in n coordinates,
/// - `.gaussian`: K_h(z) = exp(-|z|^2 / (2 h^2)) / (h sqrt(2 pi))^n;
/// - `.exponential`: what multipers' `exponential_kernel` computes,
///   K_h(z) = exp(-|z|^2 / (2 h)) / h (its `** 1 / 2` reads as a halving,
///   so this is a Gaussian of variance h, not exp(-|z| / h)).
///
/// The grid is `filtrationGrid` when given; otherwise `fit` learns, per
/// parameter p, linspace(min_p, max_p, R_p) over the atoms of every training
/// measure (multipers' `compute_grid(strategy="regular")`: endpoints
/// included, no margin). The output is the convolution at every grid point
/// in product order — parameter 1 slowest, index i_1 R_2 ... R_n + ... + i_n
/// — which is multipers' output with `flatten=True`, and its `flatten=False`
/// image raveled row-major. A rank measure (rectangles) is convolved as
/// points of R^2n, as multipers does.
///
/// ```swift
/// var conv = SignedMeasureConvolution(kernel: .gaussian, bandwidth: 0.1, resolution: 50)
/// try conv.fit(trainingMeasures)            // a 50 x 50 grid over their atoms
/// let image = try conv.transform(measure)   // 2,500 values, row-major
/// ```
///
/// Differences from multipers: a learned grid ignores infinite coordinates
/// (multipers' would be inf/NaN; an atom at infinity still counts in N and
/// adds zero), and the bandwidth must be positive (multipers reads a
/// negative one as a fraction of the grid's diagonal).
///
/// - Complexity: per atom, sum_p R_p exponentials and prod_p R_p
///   multiply–adds (the kernels are products of one-coordinate Gaussians).
///   Reference: D. Loiseaux, L. Scoccola, M. Carrière, M. B. Botnan,
///   S. Oudot, "Stable vectorization of multiparameter persistent homology
///   using signed barcodes as measures", NeurIPS 2023.
public struct SignedMeasureConvolution: SignedMeasureVectorizer {
    /// The convolution kernel (multipers' `kernel`).
    public enum Kernel: String, Sendable, CaseIterable, Equatable {
        /// exp(-|z|^2 / (2 h^2)) / (h sqrt(2 pi))^n.
        case gaussian
        /// exp(-|z|^2 / (2 h)) / h, as multipers 2.3.2 computes its exponential kernel.
        case exponential
    }

    /// The largest number of grid points (values per measure) accepted: 10^7.
    public static let maximumGridPoints = 10_000_000

    /// The kernel.
    public var kernel: Kernel
    /// The bandwidth h (multipers' `bandwidth`), positive.
    public var bandwidth: Double
    /// Grid points per parameter for a learned grid: one value for every
    /// parameter, or one per parameter (multipers' `resolution`).
    public var resolution: [Int]
    /// An explicit grid, one list of values per parameter (multipers'
    /// `filtration_grid`); nil: learned by `fit`.
    public var filtrationGrid: [[Double]]?
    /// The grid in use, once known.
    public private(set) var fittedGrid: [[Double]]?

    /// A convolution with multipers' defaults (Gaussian, bandwidth 1) and
    /// `resolution` points per parameter, or an explicit grid.
    ///
    /// ```swift
    /// let conv = SignedMeasureConvolution(bandwidth: 0.2, filtrationGrid: [[0, 0.5, 1], [0, 1]])
    /// ```
    public init(kernel: Kernel = .gaussian, bandwidth: Double = 1, resolution: Int = 50,
                filtrationGrid: [[Double]]? = nil) {
        self.kernel = kernel
        self.bandwidth = bandwidth
        self.resolution = [resolution]
        self.filtrationGrid = filtrationGrid
        if let filtrationGrid, (try? Self.validate(grid: filtrationGrid)) != nil { fittedGrid = filtrationGrid }
    }

    /// A convolution with a learned grid of `resolutions[p]` points along parameter p.
    ///
    /// ```swift
    /// let conv = SignedMeasureConvolution(kernel: .exponential, bandwidth: 0.5, resolutions: [60, 40])
    /// ```
    public init(kernel: Kernel = .gaussian, bandwidth: Double = 1, resolutions: [Int]) {
        self.kernel = kernel
        self.bandwidth = bandwidth
        self.resolution = resolutions
        self.filtrationGrid = nil
    }

    /// The number of values per measure, once the grid is known.
    public var outputCount: Int? { fittedGrid.flatMap { Self.gridPointCount($0.map(\.count)) } }

    /// The product of the counts, or nil if it overflows.
    ///
    /// ```swift
    /// SignedMeasureConvolution.gridPointCount([50, 50])  // 2500
    /// ```
    public static func gridPointCount(_ counts: [Int]) -> Int? {
        var total = 1
        for c in counts {
            let (product, overflow) = total.multipliedReportingOverflow(by: c)
            if overflow || c < 0 { return nil }
            total = product
        }
        return total
    }

    /// Checks that a grid has at least one value per parameter, finite
    /// values, and at most ``maximumGridPoints`` points.
    static func validate(grid: [[Double]]) throws {
        guard !grid.isEmpty, grid.allSatisfy({ !$0.isEmpty }) else {
            throw VectorizationError.invalidParameter(name: "filtration grid", reason: "needs at least one value per parameter")
        }
        guard grid.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw VectorizationError.invalidParameter(name: "filtration grid", reason: "values must be finite numbers")
        }
        _ = try checkedPointCount(grid.map(\.count))
    }

    /// The number of grid points for these counts per parameter.
    ///
    /// - Throws: `VectorizationError.invalidParameter` when it is more than
    ///   ``maximumGridPoints`` (or overflows).
    static func checkedPointCount(_ counts: [Int]) throws -> Int {
        guard let total = gridPointCount(counts), total <= maximumGridPoints else {
            throw VectorizationError.invalidParameter(
                name: "resolution",
                reason: "\(counts.map(String.init).joined(separator: " x ")) grid points is more than \(maximumGridPoints)")
        }
        return total
    }

    /// Learns the grid from the atoms of `measures` (of every degree), unless
    /// `filtrationGrid` is given.
    ///
    /// - Throws: `VectorizationError.emptyMeasureFit` when no atom has a
    ///   finite coordinate along some parameter; `invalidParameter` for a
    ///   bad resolution or measures of different widths.
    public mutating func fit(_ measures: [SignedMeasure]) throws {
        if let filtrationGrid {
            try Self.validate(grid: filtrationGrid)
            fittedGrid = filtrationGrid
            return
        }
        guard let width = measures.first?.width else { throw VectorizationError.emptyMeasureFit("SignedMeasureConvolution") }
        if let other = measures.first(where: { $0.width != width }) {
            throw VectorizationError.invalidParameter(
                name: "signed measures", reason: "atoms of \(width) and of \(other.width) coordinates in one fit")
        }
        guard resolution.count == 1 || resolution.count == width else {
            throw VectorizationError.invalidParameter(
                name: "resolution", reason: "\(resolution.count) values for \(width) parameters: give one, or one per parameter")
        }
        let counts = resolution.count == 1 ? [Int](repeating: resolution[0], count: width) : resolution
        if let bad = counts.first(where: { $0 < 1 }) {
            throw VectorizationError.invalidParameter(name: "resolution", reason: "\(bad) must be at least 1")
        }
        // The size first: the grid itself is only built once it is known to fit.
        _ = try Self.checkedPointCount(counts)
        var lo = [Double](repeating: .infinity, count: width)
        var hi = [Double](repeating: -.infinity, count: width)
        for m in measures {
            let x = m.points
            for i in 0..<m.count {
                for p in 0..<width where x[i * width + p].isFinite {
                    lo[p] = Swift.min(lo[p], x[i * width + p])
                    hi[p] = Swift.max(hi[p], x[i * width + p])
                }
            }
        }
        guard lo.allSatisfy(\.isFinite) else { throw VectorizationError.emptyMeasureFit("SignedMeasureConvolution") }
        let grid = (0..<width).map { SampleGrid.linspace(lo[$0], hi[$0], counts[$0]) }
        try Self.validate(grid: grid)
        fittedGrid = grid
    }

    /// The convolution of `measure` at every grid point, product order.
    ///
    /// - Throws: `notFitted` before `fit`; `invalidParameter` for a
    ///   non-positive bandwidth or a measure whose atoms do not have one
    ///   coordinate per grid parameter.
    public func transform(_ measure: SignedMeasure) throws -> [Double] {
        guard let grid = fittedGrid else { throw VectorizationError.notFitted("SignedMeasureConvolution") }
        guard bandwidth > 0, bandwidth.isFinite else {
            throw VectorizationError.invalidParameter(name: "bandwidth", reason: "\(bandwidth) must be a positive number")
        }
        let d = grid.count
        guard measure.width == d else {
            throw VectorizationError.invalidParameter(
                name: "signed measure", reason: "its atoms have \(measure.width) coordinates, the grid \(d) parameters")
        }
        // K_h(z) = norm * exp(-|z|^2 / twoS): s = h^2 (Gaussian) or h (multipers' exponential).
        let h = bandwidth
        let twoS = 2 * (kernel == .gaussian ? h * h : h)
        let norm = kernel == .gaussian ? 1 / Foundation.pow(h * (2 * Double.pi).squareRoot(), Double(d)) : 1 / h
        guard twoS > 0, twoS.isFinite, norm > 0, norm.isFinite else {
            throw VectorizationError.invalidParameter(
                name: "bandwidth", reason: "\(h) over- or underflows the \(kernel.rawValue) kernel in \(d) dimensions")
        }
        let counts = grid.map(\.count)
        let total = try Self.checkedPointCount(counts)
        var out = [Double](repeating: 0, count: total)
        let n = measure.count
        if n == 0 { return out }
        let scale = norm / Double(n)
        var offsets = [Int](repeating: 0, count: d + 1)
        for p in 0..<d { offsets[p + 1] = offsets[p] + counts[p] }
        let flatGrid = grid.flatMap { $0 }
        var factors = [Double](repeating: 0, count: offsets[d])
        var index = [Int](repeating: 0, count: d)
        let points = measure.points, weights = measure.weights
        let last = counts[d - 1], lastOffset = offsets[d - 1]
        let outer = total / last
        // Cost model: per atom, one row of exponentials per parameter
        // (sum_p R_p), then a tensor-product update of the whole grid
        // (prod_p R_p multiply-adds), the last parameter contiguous. An atom
        // whose row underflows to zero along some parameter adds nothing and
        // is skipped, as are zero outer coefficients. Nothing is allocated.
        out.withUnsafeMutableBufferPointer { o in
            factors.withUnsafeMutableBufferPointer { f in
                flatGrid.withUnsafeBufferPointer { g in
                    points.withUnsafeBufferPointer { x in
                        guard let base = o.baseAddress else { return }
                        for i in 0..<n {
                            var vanishes = false
                            for p in 0..<d {
                                let xp = x[i * d + p]
                                var any = false
                                for k in offsets[p]..<offsets[p + 1] {
                                    let z = g[k] - xp
                                    let v = Foundation.exp(-(z * z) / twoS)
                                    f[k] = v
                                    if v != 0 { any = true }
                                }
                                if !any { vanishes = true; break }
                            }
                            if vanishes { continue }
                            let c = Double(weights[i]) * scale
                            for q in 0..<d { index[q] = 0 }
                            var start = 0
                            for _ in 0..<outer {
                                var coefficient = c
                                for q in 0..<(d - 1) { coefficient *= f[offsets[q] + index[q]] }
                                if coefficient != 0 {
                                    let row = base + start
                                    for k in 0..<last { row[k] += coefficient * f[lastOffset + k] }
                                }
                                start += last
                                // The odometer over parameters 1..<n-1, the last of them fastest.
                                var q = d - 2
                                while q >= 0 {
                                    index[q] += 1
                                    if index[q] < counts[q] { break }
                                    index[q] = 0
                                    q -= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
