/// A signed measure on grid indices, before it is read back as grid values.
struct IndexMeasure {
    /// Coordinates per atom (n, or 2n for rectangles).
    let width: Int
    var coordinates: [Int32] = []
    var weights: [Int] = []

    mutating func append(_ c: [Int32], _ w: Int) {
        coordinates.append(contentsOf: c); weights.append(w)
    }

    /// Restricts the measured function to the box below the padded index
    /// `shape` (the mass default m sits there): each atom a becomes
    /// sum over T of (-1)^|T| delta(a with the coordinates in T set to the pad).
    func restricted(toBelow shape: [Int]) -> IndexMeasure {
        let n = shape.count
        var out = IndexMeasure(width: width)
        var c = [Int32](repeating: 0, count: width)
        for i in weights.indices {
            for mask in 0..<(1 << n) {
                var sign = 1, inside = true
                for k in 0..<width { c[k] = coordinates[i * width + k] }
                for p in 0..<n where Int(c[p]) >= shape[p] { inside = false }
                if !inside { break }   // the atom lies outside the box: the restricted function does not see it
                for p in 0..<n where mask & (1 << p) != 0 { c[p] = Int32(shape[p]); sign = -sign }
                out.append(c, sign * weights[i])
            }
        }
        return out
    }

    /// The measure in grid values: index k of parameter p is `grid.values[p][k]`,
    /// the pad index `shape[p]` is `mass[p]`; for rectangles the death
    /// coordinates are given already as values through `deathValue`.
    func values(grid: Grid, mass: [Double]?, rectangles: Bool = false,
                deathValue: ((Int, Int32) -> Double)? = nil) throws -> SignedMeasure {
        let n = grid.parameterCount
        var points = [Double](); points.reserveCapacity(coordinates.count)
        for i in weights.indices {
            for k in 0..<width {
                let p = k % n, idx = coordinates[i * width + k]
                if k >= n, let deathValue { points.append(deathValue(p, idx)); continue }
                if Int(idx) >= grid.values[p].count {
                    points.append(mass?[p] ?? .infinity)
                } else {
                    points.append(grid.values[p][Int(idx)])
                }
            }
        }
        return try SignedMeasure(parameterCount: n, rectangles: rectangles, points: points, weights: weights)
    }
}
