import Foundation
import Multipersistence

/// The image of a module approximation in one homology degree, sampled on a
/// grid, as multipers 2.3.2's `PyModule.representation` (Loiseaux, Carrière,
/// Blumberg, "A framework for fast and stable representations of
/// multiparameter persistent homology decompositions", NeurIPS 2023).
///
/// For a summand M with birth corners B and death corners D, in a box
/// [L, U], the weight is w(M) = max over b, d of max(0, min_p(min(d_p, U_p)
/// - max(b_p, L_p))) (`Summand.weight(lower:upper:)`) and the distance is
/// dist(x, M) = max(min_b max(0, max_p (b_p - x_p)), min_d max(0, max_p
/// (x_p - d_p))) (`Summand.distance(to:)`). With h the bandwidth and p the
/// power, the value at a grid point x is
/// - `.gaussian`: sum_M w(M)^p exp(-(dist(x, M) / h)^2 / 2);
/// - `.exponential`: sum_M w(M)^p exp(-dist(x, M) / h);
/// - `.linear`: sum_M w(M)^p lw(x, M) (p = 0: sum_M lw(x, M)), where the
///   local weight lw(x, M) is the weight of M restricted to the cube
///   [x - h, x + h] (births below x + h raised to x - h, deaths above x - h
///   lowered to x + h, largest diagonal of a rectangle between them),
///   divided by 2h. With `normalize`, divided by the module weight
///   sum_M w(M)^p over the summands of positive weight (p = 0: their number);
///   a module weight of 0 gives zeros, normalized or not.
///
/// No normalising constant on the kernels (multipers has none); w^0 = 1,
/// also for a summand of weight 0. Which box the weights are taken in is
/// multipers' choice too: the module's own box for the Gaussian and
/// exponential kernels (`get_interleavings()` takes no box there), the
/// explicit `box` — or, without one, the module's — for the linear kernel.
///
/// The grid is linspace(L_p, U_p, R_p) per parameter of the vectorizer's
/// box, endpoints included, listed in multipers' `flatten=True` order
/// (`grids.todense`, numpy's `meshgrid` with its default 'xy' indexing):
/// the second parameter slowest, then the first, then the third, fourth,
/// ... — for two parameters the first is fastest, index i_1 + R_1 i_2; for
/// three, index (i_2 R_1 + i_1) R_3 + i_3. Without an explicit box, `fit`
/// takes the smallest box holding every training module's box, so for one
/// module the result is exactly `module.representation(degrees=[d],
/// bandwidth=h, resolution=R, kernel=k, p=p, normalize=n, flatten=True)`;
/// with ``boxLearning`` `.corners(degrees: D)` the box spans the training
/// summands' finite corners, and the images of the degrees in D put end to
/// end are exactly multipers' `MMA2IMG(degrees=D, resolution=R, kernel=k,
/// bandwidth=h, power=p, normalize=n, flatten=True).fit(training)`
/// transform (whose `power` default is 1 and `kernel` default linear).
///
/// ```swift
/// var image = ModuleImage(degree: 1, kernel: .gaussian, bandwidth: 0.1, power: 2, resolution: 50)
/// try image.fit(modules)                 // the box: all modules' boxes
/// let row = try image.transform(module)  // 2,500 values, the first parameter fastest
/// ```
///
/// Differences from multipers: `normalize` is refused for the Gaussian and
/// exponential kernels (multipers 2.3.2 silently ignores it there); its
/// `signed` distances and callable kernels are not offered.
///
/// - Complexity: per grid point, every corner of every summand of the
///   degree is visited once (Gaussian, exponential) or every birth-death
///   pair once (linear): O(R^n x corners x n).
public struct ModuleImage: ModuleVectorizer {
    /// The kernel applied to distances (multipers' `kernel`).
    public enum Kernel: String, Sendable, CaseIterable, Equatable {
        /// exp(-(d / h)^2 / 2).
        case gaussian
        /// exp(-d / h).
        case exponential
        /// The local weight in the cube of radius h, over 2h (multipers' C++ `compute_pixels`).
        case linear
    }

    /// The largest number of values per module accepted: 10^7.
    public static let maximumGridPoints = ModuleVectorizerChecks.maximumGridPoints

    /// The homology degree vectorized.
    public var degree: Int
    /// The kernel.
    public var kernel: Kernel
    /// The bandwidth h, positive (multipers' `bandwidth`; default 0.1).
    public var bandwidth: Double
    /// The power p on the summand weights, finite and >= 0 (multipers' `p`; default 2).
    public var power: Double
    /// Divide by the module weight (linear kernel only; multipers' `normalize`).
    public var normalize: Bool
    /// Grid points per parameter: one value for every parameter, or one per parameter.
    public var resolution: [Int]
    /// An explicit box; nil: learned by `fit`.
    public var box: ParameterBox?
    /// How `fit` learns the box when `box` is nil (default: every module's box).
    public var boxLearning: ModuleBoxLearning = .moduleBoxes
    /// The box in use, once known.
    public private(set) var fittedBox: ParameterBox?

