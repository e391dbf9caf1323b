import ArgumentParser
import Backprop
import Datasets
import Figures
import Foundation
import LessonKit
import Plotting

/// Lesson 10: the careful man and the drunk man. Full-batch descent against mini-batch SGD.
/// 3Blue1Brown 10:17: "a drunk man stumbling aimlessly down a hill, but taking quick steps".
struct SGD: Lesson {
    static let info = LessonInfo(
        number: 10, slug: "sgd", title: "Full batch versus stochastic mini-batches", video: .threeBlueOneBrown,
        segment: "10:17, the drunk man stumbling quickly down a hill",
        summary: "Careful full-batch steps against quick, noisy mini-batch steps: on a line fit, then on the digit network.")

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions
    @Option(help: "Mini-batch sizes to compare on the digits; 'full' is the whole training set.")
    var batchSizes = BatchSizes([nil, 100, 10, 1])
    @Option(help: "Learning rate η for the digit network.")
    var lr = 1.0
    @Option(help: "Epochs of training on the digits for each batch size.")
    var epochs = 2
    @OptionGroup var animation: AnimationOptions

    static let suggestions = [
        Suggestion(["--batch-sizes", "full,1000,100", "--epochs", "5"], "Larger batches: steadier, slower."),
        Suggestion(["--lr", "0.3"], "A smaller rate tames the noise of single examples."),
        Suggestion(["--seed", "7"], "Another shuffle, another stumbling path."),
    ]

    func validate() throws {
        try batchSizes.validate()
        try Check.positiveFloat(lr, "--lr"); try Check.atMost(lr, "--lr", 1e6)
        try Check.count(epochs, "--epochs", in: 1...100)
    }

    /// Both races: the two paths on the line fit, and the digit network with each batch size.
    struct Result {
        let careful: [[Double]], stumbling: [[Double]], distances: (careful: Double, stumbling: Double)
        let runs: [BatchSizeRace.Run], trainingCount: Int
        /// A cost every mini-batch run reached: the highest final cost among them.
        var target: Double { (runs.filter { $0.batchSize < trainingCount }.nonEmpty ?? runs).map { $0.points.last!.cost }.max()! }
        var winner: BatchSizeRace.Run { runs.min { ($0.examples(toReach: target) ?? .max) < ($1.examples(toReach: target) ?? .max) }! }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say, mnist = try digits.load()
        say.video("10:17, stochastic gradient descent",
            "Averaging every training example's wish list before each step gives the true downhill direction, but it is slow. Shuffle "
            + "the examples, cut them into mini-batches, and step after each one: each step is only roughly downhill, but there are many "
            + "more of them. “A drunk man stumbling aimlessly down a hill, but taking quick steps, rather than a carefully calculating man.”")
        say.compute(
            "First a line fit with two parameters, so the whole cost surface can be drawn: 100 noisy points around y = 2x + 1, 10 epochs "
            + "at η = 0.1 from (m, b) = (−2, −2), with the full batch (10 careful steps, one per epoch) and with mini-batches of 10 (100 quick ones).",
            "Then the video's 784-16-16-10 network on \(digits.source(mnist)) for \(Format.count(epochs, "epoch")) at η = \(Format.number(lr)) "
            + "with each batch size, the average cost measured on 1,000 training images as the examples go by.")

        let question = "Counting examples processed, which batch size will reach the target cost first? (\(batchSizes.defaultValueDescription.replacingOccurrences(of: ",", with: ", ")))"
        let answers = try lesson.ask([question])
        let line = NoisyLine(seed: digits.seed), best = line.data.closedFormFit()
        // --step walks the quick path one mini-batch at a time; stopped early, both paths end where it stopped
        // (the careful path takes one full-batch step per epoch).
        let batch = 10, quick = line.descend(batchSize: batch, epochs: 10, learningRate: 0.1, seed: digits.seed)
        let taken = walk(quick, eta: 0.1, on: line.data, stepper: lesson.stepper) ?? quick.count - 1, stumbling = Array(quick.prefix(taken + 1))
        let careful = Array(line.descend(batchSize: line.data.x.count, epochs: 10, learningRate: 0.1, seed: digits.seed).prefix(taken / (line.data.x.count / batch) + 1))
        func distance(_ path: [[Double]]) -> Double { hypot(path[path.count - 1][0] - best.m, path[path.count - 1][1] - best.b) }
        let training = mnist.training.trainingSet()
        let race = BatchSizeRace(training: training, network: digits.network(), learningRate: Float(lr), epochs: epochs, seed: digits.seed)
        let result = lesson.keep(Result(careful: careful, stumbling: stumbling, distances: (distance(careful), distance(stumbling)),
                                        runs: batchSizes.sizes.map { race.run(batchSize: $0 ?? training.count) }, trainingCount: training.count))

