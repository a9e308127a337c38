import Foundation
import SwiftTDA
#if canImport(Glibc)
import Glibc
#endif

/// `tda batch` runs its inputs in worker processes (one per job, reused from
/// input to input), so that an input that crashes the process — an
/// allocation the OS refuses, a trap — fails alone: the worker dies, the
/// input is reported as failed with the signal, a new worker takes the
/// remaining inputs, and the summary still comes. `--in-process` runs them
/// in threads of one process instead (as before).
///
/// Protocol: the parent starts `tda batch <its own arguments> --worker`;
/// the worker builds the same plan and fit, then reads one item index a
/// line on stdin, processes it, writes its result file, and answers `ok` or
/// `failed<TAB>reason` on stdout.
enum BatchIsolation {
    /// The worker side: answers item indices read from stdin until EOF.
    static func serve(items: [BatchPlan.Item], _ process: (BatchPlan.Item) -> BatchOutcome) {
        while let line = readLine() {
            guard let k = Int(line), items.indices.contains(k) else {
                answer("failed\tinternal error: bad item '\(line)'")
                continue
            }
            switch process(items[k]) {
            case .processed: answer("ok")
            case .skipped: answer("skipped")
            case .failed(let reason): answer("failed\t" + reason.replacingOccurrences(of: "\n", with: "; "))
            }
        }
    }

    static func answer(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// One worker process and its pipes.
    final class Worker {
        let process = Process()
        let input = Pipe(), output = Pipe()
        let errorFile: URL
        var buffer: [UInt8] = []

        init(arguments: [String]) throws {
            errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("tda-batch-worker-\(UUID().uuidString).err")
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            process.arguments = arguments
            process.standardInput = input
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: errorFile)
            try process.run()
        }

        /// Sends an item and waits for its answer; nil when the worker died.
        func ask(_ index: Int) -> String? {
            let line = Array("\(index)\n".utf8)
            let sent = line.withUnsafeBytes { Glibc.write(input.fileHandleForWriting.fileDescriptor, $0.baseAddress, $0.count) }
            if sent != line.count { return nil }
            let fd = output.fileHandleForReading.fileDescriptor
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                if let nl = buffer.firstIndex(of: 10) {
                    let text = String(decoding: buffer[..<nl], as: UTF8.self)
                    buffer.removeSubrange(...nl)
                    return text
                }
                let n = read(fd, &chunk, chunk.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return nil }
                buffer += chunk[0..<n]
            }
        }

        /// Why the worker died, in one line: the signal and the first line
        /// of what it printed ("Fatal error: ...").
        func deathReason() -> String {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            let text = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            let first = text.split(separator: "\n").first { $0.contains("Fatal error") || $0.contains("ERROR") }
                ?? text.split(separator: "\n").first
            let what: String
            if process.terminationReason == .uncaughtSignal {
                let code = process.terminationStatus
                let name = code == SIGKILL ? "SIGKILL, out of memory?" : String(cString: strsignal(code))
                what = "the process processing it crashed (signal \(code): \(name))"
            } else {
                // tda's crash handler turns a fatal signal into exit 1 after the runtime's message.
                what = "the process processing it crashed (exit status \(process.terminationStatus))"
            }
            return what + (first.map { ": " + String($0.prefix(300)) } ?? "")
        }

        func finish() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: errorFile)
        }
    }

    /// The parent side: every item through `jobs` worker processes.
    static func run(items: [BatchPlan.Item], jobs: Int, arguments: [String],
                    skip: @escaping @Sendable (BatchPlan.Item) -> Bool, advance: @escaping @Sendable () -> Void) -> [BatchOutcome] {
        let results = OutcomeSlots(count: items.count)
        let next = NextIndex()
        let workerCount = Swift.max(1, Swift.min(jobs, items.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var worker: Worker?
            while let k = next.take(below: items.count) {
                defer { advance() }
                if skip(items[k]) { results.set(k, .skipped); continue }
                if worker == nil {
                    do { worker = try Worker(arguments: arguments) } catch {
                        results.set(k, .failed("cannot start a worker process: \(error)"))
                        continue
                    }
                }
                guard let w = worker else { continue }
                if let reply = w.ask(k) {
                    if reply == "ok" { results.set(k, .processed) }
                    else if reply == "skipped" { results.set(k, .skipped) }
                    else { results.set(k, .failed(reply.hasPrefix("failed\t") ? String(reply.dropFirst(7)) : reply)) }
                } else {
                    results.set(k, .failed(w.deathReason()))
                    try? FileManager.default.removeItem(at: w.errorFile)
                    worker = nil  // a fresh process for the next input
                }
            }
            worker?.finish()
        }
        return results.all()
    }

    /// Outcomes by item, written from the worker threads under a lock.
    final class OutcomeSlots: @unchecked Sendable {
        private var values: [BatchOutcome]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: .failed("not run"), count: count) }
        func set(_ k: Int, _ v: BatchOutcome) { lock.lock(); values[k] = v; lock.unlock() }
        func all() -> [BatchOutcome] { lock.lock(); defer { lock.unlock() }; return values }
    }

    /// The next item to hand out.
    final class NextIndex: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take(below n: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard value < n else { return nil }
            value += 1
            return value - 1
        }
    }
}
