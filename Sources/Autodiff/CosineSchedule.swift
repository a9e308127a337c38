#if canImport(Glibc)
import Glibc
#endif

/// A cosine learning-rate schedule with optional linear warm-up (Loshchilov
/// and Hutter, "SGDR", ICLR 2017, without restarts): during the first
/// `warmupSteps` steps the rate climbs linearly to `base` (step s gives
/// base · (s + 1) / warmup), then follows
/// minimum + (base - minimum) (1 + cos(π t)) / 2 with t going from 0 to 1
/// over the remaining steps, and stays at `minimum` afterwards.
///
/// ```swift
/// let schedule = CosineSchedule(base: 1e-3, totalSteps: 1000, warmupSteps: 50)
/// for step in 0..<1000 {
///     adam.learningRate = Float(schedule.learningRate(at: step))
///     // ... forward, backward, adam.step
/// }
/// ```
public struct CosineSchedule: Sendable, Equatable {
    /// The peak rate.
    public var base: Double
    /// The final rate.
    public var minimum: Double
    /// The length of the schedule in steps (warm-up included).
    public var totalSteps: Int
    /// The warm-up length in steps (0: none).
    public var warmupSteps: Int

    /// A schedule; negative step counts count as 0.
    public init(base: Double, minimum: Double = 0, totalSteps: Int, warmupSteps: Int = 0) {
        self.base = base
        self.minimum = minimum
        self.totalSteps = max(0, totalSteps)
        self.warmupSteps = max(0, warmupSteps)
    }

    /// The rate for step `step` (counted from 0).
    public func learningRate(at step: Int) -> Double {
        if step < warmupSteps { return base * Double(step + 1) / Double(warmupSteps) }
        let span = totalSteps - warmupSteps
        guard span > 0 else { return minimum }
        let t = min(1, Double(step - warmupSteps) / Double(span))
        return minimum + (base - minimum) * (1 + cos(Double.pi * t)) / 2
    }
}
