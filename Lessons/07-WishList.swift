import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 7: one example's backward pass, told as the video tells it.
/// 3Blue1Brown: each output neuron's wish list, the three ways to grant it, and the wishes
/// added up and passed back, layer by layer.
struct WishList: Lesson {
    static let info = LessonInfo(
        number: 7, slug: "wish-list", title: "One example's backward pass",
        video: .threeBlueOneBrown,
        segment: "one example's wish list; 06:05, fire together, wire together",
        summary: "The nudges one digit wants, granted through biases, weights and activations, "
            + "passed back layer by layer.",
        words: [
            .gradient, .finiteDifferences, .activation, .exampleCost, .weightedInput, .sigmoid,
            .error, .wishList,
        ])
    static let says: [any Claim.Type] = [WishClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @OptionGroup var digits: DigitOptions
    @OptionGroup var image: ImageChoice
    @Option(
        help: ArgumentHelp(
            "First-hidden-layer neuron (0–15) whose 784 incoming weight nudges are drawn "
                + "(default: the one whose weights want the biggest nudges)."))
    var neuron: Int?

    var stepping: StepOption? { step }

    static let suggestions = [
        Suggestion(["--index", "0"], "Follow a 5 instead."),
        Suggestion(["--neuron", "0"], "The incoming nudges of another hidden neuron."),
    ]

    static let wishList =
        "Take one training image. We want the right digit's output activation to go up and the "
        + "other nine to go down, each in proportion to how far it is from its target. To change "
        + "an output activation there are three ways: change its bias, change its weights in "
        + "proportion to the activations they carry (06:05: neurons that fire together wire "
        + "together), or change the previous layer's activations in proportion to the weights. "
        + "Every output neuron has its own wishes for the previous layer; add them up, and you "
        + "have a wish list for that layer, to pass back in the same way."

    func validate() throws {
        if let neuron { try Check.count(neuron, "--neuron", in: 0...15) }
        try image.fits(digits)
    }

    func teach(_ lesson: LessonContext) throws -> WishListExperiment.Result {
        let mnist = try digits.load()
        let experiment = WishListExperiment(
            network: digits.network(), digits: mnist.training,
            index: try image.chosen(in: mnist.training), neuron: neuron)
        lesson.say.video("one example's wish list", Self.wishList)
        lesson.say.compute(experiment.plan(seed: digits.seed), indexingConvention)
        let result = experiment.run()
        lesson.stepBackward(result)
        lesson.say.results("The output layer's wishes", result.outputTable())
        lesson.say.results(result.threeWays, result.weightTable())
        lesson.say.results("The wish lists, added up and passed back", result.layerTable())
        lesson.claim("The wish list is minus the gradient", result.agreement)
        try lesson.draw(
            result.wishLists(), result.incomingNudgePicture(), result.strongestPulls())
        lesson.notice(result.patterns)
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension WishList {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        Trials.digitNetwork + [
            Trials.digitIndex,
            Trial("neuron", .count(0...15), optional: true),
        ], digits: true)
}
