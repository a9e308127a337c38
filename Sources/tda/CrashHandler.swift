#if canImport(Glibc)
import Glibc
#endif

/// When the OS refuses memory anyway (or a trap fires), the Swift runtime
/// prints its one "Fatal error: ..." line and raises a signal; this handler
/// then ends the process with one line of its own instead of a backtrace:
/// "tda: stopped by signal 6 (out of memory, or a bug: ...)", exit 1.
/// `TDA_BACKTRACE=1` keeps the runtime's backtrace (for bug reports).
enum CrashHandler {
    static func install() {
        if getenv("TDA_BACKTRACE") != nil { return }
        for sig in [SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                // Only async-signal-safe calls: a fixed message and write(2).
                var text: (UInt8, UInt8) = (0, 0)
                text.0 = UInt8(48 + Int(sig) / 10 % 10)
                text.1 = UInt8(48 + Int(sig) % 10)
                let head = "tda: stopped by signal "
                let tail = " (the system refused memory, or a bug: run with TDA_BACKTRACE=1 and report it with the input)\n"
                head.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
                withUnsafeBytes(of: &text) { raw in
                    if sig < 10 { _ = write(STDERR_FILENO, raw.baseAddress! + 1, 1) } else { _ = write(STDERR_FILENO, raw.baseAddress, 2) }
                }
                tail.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
                _exit(1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }
}
