import Backprop
import Claims
import Experiments
import TestSupport

// The checker for lesson 11, from the raw numbers: every run's loss after each epoch, and the
// loss that blew up. When a run reached the target is read off its losses here.

/// The first epoch whose loss is at or below `target`, read off the losses (0: before any
/// training).
func reached(_ run: SineProblem.Run, _ target: Double) -> Int? {
    run.losses.indices.first { run.losses[$0] <= target }
}

/// Whether a run's recorded outcome is what its losses say.
func outcomeHolds(_ outcome: RunOutcome, _ run: SineProblem.Run, _ target: Double) -> Bool {
    outcome.reached == reached(run, target) && outcome.epochs == run.losses.count - 1
        && outcome.stop == run.stop && (run.stop == .reachedTarget) == (outcome.reached != nil)
}

/// Whether a claim of lesson 11 is true of its run.
func holds(_ claim: EpochClaim, in result: ConvergenceStudy.Result) -> Bool {
    let target = result.experiment.target
    let sweep = result.sweep
    let needed = sweep.map { reached($0, target) }
    switch claim {
    case .fastThenSlow(let rate, let tenth, let start, let atTenth, let rest, let end):
        let longest = result.curves.map { $0.losses.count }.max()!
        guard
            let run = result.curves.first(where: {
                $0.learningRate == rate && $0.losses.count == longest
            })
        else { return false }
        let l = run.losses
        return tenth == (l.count - 1) / 10 && start == l[0] && atTenth == l[tenth]
            && end == l[l.count - 1] && rest == l.count - 1 - tenth && l.count > 10
            && start - atTenth > atTenth - end && end <= atTenth
    case .fewestEpochs(let rate, let epochs, let tied, let smaller, let worse):
        let fewest = needed.compactMap { $0 }.min()
        guard let first = sweep.indices.first(where: { needed[$0] == fewest }) else { return false }
        let larger = sweep.indices.filter {
            sweep[$0].learningRate > rate && (needed[$0] ?? .max) > epochs
        }
        let smallerSlower = sweep.indices.filter { sweep[$0].learningRate < rate }.allSatisfy {
            (needed[$0] ?? .max) > epochs
        }
        let ties = sweep.indices.filter { $0 != first && needed[$0] == fewest }
        let below = sweep.filter { $0.learningRate < rate }.count
        return rate == sweep[first].learningRate && epochs == fewest && smallerSlower
            && tied == ties.count && smaller == below
            && Set(worse.keys) == Set(larger.map { sweep[$0].learningRate })
            && larger.allSatisfy { outcomeHolds(worse[sweep[$0].learningRate]!, sweep[$0], target) }
    case .noneReached(let said):
        return said == target && needed.allSatisfy { $0 == nil }
    case .blewUp(let rates, let epochs, let bound):
        let blown = result.curves.filter { $0.stop == .blewUp }
        return rates == blown.map(\.learningRate) && !blown.isEmpty
            && epochs == blown.map { $0.losses.count }.max()
            && blown.allSatisfy { run in
                let passed = run.passed ?? 0
                return (passed > bound || !passed.isFinite) && run.losses.allSatisfy { $0 <= bound }
            }
    case .byDifficulty(let rate, let outcomes, let wigglierLonger):
        // Longer when wigglier, judged only when two problems or more reached the target: each
        // that did later than the easier ones, and any that never did harder than all of them.
        let epochs = result.harder.map { reached($0, target) }
        let reachedCount = epochs.compactMap { $0 }.count
        var longer = true
        for k in 1..<epochs.count {
            let (before, now) = (epochs[k - 1] ?? .max, epochs[k] ?? .max)
            if now != .max && before >= now { longer = false }
        }
        return wigglierLonger == (reachedCount >= 2 ? longer : nil)
            && rate == result.experiment.learningRate && outcomes.count == result.harder.count
            && zip(outcomes, result.harder).allSatisfy { outcomeHolds($0, $1, target) }
    case .bySize(let rate, let outcomes):
        return rate == result.experiment.learningRate && outcomes.count == result.bigger.count
            && zip(outcomes, result.bigger).allSatisfy { outcomeHolds($0, $1, target) }
    case .firstOfCurves(let rates, let epochs, let drawn):
        let times = result.curves.map { reached($0, target) }
        let fewest = times.compactMap { $0 }.min()
        let first = result.curves.indices.filter { times[$0] == fewest }.map {
            result.curves[$0].learningRate
        }
        return epochs == fewest && Set(rates) == Set(first)
            && drawn == Set(result.curves.map(\.learningRate)).count
    case .noCurveReached:
        return result.curves.allSatisfy { reached($0, target) == nil }
    }
}
