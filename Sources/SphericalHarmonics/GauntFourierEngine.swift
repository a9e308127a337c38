import Foundation
import Synchronization

/// The Fourier route of the Gaunt tensor product (Luo, Chen, Krishnapriyan,
/// "Enabling efficient equivariant operations in the Fourier basis via
/// Gaunt tensor products", ICLR 2024): each factor's spherical function is
/// written as a 2D Fourier series in (theta, phi), the factors are
/// multiplied on a torus grid reached by FFTs, and the product is projected
/// back on the harmonics with exact integrals.
///
/// The change of basis is sparse: harmonic (l, m) has only the frequencies
/// v = +-|m| in phi and |u| <= l (with u = l mod 2) in theta, so both
/// directions cost O(L^3); the FFTs cost O(L^2 log L).
///
/// Tables (built once per shape and cached):
/// - `theta`: the theta-Fourier coefficients of N(l, mu) P(l, mu)(cos theta),
///   a cosine series for even mu (real coefficients) and a sine series for
///   odd mu (coefficient i t, t stored);
/// - `projection`: T(l, mu, u) = integral over [0, pi] of
///   exp(i u theta) N P(l, mu)(cos theta) sin theta, in closed form from the
///   `theta` table: integral exp(i k theta) sin theta = 2 / (1 - k^2) for
///   even k, +-i pi / 2 for k = +-1, 0 for other odd k.
final class GauntFourierEngine: Sendable {
    /// Degrees of the factors.
    let degrees: [Int]
    /// Degree of the product.
    let lmaxOut: Int
    /// Largest theta frequency of the product: the sum of the degrees.
    let uMax: Int
    /// Largest factor degree.
    let lmaxIn: Int
    /// Grid sizes in theta and phi.
    let nTheta: Int, nPhi: Int
    let fftTheta: FourierTransform, fftPhi: FourierTransform
    /// theta[(l(l+1)/2 + mu) * (2 lmaxIn + 1) + u + lmaxIn].
    let theta: [Double]
    /// T(l, mu, u) at [(l(l+1)/2 + mu) * (2 uMax + 1) + u + uMax], real and imaginary parts.
    let projectionRe: [Double], projectionIm: [Double]

    init(degrees: [Int], lmaxOut: Int) {
        self.degrees = degrees
        self.lmaxOut = lmaxOut
        uMax = degrees.reduce(0, +)
        lmaxIn = degrees.max() ?? 0
        nTheta = FourierTransform.goodSize(atLeast: 2 * uMax + 1)
        nPhi = FourierTransform.goodSize(atLeast: max(uMax + lmaxOut + 1, 1))
        fftTheta = FourierTransform(count: nTheta)
        fftPhi = FourierTransform(count: nPhi)
        let lTable = max(lmaxIn, lmaxOut)
        let full = GauntFourierEngine.thetaCoefficients(lmax: lTable)
        // Keep the part the factors need.
        let wFull = 2 * lTable + 1, w = 2 * lmaxIn + 1
        var t = [Double](repeating: 0, count: (lmaxIn + 1) * (lmaxIn + 2) / 2 * w)
        for l in 0...lmaxIn { for mu in 0...l { for u in -l...l {
            t[(l * (l + 1) / 2 + mu) * w + u + lmaxIn] = full[(l * (l + 1) / 2 + mu) * wFull + u + lTable]
        } } }
        theta = t
        // Projection integrals for the output degrees.
        let wu = 2 * uMax + 1
        var p = [Double](repeating: 0, count: (lmaxOut + 1) * (lmaxOut + 2) / 2 * wu), q = p
        func sinIntegral(_ k: Int) -> (Double, Double) {
            if k % 2 == 0 { return (2 / Double(1 - k * k), 0) }
            if k == 1 { return (0, Double.pi / 2) }
            if k == -1 { return (0, -Double.pi / 2) }
            return (0, 0)
        }
        for l in 0...lmaxOut {
            for mu in 0...l {
                let row = l * (l + 1) / 2 + mu
                for u in -uMax...uMax {
                    var re = 0.0, im = 0.0
                    var w0 = -l
                    // Only w = l mod 2 carry coefficients.
                    if (w0 - l) % 2 != 0 { w0 += 1 }
                    var wv = w0
                    while wv <= l {
                        let c = full[row * wFull + wv + lTable]
                        let (sr, si) = sinIntegral(u + wv)
                        if mu % 2 == 0 { re += c * sr; im += c * si }   // c real
                        else { re -= c * si; im += c * sr }              // coefficient i c
                        wv += 2
                    }
                    p[row * wu + u + uMax] = re
                    q[row * wu + u + uMax] = im
                }
            }
        }
        projectionRe = p
        projectionIm = q
    }

