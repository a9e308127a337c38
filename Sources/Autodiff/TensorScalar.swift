import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scalar the tape differentiates over: `Float` or `Double`.
///
/// Adds to `BLASScalar` the elementary functions the kernels need, so the
/// kernels (specialised for both types) call the C math library directly.
///
/// ```swift
/// let y = Double.exp(1)   // 2.718281828459045
/// ```
public protocol TensorScalar: BLASScalar, Codable {
    /// e^x.
    static func exp(_ x: Self) -> Self
    /// The natural logarithm.
    static func log(_ x: Self) -> Self
    /// The sine.
    static func sin(_ x: Self) -> Self
    /// The cosine.
    static func cos(_ x: Self) -> Self
    /// The hyperbolic tangent.
    static func tanh(_ x: Self) -> Self
    /// The error function.
    static func erf(_ x: Self) -> Self
}

extension Double: TensorScalar {
    @inline(__always) public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { Glibc.log(x) }
    @inline(__always) public static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    @inline(__always) public static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    @inline(__always) public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
    @inline(__always) public static func erf(_ x: Double) -> Double { Glibc.erf(x) }
}

extension Float: TensorScalar {
    @inline(__always) public static func exp(_ x: Float) -> Float { Glibc.expf(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { Glibc.logf(x) }
    @inline(__always) public static func sin(_ x: Float) -> Float { Glibc.sinf(x) }
    @inline(__always) public static func cos(_ x: Float) -> Float { Glibc.cosf(x) }
    @inline(__always) public static func tanh(_ x: Float) -> Float { Glibc.tanhf(x) }
    @inline(__always) public static func erf(_ x: Float) -> Float { Glibc.erff(x) }
}
