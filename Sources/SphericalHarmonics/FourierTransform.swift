import Foundation

/// Complex discrete Fourier transforms of one length, applied to many
/// sequences at once: the sequences are the columns of a row-major
/// `count x width` array in split form (real parts and imaginary parts in
/// separate arrays), so every butterfly runs over a contiguous row of
/// `width` values and vectorises.
///
/// Forward: X[k] = sum_j x[j] exp(-2 pi i jk / n); inverse: +i, no 1/n.
/// Mixed radix (4, 2, 3, 5, then any prime factor by a plain DFT) in
/// Stockham's autosort form (Van Loan, "Computational Frameworks for the
/// Fast Fourier Transform", 1992, section 1.7): stage s, of radix p, turns
/// the DFTs of length L of the p interleaved sub-sequences into DFTs of
/// length pL, reading one buffer and writing the other, so the output is in
/// natural order with no bit reversal. Twiddles are computed directly with
/// cos/sin (no recurrence): the error is about log(n) * 1e-16 relative.
///
/// ```swift
/// let fft = FourierTransform(count: 6)
/// var re = [Double](repeating: 0, count: 6), im = re
/// re[0] = 1                                        // a delta, one column
/// fft.transform(re: &re, im: &im, width: 1, inverse: false)   // all ones
/// ```
final class FourierTransform: Sendable {
    /// Transform length.
    let count: Int
    /// Radix of each stage, in order.
    let radices: [Int]
    /// For stage s: exp(-2 pi i j k / (p L)) at [(j - 1) * L + k], j in 1..<p, k in 0..<L.
    let twiddleRe: [[Double]], twiddleIm: [[Double]]

    init(count: Int) {
        self.count = max(1, count)
        var f: [Int] = []
        var n = self.count
        for p in [4, 2, 3, 5] { while n % p == 0 { f.append(p); n /= p } }
        var q = 7
        while n > 1 {
            if q * q > n { f.append(n); break }
            while n % q == 0 { f.append(q); n /= q }
            q += 2
        }
        radices = f
        var tr: [[Double]] = [], ti: [[Double]] = []
        var l = 1
        for p in f {
            var r = [Double](repeating: 0, count: (p - 1) * l), i = r
            for j in 1..<p { for k in 0..<l {
                let a = -2 * Double.pi * Double(j * k) / Double(p * l)
                r[(j - 1) * l + k] = cos(a); i[(j - 1) * l + k] = sin(a)
            } }
            tr.append(r); ti.append(i)
            l *= p
        }
        twiddleRe = tr; twiddleIm = ti
    }

    /// An even length >= n whose prime factors are 2, 3 and 5, chosen for
    /// the fewest passes over memory: the smallest value of length x stages
    /// (radix-4 stages count once) among such lengths up to 1.3 n. At 65,
    /// 80 = 4 x 4 x 5 (3 passes) beats 72 = 4 x 2 x 3 x 3 (4 passes).
    static func goodSize(atLeast n: Int) -> Int {
        let start = max(2, n)
        var best = -1, bestCost = Int.max
        var m = start
        while m <= max(start + 8, start * 13 / 10) {
            var r = m, stages = 0
            while r % 4 == 0 { r /= 4; stages += 1 }
            for p in [2, 3, 5] { while r % p == 0 { r /= p; stages += 1 } }
            if r == 1 && m % 2 == 0 && m * stages < bestCost { best = m; bestCost = m * stages }
            m += 1
        }
        if best > 0 { return best }
        // Beyond the window (never for n >= 2, but be total): the first smooth even length.
        m = start
        while true {
            var r = m
            for p in [2, 3, 5] { while r % p == 0 { r /= p } }
            if r == 1 && m % 2 == 0 { return m }
            m += 1
        }
    }

