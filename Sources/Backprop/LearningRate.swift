import Foundation

/// How a learning rate behaves, as in the CampusX demo: too small crawls, a good one walks
/// straight down, a large one overshoots and zig-zags, and a too-large one flies off.
public enum LearningRateRegime: String, Sendable, CaseIterable {
    /// Heads straight for the minimum but needs more steps than the budget allows.
    case slow
    /// Heads straight for the minimum and gets there within the budget.
    case fast
    /// Jumps across the minimum (w − w* changes sign) and still settles.
    case oscillating
    /// Each jump overshoots further than the last: w runs away.
    case divergent
}

/// The verdict on one learning rate: the path, where it was heading, and how it behaved.
public struct LearningRateTrial: Sendable {
    public let path: DescentPath
    /// The minimum the descent was heading for: the one nearest to where it ended.
    public let target: Double
    public let outcome: DescentOutcome
    /// Whether w jumped across the target at least once.
    public let oscillated: Bool
    public let regime: LearningRateRegime

    /// Runs descent with `learningRate` for `budget` steps and judges it (see
    /// `init(judging:on:tolerance:)`).
    public init(
        _ curve: LossCurve, from start: Double, learningRate: Double, budget: Int,
        tolerance: Double,
        divergenceBound: Double = 1e3
    ) {
        let path = descend(
            curve, from: start, learningRate: learningRate, steps: budget,
            divergenceBound: divergenceBound)
        self.init(judging: path, on: curve, tolerance: tolerance)
    }

    /// Judges a descent that has been run, plain or with momentum: fast when it came within
    /// `tolerance` of w* without crossing it, slow when it did not get there in time, oscillating
    /// when it crossed w* without running away, divergent when it ended further from w* than it
    /// began.
    public init(judging path: DescentPath, on curve: LossCurve, tolerance: Double) {
        self.path = path
        let start = path.steps[0].w
        target = curve.nearestMinimum(to: path.final.w)
        outcome = path.outcome(tolerance: tolerance, target: target)
        oscillated = path.oscillated(around: target)
        // Running away counts as divergent even before w reaches the bound.
        let movedAway = abs(path.final.w - target) > abs(start - target)
        switch outcome {
        case .diverged: regime = .divergent
        case .converged: regime = oscillated ? .oscillating : .fast
        case .notConverged: regime = movedAway ? .divergent : (oscillated ? .oscillating : .slow)
        }
    }
}

/// The exact theory for a bowl L = a·(w − w*)².
///
/// One step maps w − w* to (1 − 2aη)·(w − w*). The factor decides everything:
/// between 0 and 1 (η < 1/(2a)) the distance shrinks from one side; between −1 and 0
/// (1/(2a) < η < 1/a) it shrinks while flipping sides; below −1 (η > 1/a) it grows.
public struct BowlTheory: Sendable {
    /// The curvature a.
    public let curvature: Double

    public init(curvature: Double) {
        self.curvature = curvature
    }

    /// Below this rate descent never crosses the minimum: 1/(2a).
    public var oscillationThreshold: Double { 1 / (2 * curvature) }
    /// Above this rate descent runs away: 1/a.
    public var divergenceThreshold: Double { 1 / curvature }

    /// The factor that multiplies w − w* at every step: 1 − 2aη.
    public func stepFactor(_ learningRate: Double) -> Double { 1 - 2 * curvature * learningRate }

    /// What the theory predicts: "monotone", "one step" (exactly 1/(2a)), "oscillating",
    /// "bounces forever" (exactly 1/a) or "divergent".
    public func prediction(_ learningRate: Double) -> BowlPrediction {
        let factor = stepFactor(learningRate)
        if factor > 0 { return .monotone }
        if factor == 0 { return .oneStep }
        if factor > -1 { return .oscillating }
        if factor == -1 { return .bouncesForever }
        return .divergent
    }

