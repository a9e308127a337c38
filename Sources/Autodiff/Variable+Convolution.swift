/// The sizes of a 2D convolution or pooling over NCHW input.
struct Conv2DGeometry: Equatable, Sendable {
    var batch: Int, channels: Int, height: Int, width: Int
    var kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int
    var outHeight: Int, outWidth: Int

    /// Checks the sizes (overflow included) and derives the output extent.
    init(input s: [Int], kernelHeight kh: Int, kernelWidth kw: Int, stride: Int, padding: Int) throws {
        guard s.count == 4 else { throw AutodiffError.shapeMismatch("2D convolution and pooling need [batch, channels, height, width], got \(s)") }
        guard kh > 0, kw > 0, stride > 0, padding >= 0 else {
            throw AutodiffError.invalidArgument("kernel \(kh) x \(kw), stride \(stride), padding \(padding)")
        }
        let (ph, o1) = s[2].addingReportingOverflow(2 &* padding)
        let (pw, o2) = s[3].addingReportingOverflow(2 &* padding)
        guard !o1, !o2, padding < Int.max / 4, ph >= kh, pw >= kw else {
            throw AutodiffError.shapeMismatch("a \(kh) x \(kw) kernel does not fit \(s[2]) x \(s[3]) with padding \(padding)")
        }
        (batch, channels, height, width) = (s[0], s[1], s[2], s[3])
        (kernelHeight, kernelWidth, self.stride, self.padding) = (kh, kw, stride, padding)
        outHeight = (ph - kh) / stride + 1
        outWidth = (pw - kw) / stride + 1
        _ = try Tensor<Double>.elementCount(of: [batch, channels * kh * kw, outHeight * outWidth])
    }

    var patch: Int { channels * kernelHeight * kernelWidth }
    var pixels: Int { outHeight * outWidth }
}

extension Variable {
    /// The 2D convolution (cross-correlation, as PyTorch's `conv2d`) of NCHW
    /// input with weights [out, in, kh, kw] and an optional bias [out], by
    /// im2col and one gemm per image.
    ///
    /// ```swift
    /// let y = try x.conv2d(w, bias: b, stride: 1, padding: 1)   // [n, c, h, w] -> [n, out, h, w]
    /// ```
    ///
    /// - Complexity: O(n · out · in · kh · kw · outH · outW) in gemm; the
    ///   patch matrix (n · in · kh · kw · outH · outW entries) is kept for
    ///   the weight gradient.
    public func conv2d(_ weight: Variable, bias: Variable? = nil, stride: Int = 1, padding: Int = 0) throws -> Variable {
        try tape.check(weight)
        let ws = weight.shape
        guard ws.count == 4 else { throw AutodiffError.shapeMismatch("conv2d weight must be [out, in, kh, kw], got \(ws)") }
        let geo = try Conv2DGeometry(input: shape, kernelHeight: ws[2], kernelWidth: ws[3], stride: stride, padding: padding)
        guard ws[1] == geo.channels else {
            throw AutodiffError.shapeMismatch("conv2d weight \(ws) for input with \(geo.channels) channels")
        }
        let outChannels = ws[0]
        if let b = bias {
            try tape.check(b)
            guard b.shape == [outChannels] else { throw AutodiffError.shapeMismatch("conv2d bias \(b.shape), expected [\(outChannels)]") }
        }
        let cols = ConvKernels.im2col(tape.value(index), geo)
        let y = ConvKernels.forward(cols, tape.value(weight.index), bias.map { tape.value($0.index) }, geo, outChannels: outChannels)
        let ix = index, iw = weight.index, ib = bias?.index
        let inputs = [self, weight] + (bias.map { [$0] } ?? [])
        return tape.record([geo.batch, outChannels, geo.outHeight, geo.outWidth], y, inputs: inputs) { tape, g in
            let w = tape.value(iw)
            tape.accumulate(iw) { ConvKernels.weightGradient(g, cols, into: $0, geo, outChannels: outChannels) }
            if let ib { tape.accumulate(ib) { ConvKernels.biasGradient(g, into: $0, geo, outChannels: outChannels) } }
            tape.accumulate(ix) { ConvKernels.inputGradient(g, w, into: $0, geo, outChannels: outChannels) }
        }
    }

    /// 2D max pooling over NCHW input (window `size`, stride `stride`, by
    /// default the window); the gradient goes to the first maximum of each window.
    ///
    /// ```swift
    /// let p = try x.maxPool2D(size: 2)    // [n, c, 16, 16] -> [n, c, 8, 8]
    /// ```
    public func maxPool2D(size: Int, stride: Int? = nil) throws -> Variable {
        let geo = try Conv2DGeometry(input: shape, kernelHeight: size, kernelWidth: size, stride: stride ?? size, padding: 0)
        let (y, argmax) = PoolKernels.maxPool(tape.value(index), geo)
        let i = index
        return tape.record([geo.batch, geo.channels, geo.outHeight, geo.outWidth], y, inputs: [self]) { tape, g in
            tape.accumulate(i) { dx in for k in 0..<g.count { dx[argmax[k]] += g[k] } }
        }
    }

