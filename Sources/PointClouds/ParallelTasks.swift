import Dispatch
import Synchronization

/// The one parallel loop of the geometry and Rips code: worker threads that
/// take tasks `0 ..< count` in turn from a shared atomic counter, and
/// results kept by task index, so the output is the same whatever the
/// scheduling.
///
/// ```swift
/// let squares = ParallelTasks.map(count: 4, workers: 2) { _, task in task * task }  // [0, 1, 4, 9]
/// ```
package enum ParallelTasks {
    /// Runs `body(worker, task)` for every task on at most `workers`
    /// threads (inline when one); `worker` is in `0 ..< workers`, for
    /// per-worker state. A worker stops early when `body` returns false.
    package static func run(count: Int, workers: Int, _ body: (_ worker: Int, _ task: Int) -> Bool) {
        guard count > 0 else { return }
        let threads = Swift.max(1, Swift.min(workers, count))
        if threads == 1 {
            for task in 0..<count where !body(0, task) { return }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            while true {
                let task = next.add(1, ordering: .relaxed).oldValue
                if task >= count || !body(worker, task) { return }
            }
        }
    }

    /// `body(worker, task)` for every task, in task order.
    package static func map<T>(count: Int, workers: Int, _ body: (_ worker: Int, _ task: Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            run(count: count, workers: workers) { worker, task in
                base[task] = body(worker, task)
                return true
            }
        }
        return results.compactMap { $0 }  // every task ran: no slot is nil
    }
}
