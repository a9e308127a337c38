import Foundation

/// A one-line "working..." indicator with the elapsed time on stderr, shown
/// only when stderr is a terminal and the work takes longer than a second;
/// the line is cleared when the work ends. The library reports no progress
/// of its own, so the commands that call one long computation use this.
final class ActivityIndicator: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) != 0
    private let lock = NSLock()
    private var done = false
    private var shown = false
    private let start = Date()

    init(_ label: String) {
        self.label = label
    }

    /// Runs `work`, with the indicator on a background thread meanwhile.
    static func run<T>(_ label: String, _ work: () throws -> T) rethrows -> T {
        let indicator = ActivityIndicator(label)
        indicator.begin()
        defer { indicator.finish() }
        return try work()
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
