extension FilteredComplex {
    /// Checks every structural promise of the type's description.
    ///
    /// ```swift
    /// try complex.validate()  // throws ComplexError.invalidComplex naming the first bad cell
    /// ```
    /// - Throws: `ComplexError.invalidComplex`.
    public func validate() throws {
        func bad(_ cell: Int?, _ reason: String) -> ComplexError { .invalidComplex(cell: cell, reason: reason) }
        let n = count, p = parameterCount
        guard p >= 1, p <= 64 else { throw bad(nil, "parameterCount \(p) must be between 1 and 64") }
        guard boundaryOffsets.count == n + 1 else {
            throw bad(nil, "\(boundaryOffsets.count) boundary offsets for \(n) cells (expected \(n + 1))")
        }
        guard boundaryOffsets.first == 0, boundaryOffsets.last == boundaryIndices.count else {
            throw bad(nil, "boundary offsets must start at 0 and end at the number of boundary entries (\(boundaryIndices.count))")
        }
        guard boundaryCoefficients.count == boundaryIndices.count else {
            throw bad(nil, "\(boundaryCoefficients.count) coefficients for \(boundaryIndices.count) boundary entries")
        }
        guard n < Int(Int32.max) else { throw bad(nil, "\(n) cells: at most \(Int32.max - 1) are supported") }
        // Grades.
        let gradeCount: Int
        if let go = gradeOffsets {
            guard go.count == n + 1, go.first == 0 else {
                throw bad(nil, "grade offsets must have \(n + 1) entries starting at 0")
            }
            for i in 0..<n where go[i + 1] <= go[i] { throw bad(i, "no grade (or decreasing grade offsets)") }
            gradeCount = go[n]
        } else {
            gradeCount = n
        }
        let (total, overflow) = gradeCount.multipliedReportingOverflow(by: p)
        guard !overflow, grades.count == total else {
            throw bad(nil, "\(grades.count) grade values, expected \(gradeCount) grades of \(p) value\(p == 1 ? "" : "s")")
        }
        if let bad0 = grades.firstIndex(where: { $0.isNaN }) { throw bad(nil, "grade value \(bad0) is NaN") }
        // Cells and boundaries.
        for i in 0..<n {
            let d = Int(dimensions[i])
            guard d >= 0 else { throw bad(i, "negative dimension \(d)") }
            let lo = boundaryOffsets[i], hi = boundaryOffsets[i + 1]
            guard lo <= hi else { throw bad(i, "boundary offsets decrease") }
            if d == 0 && hi > lo { throw bad(i, "a vertex has a boundary") }
            if d > 0 && hi == lo { throw bad(i, "a cell of dimension \(d) has an empty boundary") }
            var previous = -1
            for e in lo..<hi {
                let f = Int(boundaryIndices[e])
                guard f > previous else { throw bad(i, "boundary not strictly ascending") }
                guard f < i else { throw bad(i, "boundary entry \(f) is not an earlier cell") }
                guard Int(dimensions[f]) == d - 1 else { throw bad(i, "boundary entry \(f) has dimension \(dimensions[f]), expected \(d - 1)") }
                let c = boundaryCoefficients[e]
                guard c == 1 || c == -1 else { throw bad(i, "coefficient \(c), expected +1 or -1") }
                guard isAbove(cell: i, face: f) else { throw bad(i, "its grade is not above the grade of its face \(f)") }
                previous = f
            }
        }
    }

    /// Whether every grade of `cell` is above some grade of `face` (so the
    /// face is present wherever the cell is).
    func isAbove(cell: Int, face: Int) -> Bool {
        let p = parameterCount
        for g in gradeRange(of: cell) {
            var found = false
            for h in gradeRange(of: face) {
                var le = true
                for k in 0..<p where grades[h * p + k] > grades[g * p + k] { le = false; break }
                if le { found = true; break }
            }
            if !found { return false }
        }
        return true
    }
}
