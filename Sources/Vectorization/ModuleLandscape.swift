import Multipersistence

/// The multiparameter persistence landscapes of a module approximation in
/// one homology degree, sampled on a grid, as multipers 2.3.2's
/// `PyModule.landscapes` (Vipond, "Multiparameter persistence landscapes",
/// JMLR 2020, on MMA's interval summands).
///
/// A summand M with birth corners B and death corners D has the landscape
/// lambda_M(x) = max over b, d of max(0, min(min_p (x_p - b_p), min_p
/// (d_p - x_p))) — the radius of the largest cube around x inside a
/// rectangle [b, d] of M, not clipped to any box (`Summand.landscape(at:)`).
/// The k-th landscape lambda_k(x) is the (k+1)-th largest of the summands'
/// values at x (0 when there are fewer summands), k = 0, ..., K - 1.
///
/// The grid is multipers' too: x_p = L_p + i (U_p - L_p) / R_p for
/// i = 0, ..., R_p - 1 — the lower end included, the upper end NOT sampled.
/// The output lists lambda_0 over the grid, then lambda_1, ...; within a
/// landscape the first parameter is slowest (index i_1 R_2 + i_2 for two
/// parameters), which is `numpy.ravel` of multipers' (K, R_1, R_2) array.
/// multipers computes two parameters only; here any number works, the
/// same way. Without an explicit box, `fit` takes the smallest box holding
/// every training module's box, so for one module the result is exactly
/// `module.landscapes(d, ks=range(K), resolution=R).ravel()`.
///
/// ```swift
/// var landscape = ModuleLandscape(degree: 1, numLandscapes: 5, resolution: 100)
/// try landscape.fit(modules)
/// let row = try landscape.transform(module)   // 5 x 100 x 100 values
/// ```
///
/// multipers' `MMA2Landscape` sums the K landscapes (`phi=np.sum`); here they
/// stay side by side: add the K blocks for its vector.
///
/// - Complexity: per grid point, every birth-death pair of every summand
///   of the degree, then a partial selection of the K largest values.
public struct ModuleLandscape: ModuleVectorizer {
    /// The largest number of values per module accepted: 10^7.
    public static let maximumGridPoints = ModuleVectorizerChecks.maximumGridPoints

    /// The homology degree vectorized.
    public var degree: Int
    /// The number K of landscapes (multipers' `ks = range(K)`), at least 1.
    public var numLandscapes: Int
    /// Grid points per parameter: one value for every parameter, or one per parameter.
    public var resolution: [Int]
    /// An explicit box; nil: learned by `fit`.
    public var box: ParameterBox?
    /// How `fit` learns the box when `box` is nil (default: every module's box).
    public var boxLearning: ModuleBoxLearning = .moduleBoxes
    /// The box in use, once known.
    public private(set) var fittedBox: ParameterBox?

    /// Landscapes 0 ..< `numLandscapes` on `resolution` points per parameter
    /// (multipers' `landscapes` default: 100 x 100).
    ///
    /// ```swift
    /// let l = ModuleLandscape(degree: 1, numLandscapes: 3, resolution: 50,
    ///                         box: ParameterBox(lower: [0, 0], upper: [1, 1]))
    /// ```
    public init(degree: Int = 1, numLandscapes: Int = 5, resolution: Int = 100, box: ParameterBox? = nil) {
        self.init(degree: degree, numLandscapes: numLandscapes, resolutions: [resolution], box: box)
    }

    /// Landscapes on `resolutions[p]` points along parameter p.
    ///
    /// ```swift
    /// let l = ModuleLandscape(degree: 0, numLandscapes: 2, resolutions: [80, 40])
    /// ```
    public init(degree: Int = 1, numLandscapes: Int = 5, resolutions: [Int], box: ParameterBox? = nil) {
        self.degree = degree
        self.numLandscapes = numLandscapes
        self.resolution = resolutions
        self.box = box
        if let box, (try? box.validate()) != nil { fittedBox = box }
    }

    /// The number of values per module, once the box is known (nil for bad parameters).
    ///
    /// ```swift
    /// ModuleLandscape(numLandscapes: 3, resolution: 10, box: ParameterBox(lower: [0, 0], upper: [1, 1])).outputCount  // 300
    /// ```
    public var outputCount: Int? {
        guard let n = fittedBox?.parameterCount, numLandscapes >= 1 else { return nil }
        return try? ModuleVectorizerChecks.counts(resolution, parameters: n, copies: numLandscapes).total
    }

    /// Learns the box, unless `box` is given: by default the smallest box
    /// holding every module's box (see ``boxLearning``).
    ///
    /// ```swift
    /// var landscape = ModuleLandscape(degree: 1)
    /// landscape.boxLearning = .corners(degrees: nil)
    /// try landscape.fit(trainingModules)
    /// ```
    /// - Throws: `VectorizationError.emptyModuleFit` for no modules;
    ///   `invalidParameter` for a bad box or modules of different widths.
    public mutating func fit(_ modules: [ModuleApproximation]) throws {
        if let box {
            try box.validate()
            fittedBox = box
            return
        }
        fittedBox = try ParameterBox.learned(modules, boxLearning, degree: degree, what: "ModuleLandscape")
    }

    /// The K landscapes of `module`'s summands of ``degree``, end to end.
    ///
    /// ```swift
    /// let values = try landscape.transform(module)
    /// ```
    /// - Throws: `notFitted` before `fit`; `invalidParameter` for a bad
    ///   number of landscapes, resolution or degree, or a module whose
    ///   parameter count is not the box's.
    public func transform(_ module: ModuleApproximation) throws -> [Double] {
        guard let box = fittedBox ?? self.box else { throw VectorizationError.notFitted("ModuleLandscape") }
        try box.validate()
        guard numLandscapes >= 1 else {
            throw VectorizationError.invalidParameter(name: "number of landscapes", reason: "\(numLandscapes) must be at least 1")
        }
        try ModuleVectorizerChecks.check(degree: degree, module: module, box: box)
        let n = box.parameterCount
        let (counts, total) = try ModuleVectorizerChecks.counts(resolution, parameters: n, copies: numLandscapes)
        var out = [Double](repeating: 0, count: total)
        let summands = module.summands(degree: degree)
        if summands.isEmpty { return out }
        let pixels = total / numLandscapes
        let steps = (0..<n).map { (box.upper[$0] - box.lower[$0]) / Double(counts[$0]) }
        let corners = FlatCorners(summands, parameters: n)
        let k = numLandscapes
        var x = [Double](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: n)
        var top = [Double](repeating: 0, count: k)
        // Cost model: per grid point, one pass over the summands keeping the
        // K largest values in `top` (insertion, K small); nothing allocated.
        // The odometer runs the LAST parameter fastest (C order).
        for pixel in 0..<pixels {
            for p in 0..<n { x[p] = box.lower[p] + steps[p] * Double(index[p]) }
            for j in 0..<k { top[j] = 0 }
            var filled = 0
            for s in 0..<summands.count {
                let v = corners.landscape(summand: s, at: x)
                // Insert v into the descending list of the best min(filled, K) values.
                if filled < k { filled += 1 } else if !(v > top[k - 1]) { continue }
                var j = filled - 1
                while j > 0 && top[j - 1] < v { top[j] = top[j - 1]; j -= 1 }
                top[j] = v
            }
            for j in 0..<k { out[j * pixels + pixel] = j < filled ? top[j] : 0 }
            var p = n - 1
            while p >= 0 {
                index[p] += 1
                if index[p] < counts[p] { break }
                index[p] = 0
                p -= 1
            }
        }
        return out
    }
}
