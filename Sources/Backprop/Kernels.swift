import CKernels

/// The loops training spends its time in. `vectorised` picks the tuned C kernels (sixteen Floats
/// per fused multiply-add with AVX-512, eight with AVX2, four with NEON on Apple Silicon, chosen
/// at run time); otherwise the same arithmetic runs as plain Swift loops, for comparison.

/// What one core of this processor can do at most, measured, beside what the tuned kernels use.
public enum Processor {
    /// The width in bits of the vectors the tuned kernels run on here: 512, 256, 128, or 32 for
    /// plain numbers.
    public static var kernelBits: Int { Int(bp_kernel_bits()) }

    /// Fused multiply-adds with no memory traffic, on the widest vectors there are, for about
    /// `seconds`: the floating-point operations per second one core reaches, the best of
    /// `tries`, and the width used.
    public static func peak(seconds: Double = 0.2, tries: Int = 5) -> (flops: Double, bits: Int) {
        var bits: Int32 = 0
        // Size the loop once, then take the fastest of the tries.
        var repeats = 1_000_000
        var best = 0.0
        for _ in 0..<tries {
            let clock = ContinuousClock()
            var flops = 0.0
            let elapsed = clock.measure { flops = bp_fma_peak(repeats, &bits) }
            let taken = Backprop.seconds(elapsed)
            best = max(best, flops / taken)
            repeats = max(1, Int(Double(repeats) * seconds / max(taken, 1e-6)))
        }
        return (best, Int(bits))
    }
}

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

/// y += Σᵣ scales[r]·rows[r], each row of length `n`: the tuned kernel on vectors of `bits` at
/// most, or, for nil, the plain loop.
@inline(__always) func axpyRows(
    _ y: UnsafeMutablePointer<Float>, _ rows: Rows, scales: UnsafePointer<Float>, n: Int,
    _ bits: Int32?
) {
    if let bits { return bp_axpy_rows(y, rows, scales, rows.count, n, bits) }
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
