import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 1: the derivative as a slope, measured and worked out; the gradient as a list of them.
/// 3Blue1Brown 02:05: the gradient tells how sensitive the cost is to each weight and bias.
struct Derivatives: Lesson {
    static let info = LessonInfo(
        number: 1, slug: "derivatives", title: "Derivative and gradient", video: .threeBlueOneBrown,
        segment: "02:05, the cost's sensitivity",
        summary: "The slope of a loss curve as its sensitivity, measured by nudging; the gradient "
            + "of two parameters.",
        words: [.loss, .derivative, .partialDerivative, .gradient, .finiteDifferences])
    static let says: [any Claim.Type] = [SlopeClaim.self]

    @OptionGroup var common: LessonOptions
    @Option(help: curveHelp)
    var curve: LossCurve = .doubleWell
    @Option(
        parsing: .unconditional, help: "Where to measure the slope: values of w, comma-separated.")
    var at = NumberList([-2, -1, 0, 0.5, 1.5])
    @Option(
        parsing: .unconditional,
        help: "The nudge h of the central difference (f(w + h) − f(w − h)) / 2h.")
    var nudge: Double = defaultDifferenceStep

    static let exploration: Exploration? = .decades(
        "--nudge", name: "nudge h", from: -14, to: 0,
        comparison: .replacing(own: defaultDifferenceStep))

    static let suggestions = [
        Suggestion(["--nudge", "1e-12"], "A nudge too small loses the slope to rounding error."),
        Suggestion(["--nudge", "0.5"], "A nudge too large: the curve bends within it."),
        Suggestion(
            ["--curve", "plateau", "--at", "0,1,2,3,4"],
            "Far out on the plateau the slope is almost zero."),
    ]

    static let sensitivity =
        "The gradient of the cost tells us, for every weight and bias, how sensitive the cost is "
        + "to it: nudge that one parameter a little and see how much the cost changes. A large "
        + "entry means that parameter matters a lot right now; its sign says which way the cost "
        + "goes."

    func validate() throws {
        for w in at.values {
            try Check.within(w, "each point in --at", -1000...1000)
        }
        try Check.count(at.values.count, "the number of points in --at", in: 1...12)
        try Check.positive(nudge, "--nudge")
        try Check.atMost(nudge, "--nudge", 10)
    }

    var experiment: SlopeMeasurement {
        SlopeMeasurement(curve: curve, points: at.values, nudge: nudge)
    }

    func teach(_ lesson: LessonContext) throws -> SlopeMeasurement.Result {
        lesson.say.video("02:05", Self.sensitivity)
        lesson.say.compute(experiment.plan)
        let result = experiment.run()
        lesson.say.results("The slope of \(curve.formula), two ways", result.slopeTable())
        lesson.say.results(
            "The gradient of \(SlopeMeasurement.bowlFormula)", result.gradientTable())
        try lesson.draw([result.tangents()] + result.gradient())
        lesson.notice([result.agreement], result.steepness, [SlopeMeasurement.sensitivity])
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension Derivatives {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial("curve", .word(LossCurve.builtIn.map(\.name))),
            Trial(
                "at",
                .list(.number(-1000...1000, decades: true, at: [0, 1, -1, 2, 0.5]), count: 1...12)),
            Trial("nudge", .number(1e-300...10, decades: true, at: [1e-12, 1e-7, 1e-5, 0.5])),
        ])
}
