import ArgumentParser
import Backprop
import Foundation
import LessonKit
import Plotting

/// Lesson 11: an epoch is one pass over the data; how many does learning take, and what decides it?
/// CampusX, "Backpropagation Part 3": convergence and epochs.
struct Epochs: Lesson {
    static let info = LessonInfo(
        number: 11, slug: "epochs", title: "Epochs and convergence", video: .campusX,
        segment: "convergence and epochs",
        summary: "Train until the loss stops changing; epochs needed against the learning rate and the difficulty.")

    @OptionGroup var common: LessonOptions

    @Option(parsing: .unconditional, help: "Learning rates whose loss curves are drawn, comma-separated.")
    var rates = NumberList([0.01, 0.03, 0.1, 0.3])

    @Option(help: "The loss to reach: the average cost C₀ over the data.")
    var target = 0.02

    @Option(help: "The most epochs any run may take.")
    var maxEpochs = 6000

    @Option(help: "Learning rate for the runs on harder problems and other network sizes.")
    var lr = 0.1

    @Option(help: "Seed for the starting weights and the shuffles.")
    var seed: UInt64 = 1

    func validate() throws {
        try rates.values.forEach { try Check.positive($0, "each rate in --rates") }
        try Check.count(rates.values.count, "the number of rates in --rates", in: 1...8)
        try Check.positive(target, "--target")
        try Check.count(maxEpochs, "--max-epochs", in: 10...100_000)
        try Check.positive(lr, "--lr")
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        say.video("convergence and epochs",
            "One epoch is one pass over the whole training set, each example (or mini-batch) taking its step. "
            + "Training repeats epochs until the loss stops changing: then it has converged. How many epochs that "
            + "takes depends on the learning rate and on how hard the problem is.")
        say.compute(
            "A small problem: 32 points of y = sin(kπx) on [−1, 1], learned by a 1-8-1 network (tanh hidden layer, linear "
            + "output) with mini-batches of 8, so one epoch is 4 steps. Each run stops when the loss reaches "
            + "\(Format.number(target)), when it stops changing (its best less than 1% better than 300 epochs before), or after "
            + "\(Format.count(maxEpochs)) epochs.")

        let easy = SineProblem(frequency: 1, hidden: 8)
        let curves = rates.values.map { easy.train(learningRate: $0, maxEpochs: maxEpochs, target: target, seed: seed) }
        var table = Table(["η", "epochs run", "final loss", "stopped because"], leftAligned: [3])
        for run in curves {
            table.add([Format.number(run.learningRate), Format.count(run.losses.count), Format.number(run.losses.last ?? .nan, digits: 4), run.stop])
        }
        say.results("Loss against epoch, k = 1", table)

        let sweepRates = (0..<13).map { 0.003 * pow(10, Double($0) / 5) }
        let sweep = sweepRates.map { easy.train(learningRate: $0, maxEpochs: maxEpochs, target: target, seed: seed) }
        var sweepTable = Table(["η", "epochs to reach \(Format.number(target))"])
        for run in sweep { sweepTable.add([Format.number(run.learningRate, digits: 3), run.reachedTarget.map(Format.count) ?? "not reached (\(run.stop))"]) }
        say.results("Epochs needed against the learning rate", sweepTable)

        let harder = [1, 2, 3].map { k in SineProblem(frequency: k, hidden: 8).train(learningRate: lr, maxEpochs: maxEpochs, target: target, seed: seed) }
        let bigger = [2, 4, 8, 16].map { h in SineProblem(frequency: 2, hidden: h).train(learningRate: lr, maxEpochs: maxEpochs, target: target, seed: seed) }
        var difficulty = Table(["problem", "network", "epochs to reach \(Format.number(target))"], leftAligned: [0, 1])
        for (k, run) in zip(1...3, harder) { difficulty.add(["sin(\(k)πx)", "1-8-1", run.reachedTarget.map(Format.count) ?? "not reached (\(run.stop))"]) }
        for (h, run) in zip([2, 4, 8, 16], bigger) { difficulty.add(["sin(2πx)", "1-\(h)-1", run.reachedTarget.map(Format.count) ?? "not reached (\(run.stop))"]) }
        say.results("Epochs needed against the difficulty and the network's size (η = \(Format.number(lr)))", difficulty)

        try lesson.draw(curvesChart(curves), sweepChart(sweep), difficultyChart(harder: harder, bigger: bigger))

        say.notice(
            "The loss falls fast in the first epochs and then ever more slowly, levelling off as the slope flattens.",
            "Too small a rate needs many epochs; a larger one needs fewer, until it is so large that the steps overshoot.",
            "A harder problem (a wigglier sine) needs more epochs, and a network too small for it may never get there at all.")
        say.tryThis(
            (command: "\(Self.info.command) --target 0.001", why: "A stricter target: more epochs, and some runs never get there."),
            (command: "\(Self.info.command) --rates 0.5,1,2", why: "Large rates: fast, then unstable."),
            (command: "\(Self.info.command) --seed 2", why: "Another start: the counts move, the pattern stays."))
    }

