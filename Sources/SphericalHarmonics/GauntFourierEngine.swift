import Foundation

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
/// Tables (built once per shape and cached), from
/// - the theta-Fourier coefficients of N(l, mu) P(l, mu)(cos theta),
///   a cosine series for even mu (real coefficients) and a sine series for
///   odd mu (coefficient i t, t stored);
/// - the projection integrals T(l, mu, u) = integral over [0, pi] of
///   exp(i u theta) N P(l, mu)(cos theta) sin theta, in closed form from
///   those coefficients: integral exp(i k theta) sin theta = 2 / (1 - k^2)
///   for even k, +-i pi / 2 for k = +-1, 0 for other odd k;
/// laid out per mu as the dense matrices of the two changes of basis.
///
/// Every function continued from the sphere to the torus satisfies
/// f(2 pi - theta, phi) = f(theta, phi + pi), so the phi transforms need
/// only the theta rows 0...nTheta/2, and the product's coefficients only
/// u >= 0 (H(-u, v) = (-1)^v H(u, v)).
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
    /// For each mu, the (2 lmaxIn + 1) x (lmaxIn - mu + 1) matrix of theta
    /// coefficients, row u + lmaxIn, column l - mu, at `synthesisStart[mu]`.
    let synthesis: [Double], synthesisStart: [Int]
    /// For each mu, the (lmaxOut - mu + 1) x 2(uMax + 1) matrices [Re T' | -Im T']
    /// (for S = H(u, mu) + H(u, -mu) as [Re S; Im S]) and [Im T' | Re T'] (for D),
    /// with T folded onto u >= 0, at `analysisStart[mu]`.
    let analysisS: [Double], analysisD: [Double], analysisStart: [Int]

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
        var syn: [Double] = [], synStart: [Int] = []
        for mu in 0...lmaxIn {
            synStart.append(syn.count)
            let nl = lmaxIn - mu + 1
            var m = [Double](repeating: 0, count: (2 * lmaxIn + 1) * nl)
            for u in -lmaxIn...lmaxIn { for l in mu...lmaxIn where abs(u) <= l {
                m[(u + lmaxIn) * nl + l - mu] = t[(l * (l + 1) / 2 + mu) * w + u + lmaxIn]
            } }
            syn += m
        }
        synthesis = syn; synthesisStart = synStart
        // H(-u, v) = (-1)^v H(u, v) (the product is continued from the sphere), and
        // v = +-mu, so sum over u of T(u) H(u) = sum over u >= 0 of T'(u) H(u) with
        // T'(0) = T(0), T'(u) = T(u) + (-1)^mu T(-u): half the length.
        var aS: [Double] = [], aD: [Double] = [], aStart: [Int] = []
        for mu in 0...lmaxOut {
            aStart.append(aS.count)
            let sign: Double = mu % 2 == 0 ? 1 : -1
            for l in mu...lmaxOut {
                let row = (l * (l + 1) / 2 + mu) * wu + uMax   // index of u = 0
                let re = (0...uMax).map { u in u == 0 ? p[row] : p[row + u] + sign * p[row - u] }
                let im = (0...uMax).map { u in u == 0 ? q[row] : q[row + u] + sign * q[row - u] }
                aS += re + im.map { -$0 }
                aD += im + re
            }
        }
        analysisS = aS; analysisD = aD; analysisStart = aStart
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
        cache.value(for: degrees + [-1, lmaxOut]) { GauntFourierEngine(degrees: degrees, lmaxOut: lmaxOut) }
    }

    private static let cache = BuildOnceCache<GauntFourierEngine>()

    /// Products handled together: enough that every FFT pass runs over
    /// long rows (about 16k grid values per chunk), at least 2, at most 32.
    var chunk: Int { max(2, min(32, 16_384 / (nTheta * nPhi))) }

    /// Theta samples kept in phi transforms: rows 0...nTheta/2. The rest
    /// follow from f(2 pi - theta, phi) = f(theta, phi + pi), which every
    /// function continued from the sphere satisfies.
    var lanes: Int { nTheta / 2 + 1 }

    /// Scratch for one chunk of products, in split (re, im) form.
    ///
    /// One allocation carved into the eight arrays, each starting 64 bytes
    /// further past a 4 KiB boundary than the one before: arrays that are
    /// read and written in step (an FFT's source and destination) would
    /// otherwise often share their low address bits, and the processor's
    /// store-to-load checks (4K aliasing) then slow every pass (measured
    /// here: 50 against 75 µs per product at L = 16, depending on where
    /// the arrays landed).
    struct Workspace {
        var storage: [Double]
        /// Start of each array in `storage`: aRe, aIm, bRe, bIm, h, g, r, q.
        let offsets: [Int]
        init(_ e: GauntFourierEngine) {
            let p = e.chunk
            // Row lengths are rounded up to even (paired FFT columns): one spare column per row.
            let size = p * max(e.nTheta * max(2 * e.lmaxIn + 1, 2 * e.lmaxOut + 1), e.nPhi * e.lanes) + e.nTheta + e.nPhi
            let sizes = [size, size, size, size, p * e.nPhi * e.lanes + e.nPhi,
                         (e.lmaxIn + 1) * 4 * p, (2 * e.lmaxIn + 1) * 4 * p, 2 * (2 * e.uMax + 1) * 2 * p]
            var o: [Int] = [], next = 0
            for (k, n) in sizes.enumerated() {
                o.append(next + 8 * (k + 1))              // 64 bytes more past the boundary each time
                next += ((n + 8 * (k + 1)) + 511) / 512 * 512   // to the next 4 KiB boundary
            }
            offsets = o
            storage = [Double](repeating: 0, count: next + 512)
        }
    }

    /// The products of `count` (<= chunk) sets of factors, projected on
    /// degree <= lmaxOut: factor k of product p is at
    /// `factors[k] + p * strides[k]` ((degrees[k] + 1)^2 values; stride 0
    /// repeats one feature), and product p goes to `z + p * (lmaxOut + 1)^2`.
    ///
    /// Steps (each FFT is one pass over the columns of every product at once;
    /// the changes of basis are small matrix products per mu):
    /// 1. two factors at a time: their theta-Fourier coefficients for each mu
    ///    (one product with the coefficient table), X + i Y on an
    ///    nTheta x (2 vMax + 1) array per product;
    /// 2. inverse FFT in theta (length nTheta, one column per v);
    /// 3. rows 0...nTheta/2 transposed to phi-major (folding v mod nPhi),
    ///    inverse FFT in phi: samples of f_x + i f_y; multiply Re * Im in;
    /// 4. forward FFT in phi of the real samples, two theta lanes per
    ///    complex lane, split by conjugate symmetry, keeping |v| <= lmaxOut;
    ///    rows beyond nTheta/2 by the symmetry ((-1)^v);
    /// 5. forward FFT in theta; 6. exact projection (dot products with the
    ///    folded T tables, u >= 0 only).
    func product(_ factors: [UnsafePointer<Double>], strides: [Int], count: Int,
                 into z: UnsafeMutablePointer<Double>, work: inout Workspace) {
        let nGrid = nTheta * nPhi
        let nl0 = lanes
        let dOut = (lmaxOut + 1) * (lmaxOut + 1)
        let wIn = 2 * lmaxIn + 1
        let h2 = 1 / 2.0.squareRoot()
        synthesis.withUnsafeBufferPointer { synb in
        analysisS.withUnsafeBufferPointer { asb in
        analysisD.withUnsafeBufferPointer { adb in
        let o = work.offsets
        work.storage.withUnsafeMutableBufferPointer { sb in
            // Align the base to 4 KiB so the offsets above mean what they say.
            let raw = sb.baseAddress!
            let misalign = (Int(bitPattern: raw) & 4095) / 8
            let base = raw + (misalign == 0 ? 0 : 512 - misalign)
            let ar = base + o[0], ai = base + o[1], br = base + o[2], bi = base + o[3]
            let h = base + o[4], gm = base + o[5], rm = base + o[6], qm = base + o[7]
            // Row lengths rounded up to even, so the FFTs take two columns at a time.
            func even(_ n: Int) -> Int { n + (n & 1) }
            let laneRow = even(count * nl0)   // row length of the phi-major arrays
            var k = 0
            while k < factors.count {
                // 1. Factors k and k + 1 as X + i Y.
                let paired = k + 1 < factors.count
                let dx = degrees[k], dy = paired ? degrees[k + 1] : -1
                let vMax = max(dx, dy)
                let width = 2 * vMax + 1, rowLength = even(count * width)
                ar.update(repeating: 0, count: nTheta * rowLength); ai.update(repeating: 0, count: nTheta * rowLength)
                for mu in 0...vMax {
                    // G: (lmaxIn - mu + 1) x 4 count, columns x(l, mu), x(l, -mu), y(l, mu), y(l, -mu).
                    let nl = lmaxIn - mu + 1, cols = 4 * count
                    gm.update(repeating: 0, count: nl * cols)
                    for p in 0..<count {
                        let x = factors[k] + p * strides[k]
                        if mu <= dx { for l in mu...dx { gm[(l - mu) * cols + 4 * p] = x[l * l + l + mu]; if mu > 0 { gm[(l - mu) * cols + 4 * p + 1] = x[l * l + l - mu] } } }
                        if paired && mu <= dy {
                            let y = factors[k + 1] + p * strides[k + 1]
                            for l in mu...dy { gm[(l - mu) * cols + 4 * p + 2] = y[l * l + l + mu]; if mu > 0 { gm[(l - mu) * cols + 4 * p + 3] = y[l * l + l - mu] } }
                        }
                    }
                    GauntFourierEngine.multiply(synb.baseAddress! + synthesisStart[mu], rows: wIn, inner: nl, gm, columns: cols, into: rm)
                    for u in -lmaxIn...lmaxIn {
                        let rr = rm + (u + lmaxIn) * cols
                        let row = (u >= 0 ? u : u + nTheta) * rowLength + vMax   // |u| < nTheta
                        for p in 0..<count {
                            let xa = rr[4 * p], xb = rr[4 * p + 1], ya = rr[4 * p + 2], yb = rr[4 * p + 3]
                            // X(u, +-mu) from a = sum t x(l, mu), b = sum t x(l, -mu): the coefficient is t
                            // (even mu) or i t (odd mu); X(u, mu) = (A - iB) / sqrt 2, X(u, -mu) = (A + iB) / sqrt 2.
                            var xpr, xpi, xqr, xqi, ypr, ypi, yqr, yqi: Double
                            if mu == 0 {
                                (xpr, xpi, xqr, xqi) = (xa, 0, 0, 0); (ypr, ypi, yqr, yqi) = (ya, 0, 0, 0)
                            } else if mu % 2 == 0 {
                                (xpr, xpi, xqr, xqi) = (h2 * xa, -h2 * xb, h2 * xa, h2 * xb)
                                (ypr, ypi, yqr, yqi) = (h2 * ya, -h2 * yb, h2 * ya, h2 * yb)
                            } else {
                                (xpr, xpi, xqr, xqi) = (h2 * xb, h2 * xa, -h2 * xb, h2 * xa)
                                (ypr, ypi, yqr, yqi) = (h2 * yb, h2 * ya, -h2 * yb, h2 * ya)
                            }
                            // X + i Y.
                            let c = row + p * width
                            ar[c + mu] += xpr - ypi; ai[c + mu] += xpi + ypr
                            if mu > 0 { ar[c - mu] += xqr - yqi; ai[c - mu] += xqi + yqr }
                        }
                    }
                }
                // 2. Inverse FFT in theta.
                fftTheta.transform(re: ar, im: ai, width: rowLength, scratchRe: br, scratchIm: bi, inverse: true)
                // 3. Rows 0...nTheta/2 to phi-major, folding columns v mod nPhi; inverse FFT in phi.
                br.update(repeating: 0, count: nPhi * laneRow); bi.update(repeating: 0, count: nPhi * laneRow)
                for c in 0..<width {
                    let v = ((c - vMax) % nPhi + nPhi) % nPhi
                    for p in 0..<count {
                        let dr = br + v * laneRow + p * nl0, di = bi + v * laneRow + p * nl0
                        let sr = ar + p * width + c, si = ai + p * width + c
                        for a in 0..<nl0 { dr[a] += sr[a * rowLength]; di[a] += si[a * rowLength] }
                    }
                }
                fftPhi.transform(re: br, im: bi, width: laneRow, scratchRe: ar, scratchIm: ai, inverse: true)
                let n = nPhi * laneRow
                if k == 0 {
                    if paired { for s in 0..<n { h[s] = br[s] * bi[s] } } else { for s in 0..<n { h[s] = br[s] } }
                } else {
                    if paired { for s in 0..<n { h[s] *= br[s] * bi[s] } } else { for s in 0..<n { h[s] *= br[s] } }
                }
                k += 2
            }
            // 4. Forward FFT in phi: lanes a and a + half packed as h_a + i h_{a+half}.
            let half = (nl0 + 1) / 2, packed = even(count * half)
            for v in 0..<nPhi {
                for p in 0..<count {
                    let src = h + v * laneRow + p * nl0, dst = v * packed + p * half
                    for a in 0..<half {
                        br[dst + a] = src[a]
                        bi[dst + a] = a + half < nl0 ? src[a + half] : 0
                    }
                }
            }
            if packed > count * half { for v in 0..<nPhi { br[v * packed + packed - 1] = 0; bi[v * packed + packed - 1] = 0 } }
            fftPhi.transform(re: br, im: bi, width: packed, scratchRe: ar, scratchIm: ai, inverse: false)
            let wo = 2 * lmaxOut + 1, outRow = even(count * wo)
            for vv in -lmaxOut...lmaxOut {
                let c = ((vv % nPhi) + nPhi) % nPhi, cc = (nPhi - c) % nPhi
                let sign: Double = vv % 2 == 0 ? 1 : -1
                for p in 0..<count {
                    let col = p * wo + vv + lmaxOut
                    for a in 0..<half {
                        let zr = br[c * packed + p * half + a], zi = bi[c * packed + p * half + a]
                        let wr = br[cc * packed + p * half + a], wi = -bi[cc * packed + p * half + a]   // conj Z(-v)
                        ar[a * outRow + col] = 0.5 * (zr + wr); ai[a * outRow + col] = 0.5 * (zi + wi)
                        let b = a + half
                        if b < nl0 {
                            // (Z - conj Z(-v)) / (2i)
                            ar[b * outRow + col] = 0.5 * (zi - wi); ai[b * outRow + col] = -0.5 * (zr - wr)
                        }
                    }
                    // Rows past nTheta/2: H_v(theta_{N-a}) = (-1)^v H_v(theta_a).
                    for a in nl0..<nTheta {
                        ar[a * outRow + col] = sign * ar[(nTheta - a) * outRow + col]
                        ai[a * outRow + col] = sign * ai[(nTheta - a) * outRow + col]
                    }
                }
            }
            // 5. Forward FFT in theta, one column per kept v and product.
            fftTheta.transform(re: ar, im: ai, width: outRow, scratchRe: br, scratchIm: bi, inverse: false)
            // 6. Project: H(u, v) = a[u][p wo + v + lmaxOut] / nGrid for u >= 0. For each mu,
            //    S = H(u, mu) + H(u, -mu) and D = H(u, mu) - H(u, -mu) as rows [Re; Im] of
            //    QS and QD, then z(l, mu) = [Re T' | -Im T'] . QS and z(l, -mu) = [Im T' | Re T'] . QD.
            let scale = 1 / Double(nGrid)
            let root2pi = 2.0.squareRoot() * Double.pi
            // QS and QD hold one row [Re; Im] of 2 (uMax + 1) values (u >= 0) per product.
            let half1 = uMax + 1
            let qs = qm, qd = qm + 2 * half1 * count, w2 = 2 * half1
            for mu in 0...lmaxOut {
                for j in 0..<half1 {
                    let row = j * outRow + lmaxOut   // u = j
                    for p in 0..<count {
                        let at = row + p * wo
                        let p0 = ar[at + mu], p1 = ai[at + mu]
                        let m0 = mu == 0 ? 0 : ar[at - mu], m1 = mu == 0 ? 0 : ai[at - mu]
                        qs[p * w2 + j] = p0 + m0; qs[p * w2 + half1 + j] = p1 + m1
                        qd[p * w2 + j] = p0 - m0; qd[p * w2 + half1 + j] = p1 - m1
                    }
                }
                let a = asb.baseAddress! + analysisStart[mu], d = adb.baseAddress! + analysisStart[mu]
                for l in mu...lmaxOut {
                    let ra = a + (l - mu) * w2, rd = d + (l - mu) * w2
                    for p in 0..<count {
                        let sum = GauntFourierEngine.dot(ra, qs + p * w2, count: w2)
                        if mu == 0 {
                            z[p * dOut + l * l + l] = 2 * Double.pi * scale * sum
                        } else {
                            z[p * dOut + l * l + l + mu] = root2pi * scale * sum
                            z[p * dOut + l * l + l - mu] = -root2pi * scale * GauntFourierEngine.dot(rd, qd + p * w2, count: w2)
                        }
                    }
                }
            }
        } } } }
    }
    /// C = A B for small row-major matrices (m x k times k x n), the inner
    /// loop over a row of B and C, two columns at a time when n is even.
    /// Small enough that a BLAS call's packing would cost more than the product.
    @inline(__always)
    static func multiply(_ a: UnsafePointer<Double>, rows m: Int, inner k: Int,
                         _ b: UnsafePointer<Double>, columns n: Int, into c: UnsafeMutablePointer<Double>) {
        typealias V = SIMD2<Double>
        c.update(repeating: 0, count: m * n)
        for i in 0..<m {
            let ci = c + i * n
            for t in 0..<k {
                let x = a[i * k + t]
                if x == 0 { continue }
                let bt = b + t * n
                if n % 2 == 0 {
                    let xv = V(repeating: x)
                    var j = 0
                    while j < n {
                        let acc = UnsafeRawPointer(ci + j).loadUnaligned(as: V.self) + xv * UnsafeRawPointer(bt + j).loadUnaligned(as: V.self)
                        UnsafeMutableRawPointer(ci + j).storeBytes(of: acc, as: V.self)
                        j += 2
                    }
                } else {
                    for j in 0..<n { ci[j] += x * bt[j] }
                }
            }
        }
    }

    /// The dot product of two contiguous vectors, two lanes at a time.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int) -> Double {
        typealias V = SIMD2<Double>
        var acc0 = V(repeating: 0), acc1 = V(repeating: 0)
        var j = 0
        while j + 4 <= n {
            acc0 += UnsafeRawPointer(x + j).loadUnaligned(as: V.self) * UnsafeRawPointer(y + j).loadUnaligned(as: V.self)
            acc1 += UnsafeRawPointer(x + j + 2).loadUnaligned(as: V.self) * UnsafeRawPointer(y + j + 2).loadUnaligned(as: V.self)
            j += 4
        }
        var s = (acc0 + acc1).sum()
        while j < n { s += x[j] * y[j]; j += 1 }
        return s
    }
}
