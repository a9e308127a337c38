import Persistence

/// A weight on diagram points, for silhouettes, images and kernels.
///
/// ```swift
/// DiagramWeight.constant.value(Bar(birth: 0, death: 2))          // 1
/// DiagramWeight.persistencePower(2).value(Bar(birth: 0, death: 2)) // 4
/// ```
public enum DiagramWeight: Sendable {
    /// w = 1 (GUDHI's default `lambda x: 1`).
    case constant
    /// w = (d - b)^p (giotto-tda's silhouette `power`; p = 1 is the persistence).
    case persistencePower(Double)
    /// Any function of (birth, death).
    case custom(@Sendable (Double, Double) -> Double)

    /// The weight of a point (birth, death).
    @inlinable public func value(birth: Double, death: Double) -> Double {
        switch self {
        case .constant: return 1
        case .persistencePower(let p):
            let l = death - birth
            return p == 1 ? l : (p == 0 ? 1 : pow(l, p))
        case .custom(let f): return f(birth, death)
        }
    }

    /// The weight of a bar.
    @inlinable public func value(_ bar: Bar) -> Double { value(birth: bar.birth, death: bar.death) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
