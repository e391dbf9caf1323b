import Foundation

/// A small seeded random number generator (SplitMix64), so every lesson that draws random
/// numbers gives the same ones for the same seed, on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Codable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) built from 53 random bits, the same on every platform.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A draw from the standard normal distribution N(0, 1), by the Box–Muller transform.
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnit()  // in (0, 1], so the logarithm is finite
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
