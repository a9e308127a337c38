import Dispatch

/// Where the extra mass goes that makes a signed measure's total mass zero
/// (multipers' `mass_default`): the invariant is restricted to the box below
/// m, and the atoms that cancel the mass are put on its upper faces.
///
/// ```swift
/// let mu = try SignedMeasure.hilbert(complex, degree: 1, massDefault: .auto)
/// mu.totalMass  // 0
/// ```
public enum MassDefault: Sendable, Equatable {
    /// No restriction (the total mass is the Betti number of the whole complex).
    case none
    /// m = +infinity in every parameter.
    case infinity
    /// m = 1.1 max(grid) - 0.1 min(grid), per parameter.
    case auto
    /// A given point (one value per parameter).
    case given([Double])

    /// The point m for a grid, or nil for `.none`.
    func point(for grid: Grid) throws -> [Double]? {
        switch self {
        case .none: return nil
        case .infinity: return [Double](repeating: .infinity, count: grid.parameterCount)
        case .auto: return grid.values.map { 1.1 * $0[$0.count - 1] - 0.1 * $0[0] }
        case .given(let m):
            guard m.count == grid.parameterCount, !m.contains(where: \.isNaN) else {
                throw MultipersistenceError.invalidParameter(name: "mass default", reason: "needs \(grid.parameterCount) numbers")
            }
            return m
        }
    }
}

/// Settings shared by the signed-measure computations.
///
/// ```swift
/// var options = SignedMeasureOptions(threads: 2)
/// options.massDefault = .auto
/// ```
public struct SignedMeasureOptions: Sendable {
    /// Worker threads for the one-parameter sub-problems (results never depend on it).
    public var threads: Int
    /// Where to put the cancelling mass (`.none` by default, as multipers).
    public var massDefault: MassDefault
    /// The prime of the coefficient field: 11 by default, as multipers (GUDHI's persistence inside it).
    public var modulus: Int
    /// Called now and then with (sub-problems done, total), from a worker thread.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(threads: Int = 1, massDefault: MassDefault = .none, modulus: Int = 11,
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.threads = threads
        self.massDefault = massDefault
        self.modulus = modulus
        self.progress = progress
    }

    func checked() throws -> SignedMeasureOptions {
        guard threads >= 1, threads <= 4096 else {
            throw MultipersistenceError.invalidParameter(name: "threads", reason: "\(threads) must be between 1 and 4096")
        }
        return self
    }
}

/// Runs `body(i)` for i in 0..<count on `threads` threads (strided), results
/// stored by index, so the output never depends on the thread count.
func parallelMap<T>(_ count: Int, threads: Int, progress: (@Sendable (Int, Int) -> Void)?,
                    _ body: @escaping (Int, inout [UInt8]) throws -> T) throws -> [T] {
    try parallelMap(count, threads: threads, progress: progress, state: { [UInt8]() }, body)
}

/// As `parallelMap`, each worker thread with its own state made by `state`
/// (buffers kept from one item to the next).
func parallelMap<T, S>(_ count: Int, threads: Int, progress: (@Sendable (Int, Int) -> Void)?,
                       state: @escaping () -> S, _ body: @escaping (Int, inout S) throws -> T) throws -> [T] {
    let box = ResultBox<T>(count)
    let workers = Swift.max(1, Swift.min(threads, count))
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var scratch = state()
        var i = w
        while i < count {
            if box.failed { return }
            do {
                let r = try body(i, &scratch)
                box.set(i, r)
            } catch {
                box.fail(error)
                return
            }
            if w == 0, let progress, i % 16 == 0 { progress(box.done, count) }
            i += workers
        }
    }
    if let e = box.error { throw e }
    return box.values.map { $0! }
}

final class ResultBox<T>: @unchecked Sendable {
    var values: [T?]
    var error: Error?
    private var lock = pthread_mutex_t()
    private(set) var done = 0
    init(_ n: Int) { values = [T?](repeating: nil, count: n); pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }
    var failed: Bool { pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }; return error != nil }
    func set(_ i: Int, _ v: T) { pthread_mutex_lock(&lock); values[i] = v; done += 1; pthread_mutex_unlock(&lock) }
    func fail(_ e: Error) { pthread_mutex_lock(&lock); if error == nil { error = e }; pthread_mutex_unlock(&lock) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
