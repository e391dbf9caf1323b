import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 2: where the slope is zero. Calculus solves small losses exactly; networks need descent.
/// CampusX, "Backpropagation Part 3": minima are found by setting the derivatives to zero.
struct Minima: Lesson {
    static let info = LessonInfo(
        number: 2, slug: "minima", title: "Minima by calculus", video: .campusX,
        segment: "finding minima with derivatives",
        summary: "dL/dw = 0 solves a quadratic; both partials = 0 fit a line in closed form; why "
            + "networks iterate.",
        words: [
            .loss, .derivative, .partialDerivative, .closedForm, .leastSquares, .curvature,
            .learningRate, .step, .diverge,
        ])
    static let says: [any Claim.Type] = [MinimaClaim.self]

    @OptionGroup var common: LessonOptions
    @Option(
        parsing: .unconditional,
        help: "The quadratic L(w) = a·w² + b·w + c: its a (positive, so there is a minimum).")
    var a = 2.0
    @Option(parsing: .unconditional, help: "The quadratic's b.")
    var b = -8.0
    @Option(parsing: .unconditional, help: "The quadratic's c.")
    var c = 11.0
    @Option(
        parsing: .unconditional, help: "Learning rate η for the descent that finds the line fit.")
    var lr = 0.02
    @Option(parsing: .unconditional, help: "Number of descent steps for the line fit.")
    var steps = 5000

    /// A descent whose loss passes this is stopped and called divergent.
    static let divergenceBound = 1e6

    static let suggestions = [
        Suggestion(
            ["--a", "1", "--b", "3", "--c", "0"], "Another quadratic: check w* = −b/2a by hand."),
        Suggestion(
            ["--lr", "0.023"],
            "Just above 2/λmax for the valley's steep direction: descent blows up."),
        Suggestion(
            ["--steps", "100000"],
            "Give descent time to crawl all the way along the valley floor."),
    ]

    static let zeroSlope =
        "The loss is smallest where its slope is zero. For a function of one parameter we set "
        + "dL/dw = 0 and solve; for several, we set every partial derivative to zero at once."

    func validate() throws {
        try Check.positive(a, "--a")
        try Check.positive(lr, "--lr")
        try Check.count(steps, "--steps", in: 1...1_000_000)
        for (value, option) in [(a, "--a"), (b, "--b"), (c, "--c")] {
            try Check.within(value, option, -1e100...1e100)
        }
        try Check.within(-b / (2 * a), "the minimum w* = −b/2a", -1e6...1e6)
    }

    var experiment: MinimaByCalculus {
        MinimaByCalculus(
            a: a, b: b, c: c, learningRate: lr, steps: steps, divergenceBound: Self.divergenceBound)
    }

    func teach(_ lesson: LessonContext) throws -> MinimaByCalculus.Result {
        lesson.say.video("finding minima", Self.zeroSlope)
        lesson.say.compute(experiment.plan)
        let result = experiment.run()
        lesson.claim("The quadratic's minimum, by setting dL/dw = 0", [result.minimum])
        let fitHeading =
            "The line fit, by setting both partial derivatives to zero, then by descent"
        lesson.say.results("\(fitHeading) (η = \(Format.number(lr)))", result.lineFitTable())
        try lesson.draw([result.quadraticMinimum()] + result.lineFit())
        lesson.notice(
            [
                result.minimumSeen, result.closedForm, MinimaByCalculus.valley,
                result.descentOutcome,
            ],
            [MinimaByCalculus.noClosedForm])
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension Minima {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial("a", .number(1e-6...1e100, decades: true, at: [1, 2])),
            Trial("b", .number(-1e6...1e6, decades: true, at: [0, -8, 8])),
            Trial("c", .number(-1e100...1e100, decades: true, at: [0, 11])),
            Trial(
                "lr",
                .number(
                    1e-300...1e3, decades: true,
                    at: [
                        1e-20, 0.02, 0.0224, 0.023,
                        2 / StudentsData.packageByCGPA.curvatures.largest,
                    ])),
            Trial("steps", .count(1...1_000_000, at: [1, 5000], spread: 1...20_000)),
        ])
}
