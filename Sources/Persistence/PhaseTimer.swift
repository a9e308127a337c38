#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints phase timings to stderr when the environment variable
/// `TDA_PROFILE` is set: a tool for benchmarks, silent otherwise.
struct PhaseTimer {
    let enabled: Bool
    var last: Double

    init() {
        enabled = getenv("TDA_PROFILE") != nil
        last = PhaseTimer.now()
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    mutating func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let t = PhaseTimer.now()
        fputs("[tda] \(phase()): \(Int(((t - last) * 1000).rounded())) ms\n", stderr)
        last = t
    }
}

/// The machine's physical memory in bytes (8 GiB if it cannot be read).
func physicalMemory() -> Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
    return pages > 0 && size > 0 ? pages * size : 8 << 30
}
