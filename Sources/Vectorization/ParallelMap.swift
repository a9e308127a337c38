/// Order-preserving parallel map over a collection with structured
/// concurrency: `jobs` child tasks take items by index in contiguous
/// chunks, and the results are placed back by index, so the output is the
/// same as a sequential map whatever the scheduling.
///
/// ```swift
/// let squares = try await ParallelMap.map([1, 2, 3], jobs: 2) { $0 * $0 }  // [1, 4, 9]
/// ```
public enum ParallelMap {
    /// Maps `body` over `items` on up to `jobs` child tasks, results in input order.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], jobs: Int, _ body: @escaping @Sendable (T) throws -> R
    ) async throws -> [R] {
        let n = items.count
        let workers = Swift.max(1, Swift.min(jobs, n))
        if workers <= 1 { return try items.map(body) }
        // Chunks small enough to balance uneven items, large enough to amortise a task.
        let chunk = Swift.max(1, n / (workers * 8))
        let chunkCount = (n + chunk - 1) / chunk
        var results = [R?](repeating: nil, count: n)
        try await withThrowingTaskGroup(of: (Int, [R]).self) { group in
            var next = 0
            func submit() {
                let c = next; next += 1
                group.addTask {
                    let lo = c * chunk, hi = Swift.min(n, lo + chunk)
                    var out: [R] = []
                    out.reserveCapacity(hi - lo)
                    for i in lo..<hi {
                        try Task.checkCancellation()
                        out.append(try body(items[i]))
                    }
                    return (lo, out)
                }
            }
            while next < Swift.min(workers, chunkCount) { submit() }
            while let (lo, out) = try await group.next() {
                for (k, r) in out.enumerated() { results[lo + k] = r }
                if next < chunkCount { submit() }
            }
        }
        // Every index was filled by exactly one chunk.
        return results.compactMap { $0 }
    }
}
