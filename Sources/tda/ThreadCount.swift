import Foundation

/// The most worker threads a command starts: four per core, at least 8
/// (`--threads 100000` would otherwise reserve gigabytes of stacks and
/// scratch space for no speed). Larger requests, from `--threads`,
/// `--jobs` or `TDA_THREADS`, are clamped to it, as every `--help` says.
func maximumThreads() -> Int {
    Swift.max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)
}

/// The thread count a command runs with: the request (or the default),
/// clamped to `maximumThreads()`.
func threadCount(_ requested: Int?) -> Int {
    Swift.min(Swift.max(1, requested ?? defaultThreads()), maximumThreads())
}