    func curvesChart(_ runs: [SineProblem.Run]) -> Chart {
        var data = DataFile(columns: ["epoch", "average cost"], notes: ["Lesson 11: the loss after every epoch, for each learning rate"])
        for run in runs { data.add("η = \(run.learningRate)", rows: run.losses.enumerated().map { [Double($0.offset + 1), $0.element] }) }
        var chart = Chart(name: "loss-by-epoch", title: "The loss epoch by epoch, for each learning rate", data: data, commands: [])
        chart.commands = [
            "set xlabel \"epoch\"", "set ylabel \"average cost (log scale)\"", "set logscale y", "set format y \"1e%L\"",
            "set key top right",
            "set arrow from graph 0, first \(target) to graph 1, first \(target) nohead ls 8",
            "plot " + runs.indices.map { chart.series($0, using: "1:2", style: "lines ls \(paletteStyle($0))", title: "η = \(Format.number(runs[$0].learningRate))") }
                .joined(separator: ", \\\n     "),
        ]
        return chart
    }

    func sweepChart(_ runs: [SineProblem.Run]) -> Chart {
        var data = DataFile(columns: ["learning rate", "epochs run", "reached the target (1) or not (0)"],
                            notes: ["Lesson 11: epochs to reach \(target) against the learning rate; runs that did not get there show the epochs they ran"])
        data.add("every rate", rows: runs.map { [$0.learningRate, Double($0.reachedTarget ?? $0.losses.count), $0.reachedTarget == nil ? 0 : 1] })
        var chart = Chart(name: "epochs-by-rate", title: "Epochs to reach a loss of \(Format.number(target)), against the learning rate", data: data, commands: [])
        chart.commands = [
            "set xlabel \"learning rate η (log scale)\"", "set ylabel \"epochs (log scale)\"", "set logscale xy", "set key top right",
            "plot " + chart.series(0, using: "1:($3 == 1 ? $2 : NaN)", style: "linespoints ls 1 pt 7 ps 1.2", title: "reached the target") + ", \\",
            "     " + chart.series(0, using: "1:($3 == 0 ? $2 : NaN)", style: "points ls 2 pt 6 ps 1.5", title: "stopped without reaching it (epochs run)"),
        ]
        return chart
    }

    func difficultyChart(harder: [SineProblem.Run], bigger: [SineProblem.Run]) -> Chart {
        var data = DataFile(columns: ["position", "epochs run", "reached the target (1) or not (0)"],
                            notes: ["Lesson 11: epochs to reach \(target) for harder problems and bigger networks; runs that did not get there show the epochs they ran"])
        data.add("sin(kπx) for k = 1, 2, 3, network 1-8-1", rows: harder.enumerated().map { i, run in
            [Double(i), Double(run.reachedTarget ?? run.losses.count), run.reachedTarget == nil ? 0 : 1] })
        data.add("sin(2πx), networks 1-2-1 to 1-16-1", rows: bigger.enumerated().map { i, run in
            [Double(i + 4), Double(run.reachedTarget ?? run.losses.count), run.reachedTarget == nil ? 0 : 1] })
        var chart = Chart(name: "epochs-by-difficulty", title: "Epochs to reach a loss of \(Format.number(target)): harder problems, bigger networks", data: data, commands: [])
        chart.commands = [
            "set ylabel \"epochs\"", "set yrange [0:*]", "set key top left",
            "set xtics (\"k = 1\" 0, \"k = 2\" 1, \"k = 3\" 2, \"H = 2\" 4, \"H = 4\" 5, \"H = 8\" 6, \"H = 16\" 7)",
            "set xrange [-0.7:7.7]", "set style fill solid 0.85 border lc rgb \"#333333\"", "set boxwidth 0.6",
            "# Runs that stopped without reaching the target are hatched and labelled.",
            "plot " + chart.series(0, using: "1:($3 == 1 ? $2 : NaN)", style: "boxes ls 1", title: "harder problem: sin(kπx), 1-8-1") + ", \\",
            "     " + chart.series(1, using: "1:($3 == 1 ? $2 : NaN)", style: "boxes ls 2", title: "bigger network: sin(2πx), 1-H-1") + ", \\",
            "     " + chart.series(0, using: "1:($3 == 0 ? $2 : NaN)", style: "boxes ls 8 fs pattern 4", title: "not reached (epochs run)") + ", \\",
            "     " + chart.series(1, using: "1:($3 == 0 ? $2 : NaN)", style: "boxes ls 8 fs pattern 4") + ", \\",
            "     " + chart.series(0, using: "1:2:($3 == 0 ? \"not reached\" : \"\")", style: "labels offset 0,0.7 font \",9\"") + ", \\",
            "     " + chart.series(1, using: "1:2:($3 == 0 ? \"not reached\" : \"\")", style: "labels offset 0,0.7 font \",9\""),
        ]
        return chart
    }
}
