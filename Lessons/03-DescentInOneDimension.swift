import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 3: w ← w − η·dL/dw, one step at a time, on a curve you can see.
/// CampusX, "Backpropagation Part 3": the update rule, and how the slope's sign picks the
/// direction.
struct DescentInOneDimension: Lesson {
    static let info = LessonInfo(
        number: 3, slug: "descent-1d", title: "Gradient descent in one dimension", video: .campusX,
        segment: "the update rule w ← w − η·∂L/∂w",
        summary:
            "Step by step down a curve: the slope's sign picks the direction, its size the step.",
        words: [.loss, .derivative, .learningRate, .step, .diverge, .localMinimum])
    static let says: [any Claim.Type] = [DescentClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @OptionGroup var predict: PredictOption
    @Option(help: curveHelp)
    var curve: LossCurve = .quadratic
    @Option(parsing: .unconditional, help: startHelp)
    var start: Double?
    @Option(parsing: .unconditional, help: "Learning rate η: the step is η times the slope.")
    var lr = 0.1
    @Option(parsing: .unconditional, help: "Number of steps.")
    var steps = 20
    @OptionGroup var animation: AnimationOptions

    /// A descent whose |w| runs past this bound is stopped and called divergent.
    static let divergenceBound = 1e6
    /// Converged means |w − w*| ≤ this.
    static let tolerance = 1e-3

    var stepping: StepOption? { step }
    var predicting: PredictOption? { predict }

    static let exploration: Exploration? = .rates(
        onBowlOfCurvature: LossCurve.quadratic.bowlCurvature ?? 1, comparison: .replacing(own: 0.1))

    static let suggestions = [
        Suggestion(
            ["--curve", "double-well", "--start", "-0.2"],
            "Start just left of the hump: the other, deeper valley."),
        Suggestion(
            ["--curve", "plateau", "--lr", "0.5", "--steps", "60"],
            "Watch descent crawl off a nearly flat shoulder."),
        Suggestion(
            ["--lr", "0.9"],
            "Too long a step: it jumps across the valley every time (more in lesson 4)."),
    ]

    static let updateRule =
        "To lower the loss, change w against its slope: w ← w − η·dL/dw. The sign of the slope "
        + "picks the direction (a positive slope means the loss rises to the right, so we step "
        + "left) and the learning rate η, a small positive number, scales the step."

    static let directionRule =
        "The rule makes every step the opposite sign of the slope: where dL/dw is positive the "
        + "step goes left, where it is negative, right."

    var questions: [Question] {
        [
            .count(
                "About how many steps until w is within 0.001 of the minimum? (a number, or never "
                    + "if not within \(steps))"),
            .yesNo("Will w ever jump across the minimum? (yes or no)"),
        ]
    }

    func validate() throws {
        if let start { try Check.within(start, "--start", -1e5...1e5) }
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e6)
        try Check.count(steps, "--steps", in: 1...100_000)
    }

    var experiment: CurveDescent {
        CurveDescent(
            curve: curve, start: start ?? curve.defaultStart, settings: [.plain(lr)], steps: steps,
            tolerance: Self.tolerance, divergenceBound: Self.divergenceBound)
    }

    func teach(_ lesson: LessonContext) throws -> CurveDescentResult {
        lesson.say.video("the update rule", Self.updateRule)
        lesson.say.compute(experiment.plan)
        let answers = try lesson.ask(questions)
        let result = experiment.run(taken: lesson.stepThrough(experiment))
        lesson.say.results("The descent", result.stepTable(0))
        lesson.claim("Where it ended", [ClaimParagraph([result.outcome(0)] + result.ending(0))])
        let walks = animation.animation.map { [result.walks("descent-animation", $0)] } ?? []
        try lesson.draw([result.pathOnCurve(), result.progress()] + walks, live: animation.live)
        if let answers {
            lesson.reveal(verdicts(result, answers))
        }
        lesson.notice([Theory(Self.directionRule)], result.stepLengths(0), [result.crossings(0)])
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension DescentInOneDimension {
    /// The verdicts on lesson 3's two questions, with the run's own numbers.
    func verdicts(_ result: CurveDescentResult, _ answers: [String]) -> [Prediction] {
        let crossed = result.runs[0].oscillated
        return [
            .count(questions[0].text, answers[0], actual: result.arrival(0), unit: "step"),
            .yesNo(
                questions[1].text, answers[1], actual: crossed, why: result.crossings(0).sentence),
        ]
    }
}

extension DescentInOneDimension {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial("curve", .word(LossCurve.builtIn.map(\.name))),
            Trial(
                "start", .number(-1e5...1e5, decades: true, at: CurveOptions.specialStarts),
                optional: true),
            Trial("lr", .number(1e-300...1e6, decades: true, at: [0.1, 0.2, 0.25, 0.5, 1])),
            Trial("steps", .count(1...100_000, at: [1, 20])),
        ], answers: [[], ["5", "yes"], ["never", "no"], ["", ""]])
}