    /// theta-Fourier coefficients of N(l, mu) P(l, mu)(cos theta) for
    /// 0 <= mu <= l <= lmax, at [(l(l+1)/2 + mu) * (2 lmax + 1) + u + lmax]:
    /// real cosine-series coefficients for even mu, and for odd mu the t of
    /// the coefficient i t. Sampled at 2 lmax + 2 points of the full circle
    /// (the functions are trigonometric polynomials of degree l, so the
    /// DFT is exact up to rounding).
    static func thetaCoefficients(lmax: Int) -> [Double] {
        let n = 2 * lmax + 2, w = 2 * lmax + 1
        let rows = (lmax + 1) * (lmax + 2) / 2
        var samples = [Double](repeating: 0, count: rows * n)
        var p = [Double](repeating: 0, count: rows)
        for k in 0..<n {
            let a = 2 * Double.pi * Double(k) / Double(n)
            p.withUnsafeMutableBufferPointer { RealSphericalHarmonics.legendre(lmax: lmax, cosTheta: cos(a), sinTheta: sin(a), into: $0.baseAddress!) }
            for r in 0..<rows { samples[r * n + k] = p[r] }
        }
        var out = [Double](repeating: 0, count: rows * w)
        var cosTable = [Double](repeating: 0, count: n), sinTable = [Double](repeating: 0, count: n)
        for k in 0..<n { cosTable[k] = cos(2 * Double.pi * Double(k) / Double(n)); sinTable[k] = sin(2 * Double.pi * Double(k) / Double(n)) }
        for l in 0...lmax {
            for mu in 0...l {
                let r = l * (l + 1) / 2 + mu
                var u = -l
                while u <= l {
                    // c_u = (1/n) sum_k f(theta_k) exp(-i u theta_k)
                    var re = 0.0, im = 0.0
                    for k in 0..<n {
                        let idx = ((u * k) % n + n) % n
                        re += samples[r * n + k] * cosTable[idx]
                        im -= samples[r * n + k] * sinTable[idx]
                    }
                    re /= Double(n); im /= Double(n)
                    out[r * w + u + lmax] = mu % 2 == 0 ? re : im
                    u += 2
                }
            }
        }
        return out
    }

    /// The engine for this shape, built once and kept (thread-safe).
    static func cached(degrees: [Int], lmaxOut: Int) -> GauntFourierEngine {
        let key = degrees + [-1, lmaxOut]
        if let e = cache.withLock({ $0[key] }) { return e }
        let e = GauntFourierEngine(degrees: degrees, lmaxOut: lmaxOut)
        return cache.withLock { c in
            if let old = c[key] { return old }
            c[key] = e
            return e
        }
    }

    private static let cache = Mutex<[[Int]: GauntFourierEngine]>([:])

    /// Products handled together: enough that every FFT pass runs over
    /// long rows (about 16k grid values per chunk), at most 32.
    var chunk: Int { max(1, min(32, 16_384 / (nTheta * nPhi))) }

    /// Scratch for one chunk of products, in split (re, im) form.
    struct Workspace {
        var aRe: [Double], aIm: [Double], bRe: [Double], bIm: [Double], h: [Double]
        init(_ e: GauntFourierEngine) {
            let size = e.chunk * e.nTheta * max(e.nPhi, 2 * e.lmaxIn + 1, 2 * e.lmaxOut + 1)
            aRe = [Double](repeating: 0, count: size); aIm = aRe; bRe = aRe; bIm = aRe
            h = [Double](repeating: 0, count: e.chunk * e.nTheta * e.nPhi)
        }
    }

