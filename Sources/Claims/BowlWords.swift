import Backprop

/// The exact theory of plain descent on a bowl, in words: theory that holds whatever the run.
extension BowlTheory {
    /// "The theory for a bowl L = a·(w − w*)², here a = 1".
    public var heading: String {
        "The theory for a bowl L = a·(w − w*)², here a = \(Format.number(curvature))"
    }

    /// The three regimes and their thresholds, for this curvature.
    public var statement: Theory {
        Theory(
            "Each step multiplies w − w* by (1 − 2aη). Monotone for η < 1/(2a) = "
                + "\(Format.number(oscillationThreshold)); oscillating but converging for 1/(2a) < "
                + "η < 1/a = \(Format.number(divergenceThreshold)); diverging for η > 1/a."
        )
    }
}
