import Foundation

/// A complex discrete Fourier transform of one length, mixed radix
/// (factors 4, 2, 3, 5, then any prime by a plain DFT), on interleaved
/// (re, im) Doubles.
///
/// Forward: X[k] = sum_j x[j] exp(-2 pi i jk / n); inverse: the same with
/// +i and no 1/n. Twiddles are computed directly with cos/sin (no
/// recurrence), so the error is that of the arithmetic, about
/// log(n) * 1e-16 relative.
///
/// The recursion is the decimation-in-time scheme of Cooley–Tukey as
/// KissFFT arranges it: each level splits the input into `p` strided
/// sub-sequences, transforms them into consecutive blocks of the output and
/// combines the blocks with one radix-p butterfly pass.
///
/// ```swift
/// let plan = FourierTransform(count: 6)
/// var x: [Double] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]   // delta at 0
/// var out = [Double](repeating: 0, count: 12)
/// plan.transform(x, into: &out, inverse: false)          // all ones
/// ```
final class FourierTransform: Sendable {
    /// Transform length.
    let count: Int
    /// The factors of `count`, in recursion order.
    let factors: [Int]
    /// exp(-2 pi i j / n) for j in 0..<n, interleaved.
    let twiddles: [Double]

    init(count: Int) {
        self.count = max(1, count)
        var f: [Int] = []
        var n = self.count
        for p in [4, 2, 3, 5] { while n % p == 0 { f.append(p); n /= p } }
        var q = 7
        while n > 1 {
            while n % q == 0 { f.append(q); n /= q }
            q += 2
            if q * q > n, n > 1 { f.append(n); n = 1 }
        }
        factors = f.isEmpty ? [1] : f
        var t = [Double](repeating: 0, count: 2 * self.count)
        for j in 0..<self.count {
            let a = -2 * Double.pi * Double(j) / Double(self.count)
            t[2 * j] = cos(a); t[2 * j + 1] = sin(a)
        }
        twiddles = t
    }

    /// The smallest length >= n whose prime factors are 2, 3 and 5.
    static func goodSize(atLeast n: Int) -> Int {
        var m = max(1, n)
        while true {
            var r = m
            for p in [2, 3, 5] { while r % p == 0 { r /= p } }
            if r == 1 { return m }
            m += 1
        }
    }