    /// 2D average pooling over NCHW input (window `size`, stride by default the window).
    ///
    /// ```swift
    /// let p = try x.averagePool2D(size: 2)
    /// ```
    public func averagePool2D(size: Int, stride: Int? = nil) throws -> Variable {
        let geo = try Conv2DGeometry(input: shape, kernelHeight: size, kernelWidth: size, stride: stride ?? size, padding: 0)
        let y = PoolKernels.averagePool(tape.value(index), geo)
        let i = index
        return tape.record([geo.batch, geo.channels, geo.outHeight, geo.outWidth], y, inputs: [self]) { tape, g in
            tape.accumulate(i) { PoolKernels.averagePoolBackward(g, into: $0, geo) }
        }
    }
}

enum ConvKernels {
    /// The patch matrices [batch, C·kh·kw, outH·outW]: row (c, i, j), column
    /// (oh, ow) holds x[c, oh·s - p + i, ow·s - p + j] (0 outside).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func im2col<S: TensorScalar>(_ x: [S], _ g: Conv2DGeometry) -> [S] {
        let k = g.patch, p = g.pixels, hw = g.height * g.width
        var cols = [S](repeating: 0, count: g.batch * k * p)
        x.withUnsafeBufferPointer { x in cols.withUnsafeMutableBufferPointer { cols in
            for n in 0..<g.batch {
                for c in 0..<g.channels {
                    let xb = (n * g.channels + c) * hw
                    for i in 0..<g.kernelHeight {
                        for j in 0..<g.kernelWidth {
                            let row = ((n * g.channels + c) * g.kernelHeight + i) * g.kernelWidth + j
                            let cb = row * p
                            for oh in 0..<g.outHeight {
                                let ih = oh * g.stride - g.padding + i
                                guard ih >= 0, ih < g.height else { continue }
                                let ob = cb + oh * g.outWidth, xr = xb + ih * g.width
                                for ow in 0..<g.outWidth {
                                    let iw = ow * g.stride - g.padding + j
                                    if iw >= 0, iw < g.width { cols[ob + ow] = x[xr + iw] }
                                }
                            }
                        }
                    }
                }
            }
        } }
        return cols
    }

    /// Adds the patch gradients back into the image gradient (col2im).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func col2imAdd<S: TensorScalar>(_ cols: UnsafeBufferPointer<S>, image n: Int, into dx: UnsafeMutableBufferPointer<S>,
                                           _ g: Conv2DGeometry) {
        let p = g.pixels, hw = g.height * g.width
        for c in 0..<g.channels {
            let xb = (n * g.channels + c) * hw
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let cb = ((c * g.kernelHeight + i) * g.kernelWidth + j) * p
                    for oh in 0..<g.outHeight {
                        let ih = oh * g.stride - g.padding + i
                        guard ih >= 0, ih < g.height else { continue }
                        let ob = cb + oh * g.outWidth, xr = xb + ih * g.width
                        for ow in 0..<g.outWidth {
                            let iw = ow * g.stride - g.padding + j
                            if iw >= 0, iw < g.width { dx[xr + iw] += cols[ob + ow] }
                        }
                    }
                }
            }
        }
    }

    static func forward<S: TensorScalar>(_ cols: [S], _ w: [S], _ bias: [S]?, _ g: Conv2DGeometry, outChannels o: Int) -> [S] {
        let k = g.patch, p = g.pixels
        var y = [S](repeating: 0, count: g.batch * o * p)
        if let bias {
            y.withUnsafeMutableBufferPointer { y in
                for n in 0..<g.batch { for c in 0..<o { let b = bias[c], base = (n * o + c) * p; for t in 0..<p { y[base + t] = b } } }
            }
        }
        guard k > 0, p > 0, o > 0 else { return y }
        cols.withUnsafeBufferPointer { cols in w.withUnsafeBufferPointer { w in y.withUnsafeMutableBufferPointer { y in
            guard let pc = cols.baseAddress, let pw = w.baseAddress, let py = y.baseAddress else { return }
            for n in 0..<g.batch {
                S.gemm(transposeA: false, transposeB: false, m: o, n: p, k: k, alpha: 1, a: pw, lda: k,
                       b: pc + n * k * p, ldb: p, beta: 1, c: py + n * o * p, ldc: p)
            }
        } } }
        return y
    }

    /// dW[O, K] += Σ_n G_n[O, P] · cols_nᵀ.
    static func weightGradient<S: TensorScalar>(_ gy: [S], _ cols: [S], into dw: UnsafeMutableBufferPointer<S>,
                                                _ g: Conv2DGeometry, outChannels o: Int) {
        let k = g.patch, p = g.pixels
        guard k > 0, p > 0, o > 0 else { return }
        gy.withUnsafeBufferPointer { gy in cols.withUnsafeBufferPointer { cols in
            guard let pg = gy.baseAddress, let pc = cols.baseAddress, let pw = dw.baseAddress else { return }
            for n in 0..<g.batch {
                S.gemm(transposeA: false, transposeB: true, m: o, n: k, k: p, alpha: 1, a: pg + n * o * p, lda: p,
                       b: pc + n * k * p, ldb: p, beta: 1, c: pw, ldc: k)
            }
        } }
    }

    static func biasGradient<S: TensorScalar>(_ gy: [S], into db: UnsafeMutableBufferPointer<S>, _ g: Conv2DGeometry, outChannels o: Int) {
        let p = g.pixels
        gy.withUnsafeBufferPointer { gy in
            for n in 0..<g.batch { for c in 0..<o {
                var s: S = 0
                let base = (n * o + c) * p
                for t in 0..<p { s += gy[base + t] }
                db[c] += s
            } }
        }
    }

    /// dcols_n = Wᵀ · G_n, then col2im into dx.
    static func inputGradient<S: TensorScalar>(_ gy: [S], _ w: [S], into dx: UnsafeMutableBufferPointer<S>,
                                               _ g: Conv2DGeometry, outChannels o: Int) {
        let k = g.patch, p = g.pixels
        guard k > 0, p > 0, o > 0 else { return }
        var dcols = [S](repeating: 0, count: k * p)
        gy.withUnsafeBufferPointer { gy in w.withUnsafeBufferPointer { w in dcols.withUnsafeMutableBufferPointer { dc in
            guard let pg = gy.baseAddress, let pw = w.baseAddress, let pd = dc.baseAddress else { return }
            for n in 0..<g.batch {
                S.gemm(transposeA: true, transposeB: false, m: k, n: p, k: o, alpha: 1, a: pw, lda: k,
                       b: pg + n * o * p, ldb: p, beta: 0, c: pd, ldc: p)
                col2imAdd(UnsafeBufferPointer(dc), image: n, into: dx, g)
            }
        } } }
    }
}

