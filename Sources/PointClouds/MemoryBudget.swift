#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request that would need more memory than allowed, or whose size does
/// not even fit in an `Int`: what it was, how much it needs, the limit, and
/// what to change.
///
/// ```swift
/// do { _ = try MemoryBudget.bytes(for: [1_000_000_000, 5], bytesEach: 8, what: "5 landscapes of 1000000000 samples") }
/// catch { print(error) }  // 5 landscapes of 1000000000 samples needs 40 GB, more than the memory limit of ...
/// ```
public struct MemoryBudgetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was asked for, in the caller's words ("--resolution 1000000000 with --num-landscapes 5").
    public var what: String
    /// The bytes it needs; `nil` when the size overflows `Int`.
    public var bytesNeeded: Int?
    /// The limit it was compared with, in bytes.
    public var limit: Int
    /// What to change ("lower --resolution"), or empty.
    public var advice: String

    /// Whether the work stopped when it reached the limit (the full size is unknown).
    public var stoppedAtLimit: Bool

    public init(what: String, bytesNeeded: Int?, limit: Int, advice: String = "", stoppedAtLimit: Bool = false) {
        self.stoppedAtLimit = stoppedAtLimit
        self.what = what
        self.bytesNeeded = bytesNeeded
        self.limit = limit
        self.advice = advice
    }

    public var description: String {
        if let b = bytesNeeded, b >= limit, stoppedAtLimit {
            return "\(what) needs more than the budget of \(MemoryBudget.text(limit))" + (advice.isEmpty ? "" : "; \(advice)")
        }
        let tail = advice.isEmpty ? "" : "; \(advice)"
        guard let bytes = bytesNeeded else { return "\(what) needs more memory than can be addressed (its size overflows)\(tail)" }
        return "\(what) needs \(MemoryBudget.text(bytes)), more than the memory limit of \(MemoryBudget.text(limit))\(tail)"
    }
}

/// The memory a computation may allocate, and overflow-checked sizes to
/// compare with it before anything is allocated.
///
/// Every size a user controls (a resolution, a number of landscapes,
/// directions, lines, grid points, threads) goes through `count(_:)` and
/// `bytes(for:bytesEach:what:)` before it reaches an allocation: in release
/// builds the hot modules are compiled with `-Ounchecked`, where a wrapped
/// product is memory corruption, not a trap.
///
/// ```swift
/// let n = try MemoryBudget.bytes(for: [rows, columns], bytesEach: 8, what: "a 20 x 20 image")
/// ```
public enum MemoryBudget {
    /// The machine's physical memory in bytes (8 GiB if it cannot be read).
    public static var physicalMemory: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 8 << 30 }
        let (p, o) = pages.multipliedReportingOverflow(by: size)
        return o ? Int.max : p
    }

    /// The default limit: three quarters of physical memory, or
    /// `TDA_MEMORY_LIMIT` (in MB) when that is set to a positive integer.
    public static var defaultLimit: Int {
        if let s = getenv("TDA_MEMORY_LIMIT"), let mb = Int(String(cString: s)), mb > 0 {
            let (b, o) = mb.multipliedReportingOverflow(by: 1_000_000)
            return o ? Int.max : b
        }
        return physicalMemory / 4 * 3
    }

    /// The product of non-negative factors, or `nil` when it overflows `Int`
    /// (or a factor is negative).
    public static func count(_ factors: [Int]) -> Int? {
        var total = 1
        for f in factors {
            guard f >= 0 else { return nil }
            let (p, o) = total.multipliedReportingOverflow(by: f)
            if o { return nil }
            total = p
        }
        return total
    }

    /// The bytes of `product(factors) * bytesEach`, checked against `limit`.
    ///
    /// - Parameters:
    ///   - factors: the dimensions of the request (rows, columns, ...).
    ///   - bytesEach: the size of one element.
    ///   - what: the request in the caller's words, for the message.
    ///   - advice: what to change, for the message ("lower --resolution").
    ///   - limit: the budget in bytes (default `defaultLimit`).
    /// - Returns: the number of elements (the product of the factors).
    /// - Throws: `MemoryBudgetError` when the size overflows or exceeds the limit.
    @discardableResult
    public static func elements(_ factors: [Int], bytesEach: Int, what: @autoclosure () -> String,
                                advice: @autoclosure () -> String = "", limit: Int? = nil) throws -> Int {
        let budget = limit ?? defaultLimit
        guard let n = count(factors) else {
            throw MemoryBudgetError(what: what(), bytesNeeded: nil, limit: budget, advice: advice())
        }
        let (bytes, o) = n.multipliedReportingOverflow(by: Swift.max(bytesEach, 0))
        if o || bytes > budget {
            throw MemoryBudgetError(what: what(), bytesNeeded: o ? nil : bytes, limit: budget, advice: advice())
        }
        return n
    }

    /// `elements` returning the byte count instead.
    @discardableResult
    public static func bytes(for factors: [Int], bytesEach: Int, what: @autoclosure () -> String,
                             advice: @autoclosure () -> String = "", limit: Int? = nil) throws -> Int {
        try elements(factors, bytesEach: bytesEach, what: what(), advice: advice(), limit: limit) * Swift.max(bytesEach, 0)
    }

    /// A byte count for people: "512 bytes", "40 MB", "2.2 GB" (powers of 1000).
    public static func text(_ bytes: Int) -> String {
        let b = Double(bytes)
        if b < 1e3 { return "\(bytes) bytes" }
        let units: [(Double, String)] = [(1e18, "EB"), (1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (scale, unit) in units where b >= scale {
            let v = b / scale
            let digits = v < 10 ? (v * 10).rounded() / 10 : v.rounded()
            let s = digits == digits.rounded() ? String(Int(digits)) : String(digits)
            return "\(s) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
