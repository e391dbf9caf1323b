import ArgumentParser
import Backprop
import Foundation
import LessonKit
import Plotting

/// Lesson 13: is a small learning rate "more accurate", and does it "help avoid local minima"?
/// CampusX, "Backpropagation Part 3" says both; this lesson tests the two claims with the numbers.
struct SmallRates: Lesson {
    static let info = LessonInfo(
        number: 13, slug: "small-rates", title: "Small rates, accuracy and local minima", video: .campusX,
        segment: "the learning-rate demo: \"more accurate\", \"avoid local minima\"",
        summary: "Which valley a run ends in depends on its start and its rate; small rates settle closer only when gradients are noisy.")

    @OptionGroup var common: LessonOptions
    @Option(parsing: .unconditional, help: "Learning rates to try from every start on the double well, comma-separated.")
    var rates = NumberList([0.01, 0.1, 0.5, 0.7])
    @Option(help: "Steps for each run on the double well.")
    var steps = 2000
    @Option(parsing: .unconditional, help: "Learning rates for single-example SGD on the noisy line fit, comma-separated.")
    var noisyRates = NumberList([0.01, 0.03, 0.1, 0.3])

    /// A run whose |w| passes this is stopped and called divergent.
    static let divergenceBound = 1e3
    static let curve = LossCurve.doubleWell
    static let suggestions = [
        Suggestion(["--rates", "0.6,0.65,0.7,0.75"], "Larger rates: which starts now jump the hump, and where do they land?"),
        Suggestion(["--noisy-rates", "0.001,0.003"], "Very small rates on noisy gradients: closer in the end, but slower to get there."),
    ]

    func validate() throws {
        for list in [(rates, "--rates"), (noisyRates, "--noisy-rates")] {
            try list.0.values.forEach { try Check.positive($0, "each rate in \(list.1)"); try Check.atMost($0, "each rate in \(list.1)", 100) }
            try Check.count(list.0.values.count, "the number of rates in \(list.1)", in: 1...8)
        }
        try Check.count(steps, "--steps", in: 1...20_000)
    }

    /// Every (start, rate) run on the double well, and the noisy line fit's distances for each rate.
    struct Result {
        /// For each rate: each start, the valley downhill of it, and where the run ended (nil: diverged or not settled).
        let runs: [(rate: Double, ends: [(start: Double, downhill: Double?, ended: Double?)])]
        let deep: Double
        /// Both minima, deep first, and the curvature L″ of the curve.
        let minima: [Double]
        let curvatureAt: (Double) -> Double
        /// For each noisy rate: the distance to the best fit at the start and averaged over each epoch
        /// (cut where it passes the bound), and its mean over the last epoch (∞ when it diverged).
        let noisy: [(rate: Double, epochMeans: [Double], settled: Double)]
        func jumped(_ rate: Int) -> [(start: Double, downhill: Double?, ended: Double?)] { runs[rate].ends.filter { $0.ended != nil && $0.downhill != nil && $0.ended != $0.downhill } }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say, curve = Self.curve
        say.video("the learning-rate demo",
            "The video says a smaller learning rate is slower but “more accurate”, and that it “can help avoid local minima”. A local minimum "
            + "is the bottom of a valley that is not the deepest one.")
        say.compute(
            "First, \(curve.formula), a curve with a deep valley at w = \(Format.number(curve.minima[0], digits: 4)) and a shallow one at "
            + "w = \(Format.number(curve.minima[1], digits: 4)): \(Format.count(steps, "step")) of descent from 49 starts across [−2.4, 2.4] with "
            + "each η = \(Format.list(rates.values)), noting the valley each run ends in (a run that never comes within 1e-3 of a minimum has not "
            + "settled; one whose |w| passes \(Format.count(Int(Self.divergenceBound))) has diverged).",
            "Then accuracy: the noisy line fit of lesson 10 trained by SGD one example at a time (so every gradient is noisy) for 50 epochs "
            + "with each η = \(Format.list(noisyRates.values)), measuring how far each ends from the best fit.")

        let starts = sample(-2.4...2.4, count: 49)
        let runs = rates.values.map { rate in (rate, starts.map { start in
            let trial = LearningRateTrial(curve, from: start, learningRate: rate, budget: steps, tolerance: 1e-3, divergenceBound: Self.divergenceBound)
            let settled = trial.regime != .divergent && abs(trial.path.final.w - trial.target) <= 1e-3
            return (start, curve.valleyBelow(start), settled ? trial.target : nil)
        }) }
        let line = NoisyLine(seed: 1), best = line.data.closedFormFit()
        let noisy = noisyRates.values.map { rate -> (Double, [Double], Double) in
            let distances = line.descend(batchSize: 1, epochs: 50, learningRate: rate, seed: 1).map { hypot($0[0] - best.m, $0[1] - best.b) }
            let means = [distances[0]] + (1...50).map { epoch in distances[(100 * epoch - 99)...(100 * epoch)].reduce(0, +) / 100 }
            let kept = Array(means.prefix { $0.isFinite && $0 <= Self.divergenceBound })
            return (rate, kept, kept.count == means.count ? kept[kept.count - 1] : .infinity)
        }
        let result = lesson.keep(Result(runs: runs, deep: curve.minima[0], minima: curve.minima,
                                        curvatureAt: { centralDifference(curve.derivative, at: $0) }, noisy: noisy))

