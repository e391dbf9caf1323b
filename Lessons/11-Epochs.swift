import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 11: an epoch is one pass over the data; how many does learning take, and what decides
/// it? CampusX, "Backpropagation Part 3": convergence and epochs.
struct Epochs: Lesson {
    static let info = LessonInfo(
        number: 11, slug: "epochs", title: "Epochs and convergence", video: .campusX,
        segment: "convergence and epochs",
        summary: "Train until the loss stops changing; epochs needed against the learning rate "
            + "and the difficulty.",
        words: [.loss, .learningRate, .epoch, .converge])
    static let says: [any Claim.Type] = [EpochClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var predict: PredictOption
    @Option(
        parsing: .unconditional,
        help: "Learning rates whose loss curves are drawn, comma-separated.")
    var rates = ownRates
    @Option(parsing: .unconditional, help: "The loss to reach: the average cost C₀ over the data.")
    var target = 0.02
    @Option(parsing: .unconditional, help: "The most epochs any run may take.")
    var maxEpochs = 6000
    @Option(
        parsing: .unconditional,
        help: "Learning rate for the runs on harder problems and other network sizes.")
    var lr = 0.1
    @Option(help: "Seed for the starting weights and the shuffles.")
    var seed: UInt64 = 1

    var predicting: PredictOption? { predict }

    static let exploration: Exploration? = .decades(
        "--rates", name: "learning rate η", from: -3, to: 1, mantissas: [1, 2, 3, 5, 7],
        comparison: .adding(to: ownRates.defaultValueDescription))
    static let ownRates = NumberList([0.01, 0.03, 0.1, 0.3])

    static let suggestions = [
        Suggestion(
            ["--target", "0.001"],
            "A stricter target: more epochs, and some runs never get there."),
        Suggestion(["--rates", "0.5,1,2"], "Large rates: fast, then unstable."),
        Suggestion(["--seed", "2"], "Another start: do the counts move? Does the pattern stay?"),
    ]

    static let convergence =
        "One epoch is one pass over the whole training set, each example (or mini-batch) taking "
        + "its step. Training repeats epochs until the loss stops changing: then it has "
        + "converged. How many epochs that takes depends on the learning rate and on how hard the "
        + "problem is."

    static let tested =
        "The video says so in words. This lesson counts it: the epochs each learning rate needs "
        + "to bring the loss below a target, and the epochs needed as the problem gets harder and "
        + "the network larger."

    func validate() throws {
        for rate in rates.values {
            try Check.positive(rate, "each rate in --rates")
            try Check.atMost(rate, "each rate in --rates", 1e6)
        }
        try Check.count(rates.values.count, "the number of rates in --rates", in: 1...8)
        try Check.positive(target, "--target")
        try Check.atMost(target, "--target", 1e6)
        try Check.count(maxEpochs, "--max-epochs", in: 10...100_000)
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e6)
    }

    func teach(_ lesson: LessonContext) throws -> ConvergenceStudy.Result {
        let experiment = ConvergenceStudy(
            rates: rates.values, target: target, maxEpochs: maxEpochs, learningRate: lr, seed: seed)
        lesson.say.video("convergence and epochs", Self.convergence)
        lesson.say.testing(Self.tested)
        lesson.say.compute(experiment.plan)
        let answers = try lesson.ask([.choice(experiment.question, words: ["none"])])
        let result = lesson.tracking("Training", experiment.run)
        lesson.say.results("Loss against epoch, k = 1", result.curveTable())
        lesson.say.results("Epochs needed against the learning rate", result.sweepTable())
        lesson.say.results(
            "Epochs needed against the difficulty and the network's size (η = "
                + "\(Format.number(lr)))", result.difficultyTable())
        try lesson.draw(result.lossByEpoch(), result.epochsByRate(), result.epochsByDifficulty())
        if let answers { lesson.reveal([verdict(result, answers[0])]) }
        lesson.notice(result.shape, result.rates, result.difficulty)
        lesson.suggest(Self.suggestions)
        return result
    }

    /// The verdict on the question: which drawn rate reached the target first.
    func verdict(_ result: ConvergenceStudy.Result, _ answer: String) -> Prediction {
        let claim = result.firstOfCurves
        var actual = ["none"]
        if case .firstOfCurves(let rates, _, _) = claim {
            actual = rates.map { Format.number($0) }
        }
        return .choice(result.experiment.question, answer, actual: actual, because: claim)
    }
}

extension Epochs {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial(
                "rates",
                .list(
                    .number(1e-300...1e6, decades: true, at: [0.01, 0.03, 0.1, 0.3, 1, 2]),
                    count: 1...8)),
            Trial("target", .number(1e-300...1e6, decades: true, at: [0.001, 0.02, 0.3])),
            Trial("max-epochs", .count(10...100_000, at: [10, 300], spread: 10...200)),
            Trial("lr", .number(1e-300...1e6, decades: true, at: [0.1, 1])),
            Trial("seed", .seed(at: [0, 1, 2, UInt64.max])),
        ], answers: [[], ["none"], ["0.1"]], costly: true)
}
