import Backprop
import Experiments

/// What a descent experiment will do, said before it runs: the options in words, not claims about
/// the run.
extension CurveDescent {
    /// "20 steps of gradient descent on L(w) = w², …, from w = 2 with η = 0.1. …"
    public var plan: String {
        let all = settings.map(\.learningRate)
        let rates = Format.series(Set(all).count == 1 ? [all[0]] : all)
        let momenta = settings.compactMap(\.momentum)
        let how =
            momenta.isEmpty
            ? "gradient descent" : "the heavy ball with β = \(Format.series(momenta))"
        return
            "At most \(Format.count(steps, "step")) of \(how) on \(curve.formula), \(curve.about), "
            + "from w = \(Format.number(start)) with η = \(rates). Converged means |w − w*| ≤ "
            + "\(Format.number(tolerance)) for the minimum w* it ended nearest; a jump across w* "
            + "is a change of sign of w − w* from one step to the next, counting only the steps "
            + "farther from w* than a billionth of the start's distance (nearer is rounding); a "
            + "run whose |w| passes "
            + "\(Format.bound(divergenceBound)) is stopped there and called divergent."
    }
}