    /// Transforms `input` (interleaved, length 2 * count) into `output`.
    func transform(_ input: [Double], into output: inout [Double], inverse: Bool) {
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                transform(i.baseAddress!, stride: 1, into: o.baseAddress!, inverse: inverse)
            }
        }
    }

    /// Transforms `count` complex values read at `input + 2 * k * stride`
    /// into `output` (contiguous, interleaved). `output` must not overlap the input.
    func transform(_ input: UnsafePointer<Double>, stride: Int,
                   into output: UnsafeMutablePointer<Double>, inverse: Bool) {
        twiddles.withUnsafeBufferPointer { tw in
            work(output, input, fstride: 1, inStride: stride, level: 0, tw: tw.baseAddress!, inverse: inverse)
        }
    }

    // Cost: each level does one pass of n butterflies' worth of work, so
    // O(n sum(p_i)) in all; the plain DFT for a prime p costs p per output.
    private func work(_ out: UnsafeMutablePointer<Double>, _ input: UnsafePointer<Double>,
                      fstride: Int, inStride: Int, level: Int,
                      tw: UnsafePointer<Double>, inverse: Bool) {
        let p = factors[level]
        var m = count / fstride
        m /= p
        if m == 1 {
            for k in 0..<p {
                let src = input + 2 * k * fstride * inStride
                out[2 * k] = src[0]; out[2 * k + 1] = src[1]
            }
        } else {
            for k in 0..<p {
                work(out + 2 * k * m, input + 2 * k * fstride * inStride,
                     fstride: fstride * p, inStride: inStride, level: level + 1, tw: tw, inverse: inverse)
            }
        }
        let s: Double = inverse ? -1 : 1   // sign of the twiddles' imaginary parts
        switch p {
        case 2: butterfly2(out, fstride, m, tw, s)
        case 4: butterfly4(out, fstride, m, tw, s)
        case 3: butterfly3(out, fstride, m, tw, s)
        default: butterflyGeneric(out, fstride, m, p, tw, s)
        }
    }

    @inline(__always)
    private func butterfly2(_ f: UnsafeMutablePointer<Double>, _ fstride: Int, _ m: Int,
                            _ tw: UnsafePointer<Double>, _ s: Double) {
        for q in 0..<m {
            let a = 2 * q, b = 2 * (q + m)
            let wr = tw[2 * q * fstride], wi = s * tw[2 * q * fstride + 1]
            let tr = f[b] * wr - f[b + 1] * wi, ti = f[b] * wi + f[b + 1] * wr
            f[b] = f[a] - tr; f[b + 1] = f[a + 1] - ti
            f[a] += tr; f[a + 1] += ti
        }
    }

    @inline(__always)
    private func butterfly4(_ f: UnsafeMutablePointer<Double>, _ fstride: Int, _ m: Int,
                            _ tw: UnsafePointer<Double>, _ s: Double) {
        for q in 0..<m {
            let i0 = 2 * q, i1 = 2 * (q + m), i2 = 2 * (q + 2 * m), i3 = 2 * (q + 3 * m)
            let w1 = 2 * q * fstride, w2 = 4 * q * fstride, w3 = 6 * q * fstride
            let a1r = f[i1] * tw[w1] - f[i1 + 1] * s * tw[w1 + 1], a1i = f[i1] * s * tw[w1 + 1] + f[i1 + 1] * tw[w1]
            let a2r = f[i2] * tw[w2] - f[i2 + 1] * s * tw[w2 + 1], a2i = f[i2] * s * tw[w2 + 1] + f[i2 + 1] * tw[w2]
            let a3r = f[i3] * tw[w3] - f[i3 + 1] * s * tw[w3 + 1], a3i = f[i3] * s * tw[w3 + 1] + f[i3 + 1] * tw[w3]
            let b0r = f[i0] + a2r, b0i = f[i0 + 1] + a2i
            let b1r = f[i0] - a2r, b1i = f[i0 + 1] - a2i
            let c0r = a1r + a3r, c0i = a1i + a3i
            let c1r = a1r - a3r, c1i = a1i - a3i
            f[i0] = b0r + c0r; f[i0 + 1] = b0i + c0i
            f[i2] = b0r - c0r; f[i2 + 1] = b0i - c0i
            // Forward: multiply c1 by -i; inverse: by +i.
            f[i1] = b1r + s * c1i; f[i1 + 1] = b1i - s * c1r
            f[i3] = b1r - s * c1i; f[i3 + 1] = b1i + s * c1r
        }
    }

    @inline(__always)
    private func butterfly3(_ f: UnsafeMutablePointer<Double>, _ fstride: Int, _ m: Int,
                            _ tw: UnsafePointer<Double>, _ s: Double) {
        let h = s * -0.86602540378443864676   // imaginary part of exp(-+2 pi i / 3)
        for q in 0..<m {
            let i0 = 2 * q, i1 = 2 * (q + m), i2 = 2 * (q + 2 * m)
            let w1 = 2 * q * fstride, w2 = 4 * q * fstride
            let a1r = f[i1] * tw[w1] - f[i1 + 1] * s * tw[w1 + 1], a1i = f[i1] * s * tw[w1 + 1] + f[i1 + 1] * tw[w1]
            let a2r = f[i2] * tw[w2] - f[i2 + 1] * s * tw[w2 + 1], a2i = f[i2] * s * tw[w2 + 1] + f[i2 + 1] * tw[w2]
            let sr = a1r + a2r, si = a1i + a2i
            let dr = a1r - a2r, di = a1i - a2i
            let mr = f[i0] - 0.5 * sr, mi = f[i0 + 1] - 0.5 * si
            f[i0] += sr; f[i0 + 1] += si
            // exp(-+2 pi i/3) * a1 + exp(-+4 pi i/3) * a2 = -sr/2 + i h (a1 - a2)
            f[i1] = mr - h * di; f[i1 + 1] = mi + h * dr
            f[i2] = mr + h * di; f[i2 + 1] = mi - h * dr
        }
    }

    private func butterflyGeneric(_ f: UnsafeMutablePointer<Double>, _ fstride: Int, _ m: Int, _ p: Int,
                                  _ tw: UnsafePointer<Double>, _ s: Double) {
        var scratch = [Double](repeating: 0, count: 2 * p)
        scratch.withUnsafeMutableBufferPointer { t in
            for q in 0..<m {
                for k in 0..<p { t[2 * k] = f[2 * (q + k * m)]; t[2 * k + 1] = f[2 * (q + k * m) + 1] }
                for j in 0..<p {
                    let out = q + j * m
                    var re = 0.0, im = 0.0
                    for k in 0..<p {
                        let w = 2 * ((out * k * fstride) % count)
                        let wr = tw[w], wi = s * tw[w + 1]
                        re += t[2 * k] * wr - t[2 * k + 1] * wi
                        im += t[2 * k] * wi + t[2 * k + 1] * wr
                    }
                    f[2 * out] = re; f[2 * out + 1] = im
                }
            }
        }
    }
}
