import Backprop
import Experiments

/// What can be said about a sweep of many learning rates on a bowl (lesson 4).
public enum SweepClaim: Claim, Equatable {
    /// Of `count` rates from just above 0 to `top`, `agreeing` behaved as the theory predicts.
    case matchedTheory(agreeing: Int, count: Int, top: Double)
    /// The bowl's three regimes: each step multiplies w − w* by (1 − 2aη), so the thresholds are
    /// η = 1/(2a) = `oscillation` and η = 1/a = `divergence`, for the curvature a of the curve.
    case bowlRegimes(curvature: Double, oscillation: Double, divergence: Double)

    public var sentence: String {
        switch self {
        case .matchedTheory(let agreeing, let count, let top):
            let share =
                agreeing == count ? "every one of them" : "\(Format.count(agreeing)) of them"
            return "Measured over \(Format.count(count)) rates up to \(Format.number(top)): the "
                + "behaviour matched the theory for \(share)."
        case .bowlRegimes(_, let oscillation, let divergence):
            return "Each step multiplies w − w* by (1 − 2aη). Monotone for η < 1/(2a) = "
                + "\(Format.number(oscillation)); oscillating but converging for 1/(2a) < "
                + "η < 1/a = \(Format.number(divergence)); diverging for η > 1/a."
        }
    }
}

extension LearningRateSweep {
    /// How many of the sweep's rates behaved as the bowl theory predicts.
    public func claim(_ theory: BowlTheory) -> SweepClaim {
        .matchedTheory(
            agreeing: agreements(with: theory), count: trials.count,
            top: Mutant.sweepTopIsFirst.apply(trials.last) { _ in trials.first }?.path.learningRate
                ?? 0)
    }
}
