import Multipersistence

/// Turns multiparameter module approximations (MMA, `ModuleApproximation`)
/// into fixed-length vectors, scikit-learn style, as ``Vectorizer`` does for
/// persistence diagrams and ``SignedMeasureVectorizer`` for signed measures:
/// `fit` learns what the parameters leave open (the box the image or
/// landscape is sampled on), `transform` maps one module to a vector.
///
/// ```swift
/// var image = ModuleImage(degree: 1, bandwidth: 0.1, resolution: 50)
/// try image.fit(trainingModules)          // learns the box
/// let features: [[Double]] = try image.transform(testModules)
/// let floats: [[Float]] = try image.transform(testModules, as: Float.self)
/// ```
///
/// Implementations follow multipers 2.3.2 (`PyModule.representation`,
/// `PyModule.landscapes`); each vectorizes one homology degree: put the
/// rows of several degrees end to end for multipers' `degrees=[...]`.
public protocol ModuleVectorizer: Sendable {
    /// Learns the open parameters from training modules.
    mutating func fit(_ modules: [ModuleApproximation]) throws
    /// The vector of one module.
    func transform(_ module: ModuleApproximation) throws -> [Double]
}

extension ModuleVectorizer {
    /// The vectors of several modules, in order, on the calling thread.
    ///
    /// ```swift
    /// let rows = try image.transform([m1, m2])
    /// ```
    public func transform(_ modules: [ModuleApproximation]) throws -> [[Double]] {
        try modules.map { try transform($0) }
    }

    /// The vectors of several modules as `Float` or `Double`.
    ///
    /// ```swift
    /// let rows: [[Float]] = try landscape.transform(modules, as: Float.self)
    /// ```
    public func transform<T: BinaryFloatingPoint>(_ modules: [ModuleApproximation], as type: T.Type) throws -> [[T]] {
        try modules.map { try transform($0).map { T($0) } }
    }

    /// The vectors of many modules on up to `jobs` concurrent tasks
    /// (structured concurrency); the result is in input order and identical
    /// to the sequential one.
    ///
    /// ```swift
    /// let rows = try await image.transform(modules, jobs: 8)
    /// ```
    public func transform(_ modules: [ModuleApproximation], jobs: Int) async throws -> [[Double]] {
        try await ParallelMap.map(modules, jobs: jobs) { try self.transform($0) }
    }

    /// The vector of summands given without their module, weighed in `box`
    /// (the box the approximation was computed in; multipers weighs a
    /// summand in its module's box).
    ///
    /// ```swift
    /// let s = Summand(degree: 1, births: [[1, 1]], deaths: [[3, 3]])
    /// let v = try image.transform(summands: [s], box: ParameterBox(lower: [0, 0], upper: [4, 4]))
    /// ```
    /// - Throws: `VectorizationError.invalidParameter` for a bad box or
    ///   corners of another width, and what `transform(_:)` throws.
    public func transform(summands: [Summand], box: ParameterBox) throws -> [Double] {
        let module: ModuleApproximation
        do {
            module = try ModuleApproximation(summands: summands, lower: box.lower, upper: box.upper)
        } catch {
            throw VectorizationError.invalidParameter(name: "summands", reason: "\(error)")
        }
        return try transform(module)
    }

    /// `fit` then `transform` on the same modules.
    ///
    /// ```swift
    /// let rows = try image.fitTransform(modules)
    /// ```
    public mutating func fitTransform(_ modules: [ModuleApproximation]) throws -> [[Double]] {
        try fit(modules)
        return try transform(modules)
    }
}

/// How a module vectorizer's `fit` learns its box when none is given.
///
/// ```swift
/// var image = ModuleImage(degree: 1, resolution: 50)
/// image.boxLearning = .corners(degrees: [0, 1])   // multipers' MMA2IMG grid
/// ```
public enum ModuleBoxLearning: Sendable, Equatable {
    /// The smallest box holding every training module's own box: for a
    /// single module, exactly the window of multipers' `representation`
    /// and `landscapes` (which use the module's box).
    case moduleBoxes
    /// Per parameter, [min, max] of the finite corner coordinates of the
    /// training modules' summands in `degrees` (nil: the vectorizer's own
    /// degree), as multipers' `MMA2IMG.fit` with its default
    /// `grid_strategy="regular"` (which learns one grid from all its
    /// `degrees`). Where min = max multipers' grid collapses to one point;
    /// here it keeps `resolution` equal points, so rows keep their length.
    case corners(degrees: [Int]?)
}

/// A box [lower, upper] in parameter space, the window a module vectorizer
/// samples (multipers' `box=[lower, upper]`).
///
/// ```swift
/// let box = ParameterBox(lower: [0, 0], upper: [1, 2])
/// ```
public struct ParameterBox: Sendable, Equatable, Codable {
    /// The lower corner.
    public var lower: [Double]
    /// The upper corner.
    public var upper: [Double]

    /// The box with these corners (checked when a vectorizer uses it).
    ///
    /// ```swift
    /// let unit = ParameterBox(lower: [0, 0, 0], upper: [1, 1, 1])
    /// ```
    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// The box of a module (the one its approximation was computed in).
    ///
    /// ```swift
    /// let box = ParameterBox(of: module)
    /// ```
    public init(of module: ModuleApproximation) {
        self.init(lower: module.lower, upper: module.upper)
    }

    /// The number of parameters.
    public var parameterCount: Int { lower.count }

