import ArgumentParser
import Backprop
import Figures
import Foundation
import Figures
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

    static let suggestions = [
        Suggestion(["--target", "0.001"], "A stricter target: more epochs, and some runs never get there."),
        Suggestion(["--rates", "0.5,1,2"], "Large rates: fast, then unstable."),
        Suggestion(["--seed", "2"], "Another start: do the counts move? Does the pattern stay?"),
    ]

    func validate() throws {
        try rates.values.forEach { try Check.positive($0, "each rate in --rates"); try Check.atMost($0, "each rate in --rates", 1e6) }
        try Check.count(rates.values.count, "the number of rates in --rates", in: 1...8)
        try Check.positive(target, "--target"); try Check.atMost(target, "--target", 1e6)
        try Check.count(maxEpochs, "--max-epochs", in: 10...100_000)
        try Check.positive(lr, "--lr")
        try Check.atMost(lr, "--lr", 1e6)
    }

    /// The runs: loss curves for `--rates`, a sweep of rates, and problems of growing difficulty.
    struct Result {
        let curves: [SineProblem.Run], sweep: [SineProblem.Run], harder: [SineProblem.Run], bigger: [SineProblem.Run]
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        say.video("convergence and epochs",
            "One epoch is one pass over the whole training set, each example (or mini-batch) taking its step. Training repeats epochs "
            + "until the loss stops changing: then it has converged. How many epochs that takes depends on the learning rate and on how hard the problem is.")
        say.compute(
            "A small problem: 32 points of y = sin(kπx) on [−1, 1], learned by a 1-8-1 network (tanh hidden layer, linear output) with "
            + "mini-batches of 8, so one epoch is 4 steps. Each run stops when the loss reaches \(Format.number(target)), when it stops "
            + "changing (its best less than 1% better than 300 epochs before), when it blows up (passes \(Format.number(SineProblem.divergenceBound))), "
            + "or after \(Format.count(maxEpochs, "epoch")).")

        let question = "Which of η = \(Format.list(rates.values)) will reach \(Format.number(target)) in the fewest epochs? (one of them, or none)"
        let answers = try lesson.ask([question])
        let easy = SineProblem(frequency: 1, hidden: 8)
        func train(_ problem: SineProblem, _ rate: Double) -> SineProblem.Run { problem.train(learningRate: rate, maxEpochs: maxEpochs, target: target, seed: seed) }
        let result = lesson.keep(Result(
            curves: rates.values.map { train(easy, $0) }, sweep: (0..<13).map { train(easy, 0.003 * pow(10, Double($0) / 5)) },
            harder: [1, 2, 3].map { train(SineProblem(frequency: $0, hidden: 8), lr) }, bigger: [2, 4, 8, 16].map { train(SineProblem(frequency: 2, hidden: $0), lr) }))

        var table = Table(["η", "epochs run", "final loss", "stopped because"], leftAligned: [3])
        for run in result.curves { table.add([Format.number(run.learningRate), Format.count(run.losses.count - 1), Format.number(run.losses.last!, digits: 4), run.stop.rawValue]) }
        say.results("Loss against epoch, k = 1", table)
        var sweepTable = Table(["η", "epochs to reach \(Format.number(target))"])
        for run in result.sweep { sweepTable.add([Format.number(run.learningRate, digits: 3), run.epochsOrWhy]) }
        say.results("Epochs needed against the learning rate", sweepTable)
        var difficulty = Table(["problem", "network", "epochs to reach \(Format.number(target))"], leftAligned: [0, 1])
        for (k, run) in zip(1...3, result.harder) { difficulty.add(["sin(\(k)πx)", "1-8-1", run.epochsOrWhy]) }
        for (h, run) in zip([2, 4, 8, 16], result.bigger) { difficulty.add(["sin(2πx)", "1-\(h)-1", run.epochsOrWhy]) }
        say.results("Epochs needed against the difficulty and the network's size (η = \(Format.number(lr)))", difficulty)

        let runs = result.harder + result.bigger, names = ["k = 1", "k = 2", "k = 3", "H = 2", "H = 4", "H = 8", "H = 16"]
        func bars(_ reached: Bool) -> [[Double]] {
            runs.enumerated().filter { ($0.element.reachedTarget != nil) == reached }.map { [Double($0.offset + ($0.offset > 2 ? 1 : 0)), Double($0.element.losses.count - 1)] }
        }
        try lesson.draw(
            .single("loss-by-epoch", title: "The loss epoch by epoch, for each learning rate",
                    Plot(x: Axis("epoch", wholeNumbers: true), y: .log("average cost (log scale)", floor: 1e-12),
                         series: result.curves.enumerated().map { i, run in Series("η = \(Format.number(run.learningRate))", run.losses.enumerated().map { [Double($0.offset), $0.element] }, colour: .palette(i),
                                                                                  stoppedBecause: run.stop == .blewUp ? "blew up: the next epoch's loss passed \(Format.number(SineProblem.divergenceBound))" : nil) },
                         marks: [.level(target, "target \(Format.number(target))")]),
                    notes: ["Lesson 11: the loss before training (epoch 0) and after every epoch, for each learning rate"]),
            .single("epochs-by-rate", title: "Epochs to reach a loss of \(Format.number(target)), against the learning rate",
                    Plot(x: .log("learning rate η (log scale)", floor: 1e-12), y: .log("epochs (log scale)", floor: 1),
                         series: [Series("reached the target", result.sweep.compactMap { run in run.reachedTarget.map { [run.learningRate, Double($0)] } }, look: .path),
                                  Series("stopped without reaching it (epochs run)", result.sweep.filter { $0.reachedTarget == nil }.map { [$0.learningRate, Double($0.losses.count - 1)] },
                                         look: .markers, colour: .palette(1))]),
                    notes: ["Lesson 11: epochs to reach \(target) against the learning rate; runs that did not get there show the epochs they ran"]),
            .single("epochs-by-difficulty", title: "Epochs to reach a loss of \(Format.number(target)): harder problems, bigger networks",
                    Plot(x: Axis("sin(kπx) with 1-8-1, then sin(2πx) with 1-H-1", namedTics: names.enumerated().map { ($0.element, Double($0.offset + ($0.offset > 2 ? 1 : 0))) }),
                         y: Axis("epochs"), series: [Series("reached the target", bars(true), look: .bars(width: 0.6)),
                                                     Series("did not reach it (epochs run)", bars(false), look: .bars(width: 0.6), colour: .palette(1))]),
                    notes: ["Lesson 11: epochs to reach \(target) for harder problems and bigger networks (η = \(lr))"]))
        if let answers, let best = result.curves.filter({ $0.reachedTarget != nil }).min(by: { $0.reachedTarget! < $1.reachedTarget! }) ?? result.curves.first {
            let fastest = best.reachedTarget == nil ? "none" : Format.number(best.learningRate)
            lesson.reveal([.choice(question, answers[0], actual: fastest, why: best.reachedTarget.map { "η = \(fastest) got there first, in \(Format.count($0, "epoch"))." } ?? "None of them got there.")])
        }
        say.notice(result.notices(target: target))
        lesson.suggest(Self.suggestions)
    }
}

