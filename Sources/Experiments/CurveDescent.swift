import Backprop

/// One way of walking down a curve: a learning rate η, and for the heavy ball a momentum β.
public struct DescentSetting: Sendable, Equatable {
    public let learningRate: Double
    /// β for the heavy ball (lesson 14); nil for plain descent.
    public let momentum: Double?

    /// Plain descent, w ← w − η·dL/dw.
    public static func plain(_ learningRate: Double) -> DescentSetting {
        DescentSetting(learningRate: learningRate, momentum: nil)
    }

    /// The heavy ball, v ← β·v − η·dL/dw, w ← w + v.
    public static func heavyBall(_ learningRate: Double, momentum: Double) -> DescentSetting {
        DescentSetting(learningRate: learningRate, momentum: momentum)
    }
}

/// Descents on one curve from one start, side by side: the experiment of lessons 3, 4 and 14.
///
/// Every run is judged against the minimum it ended nearest: converged when it came within
/// `tolerance` of it, diverged when |w| passed `divergenceBound` (the run stops there).
public struct CurveDescent: Sendable {
    public let curve: LossCurve
    public let start: Double
    public let settings: [DescentSetting]
    /// The step budget.
    public let steps: Int
    public let tolerance: Double
    public let divergenceBound: Double

    public init(
        curve: LossCurve, start: Double, settings: [DescentSetting], steps: Int, tolerance: Double,
        divergenceBound: Double
    ) {
        self.curve = curve
        self.start = start
        self.settings = settings
        self.steps = steps
        self.tolerance = tolerance
        self.divergenceBound = divergenceBound
    }

    /// Runs every setting for the budget, or for `taken` steps when a learner stopped `--step`
    /// early.
    public func run(taken: Int? = nil) -> CurveDescentResult {
        let budget = taken ?? steps
        let runs = settings.map { setting in
            let path = descend(
                curve, from: start, learningRate: setting.learningRate, momentum: setting.momentum,
                steps: budget, divergenceBound: divergenceBound)
            return LearningRateTrial(judging: path, on: curve, tolerance: tolerance)
        }
        return CurveDescentResult(experiment: self, runs: runs, stepsTaken: budget)
    }

    /// Many plain learning rates on the same curve, from just above zero to 1.25 times the
    /// divergence threshold 1/a on a bowl (1.25 times the largest rate tried elsewhere).
    public func sweep(count: Int = 240) -> LearningRateSweep {
        let largest = settings.map(\.learningRate).max() ?? 1
        let top = curve.bowlCurvature.map { 1.25 / $0 } ?? 1.25 * largest
        return LearningRateSweep(
            curve, from: start, upTo: top, count: count, budget: steps, tolerance: tolerance,
            divergenceBound: divergenceBound)
    }
}

/// What `CurveDescent` found: every run's path and verdict, in the order of its settings.
public struct CurveDescentResult: Sendable {
    public let experiment: CurveDescent
    /// One judged run per setting.
    public let runs: [LearningRateTrial]
    /// The steps each run was given: the budget, or fewer after `--step` stopped early.
    public let stepsTaken: Int

    public var curve: LossCurve { experiment.curve }

    /// The exact theory, on a bowl: the thresholds 1/(2a) and 1/a of plain descent.
    public var bowl: BowlTheory? { curve.bowlCurvature.map(BowlTheory.init) }

    /// The heavy ball's exact theory for one run, on a bowl and with momentum.
    public func heavyBall(_ run: LearningRateTrial) -> MomentumTheory? {
        guard let a = curve.bowlCurvature else { return nil }
        return MomentumTheory(
            curvature: a, learningRate: run.path.learningRate, momentum: run.path.momentum ?? 0)
    }
}
