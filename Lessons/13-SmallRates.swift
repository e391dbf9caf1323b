import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 13: is a small learning rate "more accurate", and does it "help avoid local minima"?
/// CampusX, "Backpropagation Part 3" says both; this lesson tests the two claims with the numbers.
struct SmallRates: Lesson {
    static let info = LessonInfo(
        number: 13, slug: "small-rates", title: "Small rates, accuracy and local minima",
        video: .campusX,
        segment: "the learning-rate demo: \"more accurate\", \"avoid local minima\"",
        summary: "Which valley a run ends in depends on its start and its rate; small rates settle "
            + "closer only when gradients are noisy.",
        words: [.learningRate, .step, .diverge, .epoch, .localMinimum])
    static let says: [any Claim.Type] = [ValleyClaim.self]

    @OptionGroup var common: LessonOptions
    @Option(
        parsing: .unconditional,
        help: "Learning rates to try from every start on the double well, comma-separated.")
    var rates = ownRates
    @Option(parsing: .unconditional, help: "Steps for each run on the double well.")
    var steps = 2000
    @Option(
        parsing: .unconditional,
        help: "Learning rates for single-example SGD on the noisy line fit, comma-separated.")
    var noisyRates = NumberList([0.01, 0.03, 0.1, 0.3])

    /// A run whose |w| (or distance to the best fit) passes this is stopped and called divergent.
    static let divergenceBound = 1e3
    static let curve = LossCurve.doubleWell
    static let starts = sample(-2.4...2.4, count: 49)

    static let exploration: Exploration? = Exploration(
        "--rates", name: "learning rate η",
        values: [
            0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.417, 0.45,
            0.5, 0.55, 0.6, 0.62, 0.65, 0.67, 0.7, 0.75, 0.8, 1,
        ], comparison: .adding(to: ownRates.defaultValueDescription))
    static let ownRates = NumberList([0.01, 0.1, 0.5, 0.7])

    static let suggestions = [
        Suggestion(
            ["--rates", "0.6,0.65,0.7,0.75"],
            "Larger rates: which starts now jump the hump, and where do they land?"),
        Suggestion(
            ["--noisy-rates", "0.001,0.003"],
            "Very small rates on noisy gradients: closer in the end, but slower to get there."),
    ]

    static let videoSays =
        "The video says a smaller learning rate is slower but “more accurate”, and that it “can "
        + "help avoid local minima”. A local minimum is the bottom of a valley that is not the "
        + "deepest one."

    static let tested =
        "This lesson tests both claims. On a curve with a deep and a shallow valley it counts "
        + "which valley runs from 49 starts end in at each rate; on a noisy line fit it measures "
        + "how close small and large rates settle to the best fit. The sentences below say what "
        + "this run found, and where the video's words hold and where they do not."

    func validate() throws {
        for (list, option) in [(rates, "--rates"), (noisyRates, "--noisy-rates")] {
            for rate in list.values {
                try Check.positive(rate, "each rate in \(option)")
                try Check.atMost(rate, "each rate in \(option)", 100)
            }
            try Check.count(list.values.count, "the number of rates in \(option)", in: 1...8)
        }
        try Check.count(steps, "--steps", in: 1...20_000)
    }

    var census: ValleyCensus {
        ValleyCensus(
            curve: Self.curve, starts: Self.starts, learningRates: rates.values, steps: steps,
            tolerance: 1e-3, divergenceBound: Self.divergenceBound)
    }

    var noisy: NoisyAccuracy {
        NoisyAccuracy(
            learningRates: noisyRates.values, epochs: 50, seed: 1,
            divergenceBound: Self.divergenceBound)
    }

    func teach(_ lesson: LessonContext) throws -> Result {
        lesson.say.video("the learning-rate demo", Self.videoSays)
        lesson.say.testing(Self.tested)
        lesson.say.compute(census.plan, noisy.plan)
        let result = Result(valleys: census.run(), noisy: noisy.run())
        lesson.say.results(
            "Where 49 starts on \(Self.curve.formula) ended", result.valleys.table(on: Self.curve))
        lesson.say.results(
            "Single-example SGD on the noisy line fit, after 50 epochs",
            result.noisy.table())
        try lesson.draw(
            result.valleys.figure(on: Self.curve), result.noisy.figure())
        lesson.notice(
            result.valleys.claims(on: Self.curve), [Self.curve.holdingLimits],
            result.noisy.claims())
        lesson.suggest(Self.suggestions)
        return result
    }

    /// Both experiments' results, kept for the tests.
    struct Result {
        let valleys: [ValleyCensus.Row]
        let noisy: [NoisyAccuracy.Run]
    }
}

extension SmallRates {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        [
            Trial(
                "rates",
                .list(
                    .number(
                        1e-300...100, decades: true, at: [0.01, 0.1, 0.417, 0.5, 0.65, 0.7],
                        spread: 1e-3...2),
                    count: 1...8)),
            Trial("steps", .count(1...20_000, at: [1, 2000], spread: 100...20_000)),
            Trial(
                "noisy-rates",
                .list(
                    .number(
                        1e-300...100, decades: true, at: [0.001, 0.01, 0.1, 0.3],
                        spread: 1e-4...1),
                    count: 1...8)),
        ])
}
