import Foundation

/// A one-line "working..." indicator with the elapsed time on stderr, shown
/// only when stderr is a terminal and the work takes longer than a second;
/// the line is cleared when the work ends. The library reports no progress
/// of its own, so the commands that call one long computation use this.
final class ActivityIndicator: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) != 0 && !ActivityIndicator.silenced
    /// Set once by `tda batch` before its inputs run (never written
    /// concurrently): the stages' indicators and progress bars stay off, so
    /// only the batch's own progress line is drawn.
    nonisolated(unsafe) static var silenced = false
    private let lock = NSLock()
    private var done = false
    private var shown = false
    private let start = Date()

    init(_ label: String) {
        self.label = label
    }

    /// Runs `work`, with the indicator on a background thread meanwhile.
    /// With the environment variable `TDA_PROFILE` set, the phase's wall
    /// time goes to stderr as `[tda] label: N ms` (for benchmarks).
    static func run<T>(_ label: String, _ work: () throws -> T) rethrows -> T {
        let indicator = ActivityIndicator(label)
        indicator.begin()
        defer {
            indicator.finish()
            if profiling {
                let ms = Int((Date().timeIntervalSince(indicator.start) * 1000).rounded())
                FileHandle.standardError.write(Data("[tda] \(label): \(ms) ms\n".utf8))
            }
        }
        return try work()
    }

    /// Whether `TDA_PROFILE` is set.
    static let profiling = ProcessInfo.processInfo.environment["TDA_PROFILE"] != nil

    /// Writes `[tda] message` to stderr when `TDA_PROFILE` is set.
    static func profile(_ message: @autoclosure () -> String) {
        guard profiling else { return }
        FileHandle.standardError.write(Data("[tda] \(message())\n".utf8))
    }

    private func begin() {
        guard enabled else { return }
        let thread = Thread { [self] in
            let frames = ["|", "/", "-", "\\"]
            var k = 0
            Thread.sleep(forTimeInterval: 1)
            while true {
                lock.lock()
                if done { lock.unlock(); return }
                let elapsed = Date().timeIntervalSince(start)
                FileHandle.standardError.write(Data("\r\(frames[k % 4]) \(label) \(String(format: "%.1f", elapsed)) s".utf8))
                shown = true
                lock.unlock()
                k += 1
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        thread.start()
    }

    private func finish() {
        guard enabled else { return }
        lock.lock()
        done = true
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        lock.unlock()
    }
}
