import Backprop
import CKernels
import Foundation

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

extension Processor {
    /// A cache that holds data, as the system describes it.
    public struct Cache: Sendable, Equatable {
        /// 1 for L1, and so on.
        public let level: Int
        public let bytes: Int
    }

    /// This processor's data caches, L1 first, as the system reports them (an L3 is shared by
    /// the cores); empty when the system does not say.
    public static var dataCaches: [Cache] {
        #if os(Linux)
        let folder = "/sys/devices/system/cpu/cpu0/cache"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let caches = entries.filter { $0.hasPrefix("index") }.compactMap { entry -> Cache? in
            func read(_ name: String) -> String? {
                (try? String(contentsOfFile: "\(folder)/\(entry)/\(name)", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard read("type") != "Instruction", let level = read("level").flatMap(Int.init),
                let size = read("size"), let bytes = Self.bytes(size)
            else { return nil }
            return Cache(level: level, bytes: bytes)
        }
        return caches.sorted { $0.level < $1.level }
        #elseif canImport(Darwin)
        return [(1, "hw.l1dcachesize"), (2, "hw.l2cachesize"), (3, "hw.l3cachesize")]
            .compactMap { level, name in
                var value: Int64 = 0
                var size = MemoryLayout<Int64>.size
                guard sysctlbyname(name, &value, &size, nil, 0) == 0, value > 0 else { return nil }
                return Cache(level: level, bytes: Int(value))
            }
        #else
        return []
        #endif
    }

    /// "32K" as 32,768 bytes, "1024K" or "1M" as 1,048,576.
    static func bytes(_ size: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        guard let last = size.last else { return nil }
        guard let unit = units[last] else { return Int(size) }
        return Int(size.dropLast()).map { $0 * unit }
    }
}