    /// An image with multipers' `representation` defaults (Gaussian,
    /// bandwidth 0.1, p = 2, 50 points per parameter).
    ///
    /// ```swift
    /// let image = ModuleImage(degree: 0, kernel: .linear, bandwidth: 0.05, normalize: true,
    ///                         box: ParameterBox(lower: [0, 0], upper: [1, 1]))
    /// ```
    public init(degree: Int = 1, kernel: Kernel = .gaussian, bandwidth: Double = 0.1, power: Double = 2,
                normalize: Bool = false, resolution: Int = 50, box: ParameterBox? = nil) {
        self.init(degree: degree, kernel: kernel, bandwidth: bandwidth, power: power, normalize: normalize,
                  resolutions: [resolution], box: box)
    }

    /// An image with `resolutions[p]` grid points along parameter p.
    ///
    /// ```swift
    /// let image = ModuleImage(degree: 1, resolutions: [60, 40])
    /// ```
    public init(degree: Int = 1, kernel: Kernel = .gaussian, bandwidth: Double = 0.1, power: Double = 2,
                normalize: Bool = false, resolutions: [Int], box: ParameterBox? = nil) {
        self.degree = degree
        self.kernel = kernel
        self.bandwidth = bandwidth
        self.power = power
        self.normalize = normalize
        self.resolution = resolutions
        self.box = box
        if let box, (try? box.validate()) != nil { fittedBox = box }
    }

    /// The number of values per module, once the box is known (nil for a bad resolution).
    ///
    /// ```swift
    /// ModuleImage(resolutions: [60, 40], box: ParameterBox(lower: [0, 0], upper: [1, 1])).outputCount  // 2400
    /// ```
    public var outputCount: Int? {
        guard let n = fittedBox?.parameterCount else { return nil }
        return try? ModuleVectorizerChecks.counts(resolution, parameters: n).total
    }

    /// Learns the box, unless `box` is given: by default the smallest box
    /// holding every module's box (see ``boxLearning``).
    ///
    /// ```swift
    /// var image = ModuleImage(degree: 1)
    /// try image.fit(trainingModules)
    /// if let box = image.fittedBox { print(box.lower, box.upper) }
    /// ```
    /// - Throws: `VectorizationError.emptyModuleFit` for no modules;
    ///   `invalidParameter` for a bad box or modules of different widths.
    public mutating func fit(_ modules: [ModuleApproximation]) throws {
        if let box {
            try box.validate()
            fittedBox = box
            return
        }
        fittedBox = try ParameterBox.learned(modules, boxLearning, degree: degree, what: "ModuleImage")
    }

    /// Checks the parameters that do not depend on the module.
    func checkParameters() throws {
        guard bandwidth > 0, bandwidth.isFinite else {
            throw VectorizationError.invalidParameter(name: "bandwidth", reason: "\(bandwidth) must be a positive number")
        }
        guard power >= 0, power.isFinite else {
            throw VectorizationError.invalidParameter(name: "power", reason: "\(power) must be a finite number >= 0")
        }
        guard !normalize || kernel == .linear else {
            throw VectorizationError.invalidParameter(
                name: "normalize", reason: "applies to the linear kernel only (multipers 2.3.2 ignores it for the \(kernel.rawValue) kernel)")
        }
    }

    /// The image of `module`'s summands of ``degree``, first parameter fastest.
    ///
    /// ```swift
    /// let values = try image.transform(module)
    /// ```
    /// - Throws: `notFitted` before `fit`; `invalidParameter` for a bad
    ///   bandwidth, power, resolution or degree, `normalize` with a
    ///   non-linear kernel, or a module whose parameter count is not the box's.
    public func transform(_ module: ModuleApproximation) throws -> [Double] {
        guard let box = fittedBox ?? self.box else { throw VectorizationError.notFitted("ModuleImage") }
        try checkParameters()
        try box.validate()
        try ModuleVectorizerChecks.check(degree: degree, module: module, box: box)
        let n = box.parameterCount
        let (counts, total) = try ModuleVectorizerChecks.counts(resolution, parameters: n)
        var out = [Double](repeating: 0, count: total)
        let summands = module.summands(degree: degree)
        if summands.isEmpty { return out }
        let grid = (0..<n).map { SampleGrid.linspace(box.lower[$0], box.upper[$0], counts[$0]) }
        let weightBox = kernel == .linear ? (self.box ?? ParameterBox(of: module)) : ParameterBox(of: module)
        let corners = FlatCorners(summands, parameters: n)
        let weights = summands.map { $0.weight(lower: weightBox.lower, upper: weightBox.upper) }
        // w^p, numpy's power for the Gaussian and exponential kernels, C++ std::pow for the linear one.
        let powered = weights.map { power == 0 ? 1 : power == 1 ? $0 : power == 2 ? $0 * $0 : Foundation.pow($0, power) }
        let linearFactors = weights.map { power == 0 ? 1 : Foundation.pow($0, power) }
        var moduleWeight = 0.0
        if kernel == .linear {
            for w in weights where w > 0 && w != .infinity { moduleWeight += power == 0 ? 1 : Foundation.pow(w, power) }
            if moduleWeight == 0 { return out }
        }
        let h = bandwidth
        var x = [Double](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: n)
        // The odometer's digits from fastest to slowest: meshgrid's 'xy'
        // order is parameters 1, 0, 2, ..., n-1 from slowest to fastest.
        let fastestFirst = n >= 2 ? Array(([1, 0] + Array(2..<n)).reversed()) : [0]
        // Cost model: one pass over every summand's corners per grid point,
        // no allocation inside (x and the corner lists are reused).
        for k in 0..<total {
            for p in 0..<n { x[p] = grid[p][index[p]] }
            var value = 0.0
            switch kernel {
            case .gaussian:
                for s in 0..<summands.count {
                    let z = corners.distance(summand: s, to: x) / h
                    value += Foundation.exp(-0.5 * (z * z)) * powered[s]
                }
            case .exponential:
                for s in 0..<summands.count {
                    value += Foundation.exp(-(corners.distance(summand: s, to: x) / h)) * powered[s]
                }
            case .linear:
                for s in 0..<summands.count {
                    let local = corners.localWeight(summand: s, at: x, delta: h)
                    value += linearFactors[s] * local
                }
                if normalize { value /= moduleWeight }
            }
            out[k] = value
            for p in fastestFirst {
                index[p] += 1
                if index[p] < counts[p] { break }
                index[p] = 0
            }
        }
        return out
    }
}

