import PointClouds
import Foundation
import Persistence

/// Persistence images, as gudhi.representations' `PersistenceImage`.
///
/// Points become (b, p = d - b). Pixel (j, i) holds
/// sum w exp(-((b - x_i)^2 + (p - y_j)^2) / (2 s^2)) / (2 pi s^2) — point
/// samples of the Gaussian, not pixel integrals — with x = linspace(im0, im1,
/// Rx) over births and y = linspace(im2, im3, Ry) over persistences,
/// flattened row-major: index j Rx + i, row 0 the smallest persistence.
/// `fit` learns `imRange` = [min b, max b, min p, max p] (no margin) where it
/// is nil.
///
/// ```swift
/// var image = PersistenceImage(bandwidth: 0.1, resolution: (20, 20), weight: .persistencePower(1))
/// try image.fit(trainingDiagrams)
/// let pixels = try image.transform(diagram)   // 400 values
/// ```
///
/// - Complexity: O(n Rx Ry) multiply–adds: the Gaussian is separable and
///   sampled on even grids, so each point costs a few exponentials and
///   Rx + Ry multiplications for its two rows, then a rank-one update.
///   Reference: H. Adams et al., "Persistence images: a stable vector
///   representation of persistent homology", JMLR 18 (2017).
public struct PersistenceImage: Vectorizer {
    /// The Gaussian (or kernel) bandwidth.
    public var bandwidth: Double
    /// Pixels along birth (x) and persistence (y).
    public var resolution: (x: Int, y: Int)
    /// A weight of the point (b, d); GUDHI applies its weight to (b, p), so
    /// GUDHI's `lambda x: x[1]` is `.persistencePower(1)` here.
    public var weight: DiagramWeight
    /// [birth min, birth max, persistence min, persistence max]; nil entries are learned.
    public var imRange: [Double?]
    /// The image window [birth min, max, persistence min, max], once known.
    public private(set) var fittedRange: [Double]?

