/// A mutable pointer that may cross into concurrent workers
/// (`ParallelTasks.chunks`), each of which writes a disjoint range.
struct SharedOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
}
