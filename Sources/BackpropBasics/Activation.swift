import Foundation

/// The function a neuron applies to its weighted input z, with its derivative beside it.
public enum Activation: String, Sendable, CaseIterable {
    /// σ(z) = 1 / (1 + e^(−z)), squashing z into (0, 1); the video's choice.
    case sigmoid
    /// a = z, as in the CampusX network for a regression.
    case linear
    /// tanh(z), squashing into (−1, 1).
    case tanh
    /// max(0, z), the rectified linear unit.
    case relu

    /// a = f(z).
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .sigmoid: return 1 / (1 + exp(-z))
        case .linear: return z
        case .tanh: return Foundation.tanh(z)
        case .relu: return max(0, z)
        }
    }

    /// f′(z): how much a moves per unit of z.
    @inlinable
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .sigmoid:
            let s = value(z)
            return s * (1 - s)  // σ′ = σ·(1 − σ)
        case .linear: return 1
        case .tanh:
            let t = Foundation.tanh(z)
            return 1 - t * t  // tanh′ = 1 − tanh²
        case .relu: return z > 0 ? 1 : 0
        }
    }
}
