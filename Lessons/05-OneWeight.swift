import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 5: the loss depends on every parameter; hold all but one still and it is a curve again.
/// CampusX, "Backpropagation Part 3": the 2-2-1 network on the students data.
struct OneWeight: Lesson {
    static let info = LessonInfo(
        number: 5, slug: "one-weight", title: "The loss depends on every parameter",
        video: .campusX,
        segment: "the loss as a function of one weight",
        summary: "Train the 2-2-1 students network row by row, then see its loss as a curve of one "
            + "hidden weight.",
        words: [.loss, .partialDerivative, .learningRate, .step, .diverge, .epoch])
    static let says: [any Claim.Type] = [StudentsClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @Option(parsing: .unconditional, help: "Learning rate η, as in the CampusX notebook.")
    var lr = 0.001
    @Option(parsing: .unconditional, help: "Passes over the four rows (an epoch is one pass).")
    var epochs = 5
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Which hidden weight to free: 1 = cgpa → h₀, 2 = profile → h₀, 3 = cgpa → h₁, 4 = "
                + "profile → h₁."))
    var hiddenWeight = 1
    @OptionGroup var animation: AnimationOptions

    /// Training stops, called divergent, once the mean loss passes this.
    static let divergenceBound = 1e6

    var stepping: StepOption? { step }

    /// The rates explored: row-by-row training settles below about 0.006, rises in some epochs
    /// up to about 0.012 and diverges above.
    static let exploration: Exploration? = Exploration(
        "--lr", name: "learning rate η",
        values: [
            1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01,
            0.011, 0.012, 0.013, 0.014, 0.015, 0.016, 0.018, 0.02, 0.025, 0.03,
        ], comparison: .replacing(own: 0.001))

    static let suggestions = [
        Suggestion(["--epochs", "50"], "Keep going: does the loss keep falling?"),
        Suggestion(["--lr", "0.01"], "Ten times the rate: watch whether it still settles."),
        Suggestion(["--lr", "0.05"], "Larger still: the row-by-row steps overshoot."),
        Suggestion(["--hidden-weight", "4"], "Slice along another weight."),
        Suggestion(
            ["--step", "--epochs", "1"],
            "One row at a time: every update of an epoch, step by step."),
    ]

    static let names = [
        "w¹[0,0] (cgpa → h₀)", "w¹[0,1] (profile → h₀)", "w¹[1,0] (cgpa → h₁)",
        "w¹[1,1] (profile → h₁)", "b¹[0]", "b¹[1]", "w²[0,0] (h₀ → ŷ)", "w²[0,1] (h₁ → ŷ)", "b²[0]",
    ]

    static let everyParameter =
        "The network's prediction ŷ, and so the loss (y − ŷ)², depends on every weight and bias at "
        + "once: here 6 weights and 3 biases, 9 parameters. Training changes all of them together, "
        + "each along its own partial derivative. Freeze all but one and the loss becomes an "
        + "ordinary curve of that one weight."

    static let slices =
        "With the other eight parameters frozen the loss is a parabola in this weight (the network "
        + "is linear). Training changes all nine at once; each curve like this one is a slice "
        + "through a 9-dimensional surface."

    func validate() throws {
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e6)
        try Check.count(epochs, "--epochs", in: 1...100_000)
        try Check.count(hiddenWeight, "--hidden-weight", in: 1...4)
    }

    var training: StudentsTraining {
        StudentsTraining(
            learningRate: lr, epochs: epochs,
            freed: ((hiddenWeight - 1) / 2, (hiddenWeight - 1) % 2),
            divergenceBound: Self.divergenceBound)
    }

    var freedName: String { Self.names[hiddenWeight - 1] }

    func teach(_ lesson: LessonContext) throws -> StudentsTraining.Result {
        lesson.say.video("the loss depends on every trainable parameter", Self.everyParameter)
        lesson.say.compute(training.plan, indexingConvention)
        let result =
            training.run(proceed: lesson.rowSteps(training, weight: freedName))
        lesson.say.results(
            "Training, 9 parameters (epoch 0 is the untrained network)", result.epochTable())
        lesson.say.results("The nine parameters after training", result.parameterTable(Self.names))
        lesson.claim("The loss as a function of \(freedName) alone", result.slice(named: freedName))
        let animated = animation.animation.map { [result.graphs($0)] } ?? []
        let figures = [result.lossByEpoch(), result.slice(named: freedName), result.graph()]
        try lesson.draw(figures + animated, live: animation.live)
        lesson.notice([result.trend], result.notebookLag, [Theory(Self.slices)], result.twins)
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension OneWeight {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial("lr", .number(1e-300...1e6, decades: true, at: [0.001, 0.01, 0.05, 0.1])),
            Trial("epochs", .count(1...100_000, at: [1, 5], spread: 1...200)),
            Trial("hidden-weight", .count(1...4)),
        ])
}
