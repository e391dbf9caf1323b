import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 14: the heavy ball after the drunk man. Momentum on lesson 4's bowl.
/// 3Blue1Brown ends on stochastic descent as a drunk man stumbling quickly down a hill; the next
/// idea in every course is to give the walker weight, so that its steps remember the last ones.
struct Momentum: Lesson {
    static let info = LessonInfo(
        number: 14, slug: "momentum", title: "Momentum: the heavy ball", video: .threeBlueOneBrown,
        segment: "after 10:17, the drunk man stumbling down the hill",
        summary: "Steps that remember the last ones: faster on a gentle slope, stable past 1/a, "
            + "and exactly predicted on a bowl.",
        words: [.learningRate, .step, .diverge, .converge, .momentum])
    static let says: [any Claim.Type] = [DescentClaim.self, MomentumClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @Option(parsing: .unconditional, help: "Learning rate η, the same for every run.")
    var lr = 0.02
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Momenta β to compare with plain descent (β = 0), comma-separated, each from 0 to "
                + "0.999."))
    var momenta = ownMomenta
    @OptionGroup var onCurve: CurveOptions
    @Option(parsing: .unconditional, help: "The step budget.")
    var steps = 200
    @OptionGroup var animation: AnimationOptions

    /// A run whose |w| passes this is stopped and called divergent (as in lesson 4).
    static let divergenceBound = LearningRates.divergenceBound

    var stepping: StepOption? { step }

    /// Momenta dense around 0.64, where the heavy ball is critically damped at the default rate.
    static let exploration: Exploration? = Exploration(
        "--momenta", name: "momentum β",
        values: [
            0, 0.2, 0.4, 0.5, 0.55, 0.6, 0.62, 0.64, 0.66, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92,
            0.94, 0.96, 0.98, 0.99, 0.995,
        ], comparison: .adding(to: ownMomenta.defaultValueDescription))
    static let ownMomenta = NumberList([0.64, 0.9])

    static let suggestions = [
        Suggestion(
            ["--lr", "1.5"], "Past 1/a = 1 plain descent runs away; β = 0.64 and 0.9 do not."),
        Suggestion(
            ["--momenta", "0.3,0.5,0.64,0.8,0.95"],
            "Too little, just right and too much: β* = (1 − √(2aη))² is fastest."),
        Suggestion(
            ["--curve", "double-well", "--lr", "0.05"], "Enough speed to roll over the hump?"),
    ]

    static let drunkMan =
        "Each step of stochastic gradient descent follows the slope where it stands, like “a "
        + "drunk man stumbling aimlessly down a hill, but taking quick steps”."

    static let idea =
        "Neither video covers momentum. A heavy ball, unlike the drunk man, keeps some of its "
        + "speed: v ← β·v − η·dL/dw, then w ← w + v. On a long gentle slope the steps add up; "
        + "across a valley they cancel. β = 0 is plain descent."

    static let theory =
        "On a bowl L = a·(w − w*)² the distance e = w − w* obeys eₜ₊₁ = (1 + β − 2aη)·eₜ − β·eₜ₋₁, "
        + "solved exactly by the roots of r² − (1 + β − 2aη)·r + β = 0. It converges when both "
        + "roots lie inside the unit circle: for 0 ≤ β < 1, when η < (1 + β)/a. The fastest β for "
        + "a given η makes the roots meet, β* = (1 − √(2aη))²."

    func validate() throws {
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e3)
        for beta in momenta.values {
            try Check.within(beta, "each momentum in --momenta", 0...0.999)
        }
        try Check.count(momenta.values.count, "the number of momenta in --momenta", in: 1...6)
        try Check.count(steps, "--steps", in: 1...10_000)
    }

    var experiment: CurveDescent {
        let betas = [0] + momenta.values.filter { $0 != 0 }
        return CurveDescent(
            curve: onCurve.curve, start: onCurve.w0,
            settings: betas.map { .heavyBall(lr, momentum: $0) }, steps: steps,
            tolerance: onCurve.tolerance,
            divergenceBound: Self.divergenceBound)
    }

    func teach(_ lesson: LessonContext) throws -> CurveDescentResult {
        lesson.say.video("10:17", Self.drunkMan)
        lesson.say.beyond(Self.idea)
        lesson.say.compute(experiment.plan, Self.theory)
        let result = experiment.run(taken: lesson.stepThrough(experiment))
        lesson.say.results(
            "Plain descent and the heavy ball at η = \(Format.number(lr))", result.outcomeTable())
        lesson.claim(
            "What the theory says for each run", result.runs.indices.map(result.theoryClaims))
        let walks = animation.animation.map { [result.walks("momentum-animation", $0)] } ?? []
        try lesson.draw([result.lossByStep(), result.pathsOnCurve()] + walks, live: animation.live)
        lesson.notice(result.runs.indices.map(result.heavyBallVerdict))
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension Momentum {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial("lr", .number(1e-300...1e3, decades: true, at: [0.01, 0.02, 0.5, 1, 1.5, 1.9])),
            Trial(
                "momenta", .list(.number(0...0.999, at: [0, 0.5, 0.64, 0.9, 0.999]), count: 1...6)),
        ] + CurveOptions.trials + [
            Trial("steps", .count(1...10_000, at: [1, 200]))
        ])
}
