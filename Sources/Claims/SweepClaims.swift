import Backprop
import Experiments

/// What can be said about a sweep of many learning rates on a bowl (lesson 4).
public enum SweepClaim: Claim, Equatable {
    /// Of `count` rates from just above 0 to `top`, `agreeing` behaved as the theory predicts.
    case matchedTheory(agreeing: Int, count: Int, top: Double)

    public var sentence: String {
        switch self {
        case .matchedTheory(let agreeing, let count, let top):
            let share =
                agreeing == count ? "every one of them" : "\(Format.count(agreeing)) of them"
            return "Measured over \(Format.count(count)) rates up to \(Format.number(top)): the "
                + "behaviour matched the theory for \(share)."
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