    /// Adds the 2D Fourier coefficients of the spherical function of `x`
    /// (degree `lx`), times 1 or i, to one product's columns of the
    /// nTheta x rowLength array: row u mod nTheta, column offset + v + vMax.
    ///
    /// Cost: O(l^3): for each mu, each u and each degree l >= mu, two multiply-adds.
    @inline(__always)
    private func addFourier(_ x: UnsafePointer<Double>, degree lx: Int, imaginary: Bool, vMax: Int,
                            rowLength: Int, offset: Int,
                            re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>,
                            theta th: UnsafePointer<Double>) {
        let w = 2 * lmaxIn + 1
        let h = 1 / 2.0.squareRoot()
        for mu in 0...lx {
            for u in -lx...lx {
                var a = 0.0, b = 0.0
                // Degrees l with l = u mod 2 and l >= max(mu, |u|).
                var l = max(mu, abs(u))
                if (l - u) % 2 != 0 { l += 1 }
                while l <= lx {
                    let t = th[(l * (l + 1) / 2 + mu) * w + u + lmaxIn]
                    a += t * x[l * l + l + mu]
                    if mu > 0 { b += t * x[l * l + l - mu] }
                    l += 2
                }
                // X(u, +mu) = (pr, pi) and X(u, -mu) = (qr, qi).
                var pr: Double, pi: Double, qr: Double, qi: Double
                if mu == 0 {
                    (pr, pi, qr, qi) = (a, 0, 0, 0)
                } else if mu % 2 == 0 {
                    (pr, pi, qr, qi) = (h * a, -h * b, h * a, h * b)
                } else {
                    (pr, pi, qr, qi) = (h * b, h * a, -h * b, h * a)
                }
                let row = (u >= 0 ? u : u + nTheta) * rowLength + offset + vMax   // |u| < nTheta
                // Times i: (r, i) -> (-i, r).
                if imaginary { re[row + mu] -= pi; im[row + mu] += pr } else { re[row + mu] += pr; im[row + mu] += pi }
                if mu > 0 {
                    if imaginary { re[row - mu] -= qi; im[row - mu] += qr } else { re[row - mu] += qr; im[row - mu] += qi }
                }
            }
        }
    }

