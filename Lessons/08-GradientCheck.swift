import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 8: is the gradient right? Backpropagation against nudging and against Swift's own
/// automatic differentiation, and why nobody trains by nudging.
struct GradientCheck: Lesson {
    static let info = LessonInfo(
        number: 8, slug: "gradient-check", title: "The gradient, checked three ways",
        video: .threeBlueOneBrown,
        segment: "02:05, the gradient as sensitivity; backprop computes it",
        summary: "Backprop against finite differences and automatic differentiation, and the "
            + "cost of each.",
        words: [.gradient, .finiteDifferences, .reverseMode])
    static let says: [any Claim.Type] = [GradientClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions
    @OptionGroup var image: ImageChoice
    @Option(help: "The digit network's layer sizes, input first (784) and output last (10).")
    var layers = LayerSizes([784, 16, 16, 10])
    @OptionGroup var longRun: LongRunOption

    static let suggestions = [
        Suggestion(["--seed", "9"], "Another random network: the same agreement."),
        Suggestion(
            ["--layers", "784,100,10"], "A wider network: finite differences fall behind.",
            release: true),
        Suggestion([], "Optimised code: every time drops, the ratios stay large.", release: true),
    ]

    static let sensitivity =
        "Each entry of the gradient says how sensitive the cost is to one weight or bias: if one "
        + "weight's entry is 3.2 and another's is 0.1, the cost is 32 times as sensitive to the "
        + "first."

    static let checking =
        "Backpropagation finds every entry at once by walking the network backward, and it is "
        + "easy to get wrong by hand. Checking it against finite differences and Swift's "
        + "automatic differentiation, and counting what each costs, is this lesson's own step."

    static let noDifferentiation =
        "This Swift toolchain has no automatic differentiation (_Differentiation), so backprop "
        + "is checked against finite differences only."

    func validate() throws {
        try layers.validateForDigits()
        try image.fits(digits)
    }

    func teach(_ lesson: LessonContext) throws -> GradientComparison.Result {
        let mnist = try digits.load()
        let index = try image.chosen(in: mnist.training)
        let small = Network(sizes: [3, 4, 2], activation: .sigmoid, seed: digits.seed)
        let experiment = GradientComparison([
            .init("3-4-2", small, Example(input: [0.5, -1.2, 2.0], target: [1, 0])),
            .init(layers.name, digits.network(layers.sizes), mnist.training.example(index)),
        ])
        try longRun.check(
            WorkEstimate(experiment.work, what: experiment.workInWords),
            otherwise: "use fewer neurons")
        lesson.say.video("02:05, the gradient as sensitivity", Self.sensitivity)
        lesson.say.beyond(Self.checking)
        lesson.say.compute(
            experiment.plan(image: imageName(index, label: mnist.training.labels[index])))
        if !automaticDifferentiationIsAvailable { lesson.say.plain("  " + Self.noDifferentiation) }
        let result = lesson.tracking("Gradients", experiment.run)
        lesson.say.results(
            "Largest difference from backprop in each layer, relative to the layer's largest entry",
            result.errorTable())
        lesson.say.results(result.timeHeading, result.timeTable())
        try lesson.draw(result.errorsByLayer(), result.work())
        lesson.notice(result.agreement, result.costs)
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension GradientCheck {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        Trials.digitNetwork + [
            Trials.digitIndex,
            Trial("layers", .word(LayerSizes.smallForTrials)),
        ], digits: true)
}
