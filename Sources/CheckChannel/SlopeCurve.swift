import Foundation

/// Exercise 1's curves, f(w) = c₀w³ + c₁w² + c₂·sin w: their slope is known exactly, and they
/// travel to the check child as three numbers, where a closure could not.
public struct SlopeCurve: Codable, Sendable, Equatable {
    public let c: [Double]

    public init(_ c: [Double]) {
        self.c = c
    }

    /// f(w).
    public func callAsFunction(_ w: Double) -> Double {
        c[0] * w * w * w + c[1] * w * w + c[2] * sin(w)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer().decode([Double].self)
        guard c.count == 3 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a curve has 3 numbers"))
        }
        self.c = c
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(c)
    }
}