    /// The box `learning` gives on `modules` for a vectorizer of `degree`.
    static func learned(_ modules: [ModuleApproximation], _ learning: ModuleBoxLearning, degree: Int,
                        what: String) throws -> ParameterBox {
        guard case let .corners(degrees) = learning else { return try enclosing(modules, what: what) }
        guard let n = modules.first?.parameterCount else { throw VectorizationError.emptyModuleFit(what) }
        let wanted = Set(degrees ?? [degree])
        var lo = [Double](repeating: .infinity, count: n), hi = [Double](repeating: -.infinity, count: n)
        for m in modules {
            guard m.parameterCount == n else {
                throw VectorizationError.invalidParameter(
                    name: "modules", reason: "modules of \(n) and of \(m.parameterCount) parameters in one fit")
            }
            for s in m.summands where wanted.contains(s.degree) {
                for c in s.births + s.deaths {
                    for p in 0..<Swift.min(n, c.count) where c[p].isFinite {
                        lo[p] = Swift.min(lo[p], c[p]); hi[p] = Swift.max(hi[p], c[p])
                    }
                }
            }
        }
        guard lo.allSatisfy(\.isFinite), hi.allSatisfy(\.isFinite) else {
            let list = wanted.sorted().map(String.init).joined(separator: ", ")
            throw VectorizationError.emptyModuleFit("\(what) (no finite corner coordinates in degree \(list) along every parameter)")
        }
        let box = ParameterBox(lower: lo, upper: hi)
        try box.validate()
        return box
    }

    /// Checks finite corners of one size (at least one parameter) with lower <= upper.
    ///
    /// ```swift
    /// try ParameterBox(lower: [1, 0], upper: [0, 1]).validate()  // throws: parameter 0
    /// ```
    /// - Throws: `VectorizationError.invalidParameter` naming the first problem.
    public func validate() throws {
        guard !lower.isEmpty, lower.count == upper.count else {
            throw VectorizationError.invalidParameter(
                name: "box", reason: "needs as many lower as upper coordinates (at least one), got \(lower.count) and \(upper.count)")
        }
        for p in 0..<lower.count where !(lower[p].isFinite && upper[p].isFinite && lower[p] <= upper[p]) {
            throw VectorizationError.invalidParameter(
                name: "box", reason: "parameter \(p): need finite lower <= upper, got \(lower[p]), \(upper[p])")
        }
    }

    /// The smallest box holding the boxes of every module (multipers'
    /// `representation` and `landscapes` use a module's own box, so for a
    /// single module this is exactly their default window).
    ///
    /// - Throws: `VectorizationError.emptyModuleFit` for no modules,
    ///   `invalidParameter` for modules of different parameter counts.
    static func enclosing(_ modules: [ModuleApproximation], what: String) throws -> ParameterBox {
        guard let first = modules.first else { throw VectorizationError.emptyModuleFit(what) }
        var box = ParameterBox(of: first)
        for m in modules.dropFirst() {
            guard m.parameterCount == box.parameterCount else {
                throw VectorizationError.invalidParameter(
                    name: "modules", reason: "modules of \(box.parameterCount) and of \(m.parameterCount) parameters in one fit")
            }
            for p in 0..<box.parameterCount {
                box.lower[p] = Swift.min(box.lower[p], m.lower[p])
                box.upper[p] = Swift.max(box.upper[p], m.upper[p])
            }
        }
        try box.validate()
        return box
    }
}

/// Shared checks of the module vectorizers' parameters.
enum ModuleVectorizerChecks {
    /// The largest number of sample points (values per module and landscape) accepted: 10^7.
    static let maximumGridPoints = 10_000_000

    /// One resolution per parameter from one value or one per parameter,
    /// each at least 1, with a product (times `copies`) of at most
    /// ``maximumGridPoints``; the product.
    static func counts(_ resolution: [Int], parameters n: Int, copies: Int = 1) throws -> (counts: [Int], total: Int) {
        guard resolution.count == 1 || resolution.count == n else {
            throw VectorizationError.invalidParameter(
                name: "resolution", reason: "\(resolution.count) values for \(n) parameters: give one, or one per parameter")
        }
        let counts = resolution.count == 1 ? [Int](repeating: resolution[0], count: n) : resolution
        if let bad = counts.first(where: { $0 < 1 }) {
            throw VectorizationError.invalidParameter(name: "resolution", reason: "\(bad) must be at least 1")
        }
        var total = copies
        for c in counts {
            let (product, overflow) = total.multipliedReportingOverflow(by: c)
            guard !overflow, product <= maximumGridPoints else {
                throw VectorizationError.invalidParameter(
                    name: "resolution",
                    reason: "\(counts.map(String.init).joined(separator: " x "))\(copies > 1 ? " x \(copies)" : "") values is more than \(maximumGridPoints)")
            }
            total = product
        }
        return (counts, total)
    }

    /// The degree is non-negative and the module's parameter count matches the box's.
    static func check(degree: Int, module: ModuleApproximation, box: ParameterBox) throws {
        guard degree >= 0 else {
            throw VectorizationError.invalidParameter(name: "degree", reason: "\(degree) must be at least 0")
        }
        guard module.parameterCount == box.parameterCount else {
            throw VectorizationError.invalidParameter(
                name: "module", reason: "it has \(module.parameterCount) parameters, the box \(box.parameterCount)")
        }
    }
}
