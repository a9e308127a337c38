extension SimplexTree {
    /// Checks the complex (tests and debug builds): every simplex is sorted
    /// and indexed, every facet of a simplex is present, and no face comes
    /// after a coface (face value <= coface value). Returns the first
    /// violation, or nil.
    ///
    /// ```swift
    /// assert(tree.invariantViolation() == nil)
    /// ```
    public func invariantViolation() -> String? {
        guard grades.count == simplices.count * parameterCount, position.count == simplices.count else {
            return "storage sizes disagree"
        }
        for (i, s) in simplices.enumerated() {
            guard zip(s, s.dropFirst()).allSatisfy({ $0 < $1 }) else { return "simplex \(s) is not sorted" }
            guard position[s] == i else { return "simplex \(s) is not indexed" }
            guard s.count > 1 else { continue }
            for drop in 0..<s.count {
                var face = s
                face.remove(at: drop)
                guard let j = position[face] else { return "facet \(face) of \(s) is missing" }
                if grades[j] > grades[i] { return "facet \(face) enters after \(s)" }
            }
        }
        return nil
    }
}
