import ArgumentParser
import Backprop
import Datasets
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

    func validate() throws {
        try Check.count(batchSizes.sizes.count, "the number of sizes in --batch-sizes", in: 1...6)
        for size in batchSizes.sizes.compactMap({ $0 }) { try Check.count(size, "each size in --batch-sizes", in: 1...60_000) }
        try Check.positive(lr, "--lr")
        try Check.count(epochs, "--epochs", in: 1...100)
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        say.video("10:17, stochastic gradient descent",
            "Averaging every training example's wish list before each step gives the true downhill direction, but "
            + "it is slow. Shuffle the examples, cut them into mini-batches, and step after each one: each step is "
            + "only roughly downhill, but there are many more of them. “A drunk man stumbling aimlessly down a hill, "
            + "but taking quick steps, rather than a carefully calculating man.”")
        say.compute(
            "First a line fit with two parameters, so the whole cost surface can be drawn: 100 noisy points around "
            + "y = 2x + 1, 10 epochs at η = 0.1 from (m, b) = (−2, −2), with the full batch (10 careful steps) and "
            + "with mini-batches of 10 (100 quick ones).",
            "Then the video's 784-16-16-10 network on \(digits.mnist == nil ? "the shipped 10,000 digits" : "the digits in \(digits.mnist!)") "
            + "for \(epochs) epochs at η = \(Format.number(lr)) with each batch size, the average cost measured on 1,000 "
            + "training images as the examples go by.")

        let line = NoisyLine(seed: digits.seed)
        let careful = line.descend(batchSize: line.data.x.count, epochs: 10, learningRate: 0.1, seed: digits.seed)
        let stumbling = line.descend(batchSize: 10, epochs: 10, learningRate: 0.1, seed: digits.seed)
        let best = line.data.closedFormFit()
        var paths = Table(["method", "steps", "final m", "final b", "final cost", "distance to best"], leftAligned: [0])
        for (name, path) in [("full batch", careful), ("mini-batches of 10", stumbling)] {
            let end = path[path.count - 1]
            paths.add([name, String(path.count - 1), Format.number(end[0], digits: 4), Format.number(end[1], digits: 4),
                       Format.number(line.data.cost(m: end[0], b: end[1]), digits: 4),
                       Format.number(((end[0] - best.m) * (end[0] - best.m) + (end[1] - best.b) * (end[1] - best.b)).squareRoot(), digits: 3)])
        }
        say.results("The line fit after 10 epochs (best fit m = \(Format.number(best.m, digits: 4)), b = \(Format.number(best.b, digits: 4)))", paths)

        let mnist = try digits.load()
        let race = DigitRace(mnist: mnist, network: digits.network(), lr: lr, epochs: epochs, seed: digits.seed)
        let runs = batchSizes.sizes.map { race.run(batchSize: $0 ?? mnist.training.count) }
        // A level every mini-batch run reached: the highest final cost among them (the full batch may not get there).
        let miniBatchRuns = runs.filter { $0.batchSize < mnist.training.count }
        let target = (miniBatchRuns.isEmpty ? runs : miniBatchRuns).map { $0.points.last!.cost }.max()!
        var table = Table(["batch size", "steps", "final cost", "examples to reach \(Format.number(target, digits: 3))", "seconds"])
        for run in runs {
            table.add([run.batchSize == mnist.training.count ? "full (\(Format.count(run.batchSize)))" : Format.count(run.batchSize),
                       Format.count(run.steps), Format.number(run.points.last!.cost, digits: 4),
                       run.examples(toReach: target).map(Format.count) ?? "–", Format.number(run.seconds, digits: 3)])
        }
        say.results("The digit network, \(epochs) epochs with each batch size", table)
        let winner = runs.min { ($0.examples(toReach: target) ?? .max) < ($1.examples(toReach: target) ?? .max) }!
        say.results("Least compute", lines: [
            "Counting examples processed (the work of forward and backward passes), mini-batches of \(Format.count(winner.batchSize)) "
            + "reached a cost of \(Format.number(target, digits: 3)) first, after \(Format.count(winner.examples(toReach: target) ?? 0)) examples.",
        ])

        let still = pathChart(line, careful: careful, stumbling: stumbling, best: best)
        try lesson.draw([still, raceChart(runs, trainingCount: mnist.training.count)]
                        + (animation.animation.map { [animatedPaths(still, steps: stumbling.count - 1, $0)] } ?? []), live: animation.live)

        say.notice(
            "The full-batch path is smooth and heads straight downhill, but takes one step per epoch; the mini-batch path "
            + "wobbles, yet with ten times as many steps it ends much closer to the minimum.",
            "On the digits, the full batch barely moves in \(epochs) epochs: \(epochs) steps. Small mini-batches get most of the way "
            + "in a fraction of an epoch.",
            "The smallest batches are the noisiest: a single example is a poor guess of the gradient, and the cost jitters.")
        say.tryThis(
            (command: "\(Self.info.command) --batch-sizes full,1000,100 --epochs 5", why: "Larger batches: steadier, slower."),
            (command: "\(Self.info.command) --lr 0.3", why: "A smaller rate tames the noise of single examples."),
            (command: "\(Self.info.command) --seed 7", why: "Another shuffle, another stumbling path."))
    }

    func pathChart(_ line: NoisyLine, careful: [[Double]], stumbling: [[Double]], best: (m: Double, b: Double)) -> Chart {
        var data = DataFile(columns: ["m", "b", "cost"], notes: ["Lesson 10: the cost of the line fit over (m, b), and two descent paths"])
        let samples = 81
        var grid: [[Double]] = []
        for m in sample(-3...4, count: samples) { for b in sample(-3...3.5, count: samples) { grid.append([m, b, line.data.cost(m: m, b: b)]) } }
        data.add("grid of the cost", rows: grid, rowsPerScan: samples)
        data.add("full batch: one careful step per epoch", rows: careful.map { $0 + [line.data.cost(m: $0[0], b: $0[1])] })
        data.add("mini-batches of 10: ten quick steps per epoch", rows: stumbling.map { $0 + [line.data.cost(m: $0[0], b: $0[1])] })
        data.add("the best fit", rows: [[best.m, best.b, line.data.cost(m: best.m, b: best.b)]])
        var chart = Chart(name: "paths", title: "The careful man and the drunk man: 10 epochs of descent on a line fit", data: data,
                          width: 900, height: 700, commands: [])
        chart.commands = chart.traceContours(ofSeries: 0, levels: [0.2, 0.5, 1, 2, 4, 7, 11, 16]) + [
            "set xlabel \"m (slope)\"", "set ylabel \"b (intercept)\"", "set xrange [-3:4]", "set yrange [-3:3.5]",
            "set size ratio -1", "set key below horizontal",
            "plot $contours using 1:2 with lines ls 8 lc rgb \"#6b8fb5\" title \"contour lines of the cost\", \\",
            "     " + chart.series(1, using: "1:2", style: "linespoints ls 1 pt 7 ps 1", title: "full batch (10 steps)") + ", \\",
            "     " + chart.series(2, using: "1:2", style: "linespoints ls 2 pt 7 ps 0.4 lw 1.2", title: "mini-batches of 10 (100 steps)") + ", \\",
            "     " + chart.series(3, using: "1:2", style: "points ls 3 pt 9 ps 2.2", title: "best fit"),
        ]
        return chart
    }

    /// The two paths drawn step by step: ten quick steps of the drunk man for each careful one.
    func animatedPaths(_ still: Chart, steps: Int, _ settings: Animation) -> Chart {
        var chart = still
        chart.name = "paths-animation"
        chart.animation = Animation(frames: min(settings.frames, steps + 1), delay: settings.delay)
        let frames = chart.animation!.frames
        let contours = still.commands.prefix { !$0.hasPrefix("plot ") }
        chart.commands = Array(contours) + [
            "quick = \(steps)",
            "do for [frame = 0:\(frames - 1)] {",
            "    k = \(frames > 1 ? "int(frame * quick / \(frames - 1))" : "quick")    # quick steps taken so far",
            "    c = int(k / 10)                               # careful steps: one per ten quick ones",
            "    set title sprintf(\"The careful man and the drunk man: %d careful steps, %d quick ones\", c, k)",
            "    plot $contours using 1:2 with lines ls 8 lc rgb \"#6b8fb5\" title \"contour lines of the cost\", \\",
            "         " + chart.series(1, using: "1:2", style: "linespoints ls 1 pt 7 ps 1", title: "full batch").replacingOccurrences(of: " using", with: " every ::0::c using") + ", \\",
            "         " + chart.series(2, using: "1:2", style: "linespoints ls 2 pt 7 ps 0.4 lw 1.2", title: "mini-batches of 10").replacingOccurrences(of: " using", with: " every ::0::k using") + ", \\",
            "         " + chart.series(3, using: "1:2", style: "points ls 3 pt 9 ps 2.2", title: "best fit"),
            "}",
        ]
        return chart
    }

    func raceChart(_ runs: [DigitRace.Run], trainingCount: Int) -> Chart {
        var data = DataFile(columns: ["examples processed", "average cost on 1,000 training images"],
                            notes: ["Lesson 10: the cost as training goes, for each mini-batch size"])
        for run in runs {
            data.add("batch size \(run.batchSize)", rows: run.points.map { [Double($0.examples), $0.cost] })
        }
        var chart = Chart(name: "cost-by-examples", title: "The cost against the examples processed, for each mini-batch size", data: data, commands: [])
        chart.commands = [
            "set xlabel \"examples processed (forward and backward passes)\"", "set ylabel \"average cost C₀\"",
            "set key top right", "set xrange [0:*]", "set yrange [0:*]",
            "plot " + runs.enumerated().map { index, run in
                chart.series(index, using: "1:2", style: "lines ls \(paletteStyle(index))",
                             title: run.batchSize == trainingCount ? "full batch" : "mini-batches of \(run.batchSize)")
            }.joined(separator: ", \\\n     "),
        ]
        return chart
    }
}

/// `--batch-sizes full,100,10,1`: mini-batch sizes, where `full` (nil) is the whole training set.
struct BatchSizes: ExpressibleByArgument {
    var sizes: [Int?]

    init(_ sizes: [Int?]) {
        self.sizes = sizes
    }

    init?(argument: String) {
        var sizes: [Int?] = []
        for item in argument.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if item == "full" { sizes.append(nil) } else if let n = Int(item) { sizes.append(n) } else { return nil }
        }
        guard !sizes.isEmpty else { return nil }
        self.sizes = sizes
    }

    var defaultValueDescription: String { sizes.map { $0.map(String.init) ?? "full" }.joined(separator: ",") }
}
