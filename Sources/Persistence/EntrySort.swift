import Dispatch

/// Sorts with two workers when asked: each half in place, then a merge
/// through a buffer of half the size.
func sortEntries(_ a: inout [DiameterEntry], threads: Int, by before: (DiameterEntry, DiameterEntry) -> Bool) {
    let n = a.count
    guard threads > 1, n > 1 << 15 else { return sortEntries(&a, by: before) }
    let half = n / 2
    a.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let depth = 2 * (Int.bitWidth - n.leadingZeroBitCount) + 2
        withoutActuallyEscaping(before) { before in
            DispatchQueue.concurrentPerform(iterations: 2) { w in
                if w == 0 { introsort(base, 0, half - 1, depth, before) } else { introsort(base, half, n - 1, depth, before) }
            }
        }
        // Merge: the left half moves to a buffer, the merge fills from the front.
        let left = UnsafeMutablePointer<DiameterEntry>.allocate(capacity: half)
        defer { left.deallocate() }
        left.update(from: base, count: half)
        var i = 0, j = half, k = 0
        while i < half && j < n {
            if before(base[j], left[i]) { base[k] = base[j]; j += 1 } else { base[k] = left[i]; i += 1 }
            k += 1
        }
        while i < half { base[k] = left[i]; i += 1; k += 1 }
    }
}

/// In-place introsort of engine entries (quicksort with median-of-three,
/// insertion sort for short ranges, heapsort past the depth limit): no
/// temporary buffer, unlike the standard library's stable sort, so sorting
/// n columns costs no extra n/2 entries of memory. Keys are unique (simplex
/// indices), so stability is irrelevant.
func sortEntries(_ a: inout [DiameterEntry], by before: (DiameterEntry, DiameterEntry) -> Bool) {
    a.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress, buffer.count > 1 else { return }
        var depth = 2
        var m = buffer.count
        while m > 1 { depth += 2; m >>= 1 }
        introsort(base, 0, buffer.count - 1, depth, before)
    }
}

private func introsort(_ a: UnsafeMutablePointer<DiameterEntry>, _ lo: Int, _ hi: Int, _ depth: Int,
                       _ before: (DiameterEntry, DiameterEntry) -> Bool) {
    var lo = lo, hi = hi, depth = depth
    while hi - lo > 16 {
        if depth == 0 {
            heapsort(a + lo, hi - lo + 1, before)
            return
        }
        depth -= 1
        // Median of three to a[lo], then Hoare partition.
        let mid = lo + (hi - lo) / 2
        if before(a[mid], a[lo]) { swap(&a[mid], &a[lo]) }
        if before(a[hi], a[lo]) { swap(&a[hi], &a[lo]) }
        if before(a[hi], a[mid]) { swap(&a[hi], &a[mid]) }
        let pivot = a[mid]
        var i = lo, j = hi
        while i <= j {
            while before(a[i], pivot) { i += 1 }
            while before(pivot, a[j]) { j -= 1 }
            if i <= j {
                let t = a[i]; a[i] = a[j]; a[j] = t
                i += 1; j -= 1
            }
        }
        // Recurse on the smaller side, loop on the larger.
        if j - lo < hi - i {
            if lo < j { introsort(a, lo, j, depth, before) }
            lo = i
        } else {
            if i < hi { introsort(a, i, hi, depth, before) }
            hi = j
        }
    }
    // Insertion sort.
    if hi > lo {
        for k in (lo + 1)...hi {
            let x = a[k]
            var p = k
            while p > lo && before(x, a[p - 1]) { a[p] = a[p - 1]; p -= 1 }
            a[p] = x
        }
    }
}

private func heapsort(_ a: UnsafeMutablePointer<DiameterEntry>, _ n: Int,
                      _ before: (DiameterEntry, DiameterEntry) -> Bool) {
    func sift(_ start: Int, _ end: Int) {
        var root = start
        while 2 * root + 1 < end {
            var child = 2 * root + 1
            if child + 1 < end && before(a[child], a[child + 1]) { child += 1 }
            if !before(a[root], a[child]) { return }
            let t = a[root]; a[root] = a[child]; a[child] = t
            root = child
        }
    }
    var start = n / 2 - 1
    while start >= 0 { sift(start, n); start -= 1 }
    var end = n - 1
    while end > 0 {
        let t = a[0]; a[0] = a[end]; a[end] = t
        sift(0, end)
        end -= 1
    }
}

/// Sorts entries by diameter ascending with an LSD radix sort on the
/// diameters' bit patterns (11-bit digits, the digits on which all keys
/// agree skipped), stable: entries of equal diameter keep their order, so
/// entries given in index-descending order come out in the engine's edge
/// order (diameter ascending, index descending). The bit patterns of
/// non-negative doubles order as the doubles do; returns false, leaving
/// `a` unchanged, if a diameter is negative, -0.0 or NaN (the caller then
/// sorts by comparison). Needs a buffer of a.count entries.
func radixSortByDiameter(_ a: inout [DiameterEntry]) -> Bool {
    let n = a.count
    if n < 2 { return true }
    let digitBits = 11, buckets = 1 << 11
    let passes = (64 + digitBits - 1) / digitBits
    var counts = [Int](repeating: 0, count: passes * buckets)
    var valid = true
    a.withUnsafeBufferPointer { e in
        counts.withUnsafeMutableBufferPointer { c in
            for t in 0..<n {
                let key = e[t].diameter.bitPattern
                if key >> 63 != 0 || e[t].diameter.isNaN { valid = false; return }
                var p = 0
                while p < passes {
                    c[p &* buckets &+ Int((key >> UInt64(p &* digitBits)) & UInt64(buckets - 1))] &+= 1
                    p &+= 1
                }
            }
        }
    }
    guard valid else { return false }
    let other = UnsafeMutablePointer<DiameterEntry>.allocate(capacity: n)
    defer { other.deallocate() }
    a.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        var source = base, target = other
        var offsets = [Int](repeating: 0, count: buckets)
        for p in 0..<passes {
            // A digit on which every key agrees leaves the order as it is.
            let c = counts[(p * buckets)..<((p + 1) * buckets)]
            if c.contains(n) { continue }
            var sum = 0
            for (b, count) in c.enumerated() { offsets[b] = sum; sum += count }
            let shift = UInt64(p * digitBits)
            offsets.withUnsafeMutableBufferPointer { o in
                for t in 0..<n {
                    let x = source[t]
                    let b = Int((x.diameter.bitPattern >> shift) & UInt64(buckets - 1))
                    target[o[b]] = x
                    o[b] &+= 1
                }
            }
            swap(&source, &target)
        }
        if source != base { base.update(from: source, count: n) }
    }
    return true
}
