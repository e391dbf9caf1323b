import Foundation

/// The exact theory of the heavy ball on a bowl L = a·(w − w*)².
///
/// With e = w − w*, one step of v ← β·v − η·2a·e, w ← w + v gives the recurrence
///
///     eₜ₊₁ = (1 + β − 2aη)·eₜ − β·eₜ₋₁,    e₁ = (1 − 2aη)·e₀  (the ball starts at rest)
///
/// whose characteristic equation r² − (1 + β − 2aη)·r + β = 0 decides everything: the distance
/// shrinks when both roots lie inside the unit circle, which for 0 ≤ β < 1 means η < (1 + β)/a.
/// Plain descent is β = 0, with its one root 1 − 2aη (lesson 4).
public struct MomentumTheory: Sendable {
    /// The bowl's curvature a.
    public let curvature: Double
    /// The learning rate η.
    public let learningRate: Double
    /// The momentum β.
    public let momentum: Double

    public init(curvature: Double, learningRate: Double, momentum: Double) {
        self.curvature = curvature
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// p = 1 + β − 2aη, the sum of the two roots.
    var rootSum: Double { 1 + momentum - 2 * curvature * learningRate }

    /// p² − 4β: negative when the roots are complex, and the ball spirals (here: swings) in.
    var discriminant: Double { rootSum * rootSum - 4 * momentum }

    /// Whether the roots are complex: each step turns as well as shrinks, so w swings across w*.
    public var swings: Bool { discriminant < 0 && !doubleRoot }

    /// Whether the two roots meet (to rounding): critical damping, the fastest β for this η.
    var doubleRoot: Bool { abs(discriminant) <= 1e-12 * max(1, rootSum * rootSum) }

    /// The largest |r|: the factor by which the distance eventually shrinks (or grows) per step.
    public var spectralRadius: Double {
        if swings { return sqrt(momentum) }
        if doubleRoot { return abs(rootSum) / 2 }
        let root = sqrt(discriminant)
        return max(abs(rootSum + root), abs(rootSum - root)) / 2
    }

    /// The largest rate at which the heavy ball still converges: (1 + β)/a.
    public var divergenceThreshold: Double { (1 + momentum) / curvature }

    /// eₜ = wₜ − w* from the closed form of the recurrence, for a start e₀.
    public func distance(after t: Int, from e0: Double) -> Double {
        let e1 = (1 - 2 * curvature * learningRate) * e0
        if t == 0 { return e0 }
        if swings {
            // Roots ρ·e^(±iθ): eₜ = ρᵗ·(A·cos θt + B·sin θt).
            let rho = sqrt(momentum)
            let theta = acos(max(-1, min(1, rootSum / (2 * rho))))
            let b = (e1 - rho * cos(theta) * e0) / (rho * sin(theta))
            return pow(rho, Double(t)) * (e0 * cos(theta * Double(t)) + b * sin(theta * Double(t)))
        }
        if doubleRoot {
            // A double root r: eₜ = (A + B·t)·rᵗ.
            let r = rootSum / 2
            guard r != 0 else { return 0 }
            return (e0 + (e1 / r - e0) * Double(t)) * pow(r, Double(t))
        }
        let root = sqrt(discriminant)
        let r1 = (rootSum + root) / 2
        let r2 = (rootSum - root) / 2
        let c1 = (e1 - r2 * e0) / (r1 - r2)
        return c1 * pow(r1, Double(t)) + (e0 - c1) * pow(r2, Double(t))
    }
}