    /// Transforms the `width` columns of the `count x width` arrays in place.
    func transform(re: inout [Double], im: inout [Double], width: Int, inverse: Bool) {
        var sr = [Double](repeating: 0, count: count * width), si = sr
        re.withUnsafeMutableBufferPointer { r in im.withUnsafeMutableBufferPointer { i in
            sr.withUnsafeMutableBufferPointer { a in si.withUnsafeMutableBufferPointer { b in
                transform(re: r.baseAddress!, im: i.baseAddress!, width: width,
                          scratchRe: a.baseAddress!, scratchIm: b.baseAddress!, inverse: inverse)
            } }
        } }
    }

    /// Transforms in place; the scratch arrays hold `count * width` values each.
    func transform(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, width w: Int,
                   scratchRe: UnsafeMutablePointer<Double>, scratchIm: UnsafeMutablePointer<Double>, inverse: Bool) {
        var xr = re, xi = im, yr = scratchRe, yi = scratchIm
        let sign: Double = inverse ? -1 : 1
        var l = 1
        for (s, p) in radices.enumerated() {
            let rOut = count / (l * p)   // number of sub-sequences after this stage
            twiddleRe[s].withUnsafeBufferPointer { twr in twiddleIm[s].withUnsafeBufferPointer { twi in
                if w % 2 == 0 && p <= 5 {
                    pairedStage(p: p, l: l, rOut: rOut, w: w, xr, xi, yr, yi, twr.baseAddress!, twi.baseAddress!, sign)
                } else {
                    stage(p: p, l: l, rOut: rOut, w: w, xr, xi, yr, yi, twr.baseAddress!, twi.baseAddress!, sign)
                }
            } }
            swap(&xr, &yr); swap(&xi, &yi)
            l *= p
        }
        if xr != re {
            re.update(from: xr, count: count * w)
            im.update(from: xi, count: count * w)
        }
    }

