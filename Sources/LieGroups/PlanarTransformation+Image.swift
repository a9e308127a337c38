import LinearAlgebra

extension PlanarTransformation {
    /// The image moved by this map about the image centre: the new image at
    /// pixel x is the old one at g^-1 x, by bilinear interpolation, zero
    /// outside. Pixel (row r, column c) sits at (c - (s-1)/2, r - (s-1)/2),
    /// so a quarter turn maps the grid onto itself and is exact.
    ///
    /// ```swift
    /// let quarter = SO2<Double>(angle: .pi / 2)
    /// let image: [Float] = [1, 0, 0, 0]                // 2 x 2, row-major
    /// print(quarter.act(onImage: image, side: 2))      // [0, 1, 0, 0]: the pixel moved a quarter turn
    /// ```
    ///
    /// - Complexity: O(side^2); `image.count` must be side^2 (else the image comes back unchanged).
    public func act(onImage image: [Float], side: Int) -> [Float] {
        guard side > 0, image.count == side * side else { return image }
        let m = linearPart, t = translationPart
        let a = Double(m.a), b = Double(m.b), c = Double(m.c), d = Double(m.d)
        let tx = Double(t.x), ty = Double(t.y)
        let det = a * d - b * c
        guard det != 0, det.isFinite else { return image }
        let centre = Double(side - 1) / 2
        var out = [Float](repeating: 0, count: side * side)
        for r in 0..<side {
            for col in 0..<side {
                let px = Double(col) - centre - tx, py = Double(r) - centre - ty
                // g^-1 (x - t) = A^-1 (x - t)
                let qx = (d * px - b * py) / det + centre, qy = (-c * px + a * py) / det + centre
                out[r * side + col] = Self.bilinear(image, side: side, x: qx, y: qy)
            }
        }
        return out
    }

    /// Bilinear sample at real (column x, row y); coordinates within 1e-9 of an integer snap to it.
    static func bilinear(_ image: [Float], side: Int, x: Double, y: Double) -> Float {
        func snap(_ v: Double) -> Double { abs(v - v.rounded()) < 1e-9 ? v.rounded() : v }
        let x = snap(x), y = snap(y)
        guard x > -1, y > -1, x < Double(side), y < Double(side) else { return 0 }
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        var value = 0.0
        for (dy, wy) in [(0, 1 - fy), (1, fy)] where wy != 0 {
            for (dx, wx) in [(0, 1 - fx), (1, fx)] where wx != 0 {
                let xi = x0 + dx, yi = y0 + dy
                if xi >= 0, xi < side, yi >= 0, yi < side { value += wx * wy * Double(image[yi * side + xi]) }
            }
        }
        return Float(value)
    }
}