enum PoolKernels {
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func maxPool<S: TensorScalar>(_ x: [S], _ g: Conv2DGeometry) -> ([S], [Int]) {
        let count = g.batch * g.channels * g.pixels
        var y = [S](repeating: 0, count: count)
        var arg = [Int](repeating: 0, count: count)
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in arg.withUnsafeMutableBufferPointer { arg in
            for plane in 0..<(g.batch * g.channels) {
                let xb = plane * g.height * g.width, yb = plane * g.pixels
                for oh in 0..<g.outHeight {
                    for ow in 0..<g.outWidth {
                        var best = xb + oh * g.stride * g.width + ow * g.stride
                        var m = x[best]
                        for i in 0..<g.kernelHeight {
                            let r = xb + (oh * g.stride + i) * g.width + ow * g.stride
                            for j in 0..<g.kernelWidth where x[r + j] > m || (x[r + j] != x[r + j] && m == m) {
                                m = x[r + j]
                                best = r + j
                            }
                        }
                        y[yb + oh * g.outWidth + ow] = m
                        arg[yb + oh * g.outWidth + ow] = best
                    }
                }
            }
        } } }
        return (y, arg)
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func averagePool<S: TensorScalar>(_ x: [S], _ g: Conv2DGeometry) -> [S] {
        var y = [S](repeating: 0, count: g.batch * g.channels * g.pixels)
        let scale = 1 / S(g.kernelHeight * g.kernelWidth)
        x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
            for plane in 0..<(g.batch * g.channels) {
                let xb = plane * g.height * g.width, yb = plane * g.pixels
                for oh in 0..<g.outHeight {
                    for ow in 0..<g.outWidth {
                        var s: S = 0
                        for i in 0..<g.kernelHeight {
                            let r = xb + (oh * g.stride + i) * g.width + ow * g.stride
                            for j in 0..<g.kernelWidth { s += x[r + j] }
                        }
                        y[yb + oh * g.outWidth + ow] = s * scale
                    }
                }
            }
        } }
        return y
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func averagePoolBackward<S: TensorScalar>(_ gy: [S], into dx: UnsafeMutableBufferPointer<S>, _ g: Conv2DGeometry) {
        let scale = 1 / S(g.kernelHeight * g.kernelWidth)
        gy.withUnsafeBufferPointer { gy in
            for plane in 0..<(g.batch * g.channels) {
                let xb = plane * g.height * g.width, yb = plane * g.pixels
                for oh in 0..<g.outHeight {
                    for ow in 0..<g.outWidth {
                        let v = gy[yb + oh * g.outWidth + ow] * scale
                        for i in 0..<g.kernelHeight {
                            let r = xb + (oh * g.stride + i) * g.width + ow * g.stride
                            for j in 0..<g.kernelWidth { dx[r + j] += v }
                        }
                    }
                }
            }
        }
    }
}
