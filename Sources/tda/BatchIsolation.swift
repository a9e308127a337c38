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
                answer("f\tinternal error: bad item '\(line)'")
                continue
            }
            answer(encode(process(items[k])))
        }
    }

    /// An outcome as one line: `p<TAB>row`, `s<TAB>row` (row: numbers in
    /// shortest round-trip form, comma separated, `-` for none) or `f<TAB>reason`.
    static func encode(_ outcome: BatchOutcome) -> String {
        func row(_ r: [Double]?) -> String { r.map { $0.map(VectorOutput.number).joined(separator: ",") } ?? "-" }
        switch outcome {
        case .processed(let r): return "p\t" + row(r)
        case .skipped(let r): return "s\t" + row(r)
        case .failed(let reason): return "f\t" + reason.split(whereSeparator: \.isNewline).joined(separator: "; ")
        }
    }

    /// The outcome of an answer line (bit-identical rows: shortest round-trip numbers).
    static func decode(_ line: String) -> BatchOutcome {
        let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        let tag = parts.first.map(String.init) ?? "", body = parts.count > 1 ? String(parts[1]) : ""
        func row() -> [Double]?? {
            if body == "-" { return .some(nil) }
            if body.isEmpty { return .some([]) }
            var out: [Double] = []
            for cell in body.split(separator: ",") {
                guard let v = NumberGrammar.parse(cell) else { return nil }
                out.append(v)
            }
            return .some(out)
        }
        switch tag {
        case "p": if let r = row() { return .processed(r) }
        case "s": if let r = row() { return .skipped(r) }
        case "f": return .failed(body)
        default: break
        }
        return .failed("internal error: the worker answered '\(line.prefix(80))'")
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

    /// The parent side: every item through `jobs` worker processes;
    /// `done` sees each outcome as it arrives (for the progress bar).
    static func run(items: [BatchPlan.Item], jobs: Int, arguments: [String],
                    done: @escaping @Sendable (BatchOutcome) -> Void) -> [BatchOutcome] {
        let results = OutcomeSlots(count: items.count)
        let next = NextIndex()
        let workerCount = Swift.max(1, Swift.min(jobs, items.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var worker: Worker?
            while let k = next.take(below: items.count) {
                let outcome: BatchOutcome
                if worker == nil {
                    do { worker = try Worker(arguments: arguments) } catch {
                        worker = nil
                    }
                }
                if let w = worker {
                    if let reply = w.ask(k) {
                        outcome = decode(reply)
                    } else {
                        outcome = .failed(w.deathReason())
                        try? FileManager.default.removeItem(at: w.errorFile)
                        worker = nil  // a fresh process for the next input
                    }
                } else {
                    outcome = .failed("cannot start a worker process")
                }
                results.set(k, outcome)
                done(outcome)
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
