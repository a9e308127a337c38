import Foundation
import SwiftTDA

/// `tda barcode FILE --complex alpha`: the barcode of the exact alpha
/// complex of a 2D or 3D point cloud (CSV/TSV/whitespace text, `.npy` or
/// `.off`), in squared radii as GUDHI reports them.
///
/// - Parameters:
///   - path: the file, or `-` for standard input.
///   - input: the format (`pointCloud`/`csv` text, `npy`, `off`); distance
///     matrices are refused (an alpha complex needs coordinates).
///   - maxDim: the highest homology dimension.
///   - modulus: a prime p < 65536.
///   - precision: `.exact` (default) or `.fast`.
func alphaBarcode(path: String, input: BarcodeCommand.InputKind, maxDim: Int, modulus: Int,
                  precision: AlphaComplex.Precision = .exact) throws -> Barcode {
    let bytes = try FileInput.bytes(atPath: path)
    let cloud: PointCloud
    switch input {
    case .pointCloud, .csv: cloud = try PointCloud(textBytes: bytes)
    case .npy: cloud = try PointCloud(npy: NPYArray(bytes: bytes))
    case .off: cloud = try PointCloud(offBytes: bytes)
    case .lowerDistance, .upperDistance, .distance, .dipha, .sparse, .binary:
        throw CommandError("--complex alpha needs point coordinates (--input point-cloud, npy or off), not a distance matrix")
    }
    let alpha = try AlphaComplex(points: cloud, precision: precision)
    return try alpha.filteredComplex.barcode(maxDimension: maxDim, modulus: modulus)
}

/// `tda barcode FILE --complex cubical`: the barcode of the cubical complex
/// of an image with values on its top-dimensional cells (GUDHI's
/// `CubicalComplex(top_dimensional_cells=...)`), or on its vertices.
///
/// - Parameters:
///   - path: the file, or `-` for standard input.
///   - input: `csv` / `pointCloud` (a 2D image, one row per line) or `npy`
///     (any dimension).
///   - maxDim: the highest homology dimension.
///   - modulus: a prime p < 65536.
///   - vertices: values on vertices instead of top cells.
func cubicalBarcode(path: String, input: BarcodeCommand.InputKind, maxDim: Int, modulus: Int,
                    vertices: Bool = false) throws -> Barcode {
    let bytes = try FileInput.bytes(atPath: path)
    let variant: CubicalComplex.Variant = vertices ? .vertices : .topDimensionalCells
    let image: CubicalComplex
    switch input {
    case .pointCloud, .csv: image = try CubicalComplex(textBytes: bytes, variant: variant)
    case .npy: image = try CubicalComplex(npy: NPYArray(bytes: bytes), variant: variant)
    case .off, .lowerDistance, .upperDistance, .distance, .dipha, .sparse, .binary:
        throw CommandError("--complex cubical needs an image (--input csv or npy)")
    }
    return try image.filteredComplex().barcode(maxDimension: maxDim, modulus: modulus)
}
