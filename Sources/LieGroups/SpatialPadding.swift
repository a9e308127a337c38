import Autodiff

/// How the spatial convolutions of the Lie-group layers see beyond the
/// image border.
///
/// `.circular` wraps the plane into a torus: every layer then commutes
/// exactly with integer (circular) shifts, and so does the classifier's
/// normalisation and global pooling, so a digit with a zero border moved by
/// whole pixels gives the same logits. `.zero` pads with zeros (the first
/// release's behaviour): after the normalisation the background is a
/// non-zero constant, so zero padding draws a frame at fixed positions that a
/// shifted digit moves against.
public enum SpatialPadding: String, Codable, Sendable, CaseIterable {
    /// Zeros beyond the border.
    case zero
    /// The opposite border's values (the plane as a torus).
    case circular
}

/// How the classifier halves the grid between layers.
///
/// `.strided`: 2 x 2 max pooling with stride 2 (only equivariant to shifts
/// by multiples of 2; two of them, to multiples of 4). `.polyphase`: 2 x 2
/// max pooling with stride 1 (circular), then of the four 2 x 2 polyphase
/// components the one with the largest norm over all channels (adaptive
/// polyphase sampling, Chaman and Fernandez, CVPR 2021), chosen per image:
/// a whole-pixel shift of the input permutes the components and shifts the
/// chosen one, so with circular padding the classifier is exactly
/// shift-invariant at the strided model's cost.
public enum Subsampling: String, Codable, Sendable, CaseIterable {
    /// 2 x 2 max pooling at stride 2.
    case strided
    /// Stride-1 2 x 2 max pooling, then the polyphase component of largest norm.
    case polyphase
}

extension Variable {
    /// [B, C, H, W] padded by `p` on each side, wrapping around (a torus).
    func circularlyPadded(by p: Int) throws -> Variable {
        guard p > 0, shape.count == 4 else { return self }
        let h = shape[2], w = shape[3]
        let rows = (-p ..< h + p).map { (($0 % h) + h) % h }
        let columns = (-p ..< w + p).map { (($0 % w) + w) % w }
        return try gathered(indices: rows, alongAxis: 2).gathered(indices: columns, alongAxis: 3)
    }

    /// A 2D correlation keeping the size [H, W] for an odd kernel side,
    /// zero or circular padding.
    func sameConvolution(_ weights: Variable, padding: SpatialPadding) throws -> Variable {
        let k = weights.shape.count == 4 ? weights.shape[3] : 1
        switch padding {
        case .zero: return try conv2d(weights, padding: k / 2)
        case .circular: return try circularlyPadded(by: k / 2).conv2d(weights, padding: 0)
        }
    }
}
