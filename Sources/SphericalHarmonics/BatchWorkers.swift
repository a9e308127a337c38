import Foundation

/// Splits 0..<count into contiguous chunks over up to `threads` workers.
/// Each index is handled once and by a body that writes only its own part
/// of the output, so results do not depend on the thread count.
enum BatchWorkers {
    static func run(count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
        let workers = max(1, min(threads, count / 4 + 1, count))
        if workers <= 1 { if count > 0 { body(0..<count) }; return }
        let chunk = (count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lo = w * chunk, hi = min(count, lo + chunk)
            if lo < hi { body(lo..<hi) }
        }
    }

    /// The default thread count: `TDA_THREADS` if set, else all cores.
    static var defaultThreads: Int {
        if let s = ProcessInfo.processInfo.environment["TDA_THREADS"], let n = Int(s), n >= 1 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }
}

/// A mutable pointer that may cross into concurrent workers, each of which
/// writes a disjoint range.
struct SharedOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
}
