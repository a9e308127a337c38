extension Delaunay {
    /// Checks the triangulation (tests and debug builds): neighbours are
    /// mutual and share k vertices, finite cells are positively oriented,
    /// and no point lies strictly inside a finite cell's circumsphere (the
    /// Delaunay property; O(cells x points)). Returns the first violation.
    func invariantViolation(points: [Int32]) -> String? {
        for c in alive.indices where alive[c] {
            let cell = Int32(c)
            for i in 0..<width {
                let n = neighbor(cell, i)
                guard n >= 0, alive[Int(n)] else { return "cell \(c) slot \(i): dead or missing neighbour" }
                guard (0..<width).contains(where: { neighbor(n, $0) == cell }) else { return "cell \(c): neighbour \(n) does not point back" }
                let shared = (0..<width).filter { s in s != i && (0..<width).contains { cells[Int(n) * width + $0] == cells[c * width + s] } }
                guard shared.count == k else { return "cells \(c), \(n) share \(shared.count) vertices, expected \(k)" }
            }
            if isInfinite(cell) { continue }
            if orient(verts(cell)) <= 0 { return "cell \(c) is not positively oriented" }
            let v = verts(cell)
            for q in points where !(0..<width).contains(where: { v[$0] == q }) {
                let inside = k == geometry.dimension ? geometry.inSphere(v, q) > 0 : geometry.insideCircumball(v, q)
                if inside { return "point \(q) inside the circumsphere of cell \(c)" }
            }
        }
        return nil
    }
}
