import CKernels

/// The two loops training spends its time in. `vectorised` picks the tuned C kernels (eight
/// Floats per instruction with fused multiply-adds where the processor has AVX2 and FMA);
/// otherwise the same arithmetic runs as plain Swift loops, for comparison.

/// Pointers to the rows of a mini-batch, wherever they lie.
typealias Rows = [UnsafePointer<Float>?]

/// out[r] = w · rows[r], for every row, each of length `n`: the plain loop (the tuned one works
/// on a whole layer at once, `bp_layer_forward`).
@inline(__always) func plainDotRows(
    _ w: UnsafePointer<Float>, _ rows: Rows, n: Int, into out: UnsafeMutablePointer<Float>
) {
    for (r, row) in rows.enumerated() {
        var sum: Float = 0
        for i in 0..<n { sum += w[i] * row![i] }
        out[r] = sum
    }
}

/// y += Σᵣ scales[r]·rows[r], each row of length `n`.
@inline(__always) func axpyRows(
    _ y: UnsafeMutablePointer<Float>, _ rows: Rows, scales: UnsafePointer<Float>, n: Int,
    _ vectorised: Bool
) {
    if vectorised { return bp_axpy_rows(y, rows, scales, rows.count, n) }
    for (r, row) in rows.enumerated() {
        for i in 0..<n { y[i] += scales[r] * row![i] }
    }
}

/// Pointers to `count` rows of length `length` laid one after another from `base`.
@inline(__always) func consecutiveRows(
    _ base: UnsafePointer<Float>, length: Int, count: Int
) -> Rows {
    (0..<count).map { base + $0 * length }
}
