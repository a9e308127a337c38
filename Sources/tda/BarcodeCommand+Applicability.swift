import ArgumentParser

extension BarcodeCommand {
    /// Refuses options that do not apply to the chosen complex or input
    /// instead of ignoring them (`--metric manhattan --complex alpha` used
    /// to give the Euclidean answer). An option counts as given when it was
    /// typed, whatever its value (`--collapse auto` is refused for alpha as
    /// `--collapse never` is): the defaults are applied after this check.
    func checkApplicability() throws {
        let isMatrix: Bool
        switch inputKind() {
        case .pointCloud, .npy, .off, .csv: isMatrix = false
        default: isMatrix = true  // every distance-matrix and graph format
        }
        if let metric = metricOption {
            if complex != .rips {
                throw ValidationError("--metric \(metric) applies to Rips complexes only (alpha is Euclidean, cubical has no metric)")
            }
            if isMatrix { throw ValidationError("--metric \(metric) does not apply to a distance matrix (its entries are the distances)") }
        }
        if complex != .rips {
            if threshold != nil { throw ValidationError("--threshold applies to --complex rips only") }
            if collapseOption != nil { throw ValidationError("--collapse applies to --complex rips only") }
            if memoryLimit != nil { throw ValidationError("--memory-limit applies to --complex rips only") }
        }
        if symmetrize != nil && !(complex == .rips && inputKind() == .distance) {
            throw ValidationError("--symmetrize applies to full distance matrices only (--complex rips --input distance)")
        }
        if precisionOption != nil && complex != .alpha { throw ValidationError("--precision applies to --complex alpha only") }
    }
}