    /// Creates images with GUDHI's defaults (bandwidth 1, 20 x 20, constant weight, learned window).
    ///
    /// ```swift
    /// let v = PersistenceImage(bandwidth: 0.1, imRange: [0, 1, 0, 1])
    /// ```
    public init(bandwidth: Double = 1, resolution: (x: Int, y: Int) = (20, 20), weight: DiagramWeight = .constant,
                imRange: [Double?] = [nil, nil, nil, nil]) {
        self.bandwidth = bandwidth
        self.resolution = resolution
        self.weight = weight
        self.imRange = imRange.count == 4 ? imRange : [nil, nil, nil, nil]
        if self.imRange.allSatisfy({ $0 != nil }) { fittedRange = self.imRange.map { $0 ?? 0 } }
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        if imRange.allSatisfy({ $0 != nil }) { fittedRange = imRange.map { $0 ?? 0 }; return }
        var mx = Double.infinity, Mx = -Double.infinity, my = Double.infinity, My = -Double.infinity
        var any = false
        for d in diagrams {
            for bar in d {
                any = true
                let p = bar.death - bar.birth
                mx = min(mx, bar.birth); Mx = max(Mx, bar.birth)
                my = min(my, p); My = max(My, p)
            }
        }
        // No points to learn from: GUDHI's range is NaN and its images are
        // zeros (empty diagrams) or NaN (others); ours are zeros.
        let learned = any ? [mx, Mx, my, My] : [Double](repeating: .nan, count: 4)
        fittedRange = (0..<4).map { imRange[$0] ?? learned[$0] }
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let range = fittedRange else { throw VectorizationError.notFitted("PersistenceImage") }
        guard bandwidth > 0, bandwidth.isFinite else {
            throw VectorizationError.invalidParameter(name: "bandwidth", reason: "\(bandwidth) must be a positive number")
        }
        let rx = resolution.x, ry = resolution.y
        guard rx >= 1, ry >= 1 else {
            throw VectorizationError.invalidParameter(name: "resolution", reason: "\(rx)x\(ry) must be at least 1x1")
        }
        try MemoryBudget.elements([rx, ry], bytesEach: 8, what: "a \(rx) x \(ry) persistence image", advice: "lower the resolution")
        if range.contains(where: \.isNaN) { return [Double](repeating: 0, count: rx * ry) }
        let xs = SampleGrid.linspace(range[0], range[1], rx)
        let ys = SampleGrid.linspace(range[2], range[3], ry)
        let twoS2 = 2 * (bandwidth * bandwidth)
        let norm = (bandwidth * bandwidth) * 2 * Double.pi
        guard twoS2.isNormal, norm.isNormal, (1 / norm).isFinite else {
            throw VectorizationError.invalidParameter(name: "bandwidth", reason: "\(bandwidth) squared under- or overflows the Gaussian")
        }
        var image = [Double](repeating: 0, count: rx * ry)
        var ex = [Double](repeating: 0, count: rx)
        var ey = [Double](repeating: 0, count: ry)
        // Cost model: per point, two Gaussian rows by multiplicative
        // recurrence from the nearest grid point (a few exponentials instead
        // of Rx + Ry; relative error ~1e-14), then an Ry x Rx rank-one update
        // on contiguous rows.
        image.withUnsafeMutableBufferPointer { img in
            ex.withUnsafeMutableBufferPointer { exb in
                ey.withUnsafeMutableBufferPointer { eyb in
                    guard let base = img.baseAddress, let e = exb.baseAddress, let f = eyb.baseAddress else { return }
                    for bar in diagram {
                        let b = bar.birth, p = bar.death - bar.birth
                        let w = weight.value(bar) / norm
                        if w == 0 { continue }
                        PersistenceImage.gaussianRow(center: b, grid: xs, twoS2: twoS2, into: e)
                        PersistenceImage.gaussianRow(center: p, grid: ys, twoS2: twoS2, into: f)
                        for j in 0..<ry {
                            let c = w * f[j]
                            if c == 0 { continue }
                            let row = base + j * rx
                            for i in 0..<rx { row[i] += c * e[i] }
                        }
                    }
                }
            }
        }
        return image
    }

    /// out[i] = exp(-(c - x_i)^2 / twoS2) on an evenly spaced grid: exact at
    /// the grid point nearest c, then by ratios that shrink by the constant
    /// exp(-2 h^2 / twoS2) at each step outwards (values only decrease, so
    /// an underflow to zero is final).
    static func gaussianRow(center c: Double, grid: [Double], twoS2: Double, into out: UnsafeMutablePointer<Double>) {
        let r = grid.count
        guard r > 2, let first = grid.first, let last = grid.last else {
            for i in 0..<r { let d = c - grid[i]; out[i] = exp(-(d * d) / twoS2) }
            return
        }
        let h = (last - first) / Double(r - 1)
        guard h > 0, h.isFinite, c.isFinite else {
            for i in 0..<r { let d = c - grid[i]; out[i] = exp(-(d * d) / twoS2) }
            return
        }
        let position = ((c - first) / h).rounded()
        let k = position <= 0 ? 0 : (position >= Double(r - 1) ? r - 1 : Int(position))
        let dk = c - grid[k]
        let peak = exp(-(dk * dk) / twoS2)
        out[k] = peak
        let q = exp(-2 * h * h / twoS2)
        // Rightwards: ratio = exp(-h (2 (x_k - c) + h) / twoS2) <= 1.
        var value = peak
        var ratio = exp(-h * (2 * (grid[k] - c) + h) / twoS2)
        var i = k + 1
        while i < r {
            value *= ratio
            out[i] = value
            ratio *= q
            i += 1
        }
        value = peak
        ratio = exp(-h * (2 * (c - grid[k]) + h) / twoS2)
        i = k - 1
        while i >= 0 {
            value *= ratio
            out[i] = value
            ratio *= q
            i -= 1
        }
    }
}