/// The corners of a list of summands in contiguous storage, for the
/// per-pixel loops of the module vectorizers.
struct FlatCorners {
    let n: Int
    /// Births of summand s: rows birthStart[s] ..< birthStart[s + 1] of `births` (n values a row).
    let births: [Double]
    let birthStart: [Int]
    let deaths: [Double]
    let deathStart: [Int]

    init(_ summands: [Summand], parameters n: Int) {
        self.n = n
        var b: [Double] = [], bs = [0], d: [Double] = [], ds = [0]
        for s in summands {
            for c in s.births { b += c }
            bs.append(bs[bs.count - 1] + s.births.count)
            for c in s.deaths { d += c }
            ds.append(ds[ds.count - 1] + s.deaths.count)
        }
        births = b; birthStart = bs; deaths = d; deathStart = ds
    }

    /// multipers' `Summand::distance_to(x, negative=false)`: the larger of
    /// min_b max(0, max_p (b_p - x_p)) and min_d max(0, max_p (x_p - d_p)).
    @inline(__always)
    func distance(summand s: Int, to x: [Double]) -> Double {
        var below = Double.infinity
        for r in birthStart[s]..<birthStart[s + 1] {
            var t = 0.0
            for p in 0..<n { let v = births[r * n + p] - x[p]; if t < v { t = v } }
            if t < below { below = t }
        }
        var above = Double.infinity
        for r in deathStart[s]..<deathStart[s + 1] {
            var t = 0.0
            for p in 0..<n { let v = x[p] - deaths[r * n + p]; if t < v { t = v } }
            if t < above { above = t }
        }
        return below < above ? above : below
    }

    /// multipers' `Summand::get_local_weight(x, delta)` for delta > 0: the
    /// largest diagonal of a rectangle of the summand inside [x - delta,
    /// x + delta], over 2 delta.
    @inline(__always)
    func localWeight(summand s: Int, at x: [Double], delta: Double) -> Double {
        var best = 0.0
        for r in birthStart[s]..<birthStart[s + 1] {
            // Births with b <= x + delta, raised to x - delta.
            var usable = true
            for p in 0..<n where births[r * n + p] > x[p] + delta { usable = false; break }
            if !usable { continue }
            for q in deathStart[s]..<deathStart[s + 1] {
                // Deaths with d >= x - delta, lowered to x + delta.
                var alive = true
                for p in 0..<n where deaths[q * n + p] < x[p] - delta { alive = false; break }
                if !alive { continue }
                var side = Double.infinity
                for p in 0..<n {
                    let b = Swift.max(births[r * n + p], x[p] - delta)
                    let d = Swift.min(deaths[q * n + p], x[p] + delta)
                    side = Swift.min(side, d - b)
                }
                if best < side { best = side }
            }
        }
        return best / (2 * Swift.abs(delta))
    }

    /// multipers' `Summand::get_landscape_value(x)`: max over b, d of
    /// max(0, min(min_p (x_p - b_p), min_p (d_p - x_p))).
    @inline(__always)
    func landscape(summand s: Int, at x: [Double]) -> Double {
        var out = 0.0
        for r in birthStart[s]..<birthStart[s + 1] {
            var up = Double.infinity
            for p in 0..<n { up = Swift.min(up, x[p] - births[r * n + p]) }
            for q in deathStart[s]..<deathStart[s + 1] {
                var down = Double.infinity
                for p in 0..<n { down = Swift.min(down, deaths[q * n + p] - x[p]) }
                let v = Swift.min(up, down)
                if out < v { out = v }
            }
        }
        return out
    }
}