        var paths = Table(["method", "steps", "final m", "final b", "final cost", "distance to best"], leftAligned: [0])
        for (name, path) in [("full batch", careful), ("mini-batches of 10", stumbling)] {
            let end = path[path.count - 1]
            paths.add([name, String(path.count - 1), Format.number(end[0], digits: 4), Format.number(end[1], digits: 4),
                       Format.number(line.data.cost(m: end[0], b: end[1]), digits: 4), Format.number(distance(path), digits: 3)])
        }
        say.results("The line fit after 10 epochs (best fit m = \(Format.number(best.m, digits: 4)), b = \(Format.number(best.b, digits: 4)))", paths)
        var table = Table(["batch size", "steps", "final cost", "examples to reach \(Format.number(result.target, digits: 3))", "seconds"])
        for run in result.runs {
            table.add([batchName(run.batchSize, of: training.count), Format.count(run.steps), Format.number(run.points.last!.cost, digits: 4),
                       run.examples(toReach: result.target).map(Format.count) ?? "–", Format.number(run.seconds, digits: 3)])
        }
        say.results("The digit network, \(Format.count(epochs, "epoch")) with each batch size", table)

        let map = contourMap(-3...4, -3...3.5, samples: 81, levels: [0.2, 0.5, 1, 2, 4, 7, 11, 16], title: "contour lines of the cost", line.data.cost)
        let plot = { (reveal: Bool) in
            Plot(x: Axis("m (slope)"), y: Axis("b (intercept)"),
                 series: [Series("full batch (\(careful.count - 1) steps)", careful, look: .path, revealEvery: reveal ? 10 : nil, markHead: reveal),
                          Series("mini-batches of 10 (\(stumbling.count - 1) steps)", stumbling, look: .path, colour: .palette(1), revealEvery: reveal ? 1 : nil, markHead: reveal),
                          Series("best fit", [[best.m, best.b]], look: .markers, colour: .palette(2))],
                 contours: map, equalScales: true)
        }
        let stills: [Chart] = [
            .single("paths", title: "The careful man and the drunk man: 10 epochs of descent on a line fit", plot(false), height: 700),
            .surface("paths-surface", title: "The two walks on the line fit's cost, as a landscape", plot(false), height: line.data.cost, zLabel: "cost"),
            .single("cost-by-examples", title: "The cost against the examples processed, for each mini-batch size",
                    Plot(x: Axis("examples processed (forward and backward passes)"), y: Axis("average cost C₀ on 1,000 training images"),
                         series: result.runs.enumerated().map { i, run in
                             // The full batch moves once per epoch: its cost holds until the next update.
                             Series(batchName(run.batchSize, of: training.count), run.points.map { [Double($0.examples), $0.cost] }, look: run.batchSize == training.count ? .steps : .line, colour: .palette(i))
                         }),
                    notes: ["Lesson 10: the cost as training goes, for each mini-batch size (0: untrained)"])]
        try lesson.draw(stills + animation.turning(stills) + (animation.animation.map { [.animation("paths-animation", title: "The careful man and the drunk man", [plot(true)], steps: stumbling.count - 1,
                                                   frames: $0.frames, delay: $0.delay, frameTitle: "The careful man and the drunk man after %d quick steps", panelHeight: 620)] } ?? []),
            live: animation.live)
        if let answers {
            let winner = result.winner.batchSize == training.count ? "full" : String(result.winner.batchSize)
            lesson.reveal([.choice(question, answers[0], actual: winner, why: "The \(batchName(result.winner.batchSize, of: training.count)) reached "
                + "\(Format.number(result.target, digits: 3)) after \(result.winner.examples(toReach: result.target).map(Format.count) ?? "–") examples.")])
        }
        say.notice(result.notices)
        lesson.suggest(Self.suggestions)
    }
}

/// "full batch (10,000)" or "mini-batches of 10".
func batchName(_ size: Int, of count: Int) -> String {
    size == count ? "full batch (\(Format.count(size)))" : "mini-batches of \(Format.count(size))"
}

extension SGD.Result {
    var notices: [String] {
        let ratio = distances.careful / max(distances.stumbling, 1e-300)
        let full = runs.first { $0.batchSize == trainingCount }
        let examples = winner.examples(toReach: target).map(Format.count) ?? "–"
        // How much the cost jitters: the mean size of its rises, which steady descent would not have.
        let jitter = runs.filter { $0.batchSize < trainingCount }.map { run in
            (run, zip(run.points, run.points.dropFirst()).map { max(0, $1.cost - $0.cost) }.reduce(0, +) / Double(max(run.points.count - 1, 1)))
        }
        let noisiest = jitter.max { $0.1 < $1.1 }
        return [
            "On the line fit the full-batch path heads straight downhill, one step per epoch; the mini-batch path wobbles, and after the "
            + "same 10 epochs it ends " + (ratio > 1 ? "\(Format.number(ratio, digits: 3)) times closer to the best fit." : "no closer to the best fit (\(Format.number(1 / ratio, digits: 3)) times as far).")
            + " That is the drunk man's bargain.",
            full.map { run in "On the digits the full batch took \(Format.count(run.steps, "step")) in all; its cost went from \(Format.number(run.points[0].cost, digits: 3)) "
                + "to \(Format.number(run.points.last!.cost, digits: 3))." } ?? "",
            "Counting examples processed, the work of the forward and backward passes, the \(batchName(winner.batchSize, of: trainingCount)) reached a cost of "
            + "\(Format.number(target, digits: 3)) first, after \(examples) examples.",
            noisiest.map { "The cost jitters most with mini-batches of \(Format.count($0.0.batchSize)): a small batch is a rough guess of the gradient." } ?? "",
        ]
    }
}

extension Array {
    /// The array, or nil when it is empty.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}