    /// The products of `count` (<= chunk) sets of factors, projected on
    /// degree <= lmaxOut: factor k of product p is at
    /// `factors[k] + p * strides[k]` ((degrees[k] + 1)^2 values; stride 0
    /// repeats one feature), and product p goes to `z + p * (lmaxOut + 1)^2`.
    ///
    /// Steps (each FFT is one pass over the columns of every product at once):
    /// 1. two factors at a time, X + i Y on an nTheta x (2 vMax + 1) array per product;
    /// 2. inverse FFT in theta (length nTheta, one column per v);
    /// 3. transpose to nPhi x nTheta (folding v mod nPhi), inverse FFT in phi:
    ///    the samples of f_x + i f_y on the torus grid; multiply Re * Im in;
    /// 4. forward FFT in phi of the real samples, two theta lanes per
    ///    complex lane (a and a + nTheta/2), split by conjugate symmetry,
    ///    keeping |v| <= lmaxOut, transposed to nTheta x (2 lmaxOut + 1);
    /// 5. forward FFT in theta; 6. exact projection with the T table.
    func product(_ factors: [UnsafePointer<Double>], strides: [Int], count: Int,
                 into z: UnsafeMutablePointer<Double>, work: inout Workspace) {
        let nGrid = nTheta * nPhi
        let half = nTheta / 2   // nTheta is even (goodSize)
        let dOut = (lmaxOut + 1) * (lmaxOut + 1)
        theta.withUnsafeBufferPointer { thb in
        projectionRe.withUnsafeBufferPointer { prb in
        projectionIm.withUnsafeBufferPointer { pib in
        work.aRe.withUnsafeMutableBufferPointer { arb in
        work.aIm.withUnsafeMutableBufferPointer { aib in
        work.bRe.withUnsafeMutableBufferPointer { brb in
        work.bIm.withUnsafeMutableBufferPointer { bib in
        work.h.withUnsafeMutableBufferPointer { hb in
            let ar = arb.baseAddress!, ai = aib.baseAddress!, br = brb.baseAddress!, bi = bib.baseAddress!
            let h = hb.baseAddress!, th = thb.baseAddress!, pr = prb.baseAddress!, pi = pib.baseAddress!
            let lanes = count * nTheta   // row length of the phi-major arrays
            var k = 0
            while k < factors.count {
                // 1-2. Factors k and k + 1 as X + i Y, inverse FFT in theta.
                let paired = k + 1 < factors.count
                let vMax = paired ? max(degrees[k], degrees[k + 1]) : degrees[k]
                let width = 2 * vMax + 1, rowLength = count * width
                ar.update(repeating: 0, count: nTheta * rowLength); ai.update(repeating: 0, count: nTheta * rowLength)
                for p in 0..<count {
                    addFourier(factors[k] + p * strides[k], degree: degrees[k], imaginary: false, vMax: vMax,
                               rowLength: rowLength, offset: p * width, re: ar, im: ai, theta: th)
                    if paired {
                        addFourier(factors[k + 1] + p * strides[k + 1], degree: degrees[k + 1], imaginary: true, vMax: vMax,
                                   rowLength: rowLength, offset: p * width, re: ar, im: ai, theta: th)
                    }
                }
                fftTheta.transform(re: ar, im: ai, width: rowLength, scratchRe: br, scratchIm: bi, inverse: true)
                // 3. Transpose to phi-major, folding columns v mod nPhi; inverse FFT in phi.
                br.update(repeating: 0, count: nPhi * lanes); bi.update(repeating: 0, count: nPhi * lanes)
                for c in 0..<width {
                    let v = ((c - vMax) % nPhi + nPhi) % nPhi
                    for p in 0..<count {
                        let dr = br + v * lanes + p * nTheta, di = bi + v * lanes + p * nTheta
                        let sr = ar + p * width + c, si = ai + p * width + c
                        for a in 0..<nTheta { dr[a] += sr[a * rowLength]; di[a] += si[a * rowLength] }
                    }
                }
                fftPhi.transform(re: br, im: bi, width: lanes, scratchRe: ar, scratchIm: ai, inverse: true)
                let n = nPhi * lanes
                if k == 0 {
                    if paired { for s in 0..<n { h[s] = br[s] * bi[s] } } else { for s in 0..<n { h[s] = br[s] } }
                } else {
                    if paired { for s in 0..<n { h[s] *= br[s] * bi[s] } } else { for s in 0..<n { h[s] *= br[s] } }
                }
                k += 2
            }
            // 4. Forward FFT in phi, lanes a and a + half packed as h_a + i h_{a+half}.
            let packed = count * half
            for v in 0..<nPhi {
                for p in 0..<count {
                    let src = h + v * lanes + p * nTheta, dst = v * packed + p * half
                    for a in 0..<half { br[dst + a] = src[a]; bi[dst + a] = src[a + half] }
                }
            }
            fftPhi.transform(re: br, im: bi, width: packed, scratchRe: ar, scratchIm: ai, inverse: false)
            let wo = 2 * lmaxOut + 1, outRow = count * wo
            for vv in -lmaxOut...lmaxOut {
                let c = ((vv % nPhi) + nPhi) % nPhi, cc = (nPhi - c) % nPhi
                for p in 0..<count {
                    let col = p * wo + vv + lmaxOut
                    for a in 0..<half {
                        let zr = br[c * packed + p * half + a], zi = bi[c * packed + p * half + a]
                        let wr = br[cc * packed + p * half + a], wi = -bi[cc * packed + p * half + a]   // conj Z(-v)
                        ar[a * outRow + col] = 0.5 * (zr + wr); ai[a * outRow + col] = 0.5 * (zi + wi)
                        // (Z - conj Z(-v)) / (2i)
                        ar[(a + half) * outRow + col] = 0.5 * (zi - wi); ai[(a + half) * outRow + col] = -0.5 * (zr - wr)
                    }
                }
            }
            // 5. Forward FFT in theta, one column per kept v and product.
            fftTheta.transform(re: ar, im: ai, width: outRow, scratchRe: br, scratchIm: bi, inverse: false)
            // 6. Project: H(u, v) = a[u mod nTheta][p wo + v + lmaxOut] / nGrid. For
            //    each mu, gather S = H(u, mu) + H(u, -mu) and D = H(u, mu) - H(u, -mu)
            //    over u once, then one dot product with T per degree.
            let scale = 1 / Double(nGrid)
            let wu = 2 * uMax + 1
            let root2pi = 2.0.squareRoot() * Double.pi
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * wu) { buffer in
                let sRe = buffer.baseAddress!, sIm = sRe + wu, dRe = sIm + wu, dIm = dRe + wu
                for p in 0..<count {
                    let zp = z + p * dOut
                    for mu in 0...lmaxOut {
                        for j in 0..<wu {
                            let u = j - uMax
                            let row = (u >= 0 ? u : u + nTheta) * outRow + p * wo + lmaxOut
                            let p0 = ar[row + mu], p1 = ai[row + mu]
                            let m0 = mu == 0 ? 0 : ar[row - mu], m1 = mu == 0 ? 0 : ai[row - mu]
                            sRe[j] = p0 + m0; sIm[j] = p1 + m1; dRe[j] = p0 - m0; dIm[j] = p1 - m1
                        }
                        for l in mu...lmaxOut {
                            let t = (l * (l + 1) / 2 + mu) * wu
                            var sum = 0.0, diff = 0.0
                            for j in 0..<wu {
                                sum += sRe[j] * pr[t + j] - sIm[j] * pi[t + j]
                                diff += dRe[j] * pi[t + j] + dIm[j] * pr[t + j]
                            }
                            if mu == 0 {
                                // S = H(u, 0) here (no -mu column).
                                zp[l * l + l] = 2 * Double.pi * scale * sum
                            } else {
                                zp[l * l + l + mu] = root2pi * scale * sum
                                zp[l * l + l - mu] = -root2pi * scale * diff
                            }
                        }
                    }
                }
            }
        } } } } } } } }
    }
}
