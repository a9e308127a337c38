import Complexes

extension FilteredComplex {
    /// The persistence barcode of this filtered complex (one parameter), by
    /// the boundary-matrix engine, in GUDHI's conventions: a bar is
    /// (value of the positive cell, value of the negative cell), bars of
    /// length `<= minPersistence` are dropped (zero-length ones by default,
    /// as GUDHI's `persistence(min_persistence=0)`), unpaired cells give
    /// essential bars.
    ///
    /// ```swift
    /// let barcode = try tree.filteredComplex().barcode(maxDimension: 1, modulus: 2)
    /// ```
    /// - Parameters:
    ///   - maxDimension: the highest homology dimension reported; nil means
    ///     one below the complex's dimension (GUDHI's default
    ///     `persistence_dim_max=False`).
    ///   - modulus: a prime below 65536.
    ///   - minPersistence: bars not longer than this are dropped; a negative
    ///     value keeps zero-length bars.
    /// - Throws: `PersistenceError.notPrime`, `.invalidDimension`, `.invalidParameter` for a multi-parameter complex.
    public func barcode(maxDimension: Int? = nil, modulus: Int = 2, minPersistence: Double = 0) throws -> Barcode {
        let top = maxDimension ?? Swift.max(0, dimension - 1)
        guard top >= 0 else { throw PersistenceError.invalidDimension(top, reason: "must be at least 0") }
        guard parameterCount == 1, !isMultiCritical else {
            throw PersistenceError.invalidParameter(name: "complex", reason: "a one-parameter barcode needs one grade of one value per cell (this complex has \(parameterCount) parameters\(isMultiCritical ? ", k-critical" : ""))")
        }
        let reduced = try BoundaryMatrix.reduce(self, modulus: modulus, maxDimension: top)
        return barcode(from: reduced, maxDimension: top, minPersistence: minPersistence)
    }

    /// The barcode read from a reduced boundary matrix of this complex.
    ///
    /// ```swift
    /// let b = complex.barcode(from: try BoundaryMatrix.reduce(complex), maxDimension: 1)
    /// ```
    public func barcode(from reduced: BoundaryMatrix, maxDimension: Int, minPersistence: Double = 0) -> Barcode {
        var result = Barcode(maxDimension: maxDimension)
        var paired = [Bool](repeating: false, count: count)
        for j in 0..<count {
            let i = Int(reduced.pivotRow[j])
            guard i >= 0 else { continue }
            paired[i] = true
            paired[j] = true
            let d = Int(dimensions[i])
            guard d <= maxDimension else { continue }
            let b = filtration(i), e = filtration(j)
            if e - b > minPersistence { result.bars[d].append(Bar(birth: b, death: e)) }
        }
        for i in 0..<count where !paired[i] {
            let d = Int(dimensions[i])
            // Cells above maxDimension + 1 were not reduced: their status is unknown.
            if d <= maxDimension { result.bars[d].append(Bar(birth: filtration(i), death: .infinity)) }
        }
        return result.sorted()
    }
}

extension SimplexTree {
    /// The persistence barcode of this filtered simplicial complex, as
    /// GUDHI's `SimplexTree.persistence()` (dimensions up to one below the
    /// complex's unless `maxDimension` says otherwise; zero-length bars dropped).
    ///
    /// ```swift
    /// var tree = SimplexTree()
    /// try tree.insert([0, 1], filtration: 1); try tree.insert([1, 2], filtration: 1)
    /// try tree.insert([0, 2], filtration: 1)
    /// let barcode = try tree.persistence(maxDimension: 1)
    /// barcode[1]  // [1, inf)
    /// ```
    /// - Throws: `PersistenceError.notPrime` for a bad modulus.
    public func persistence(maxDimension: Int? = nil, modulus: Int = 2, minPersistence: Double = 0) throws -> Barcode {
        try filteredComplex().barcode(maxDimension: maxDimension, modulus: modulus, minPersistence: minPersistence)
    }
}

extension AlphaComplex {
    /// The persistence barcode of the alpha filtration (squared radii), as
    /// GUDHI's `AlphaComplex(...).create_simplex_tree().persistence()`:
    /// dimensions up to one below the triangulation's unless `maxDimension`
    /// says otherwise.
    ///
    /// ```swift
    /// let barcode = try AlphaComplex(points: cloud).persistence(maxDimension: 2)
    /// ```
    /// - Throws: `PersistenceError.notPrime` for a bad modulus.
    public func persistence(maxDimension: Int? = nil, modulus: Int = 2) throws -> Barcode {
        try filteredComplex.barcode(maxDimension: maxDimension, modulus: modulus)
    }
}

extension CubicalComplex {
    /// The persistence barcode of the image's sublevel filtration, as
    /// GUDHI's `CubicalComplex.persistence()` (dimensions below the image's
    /// unless `maxDimension` says otherwise).
    ///
    /// ```swift
    /// let barcode = try CubicalComplex(rows: [[0, 1], [1, 0]]).persistence()
    /// ```
    /// - Throws: `PersistenceError.notPrime` for a bad modulus.
    public func persistence(maxDimension: Int? = nil, modulus: Int = 2) throws -> Barcode {
        try filteredComplex().barcode(maxDimension: maxDimension ?? Swift.max(0, shape.count - 1), modulus: modulus)
    }
}