extension SineProblem.Run {
    /// "412", or why it never got there: "not reached (stopped changing after 1,210)".
    var epochsOrWhy: String { reachedTarget.map(Format.count) ?? "not reached (\(stop.rawValue) after \(Format.count(losses.count - 1)))" }
}

extension Epochs.Result {
    func notices(target: Double) -> [String] {
        var notes: [String] = []
        if let longest = curves.max(by: { $0.losses.count < $1.losses.count }), longest.losses.count > 10 {
            let tenth = (longest.losses.count - 1) / 10, l = longest.losses
            notes.append("With η = \(Format.number(longest.learningRate)) the first \(Format.count(tenth, "epoch")) took the loss from \(Format.number(l[0], digits: 3)) "
                + "to \(Format.number(l[tenth], digits: 3)); the other \(Format.count(l.count - 1 - tenth)) only to \(Format.number(l[l.count - 1], digits: 3)): fast at first, then ever more slowly.")
        }
        let reached = sweep.filter { $0.reachedTarget != nil }
        if let fastest = reached.min(by: { $0.reachedTarget! < $1.reachedTarget! }) {
            let slower = sweep.filter { $0.learningRate > fastest.learningRate && ($0.reachedTarget ?? .max) > fastest.reachedTarget! }
            notes.append("Of the swept rates, η = \(Format.number(fastest.learningRate, digits: 3)) needed the fewest epochs (\(Format.count(fastest.reachedTarget!))); "
                + "smaller rates needed more" + (slower.isEmpty ? "." : ", and \(Format.count(slower.count, "larger rate")) did worse again: "
                + slower.map { "η = \(Format.number($0.learningRate, digits: 3)) \($0.reachedTarget.map { "took \(Format.count($0))" } ?? $0.stop.rawValue)" }.joined(separator: ", ") + "."))
        } else {
            notes.append("No rate of the sweep reached \(Format.number(target)) within its epochs.")
        }
        let blown = curves.filter { $0.stop == .blewUp }
        if !blown.isEmpty {
            notes.append("\(blown.map { "η = \(Format.number($0.learningRate))" }.joined(separator: ", ")) blew up: the loss passed "
                + "\(Format.number(SineProblem.divergenceBound)) within \(Format.count(blown.map { $0.losses.count }.max()!, "epoch")). Too large a step overshoots every time.")
        }
        let k = harder.map { $0.epochsOrWhy }, h = bigger.map { $0.epochsOrWhy }
        let epochs = harder.map { $0.reachedTarget ?? .max }
        notes.append("With η held fixed, sin(πx), sin(2πx) and sin(3πx) took \(k.joined(separator: ", ")) epochs; for sin(2πx), networks with 2, 4, 8 and 16 "
            + "hidden neurons took \(h.joined(separator: ", ")). "
            + (zip(epochs, epochs.dropFirst()).allSatisfy { $0 <= $1 } ? "The wigglier the target, the more epochs. " : "Here difficulty did not order the epochs neatly. ")
            + (bigger.contains { $0.reachedTarget == nil } ? "A network can be too small, or stuck, and never get there." : "Every network size got there."))
        return notes
    }
}
