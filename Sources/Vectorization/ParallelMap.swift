import PointClouds
import Synchronization

/// Order-preserving parallel map over a collection: the package's one
/// parallel loop (`ParallelTasks`, worker threads taking items in turn from
/// an atomic counter) behind an `async` entry point. Results are placed by
/// index, so the output is the same as a sequential map whatever the
/// scheduling, and the error thrown is the one of the first failing item,
/// as a sequential map would throw it. Cancelling the calling task stops
/// the workers between items (`CancellationError`).
///
/// ```swift
/// let squares = try await ParallelMap.map([1, 2, 3], jobs: 2) { $0 * $0 }  // [1, 4, 9]
/// ```
///
/// The calling task waits on the workers (they are threads, not child
/// tasks): the items are CPU-bound work, which the cooperative pool should
/// not be asked to interleave.
public enum ParallelMap {
    /// Maps `body` over `items` on up to `jobs` worker threads, results in input order.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], jobs: Int, _ body: @escaping @Sendable (T) throws -> R
    ) async throws -> [R] {
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            try ParallelTasks.map(items, workers: Swift.max(1, jobs), isCancelled: { cancellation.isSet }, body)
        } onCancel: {
            cancellation.set()
        }
    }
}

/// Set once when the task that runs a map is cancelled; read by its workers.
private final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}
