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
    /// projection[((l(l+1)/2 + mu) * (2 uMax + 1) + u + uMax) * 2 + {0: re, 1: im}].
    let projection: [Double]

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
        var p = [Double](repeating: 0, count: (lmaxOut + 1) * (lmaxOut + 2) / 2 * wu * 2)
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
                    p[(row * wu + u + uMax) * 2] = re
                    p[(row * wu + u + uMax) * 2 + 1] = im
                }
            }
        }
        projection = p
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

    /// Scratch for one product: the torus grid, one FFT line and the samples of the product.
    struct Workspace {
        var grid: [Double]
        var line: [Double]
        var product: [Double]
        var plus: [Double]
        var minus: [Double]
        init(_ e: GauntFourierEngine) {
            plus = [Double](repeating: 0, count: 2 * (2 * e.uMax + 1))
            minus = plus
            grid = [Double](repeating: 0, count: 2 * e.nTheta * e.nPhi)
            line = [Double](repeating: 0, count: 2 * max(e.nTheta, e.nPhi))
            product = [Double](repeating: 0, count: e.nTheta * e.nPhi)
        }
    }

    /// Adds the 2D Fourier coefficients of the spherical function of
    /// `x` (degree `l`) to the grid, times `scale` (1 or i, as (re, im)).
    ///
    /// Cost: O(l^3): for each mu, each u and each degree l >= mu, two multiply-adds.
    @inline(__always)
    private func addFourier(_ x: UnsafePointer<Double>, degree lx: Int, times scale: (Double, Double),
                            grid g: UnsafeMutablePointer<Double>, theta th: UnsafePointer<Double>) {
        let w = 2 * lmaxIn + 1
        let h = 1 / 2.0.squareRoot()
        for mu in 0...lx {
            var u = -lx
            while u <= lx {
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
                // X(u, +mu) and X(u, -mu) as (re, im).
                var pr: Double, pi: Double, qr: Double, qi: Double
                if mu == 0 {
                    (pr, pi, qr, qi) = (a, 0, 0, 0)
                } else if mu % 2 == 0 {
                    (pr, pi, qr, qi) = (h * a, -h * b, h * a, h * b)
                } else {
                    (pr, pi, qr, qi) = (h * b, h * a, -h * b, h * a)
                }
                let row = ((u % nTheta) + nTheta) % nTheta
                let cp = mu % nPhi, cq = ((-mu % nPhi) + nPhi) % nPhi
                let ip = 2 * (row * nPhi + cp)
                g[ip] += pr * scale.0 - pi * scale.1
                g[ip + 1] += pr * scale.1 + pi * scale.0
                if mu > 0 {
                    let iq = 2 * (row * nPhi + cq)
                    g[iq] += qr * scale.0 - qi * scale.1
                    g[iq + 1] += qr * scale.1 + qi * scale.0
                }
                u += 1
            }
        }
    }

    /// Inverse 2D DFT in place: the theta columns that hold data (|v| <= vMax), then every phi row.
    private func inverse2D(_ g: UnsafeMutablePointer<Double>, vMax: Int, line: UnsafeMutablePointer<Double>) {
        let all = 2 * vMax + 1 >= nPhi
        for c in 0..<nPhi where all || c <= vMax || c >= nPhi - vMax {
            fftTheta.transform(UnsafePointer(g + 2 * c), stride: nPhi, into: line, inverse: true)
            for a in 0..<nTheta { g[2 * (a * nPhi + c)] = line[2 * a]; g[2 * (a * nPhi + c) + 1] = line[2 * a + 1] }
        }
        for a in 0..<nTheta {
            let row = g + 2 * a * nPhi
            fftPhi.transform(UnsafePointer(row), stride: 1, into: line, inverse: true)
            row.update(from: line, count: 2 * nPhi)
        }
    }

    /// The product of the factors' spherical functions projected on degree
    /// <= lmaxOut. `factors[k]` points at (degrees[k] + 1)^2 coefficients;
    /// `z` receives (lmaxOut + 1)^2.
    func product(_ factors: [UnsafePointer<Double>], into z: UnsafeMutablePointer<Double>, work: inout Workspace) {
        let nGrid = nTheta * nPhi
        theta.withUnsafeBufferPointer { thb in
        projection.withUnsafeBufferPointer { prb in
        work.grid.withUnsafeMutableBufferPointer { gb in
        work.line.withUnsafeMutableBufferPointer { lb in
        work.product.withUnsafeMutableBufferPointer { hb in
        work.plus.withUnsafeMutableBufferPointer { plus in
        work.minus.withUnsafeMutableBufferPointer { minus in
            let g = gb.baseAddress!, line = lb.baseAddress!, h = hb.baseAddress!, th = thb.baseAddress!
            // 1. Sample the factors on the torus grid, two at a time (x + i y).
            var k = 0
            var first = true
            while k < factors.count {
                g.update(repeating: 0, count: 2 * nGrid)
                addFourier(factors[k], degree: degrees[k], times: (1, 0), grid: g, theta: th)
                var vMax = degrees[k]
                if k + 1 < factors.count {
                    addFourier(factors[k + 1], degree: degrees[k + 1], times: (0, 1), grid: g, theta: th)
                    vMax = max(vMax, degrees[k + 1])
                }
                inverse2D(g, vMax: vMax, line: line)
                // 2. Multiply the samples.
                for s in 0..<nGrid {
                    let v = k + 1 < factors.count ? g[2 * s] * g[2 * s + 1] : g[2 * s]
                    h[s] = first ? v : h[s] * v
                }
                first = false
                k += 2
            }
            // 3. Forward 2D DFT of the product: every phi row, then theta columns |v| <= lmaxOut.
            for a in 0..<nTheta {
                for b in 0..<nPhi { g[2 * (a * nPhi + b)] = h[a * nPhi + b]; g[2 * (a * nPhi + b) + 1] = 0 }
                let row = g + 2 * a * nPhi
                fftPhi.transform(UnsafePointer(row), stride: 1, into: line, inverse: false)
                row.update(from: line, count: 2 * nPhi)
            }
            let scale = 1 / Double(nGrid)
            let wu = 2 * uMax + 1
            let pr = prb.baseAddress!
            let root2pi = 2.0.squareRoot() * Double.pi
            // 4. Project: for each mu, the theta columns v = +-mu, then every degree l >= mu.
            for mu in 0...lmaxOut {
                let cp = mu % nPhi, cq = ((-mu % nPhi) + nPhi) % nPhi
                fftTheta.transform(UnsafePointer(g + 2 * cp), stride: nPhi, into: line, inverse: false)
                // line holds H(u, +mu) at row u mod nTheta (times nGrid).
                for u in -uMax...uMax {
                    let r = ((u % nTheta) + nTheta) % nTheta
                    plus[2 * (u + uMax)] = line[2 * r] * scale; plus[2 * (u + uMax) + 1] = line[2 * r + 1] * scale
                }
                if mu == 0 {
                    for l in 0...lmaxOut {
                        let base = (l * (l + 1) / 2) * wu
                        var re = 0.0
                        for j in 0..<wu { re += plus[2 * j] * pr[(base + j) * 2] - plus[2 * j + 1] * pr[(base + j) * 2 + 1] }
                        z[l * l + l] = 2 * Double.pi * re
                    }
                    continue
                }
                fftTheta.transform(UnsafePointer(g + 2 * cq), stride: nPhi, into: line, inverse: false)
                for u in -uMax...uMax {
                    let r = ((u % nTheta) + nTheta) % nTheta
                    minus[2 * (u + uMax)] = line[2 * r] * scale; minus[2 * (u + uMax) + 1] = line[2 * r + 1] * scale
                }
                for l in mu...lmaxOut {
                    let base = (l * (l + 1) / 2 + mu) * wu
                    var sre = 0.0, dim = 0.0
                    for j in 0..<wu {
                        let tr = pr[(base + j) * 2], ti = pr[(base + j) * 2 + 1]
                        let sr = plus[2 * j] + minus[2 * j], si = plus[2 * j + 1] + minus[2 * j + 1]
                        let dr = plus[2 * j] - minus[2 * j], di = plus[2 * j + 1] - minus[2 * j + 1]
                        sre += sr * tr - si * ti
                        dim += dr * ti + di * tr
                    }
                    z[l * l + l + mu] = root2pi * sre
                    z[l * l + l - mu] = -root2pi * dim
                }
            }
        } } } } } } }
    }
}
