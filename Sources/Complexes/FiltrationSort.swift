/// Stable sort of cells by filtration value: a least-significant-digit radix
/// sort on the values' order-preserving 64-bit images (four 16-bit digits).
/// Cells listed in (dimension, index) order come out in (value, dimension,
/// index) order — GUDHI's tie-breaking, faces before cofaces.
///
/// Cost: four passes over the cells plus 2^16-entry counters; no comparisons.
enum FiltrationSort {
    /// The order-preserving image of a double (-0 and +0 map together).
    @inline(__always) static func key(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// `cells` reordered stably by `values[cell]`.
    static func stableSorted(_ cells: [Int32], values: [Double]) -> [Int32] {
        let n = cells.count
        if n < 2 { return cells }
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n { keys[i] = key(values[Int(cells[i])]) }
        var a = cells, b = [Int32](repeating: 0, count: n)
        var ka = keys, kb = [UInt64](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            // Skip a pass whose digit is constant.
            let first = (ka[0] >> shift) & 0xFFFF
            if !ka.contains(where: { ($0 >> shift) & 0xFFFF != first }) { continue }
            for i in count.indices { count[i] = 0 }
            for k in ka { count[Int((k >> shift) & 0xFFFF)] += 1 }
            var sum = 0
            for i in count.indices { let c = count[i]; count[i] = sum; sum += c }
            for i in 0..<n {
                let d = Int((ka[i] >> shift) & 0xFFFF)
                let at = count[d]
                count[d] = at + 1
                b[at] = a[i]; kb[at] = ka[i]
            }
            swap(&a, &b); swap(&ka, &kb)
        }
        return a
    }
}