        var table = Table(["η", "ended downhill of the start", "jumped to the other valley", "into the deep one", "diverged or not settled"])
        for (i, run) in result.runs.enumerated() {
            let jumped = result.jumped(i)
            table.add([Format.number(run.rate), Format.count(run.ends.filter { $0.ended != nil && $0.ended == $0.downhill }.count),
                       Format.count(jumped.count), Format.count(jumped.filter { $0.ended == result.deep }.count), Format.count(run.ends.filter { $0.ended == nil }.count)])
        }
        say.results("Where 49 starts on \(curve.formula) ended", table)
        var accuracy = Table(["η", "mean distance to the best fit over the last epoch"])
        for run in result.noisy { accuracy.add([Format.number(run.rate), run.settled.isFinite ? Format.number(run.settled, digits: 3) : "diverged"]) }
        say.results("Single-example SGD on the noisy line fit, after 50 epochs", accuracy)

        let outcomes: [(String, (Double?, Double?) -> Bool, Int)] = [
            ("ended downhill of its start", { $0 != nil && $0 == $1 }, 0), ("jumped into the other valley", { $0 != nil && $1 != nil && $0 != $1 }, 3),
            ("diverged or did not settle", { e, _ in e == nil }, 7)]
        try lesson.draw(
            .single("valleys", title: "Where each start ends, for each learning rate, on \(curve.formula)",
                    Plot(x: Axis("starting w"), y: Axis("learning rate η (log scale)", logFloor: 1e-12, namedTics: result.runs.map { (Format.number($0.rate), $0.rate) }),
                         series: outcomes.map { name, test, colour in
                             Series(name, result.runs.flatMap { run in run.ends.filter { test($0.ended, $0.downhill) }.map { [$0.start, run.rate] } }, look: .markers, colour: colour == 7 ? .dark : .palette(colour))
                         }, marks: curve.minima.map { .threshold($0, "w* = \(Format.number($0, digits: 3))") }),
                    notes: ["Lesson 13: starting w and learning rate of every run on the double well, by outcome"]),
            .single("noisy-accuracy", title: "SGD one example at a time: mean distance to the best fit, by epoch",
                    Plot(x: Axis("epoch (100 single-example steps)", wholeNumbers: true), y: .log("mean distance to the best fit (log scale)", floor: 1e-6),
                         series: result.noisy.enumerated().map { i, run in
                             Series("η = \(Format.number(run.rate))", run.epochMeans.enumerated().map { [Double($0.offset), $0.element] }, look: .path, colour: .palette(i),
                                    stoppedBecause: run.settled.isFinite ? nil : "diverged: stopped when the distance passed \(Format.count(Int(Self.divergenceBound)))")
                         }),
                    notes: ["Lesson 13: the distance from the best fit (m, b), averaged over each epoch's 100 steps (0: the start)"]))
        say.notice(result.notices)
        lesson.suggest(Self.suggestions)
    }
}

extension SmallRates.Result {
    var notices: [String] {
        var notes: [String] = []
        let smallest = runs.indices.min { runs[$0].rate < runs[$1].rate }!
        let stayed = runs[smallest].ends.filter { $0.ended != nil && $0.ended == $0.downhill }.count, all = runs[smallest].ends.count
        notes.append("With the smallest rate, η = \(Format.number(runs[smallest].rate)), \(stayed) of the \(all) starts ended in the valley downhill of where they began"
            + (stayed == all ? ": a small rate settles in the nearest valley, shallow or deep." : "; the others jumped or never settled."))
        let jumps = runs.indices.flatMap(jumped), intoDeep = jumps.filter { $0.ended == deep }.count
        for i in runs.indices where !jumped(i).isEmpty {
            let mine = jumped(i), deepOnes = mine.filter { $0.ended == deep }.count
            notes.append("With η = \(Format.number(runs[i].rate)), \(Format.count(mine.count, "start")) jumped the hump: \(deepOnes) into the deep valley and \(mine.count - deepOnes) into the shallow one.")
        }
        // A valley can hold a run only while η < 2/L″ at its bottom, as a bowl of curvature L″/2 would (lesson 4).
        let holds = minima.map { 2 / curvatureAt($0) }
        notes.append("A valley holds a run only while η < 2/L″ at its bottom: \(Format.number(holds[0], digits: 3)) for the deep valley, "
            + "\(Format.number(holds[1], digits: 3)) for the shallow one. "
            + (jumps.isEmpty ? "No run here jumped a hump."
               : intoDeep == 0 ? "Every jump here landed in the shallow valley: the deep one is also the sharper, and above η = \(Format.number(holds[0], digits: 3)) no run can stay in it."
               : "Jumps landed in both valleys."))
        notes.append("So a small rate does not avoid local minima: it settles in the nearest valley. Which valley a run ends in depends on where it starts and on the rate.")
        let ordered = noisy.sorted { $0.rate < $1.rate }.filter { $0.settled.isFinite }
        if ordered.count > 1 {
            let monotone = zip(ordered, ordered.dropFirst()).allSatisfy { $0.settled <= $1.settled }
            notes.append("With noisy single-example gradients, " + ordered.map { "η = \(Format.number($0.rate)) ends \(Format.number($0.settled, digits: 3))" }.joined(separator: ", ")
                + " from the best fit: " + (monotone ? "here a smaller rate is more accurate, because each noisy step is shorter." : "the smallest rates have not arrived yet: slower, not yet more accurate.")
                + " With exact gradients (lesson 4) every converging rate reaches the same minimum, and a smaller one only takes longer.")
        }
        return notes
    }
}
