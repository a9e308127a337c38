import Synchronization

/// Values built once per key and kept for the life of the process
/// (thread-safe; two threads may build the same value at once, and the
/// first one stored wins). The coefficient tables of the products use it.
final class BuildOnceCache<Value: Sendable>: Sendable {
    private let storage = Mutex<[[Int]: Value]>([:])

    func value(for key: [Int], build: () -> Value) -> Value {
        if let v = storage.withLock({ $0[key] }) { return v }
        let built = build()
        return storage.withLock { c in
            if let old = c[key] { return old }
            c[key] = built
            return built
        }
    }
}
