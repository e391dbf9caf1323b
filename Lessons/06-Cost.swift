import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 6: how bad is an untrained network? The cost of one digit, and of them all.
/// 3Blue1Brown: the cost of one example is the sum of squared differences from the desired output.
struct Cost: Lesson {
    static let info = LessonInfo(
        number: 6, slug: "cost", title: "The cost of a digit network", video: .threeBlueOneBrown,
        segment: "the cost, recapped at the start",
        summary: "An untrained 784-16-16-10 network on one handwritten 2: its outputs, the desired "
            + "ones, the cost.",
        words: [.activation, .exampleCost])
    static let says: [any Claim.Type] = [CostClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions
    @OptionGroup var image: ImageChoice

    func validate() throws { try image.fits(digits) }

    static let suggestions = [
        Suggestion(["--index", "0"], "The first training image, a 5."),
        Suggestion(["--seed", "7"], "Another random network: a different mess, a similar cost."),
        Suggestion(
            ["--initialisation", "scaled"],
            "Smaller starting weights: the outputs sit nearer 0.5."),
    ]

    static let costFunction =
        "The untrained network's output for an image of a digit is a mess. To say how bad, add up "
        + "the squares of the differences between each output activation and the value we wanted: "
        + "1 for the right digit, 0 for the others. That sum is the cost of this one example; the "
        + "cost of the network is its average over all the training examples."

    static let everySquareCounts = [
        Theory(
            "An output near 1 for a wrong digit costs as much as an output near 0 for the right "
                + "one: each square counts the same. A trained network's cost on an image it "
                + "reads well is close to 0.")
    ]

    func teach(_ lesson: LessonContext) throws -> DigitCost.Result {
        let mnist = try digits.load()
        let experiment = DigitCost(
            network: digits.network(), digits: mnist.training,
            index: try image.chosen(in: mnist.training))
        lesson.say.video("the cost function", Self.costFunction)
        lesson.say.compute(experiment.plan(seed: digits.seed, source: digits.source(mnist)))
        let result = experiment.run()
        lesson.say.results("The outputs for \(result.imageName)", result.outputTable())
        lesson.claim("The cost", result.costs)
        try lesson.draw(result.digit(), result.outputsAgainstDesired())
        lesson.notice(result.farOff, Self.everySquareCounts)
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension Cost {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        Trials.digitNetwork + [
            Trials.digitIndex
        ], digits: true)
}
