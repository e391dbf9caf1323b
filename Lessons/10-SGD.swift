import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 10: the careful man and the drunk man. Full-batch descent against mini-batch SGD.
/// 3Blue1Brown 10:17: "a drunk man stumbling aimlessly down a hill, but taking quick steps".
struct SGD: Lesson {
    static let info = LessonInfo(
        number: 10, slug: "sgd", title: "Full batch versus stochastic mini-batches",
        video: .threeBlueOneBrown, segment: "10:17, the drunk man stumbling quickly down a hill",
        summary: "Careful full-batch steps against quick, noisy mini-batch steps: on a line fit, "
            + "then on the digit network.",
        words: [.gradient, .learningRate, .step, .epoch, .miniBatch])
    static let says: [any Claim.Type] = [RaceClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @OptionGroup var predict: PredictOption
    @OptionGroup var digits: DigitOptions
    @Option(help: "Mini-batch sizes to compare on the digits; 'full' is the whole training set.")
    var batchSizes = ownSizes
    @Option(parsing: .unconditional, help: "Learning rate η for the digit network.")
    var lr = 1.0
    @Option(
        help: ArgumentHelp(
            "The drunk man's mini-batch size on the line fit: 1, 2, 4, 5, 10, 20, 25 or 50 "
                + "(whole mini-batches of its 100 points)."))
    var lineBatchSize = 10
    @Option(parsing: .unconditional, help: "Epochs of training on the digits for each batch size.")
    var epochs = 2
    @OptionGroup var animation: AnimationOptions
    @OptionGroup var longRun: LongRunOption

    var stepping: StepOption? { step }
    var predicting: PredictOption? { predict }

    static let exploration: Exploration? = Exploration(
        "--batch-sizes", name: "mini-batch size",
        values: [
            1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000,
        ], comparison: .adding(to: ownSizes.defaultValueDescription),
        // The line fit follows the slider: its mini-batch is the largest of its sizes that is no
        // larger than the slider's.
        companion: ("--line-batch-size", DrunkManRace.lineBatches.map(Double.init)))
    /// The whole set against mini-batches of 100, 10 and 1: the careful man and the drunk man.
    static let ownSizes = BatchSizes([nil, 100, 10, 1])

    static let suggestions = [
        Suggestion(
            ["--batch-sizes", "full,1000,100", "--epochs", "5"], "Larger batches: steadier, slower."
        ),
        Suggestion(["--lr", "0.3"], "A smaller rate tames the noise of single examples."),
        Suggestion(["--seed", "7"], "Another shuffle, another stumbling path."),
    ]

    static let drunkMan =
        "Averaging every training example's wish list before each step gives the true downhill "
        + "direction, but it is slow. Shuffle the examples, cut them into mini-batches, and step "
        + "after each one: each step is only roughly downhill, but there are many more of them. "
        + "“A drunk man stumbling aimlessly down a hill, but taking quick steps, rather than a "
        + "carefully calculating man.”"

    func validate() throws {
        try batchSizes.validate()
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e6)
        try Check.positiveFloat(lr, "--lr")
        try Check.count(epochs, "--epochs", in: 1...100)
        guard DrunkManRace.lineBatches.contains(lineBatchSize) else {
            throw ValidationError(
                "--line-batch-size must be 1, 2, 4, 5, 10, 20, 25 or 50, whole mini-batches of the "
                    + "line fit's 100 points (got \(lineBatchSize))")
        }
    }

    func teach(_ lesson: LessonContext) throws -> DrunkManRace.Result {
        let mnist = try digits.load()
        let training = mnist.training.trainingSet()
        let experiment = DrunkManRace(
            seed: digits.seed, training: training, network: digits.network(), learningRate: lr,
            epochs: epochs, batchSizes: batchSizes.sizes.map { $0 ?? training.count },
            lineBatch: lineBatchSize)
        try longRun.check(
            WorkEstimate(experiment.work, what: experiment.workInWords),
            otherwise: "use fewer epochs or larger mini-batches")
        lesson.say.video("10:17, stochastic gradient descent", Self.drunkMan)
        lesson.say.compute(experiment.plan(source: digits.source(mnist)))
        let answers = try lesson.ask([
            .choice(experiment.question(batchSizes.listed), words: ["full"])
        ])
        let taken = lesson.walk(
            experiment.quickPath, eta: DrunkManRace.lineRate, on: experiment.line.data)
        let result =
            lesson.tracking("The race") { experiment.run(stoppedAfter: taken, progress: $0) }
        lesson.say.results(result.lineHeading, result.lineTable())
        lesson.say.results(
            "The digit network, \(Format.count(epochs, "epoch")) with each batch size",
            result.raceTable())
        let stills = result.walkCharts() + [result.costByExamples()]
        let animated = animation.animation.map { [result.walksAnimated($0)] } ?? []
        try lesson.draw(stills + animation.turning(stills) + animated, live: animation.live)
        if let answers { lesson.reveal([verdict(result, answers[0])]) }
        lesson.notice(result.lineFit, result.digits)
        lesson.suggest(Self.suggestions)
        return result
    }

    /// The verdict on the question: which batch size reached the target first.
    func verdict(_ result: DrunkManRace.Result, _ answer: String) -> Prediction {
        // Every batch size that tied for first is a right answer.
        let winners = result.winners.map {
            $0.batchSize >= result.trainingCount ? "full" : String($0.batchSize)
        }
        return .choice(
            result.experiment.question(batchSizes.listed), answer, actual: winners,
            words: ["full"], because: result.firstToReach)
    }
}

extension SGD {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        Trials.digitNetwork + [
            Trial(
                "batch-sizes",
                .list(
                    .either([
                        .word(["full"]),
                        .count(1...60_000, at: [1, 2, 300, 1000], spread: 1...300),
                    ]),
                    count: 1...6)),
            Trial("lr", .number(1e-37...1e6, decades: true, at: [0.3, 1, 3, 100])),
            Trial("epochs", .count(1...100, at: [1, 2], spread: 1...4)),
            Trial(
                "line-batch-size", .word(DrunkManRace.lineBatches.map { String($0) }),
                optional: true),
        ], answers: [[], ["full"], ["1"], ["7"]], digits: true)
}
