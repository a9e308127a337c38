/// The window a kernel k(h^-1 x) is multiplied by, as a function of
/// v = h^-1 u with u the kernel offset scaled to [-1, 1]^2: it keeps a
/// transformed kernel inside the grid it is sampled on. rgenn uses a hard
/// circle for SL(2) and a sigmoid for GL+(2).
///
/// ```swift
/// print(KernelMask.hardCircle.value(0.5, 0.5))          // 1
/// print(KernelMask.soft(sharpness: 10).value(1, 0))     // 0.5
/// ```
public enum KernelMask: Sendable, Equatable, Codable {
    /// 1 inside the unit disc (|v| <= 1 + 1e-9), 0 outside.
    case hardCircle
    /// sigmoid(sharpness (1 - |v|)).
    case soft(sharpness: Double)
    /// No mask.
    case none

    /// The mask at v = (x, y).
    public func value(_ x: Double, _ y: Double) -> Double {
        let r = (x * x + y * y).squareRoot()
        switch self {
        case .hardCircle: return r <= 1 + 1e-9 ? 1 : 0
        case .soft(let s): return 1 / (1 + Double.exp(-s * (1 - r)))
        case .none: return 1
        }
    }
}
