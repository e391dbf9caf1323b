import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 9: every example wants something different; the gradient is what they want on average.
/// 3Blue1Brown: averaging the wish lists of all training examples.
struct Average: Lesson {
    static let info = LessonInfo(
        number: 9, slug: "average", title: "Averaging the wish lists", video: .threeBlueOneBrown,
        segment: "averaging the nudges over all training examples",
        summary: "Per-example gradients disagree; their average is the full gradient, the "
            + "steepest way down.",
        words: [.gradient, .finiteDifferences, .wishList, .cosineSimilarity])
    static let says: [any Claim.Type] = [AverageClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var predict: PredictOption
    @OptionGroup var digits: DigitOptions
    @Option(help: "How many training images to average over (the first ones).")
    var examples = 1000

    var predicting: PredictOption? { predict }

    static let suggestions = [
        Suggestion(
            ["--examples", "100"],
            "A mini-batch of 100, as in the video: a noisier average (lesson 10 builds on this)."),
        Suggestion(["--seed", "9"], "Another starting network."),
    ]

    static let averaging =
        "One training example only says how it would like the weights and biases to change. A 2 "
        + "wants different nudges than a 7. Do the backward pass for every example and average "
        + "their wishes: that average is the negative gradient of the cost, the direction in "
        + "which the average cost falls fastest."

    func validate() throws {
        try Check.count(examples, "--examples", in: 2...60_000)
    }

    func teach(_ lesson: LessonContext) throws -> WishAverage.Result {
        let mnist = try digits.load()
        let experiment = WishAverage(
            network: digits.network(), digits: mnist.training, count: examples)
        lesson.say.video("averaging the wish lists", Self.averaging)
        lesson.say.compute(experiment.plan(seed: digits.seed), indexingConvention)
        let answers = try lesson.ask(Self.asked(experiment.questions))
        let result = lesson.tracking("Wish lists", experiment.run)
        lesson.say.results(result.weightHeading, result.weightTable())
        lesson.say.results("How much each example agrees with the average", result.agreementTable())
        lesson.claim("The full gradient is the steepest way down", result.steps)
        try lesson.draw(result.wishesAndAverage(), result.agreement())
        if let answers { lesson.reveal(verdicts(result, answers)) }
        lesson.notice(result.disagreement, result.averageIsGradient)
        lesson.suggest(Self.suggestions)
        return result
    }

    /// The two questions: yes or no, then a digit.
    static func asked(_ questions: [String]) -> [Question] {
        [.yesNo(questions[0]), .choice(questions[1])]
    }

    /// The verdicts on the two questions: do most examples agree, and which neuron is pulled.
    func verdicts(_ result: WishAverage.Result, _ answers: [String]) -> [Prediction] {
        let questions = result.experiment.questions
        let digit = result.digit(result.strongest)
        return [
            .yesNo(
                questions[0], answers[0], actual: 2 * result.agreeing > result.cosines.count,
                because: result.agreementClaim),
            .choice(
                questions[1], answers[1], actual: String(digit),
                because: AverageClaim.strongest(weight: result.name(result.strongest), digit: digit)
            ),
        ]
    }
}

extension Average {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        Trials.digitNetwork + [
            Trial("examples", .count(2...60_000, at: [2, 10, 100, 300, 1000], spread: 2...100))
        ], answers: [[], ["yes", "2"], ["no", "7"], ["maybe", ""]], digits: true)
}
