import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the tape's buffers come from glibc's malloc.
///
/// A training step allocates and frees the same large buffers every step
/// (activations, gradients, im2col patch matrices). With glibc's default
/// settings, buffers above the mmap threshold are mapped fresh and every
/// page faulted in again each step (measured: the small CNN of
/// `tda-bench autodiff` spends most of its step in page faults). The first
/// ``Tape`` therefore raises the mmap threshold to 64 MB and the trim
/// threshold to 256 MB (`mallopt`), so freed buffers are reused from the
/// heap, as PyTorch's caching allocator reuses its blocks. The cost: up to
/// 256 MB of freed memory may stay with the process. Set the environment
/// variable `TDA_AUTODIFF_MALLOC=default` to leave malloc alone, or call
/// nothing at all on platforms without glibc.
///
/// ```swift
/// MallocTuning.applyOnce()   // done by the first Tape; harmless to repeat
/// ```
public enum MallocTuning {
    /// Whether the thresholds were changed in this process.
    public static var isApplied: Bool { applied }

    private static let applied: Bool = {
        #if canImport(Glibc)
        if ProcessInfo.processInfo.environment["TDA_AUTODIFF_MALLOC"] == "default" { return false }
        // mallopt is not in Swift's Glibc module: look it up in the process (libc is loaded).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        // <malloc.h>: M_MMAP_THRESHOLD is -3, M_TRIM_THRESHOLD is -1.
        let a = mallopt(-3, 64 << 20)
        let b = mallopt(-1, 256 << 20)
        return a == 1 && b == 1
        #else
        return false
        #endif
    }()

    /// Applies the thresholds once per process (thread-safe).
    public static func applyOnce() { _ = applied }
}
