import Backprop
import CKernels

/// The loops training spends its time in are C kernels (CKernels): sixteen Floats per fused
/// multiply-add with AVX-512, eight with AVX2, four with NEON on Apple Silicon, chosen at run
/// time. `FastNetwork(vectorised: false)` runs the same arithmetic as plain Swift loops instead,
/// for comparison.

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
            let taken = TunedNetwork.seconds(elapsed)
            best = max(best, flops / taken)
            repeats = max(1, Int(Double(repeats) * seconds / max(taken, 1e-6)))
        }
        return (best, Int(bits))
    }
}
