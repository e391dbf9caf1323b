import Backprop

/// The exact theory of plain descent on a bowl, in words, with the thresholds of this curve.
extension BowlTheory {
    /// "The theory for a bowl L = a·(w − w*)², here a = 1".
    public var heading: String {
        "The theory for a bowl L = a·(w − w*)², here a = \(Format.number(curvature))"
    }

    /// The three regimes and their thresholds, for this curvature.
    public var statement: SweepClaim {
        .bowlRegimes(
            curvature: curvature, oscillation: oscillationThreshold,
            divergence: divergenceThreshold)
    }
}
