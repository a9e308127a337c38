import Foundation
import Synchronization

extension ParallelTasks {
    /// The default worker count of every parallel loop in the package:
    /// `TDA_THREADS` when it is set to a positive integer, else all cores.
    /// Read once, the first time it is asked for (the one place that reads
    /// the variable).
    ///
    /// ```swift
    /// let workers = ParallelTasks.defaultWorkers  // TDA_THREADS=1 swift run ...: 1
    /// ```
    package static let defaultWorkers: Int = {
        if let s = ProcessInfo.processInfo.environment["TDA_THREADS"], let n = Int(s), n >= 1 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }()

    /// Runs `body` on contiguous ranges that cover `0 ..< count` once, one
    /// range per worker, on at most `workers` threads and at most one per
    /// `minimumPerWorker` items (inline when that is one). A body that
    /// writes only its own range's part of an output gives results that do
    /// not depend on the worker count.
    ///
    /// ```swift
    /// ParallelTasks.chunks(count: 10, workers: 2) { range in print(range) }  // 0..<5 and 5..<10
    /// ```
    package static func chunks(count: Int, workers: Int, minimumPerWorker: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let threads = Swift.max(1, Swift.min(workers, count / Swift.max(1, minimumPerWorker) + 1, count))
        let chunk = (count + threads - 1) / threads
        run(count: threads, workers: threads) { _, w in
            let lo = w * chunk, hi = Swift.min(count, lo + chunk)
            if lo < hi { body(lo..<hi) }
            return true
        }
    }

    /// `body(item)` for every item on at most `workers` threads, results in
    /// item order. The first error, in item order, is thrown (the items
    /// after a failed one may be skipped), as a sequential map would throw
    /// it; `isCancelled` is polled between items.
    package static func map<T, R>(_ items: [T], workers: Int, isCancelled: () -> Bool = { false },
                                  _ body: (T) throws -> R) throws -> [R] {
        let count = items.count
        var results = [Result<R, Error>?](repeating: nil, count: count)
        // The lowest failed task so far.
        let firstFailure = Atomic<Int>(Int.max)
        results.withUnsafeMutableBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            run(count: count, workers: workers) { _, task in
                if firstFailure.load(ordering: .relaxed) < task || isCancelled() { return false }
                do { base[task] = .success(try body(items[task])) } catch {
                    base[task] = .failure(error)
                    firstFailure.min(task, ordering: .relaxed)
                    return false
                }
                return true
            }
        }
        // Tasks are taken in order, so every task before the first failure ran.
        var out: [R] = []
        out.reserveCapacity(count)
        for slot in results {
            switch slot {
            case .success(let r)?: out.append(r)
            case .failure(let e)?: throw e
            case nil: throw CancellationError()
            }
        }
        return out
    }
}