    // One stage. Input element (r, k) — sub-sequence r of length-l DFTs,
    // frequency k — is the row r * l + k; output (r', k + s l) is the row
    // r' * p l + k + s l, built from inputs (r' + j rOut, k), j < p.
    // Cost: count * width complex values read and written, p - 1 twiddle
    // products and a radix-p DFT per group of p rows.
    @inline(__always)
    private func stage(p: Int, l: Int, rOut: Int, w: Int,
                       _ xr: UnsafeMutablePointer<Double>, _ xi: UnsafeMutablePointer<Double>,
                       _ yr: UnsafeMutablePointer<Double>, _ yi: UnsafeMutablePointer<Double>,
                       _ twr: UnsafePointer<Double>, _ twi: UnsafePointer<Double>, _ sign: Double) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * p * w) { buffer in
            let tr = buffer.baseAddress!, ti = tr + p * w
            for r in 0..<rOut {
                for k in 0..<l {
                    // t_j = twiddle(j, k) * x(r + j rOut, k), a row of w values each.
                    for j in 0..<p {
                        let src = ((r + j * rOut) * l + k) * w
                        let dr = tr + j * w, di = ti + j * w
                        if j == 0 || k == 0 {
                            for c in 0..<w { dr[c] = xr[src + c]; di[c] = xi[src + c] }
                        } else {
                            let cr = twr[(j - 1) * l + k], ci = sign * twi[(j - 1) * l + k]
                            for c in 0..<w {
                                let a = xr[src + c], b = xi[src + c]
                                dr[c] = a * cr - b * ci; di[c] = a * ci + b * cr
                            }
                        }
                    }
                    let dst = (r * p * l + k) * w, step = l * w
                    switch p {
                    case 2:
                        for c in 0..<w {
                            let ar = tr[c], ai = ti[c], br = tr[w + c], bi = ti[w + c]
                            yr[dst + c] = ar + br; yi[dst + c] = ai + bi
                            yr[dst + step + c] = ar - br; yi[dst + step + c] = ai - bi
                        }
                    case 4:
                        for c in 0..<w {
                            let t0r = tr[c], t0i = ti[c], t1r = tr[w + c], t1i = ti[w + c]
                            let t2r = tr[2 * w + c], t2i = ti[2 * w + c], t3r = tr[3 * w + c], t3i = ti[3 * w + c]
                            let b0r = t0r + t2r, b0i = t0i + t2i, b1r = t0r - t2r, b1i = t0i - t2i
                            let c0r = t1r + t3r, c0i = t1i + t3i, c1r = t1r - t3r, c1i = t1i - t3i
                            yr[dst + c] = b0r + c0r; yi[dst + c] = b0i + c0i
                            yr[dst + 2 * step + c] = b0r - c0r; yi[dst + 2 * step + c] = b0i - c0i
                            // Forward: b1 - i c1; inverse: b1 + i c1.
                            yr[dst + step + c] = b1r + sign * c1i; yi[dst + step + c] = b1i - sign * c1r
                            yr[dst + 3 * step + c] = b1r - sign * c1i; yi[dst + 3 * step + c] = b1i + sign * c1r
                        }
                    case 3:
                        let h = sign * -0.86602540378443864676
                        for c in 0..<w {
                            let t0r = tr[c], t0i = ti[c], t1r = tr[w + c], t1i = ti[w + c], t2r = tr[2 * w + c], t2i = ti[2 * w + c]
                            let sr = t1r + t2r, si = t1i + t2i, dr = t1r - t2r, di = t1i - t2i
                            let mr = t0r - 0.5 * sr, mi = t0i - 0.5 * si
                            yr[dst + c] = t0r + sr; yi[dst + c] = t0i + si
                            yr[dst + step + c] = mr - h * di; yi[dst + step + c] = mi + h * dr
                            yr[dst + 2 * step + c] = mr + h * di; yi[dst + 2 * step + c] = mi - h * dr
                        }
                    case 5:
                        let c1 = 0.30901699437494742410, s1 = sign * -0.95105651629515357212
                        let c2 = -0.80901699437494742410, s2 = sign * -0.58778525229247312917
                        for c in 0..<w {
                            let x0r = tr[c], x0i = ti[c]
                            let p14r = tr[w + c] + tr[4 * w + c], p14i = ti[w + c] + ti[4 * w + c]
                            let m14r = tr[w + c] - tr[4 * w + c], m14i = ti[w + c] - ti[4 * w + c]
                            let p23r = tr[2 * w + c] + tr[3 * w + c], p23i = ti[2 * w + c] + ti[3 * w + c]
                            let m23r = tr[2 * w + c] - tr[3 * w + c], m23i = ti[2 * w + c] - ti[3 * w + c]
                            yr[dst + c] = x0r + p14r + p23r; yi[dst + c] = x0i + p14i + p23i
                            let b1r = x0r + c1 * p14r + c2 * p23r, b1i = x0i + c1 * p14i + c2 * p23i
                            let b2r = x0r + c2 * p14r + c1 * p23r, b2i = x0i + c2 * p14i + c1 * p23i
                            let d1r = -(s1 * m14i + s2 * m23i), d1i = s1 * m14r + s2 * m23r
                            let d2r = -(s2 * m14i - s1 * m23i), d2i = s2 * m14r - s1 * m23r
                            yr[dst + step + c] = b1r + d1r; yi[dst + step + c] = b1i + d1i
                            yr[dst + 4 * step + c] = b1r - d1r; yi[dst + 4 * step + c] = b1i - d1i
                            yr[dst + 2 * step + c] = b2r + d2r; yi[dst + 2 * step + c] = b2i + d2i
                            yr[dst + 3 * step + c] = b2r - d2r; yi[dst + 3 * step + c] = b2i - d2i
                        }
                    default:
                        // A plain DFT of size p for the remaining prime factors.
                        for s in 0..<p {
                            let o = dst + s * step
                            for c in 0..<w { yr[o + c] = 0; yi[o + c] = 0 }
                            for j in 0..<p {
                                let a = -2 * Double.pi * Double((j * s) % p) / Double(p)
                                let cr = cos(a), ci = sign * sin(a)
                                for c in 0..<w {
                                    yr[o + c] += tr[j * w + c] * cr - ti[j * w + c] * ci
                                    yi[o + c] += tr[j * w + c] * ci + ti[j * w + c] * cr
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // The same stage for an even width, two columns at a time in SIMD2
    // registers, with the twiddles applied as the rows are read (one pass
    // over memory). Radices 2, 3, 4 and 5.
    private func pairedStage(p: Int, l: Int, rOut: Int, w: Int,
                             _ xr: UnsafeMutablePointer<Double>, _ xi: UnsafeMutablePointer<Double>,
                             _ yr: UnsafeMutablePointer<Double>, _ yi: UnsafeMutablePointer<Double>,
                             _ twr: UnsafePointer<Double>, _ twi: UnsafePointer<Double>, _ sign: Double) {
        typealias V = SIMD2<Double>
        @inline(__always) func load(_ q: UnsafeMutablePointer<Double>, _ i: Int) -> V {
            UnsafeRawPointer(q + i).loadUnaligned(as: V.self)
        }
        @inline(__always) func store(_ q: UnsafeMutablePointer<Double>, _ i: Int, _ v: V) {
            UnsafeMutableRawPointer(q + i).storeBytes(of: v, as: V.self)
        }
        for r in 0..<rOut {
            for k in 0..<l {
                let src = (r * l + k) * w, jump = rOut * l * w   // row of sub-sequence r + j rOut is src + j jump
                let dst = (r * p * l + k) * w, step = l * w
                // Twiddles of rows 1..<p (1 when k == 0).
                var cr = (V(repeating: 1), V(repeating: 1), V(repeating: 1), V(repeating: 1))
                var ci = (V(repeating: 0), V(repeating: 0), V(repeating: 0), V(repeating: 0))
                if k > 0 {
                    cr.0 = V(repeating: twr[k]); ci.0 = V(repeating: sign * twi[k])
                    if p > 2 { cr.1 = V(repeating: twr[l + k]); ci.1 = V(repeating: sign * twi[l + k]) }
                    if p > 3 { cr.2 = V(repeating: twr[2 * l + k]); ci.2 = V(repeating: sign * twi[2 * l + k]) }
                    if p > 4 { cr.3 = V(repeating: twr[3 * l + k]); ci.3 = V(repeating: sign * twi[3 * l + k]) }
                }
                var c = 0
                switch p {
                case 2:
                    while c < w {
                        let ar = load(xr, src + c), ai = load(xi, src + c)
                        let xr1 = load(xr, src + jump + c), xi1 = load(xi, src + jump + c)
                        let br = xr1 * cr.0 - xi1 * ci.0, bi = xr1 * ci.0 + xi1 * cr.0
                        store(yr, dst + c, ar + br); store(yi, dst + c, ai + bi)
                        store(yr, dst + step + c, ar - br); store(yi, dst + step + c, ai - bi)
                        c += 2
                    }
                case 4:
                    let sv = V(repeating: sign)
                    while c < w {
                        let t0r = load(xr, src + c), t0i = load(xi, src + c)
                        let u1r = load(xr, src + jump + c), u1i = load(xi, src + jump + c)
                        let u2r = load(xr, src + 2 * jump + c), u2i = load(xi, src + 2 * jump + c)
                        let u3r = load(xr, src + 3 * jump + c), u3i = load(xi, src + 3 * jump + c)
                        let t1r = u1r * cr.0 - u1i * ci.0, t1i = u1r * ci.0 + u1i * cr.0
                        let t2r = u2r * cr.1 - u2i * ci.1, t2i = u2r * ci.1 + u2i * cr.1
                        let t3r = u3r * cr.2 - u3i * ci.2, t3i = u3r * ci.2 + u3i * cr.2
                        let b0r = t0r + t2r, b0i = t0i + t2i, b1r = t0r - t2r, b1i = t0i - t2i
                        let c0r = t1r + t3r, c0i = t1i + t3i, c1r = t1r - t3r, c1i = t1i - t3i
                        store(yr, dst + c, b0r + c0r); store(yi, dst + c, b0i + c0i)
                        store(yr, dst + 2 * step + c, b0r - c0r); store(yi, dst + 2 * step + c, b0i - c0i)
                        store(yr, dst + step + c, b1r + sv * c1i); store(yi, dst + step + c, b1i - sv * c1r)
                        store(yr, dst + 3 * step + c, b1r - sv * c1i); store(yi, dst + 3 * step + c, b1i + sv * c1r)
                        c += 2
                    }
                case 3:
                    let hv = V(repeating: sign * -0.86602540378443864676), halfv = V(repeating: 0.5)
                    while c < w {
                        let t0r = load(xr, src + c), t0i = load(xi, src + c)
                        let u1r = load(xr, src + jump + c), u1i = load(xi, src + jump + c)
                        let u2r = load(xr, src + 2 * jump + c), u2i = load(xi, src + 2 * jump + c)
                        let t1r = u1r * cr.0 - u1i * ci.0, t1i = u1r * ci.0 + u1i * cr.0
                        let t2r = u2r * cr.1 - u2i * ci.1, t2i = u2r * ci.1 + u2i * cr.1
                        let sr = t1r + t2r, si = t1i + t2i, dr = t1r - t2r, di = t1i - t2i
                        let mr = t0r - halfv * sr, mi = t0i - halfv * si
                        store(yr, dst + c, t0r + sr); store(yi, dst + c, t0i + si)
                        store(yr, dst + step + c, mr - hv * di); store(yi, dst + step + c, mi + hv * dr)
                        store(yr, dst + 2 * step + c, mr + hv * di); store(yi, dst + 2 * step + c, mi - hv * dr)
                        c += 2
                    }
                default:   // 5
                    let c1 = V(repeating: 0.30901699437494742410), s1 = V(repeating: sign * -0.95105651629515357212)
                    let c2 = V(repeating: -0.80901699437494742410), s2 = V(repeating: sign * -0.58778525229247312917)
                    while c < w {
                        let x0r = load(xr, src + c), x0i = load(xi, src + c)
                        let u1r = load(xr, src + jump + c), u1i = load(xi, src + jump + c)
                        let u2r = load(xr, src + 2 * jump + c), u2i = load(xi, src + 2 * jump + c)
                        let u3r = load(xr, src + 3 * jump + c), u3i = load(xi, src + 3 * jump + c)
                        let u4r = load(xr, src + 4 * jump + c), u4i = load(xi, src + 4 * jump + c)
                        let t1r = u1r * cr.0 - u1i * ci.0, t1i = u1r * ci.0 + u1i * cr.0
                        let t2r = u2r * cr.1 - u2i * ci.1, t2i = u2r * ci.1 + u2i * cr.1
                        let t3r = u3r * cr.2 - u3i * ci.2, t3i = u3r * ci.2 + u3i * cr.2
                        let t4r = u4r * cr.3 - u4i * ci.3, t4i = u4r * ci.3 + u4i * cr.3
                        let p14r = t1r + t4r, p14i = t1i + t4i, m14r = t1r - t4r, m14i = t1i - t4i
                        let p23r = t2r + t3r, p23i = t2i + t3i, m23r = t2r - t3r, m23i = t2i - t3i
                        store(yr, dst + c, x0r + p14r + p23r); store(yi, dst + c, x0i + p14i + p23i)
                        let b1r = x0r + c1 * p14r + c2 * p23r, b1i = x0i + c1 * p14i + c2 * p23i
                        let b2r = x0r + c2 * p14r + c1 * p23r, b2i = x0i + c2 * p14i + c1 * p23i
                        let d1r = -(s1 * m14i + s2 * m23i), d1i = s1 * m14r + s2 * m23r
                        let d2r = -(s2 * m14i - s1 * m23i), d2i = s2 * m14r - s1 * m23r
                        store(yr, dst + step + c, b1r + d1r); store(yi, dst + step + c, b1i + d1i)
                        store(yr, dst + 4 * step + c, b1r - d1r); store(yi, dst + 4 * step + c, b1i - d1i)
                        store(yr, dst + 2 * step + c, b2r + d2r); store(yi, dst + 2 * step + c, b2i + d2i)
                        store(yr, dst + 3 * step + c, b2r - d2r); store(yi, dst + 3 * step + c, b2i - d2i)
                        c += 2
                    }
                }
            }
        }
    }
}
