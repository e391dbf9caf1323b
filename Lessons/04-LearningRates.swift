import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 4: the same valley, several learning rates.
/// CampusX, "Backpropagation Part 3", the learning-rate demo: small is slow, large overshoots
/// and oscillates, and past a threshold it never settles.
struct LearningRates: Lesson {
    static let info = LessonInfo(
        number: 4, slug: "learning-rates", title: "Learning-rate comparison", video: .campusX,
        segment: "the learning-rate demo",
        summary:
            "Slow, good, oscillating and divergent rates on one curve, measured against the exact "
            + "theory.",
        words: [.loss, .learningRate, .step, .diverge, .converge])
    static let says: [any Claim.Type] = [DescentClaim.self, SweepClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @OptionGroup var predict: PredictOption
    @Option(parsing: .unconditional, help: "Learning rates to compare, comma-separated.")
    var rates = ownRates
    @OptionGroup var onCurve: CurveOptions
    @Option(
        parsing: .unconditional,
        help: "The step budget: a rate that has not converged by then is called slow.")
    var steps = 50
    @OptionGroup var animation: AnimationOptions

    /// A descent whose |w| runs past this bound is stopped and called divergent.
    static let divergenceBound = 1e3

    var stepping: StepOption? { step }
    var predicting: PredictOption? { predict }

    static let exploration: Exploration? = .rates(
        onBowlOfCurvature: LossCurve.quadratic.bowlCurvature ?? 1, option: "--rates",
        comparison: .adding(to: ownRates.defaultValueDescription))
    /// The four rates of the video's demo: slow, fast, oscillating, diverging.
    static let ownRates = NumberList([0.05, 0.2, 0.9, 1.1])

    static let suggestions = [
        Suggestion(
            ["--rates", "0.45,0.5,0.55"], "Either side of 1/(2a) = 0.5, and exactly on it."),
        Suggestion(
            ["--rates", "0.99,1,1.01", "--steps", "200"],
            "Around 1/a = 1, where the jumps stop shrinking."),
        Suggestion(
            ["--curve", "steep"], "Five times the curvature: every threshold is five times lower."),
        Suggestion(
            ["--curve", "double-well", "--rates", "0.01,0.1,0.5"],
            "Two valleys: which one does each rate end in? (more in lesson 13)"),
    ]

    static let demo =
        "The learning rate η sets the length of every step. Too small and training is slow; too "
        + "large and each step overshoots the minimum, so w jumps from side to side; larger still "
        + "and it never settles."

    static let tested =
        "The video shows these behaviours by eye. This lesson measures them, and on a bowl "
        + "L = a·(w − w*)² tests them against exact theory: below η = 1/(2a) w approaches without "
        + "crossing the minimum, between 1/(2a) and 1/a it crosses and settles, and from 1/a on "
        + "it never settles."

    var questions: [Question] {
        let list = Format.list(rates.values)
        return [
            .list(
                "Which of η = \(list) will jump across the minimum at least once? (list them, or "
                    + "none)"
            ),
            .list("Which will diverge? (list them, or none)"),
        ]
    }

    func validate() throws {
        for rate in rates.values {
            try Check.positive(rate, "each rate in --rates")
            try Check.atMost(rate, "each rate in --rates", 1e6)
        }
        try Check.count(rates.values.count, "the number of rates in --rates", in: 1...8)
        try Check.count(steps, "--steps", in: 1...10_000)
    }

    var experiment: CurveDescent {
        CurveDescent(
            curve: onCurve.curve, start: onCurve.w0,
            settings: rates.values.map { .plain($0) },
            steps: steps, tolerance: onCurve.tolerance, divergenceBound: Self.divergenceBound)
    }

    func teach(_ lesson: LessonContext) throws -> CurveDescentResult {
        lesson.say.video("the learning-rate demo", Self.demo)
        lesson.say.testing(Self.tested)
        lesson.say.compute(experiment.plan)
        let answers = try lesson.ask(questions)
        let result = experiment.run(taken: lesson.stepThrough(experiment))
        let sweep = experiment.sweep()
        lesson.say.results(
            "\(Format.count(result.runs.count, "learning rate")) on \(onCurve.curve.formula)",
            result.outcomeTable()
        )
        if let theory = result.bowl {
            lesson.claim(theory.heading, [theory.statement, sweep.claim(theory)])
        }
        let walks = animation.animation.map { [result.walks("learning-rates-animation", $0)] } ?? []
        let figures = [
            result.lossByStep(), result.pathsOnCurve(),
            sweep.figure(on: onCurve.curve, theory: result.bowl),
        ]
        try lesson.draw(figures + walks, live: animation.live)
        if let answers {
            lesson.reveal(verdicts(result, answers))
        }
        lesson.notice(result.runs.indices.map(result.verdict))
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension LearningRates {
    /// The verdicts on lesson 4's two questions: which rates crossed w*, and which diverged.
    func verdicts(_ result: CurveDescentResult, _ answers: [String]) -> [Prediction] {
        let runs = result.runs
        let crossed = runs.indices.filter { runs[$0].oscillated }
        let diverged = runs.indices.filter { runs[$0].regime == .divergent }
        return [
            .members(
                questions[0].text, answers[0], actual: crossed.map { runs[$0].path.learningRate },
                did: "jumped across w*"),
            .members(
                questions[1].text, answers[1], actual: diverged.map { runs[$0].path.learningRate },
                did: "diverged"),
        ]
    }
}

extension LearningRates {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial(
                "rates",
                .list(
                    .number(1e-300...1e6, decades: true, at: [0.05, 0.1, 0.2, 0.5, 0.9, 1, 1.1]),
                    count: 1...8))
        ] + CurveOptions.trials + [
            Trial("steps", .count(1...10_000, at: [1, 50]))
        ], answers: [[], ["none", "none"], ["0.9, 1.1", "1.1"], ["all", ""]])
}