    /// The number of steps to bring |w − w*| from `distance` to within `tolerance`:
    /// the least k with |1 − 2aη|ᵏ·distance ≤ tolerance, or nil if it never gets there.
    public func stepsToConverge(_ learningRate: Double, distance: Double, tolerance: Double) -> Int?
    {
        let factor = abs(stepFactor(learningRate))
        if distance <= tolerance { return 0 }
        if factor == 0 { return 1 }
        guard factor < 1 else { return nil }
        var steps = Int((log(tolerance / distance) / log(factor)).rounded(.up))
        // Rounding in the logarithms can be off by one either way; settle it exactly.
        while steps > 0 && pow(factor, Double(steps - 1)) * distance <= tolerance { steps -= 1 }
        while pow(factor, Double(steps)) * distance > tolerance { steps += 1 }
        return steps
    }
}

/// What the bowl theory predicts for one learning rate.
public enum BowlPrediction: String, Sendable {
    case monotone = "monotone"
    case oneStep = "one step"
    case oscillating = "oscillating"
    case bouncesForever = "bounces forever"
    case divergent = "divergent"
}

extension LearningRateTrial {
    /// Whether the run behaved as `prediction` expects. A run that started on w* itself agrees
    /// with every prediction as long as it stayed there: each step multiplies w − w* = 0 by
    /// (1 − 2aη), which leaves it 0.
    public func agrees(with prediction: BowlPrediction) -> Bool {
        if path.steps[0].w == target { return !path.moved }
        return prediction.agrees(with: regime)
    }
}

extension BowlPrediction {
    /// Whether a measured regime is the one this prediction expects.
    public func agrees(with regime: LearningRateRegime) -> Bool {
        switch self {
        case .monotone, .oneStep: return regime == .slow || regime == .fast
        case .oscillating, .bouncesForever: return regime == .oscillating
        case .divergent: return regime == .divergent
        }
    }
}

/// Many learning rates tried on one curve, from just above zero to `top`: the regimes side by side.
public struct LearningRateSweep: Sendable {
    public let trials: [LearningRateTrial]
    /// The step budget: a rate that converges only after this many steps counts as slow.
    public let budget: Int

    /// Tries `count` rates evenly spaced up to `top`, each given a long run (20 × the budget, at
    /// least 1,000 and at most 5,000 steps or the budget) so that slow rates still get a step
    /// count.
    public init(
        _ curve: LossCurve, from start: Double, upTo top: Double, count: Int = 240, budget: Int,
        tolerance: Double, divergenceBound: Double
    ) {
        self.budget = budget
        // At most 5,000 steps (or the budget, if larger): 240 paths of that length are kept in
        // memory.
        let longRun = max(min(20 * budget, 5000), budget, 1000)
        trials = (1...count).map { i in
            LearningRateTrial(
                curve, from: start, learningRate: top * Double(i) / Double(count), budget: longRun,
                tolerance: tolerance, divergenceBound: divergenceBound)
        }
    }

    /// The regime judged with the budget: converging later than that is slow.
    public func regime(of trial: LearningRateTrial) -> LearningRateRegime {
        if trial.regime == .fast, case .converged(let step) = trial.outcome, step > budget {
            return .slow
        }
        return trial.regime
    }

    /// How many rates behaved as `theory` predicts.
    public func agreements(with theory: BowlTheory) -> Int {
        trials.filter { trial in
            if trial.path.steps[0].w == trial.target { return trial.agrees(with: .monotone) }
            return theory.prediction(trial.path.learningRate).agrees(with: regime(of: trial))
        }.count
    }

    /// Runs of neighbouring rates in the same regime, as ranges of η reaching halfway to the next
    /// rate.
    public var regions: [(rates: ClosedRange<Double>, regime: LearningRateRegime)] {
        guard let first = trials.first else { return [] }
        let half = first.path.learningRate / 2
        var regions: [(ClosedRange<Double>, LearningRateRegime)] = []
        var start = 0
        for index in trials.indices {
            let regime = regime(of: trials[index])
            guard index == trials.count - 1 || self.regime(of: trials[index + 1]) != regime else {
                continue
            }
            let low = max(0, trials[start].path.learningRate - half)
            let high = trials[index].path.learningRate + half
            regions.append((low...high, regime))
            start = index + 1
        }
        return regions
    }
}
