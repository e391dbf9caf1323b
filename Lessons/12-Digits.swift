import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 12: train the video's digit recogniser with mini-batch SGD, and look at what it learned.
/// 3Blue1Brown: the network of the series, trained by backpropagation and stochastic gradient
/// descent.
struct Digits12: Lesson {
    static let info = LessonInfo(
        number: 12, slug: "digits", title: "Train the digit recogniser", video: .threeBlueOneBrown,
        segment: "10:17, stochastic gradient descent on mini-batches",
        summary: "784-16-16-10 trained with mini-batch SGD: cost, accuracy, mistakes, and what "
            + "the first layer learned.",
        words: [.gradient, .learningRate, .step, .epoch, .exampleCost, .miniBatch])
    static let says: [any Claim.Type] = [TrainingClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions
    @Option(help: "Layer sizes, input first (784) and output last (10).")
    var layers = LayerSizes([784, 16, 16, 10])
    @Option(parsing: .unconditional, help: "Epochs: passes over the training set.")
    var epochs = 10
    @Option(parsing: .unconditional, help: "Examples per mini-batch.")
    var batchSize = 10
    @Option(parsing: .unconditional, help: "Learning rate η.")
    var lr = 3.0
    @Option(
        parsing: .unconditional,
        help: "Cores to share each large layer (1 is fastest for small mini-batches).")
    var threads = 1
    @OptionGroup var animation: AnimationOptions
    @OptionGroup var longRun: LongRunOption

    static let suggestions = [
        Suggestion(
            [
                "--layers", "784,30,10", "--epochs", "30", "--batch-size", "10", "--lr", "3.0",
                "--mnist", "DIR",
            ],
            "The configuration of Nielsen's book on the full MNIST set in DIR (about 95% on the "
                + "test set).", release: true),
        Suggestion(["--lr", "0.1"], "A small rate: slow progress, as in lesson 4."),
        Suggestion(["--batch-size", "100"], "The video's mini-batch size: fewer, steadier steps."),
    ]

    static let stochastic =
        "Computing the true gradient over every training example for every step is slow. "
        + "Instead, shuffle the examples, split them into mini-batches, and take a step with each "
        + "mini-batch's average gradient: “a drunk man stumbling aimlessly down a hill, but taking "
        + "quick steps”. Repeat for several epochs (passes over the data), and the network learns "
        + "to read digits."

    static let edges =
        "Chapter 2 of the same series (not this video) admits that the first layer's weights "
        + "rarely look like the edges or loops one might hope for; compare yours in "
        + "first-layer-weights.png."

    func validate() throws {
        try layers.validateForDigits()
        try Check.count(epochs, "--epochs", in: 1...1000)
        try Check.count(batchSize, "--batch-size", in: 1...60_000)
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e6)
        try Check.positiveFloat(lr, "--lr")
        try Check.count(threads, "--threads", in: 1...64)
    }

    func teach(_ lesson: LessonContext) throws -> DigitTraining.Result {
        let mnist = try digits.load()
        let experiment = DigitTraining(
            network: digits.network(layers.sizes), digits: mnist, epochs: epochs,
            batchSize: batchSize, learningRate: lr, threads: threads, seed: digits.seed)
        try longRun.check(
            WorkEstimate(experiment.work, what: experiment.workInWords),
            otherwise: "use fewer epochs, fewer neurons or larger mini-batches")
        lesson.say.video("10:17, stochastic gradient descent", Self.stochastic)
        lesson.say.beyond(Self.edges)
        lesson.say.compute(experiment.plan(source: digits.source(mnist)))
        let result = lesson.tracking("Training", experiment.run)
        lesson.say.results(
            "Training, epoch by epoch (epoch 0 is the untrained network)", result.epochTable())
        lesson.claim("Result", result.outcome + [experiment.took(result)])
        let animated = animation.animation.map { [result.trainingAnimated($0)] } ?? []
        let figures = [result.training()] + animated + result.mistakePictures()
        try lesson.draw(figures + [result.firstLayerWeights()], live: animation.live)
        lesson.notice(result.progress)
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension Digits12 {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        Trials.digitNetwork + [
            Trial("layers", .word(LayerSizes.smallForTrials)),
            Trial("epochs", .count(1...1000, at: [1, 10], spread: 1...20)),
            Trial("batch-size", .count(1...60_000, at: [1, 10, 300])),
            Trial("lr", .number(1e-37...1e6, decades: true, at: [0.1, 3, 100])),
            Trial("threads", .count(1...64, at: [1, 2, 4])),
        ], digits: true)
}
