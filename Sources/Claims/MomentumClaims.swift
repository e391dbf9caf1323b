import Backprop
import Experiments

/// What can be said about the heavy ball against plain descent at the same η (lesson 14).
public enum MomentumClaim: SubjectClaim, Equatable {
    /// The closed form eₜ = wₜ − w* of the bowl's recurrence matched every recorded step to within
    /// `within`, a billionth of the start's distance from w* (or of 1, when that is smaller).
    case closedFormMatches(RunName, steps: Int, within: Double)
    /// It converged in `steps` where plain descent (β = 0) at the same η converged in `plainSteps`.
    case comparedWithPlain(RunName, steps: Int, plainSteps: Int)
    /// It converged where plain descent at the same η did not: plain descent ran away, or was
    /// still short of the tolerance after `budget` steps.
    case convergedWherePlainDidNot(RunName, steps: Int, plainRanAway: Bool, budget: Int)
    /// The theory for this run: the factor by which the distance eventually shrinks each step,
    /// whether the roots are complex (it swings), and the largest η at which it converges.
    case theory(RunName, radius: Double, swings: Bool, limit: Double)

    public var run: RunName {
        switch self {
        case .closedFormMatches(let run, _, _), .comparedWithPlain(let run, _, _),
            .convergedWherePlainDidNot(let run, _, _, _), .theory(let run, _, _, _):
            return run
        }
    }

    public var subject: String { run.label }

    public func sentence(subject s: String) -> String {
        func n(_ x: Double, _ digits: Int = 3) -> String { Format.number(x, digits: digits) }
        switch self {
        case .closedFormMatches(_, let steps, let within):
            let all = steps == 1 ? "its one step" : "all \(Format.count(steps, "step"))"
            return
                "\(s) followed the closed form at \(all), never more than \(n(within, 2)) from it."
        case .comparedWithPlain(_, let steps, let plainSteps):
            let ratio = Format.ratio(Double(plainSteps) / Double(max(steps, 1)))
            if steps < plainSteps {
                return "\(s) needed \(ratio) times fewer steps than plain descent: \(steps) "
                    + "against \(plainSteps)."
            }
            if steps == plainSteps {
                return "\(s) needed as many steps as plain descent, \(steps)."
            }
            return "\(s) needed more steps than plain descent, \(steps) against \(plainSteps): "
                + "momentum does not always help."
        case .convergedWherePlainDidNot(_, let steps, let plainRanAway, let budget):
            let plain = plainRanAway ? "ran away" : "did not within \(Format.count(budget, "step"))"
            return "\(s) got there in \(Format.count(steps, "step")), where plain descent at the "
                + "same η \(plain)."
        case .theory(_, let radius, let swings, let limit):
            let shape =
                swings
                ? "its roots are complex, so w swings across w*"
                : "its roots are real"
            let trend: String
            // A root of size 1 up to rounding (β = 0.64 and η = (1 + β)/a give the roots −1 and
            // −β) keeps the distance; only a size that differs from 1 past rounding shrinks it.
            if abs(radius - 1) <= 1e-9 {
                trend = "keeps w − w* from shrinking: the largest root has size 1"
            } else if radius < 1 {
                trend = "shrinks w − w* by a factor of about \(n(radius)) per step in the end"
            } else if radius == 1 {
                trend = "keeps w − w* from shrinking: the largest root has size 1"
            } else {
                trend = "grows w − w* by a factor of about \(n(radius)) per step"
            }
            return "In theory \(s) \(trend), and \(shape); it converges only for η < (1 + β)/a = "
                + "\(n(limit))."
        }
    }
}

extension CurveDescentResult {
    /// The largest gap between run `index` and the closed form of the bowl's recurrence.
    public func closedFormGap(_ index: Int) -> Double? {
        guard let theory = heavyBall(runs[index]) else { return nil }
        let target = curve.minima[0]
        let e0 = experiment.start - target
        return runs[index].path.steps.map { step in
            abs((step.w - target) - theory.distance(after: step.index, from: e0))
        }.max()
    }

    /// What the theory says of run `index` on a bowl, and whether the run followed the closed form.
    public func theoryClaims(_ index: Int) -> ClaimParagraph {
        let run = runs[index]
        guard let theory = heavyBall(run) else { return ClaimParagraph([]) }
        let name = name(index)
        var claims: [MomentumClaim] = [
            .theory(
                name, radius: theory.spectralRadius, swings: theory.swings,
                limit: theory.divergenceThreshold)
        ]
        let within = 1e-9 * max(abs(experiment.start - curve.minima[0]), 1)
        if !run.path.diverged, let gap = closedFormGap(index), gap <= within / 10 {
            claims.append(.closedFormMatches(name, steps: run.path.final.index, within: within))
        }
        return ClaimParagraph(claims)
    }

    /// How run `index` went, and how it compares with plain descent, run 0.
    public func heavyBallVerdict(_ index: Int) -> ClaimParagraph {
        var claims: [any SubjectClaim] = [outcome(index), crossings(index)]
        let run = runs[index]
        // A run that never moved (it started on w*) has nothing to compare.
        guard index != 0, run.path.moved, case .converged(let steps) = run.outcome else {
            return ClaimParagraph(claims)
        }
        let name = name(index)
        switch runs[0].outcome {
        case .converged(let plainSteps):
            claims.append(
                Mutant.momentumStepsSwapped.apply(
                    MomentumClaim.comparedWithPlain(name, steps: steps, plainSteps: plainSteps)
                ) { _ in .comparedWithPlain(name, steps: plainSteps, plainSteps: steps) })
        case .notConverged(let budget):
            claims.append(
                MomentumClaim.convergedWherePlainDidNot(
                    name, steps: steps, plainRanAway: false, budget: budget))
        case .diverged:
            claims.append(
                MomentumClaim.convergedWherePlainDidNot(
                    name, steps: steps, plainRanAway: true, budget: stepsTaken))
        }
        return ClaimParagraph(claims)
    }
}
