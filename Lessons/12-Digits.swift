import ArgumentParser
import Backprop
import Datasets
import Foundation
import LessonKit
import Plotting

/// Lesson 12: train the video's digit recogniser with mini-batch SGD, and look at what it learned.
/// 3Blue1Brown: the network of the series, trained by backpropagation and stochastic gradient descent.
struct Digits12: Lesson {
    static let info = LessonInfo(
        number: 12, slug: "digits", title: "Train the digit recogniser", video: .threeBlueOneBrown,
        segment: "10:17, stochastic gradient descent on mini-batches",
        summary: "784-16-16-10 trained with mini-batch SGD: cost, accuracy, mistakes, and what the first layer learned.")

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions

    @Option(help: "Layer sizes, input first (784) and output last (10).")
    var layers = LayerSizes([784, 16, 16, 10])

    @Option(help: "Passes over the training set.")
    var epochs = 10

    @Option(help: "Examples per mini-batch.")
    var batchSize = 10

    @Option(help: "Learning rate η.")
    var lr = 3.0

    @Option(help: "Cores to share each large layer (1 is fastest for small mini-batches).")
    var threads = 1

    @OptionGroup var animation: AnimationOptions

    func validate() throws {
        try layers.validateForDigits()
        try Check.count(epochs, "--epochs", in: 1...1000)
        try Check.count(batchSize, "--batch-size", in: 1...60_000)
        try Check.positive(lr, "--lr")
        try Check.count(threads, "--threads", in: 1...64)
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load()
        let training = mnist.training.trainingSet(), test = mnist.test.trainingSet()
        let start = Network(sizes: layers.sizes, activation: .sigmoid, seed: digits.seed, initialisation: digits.initialisation)
        say.video("10:17, stochastic gradient descent",
            "Computing the true gradient over every training example for every step is slow. Instead, shuffle the "
            + "examples, split them into mini-batches, and take a step with each mini-batch's average gradient: "
            + "“a drunk man stumbling aimlessly down a hill, but taking quick steps”. Repeat for several epochs, "
            + "and the network learns to read digits.")
        say.compute(
            "The \(layers.defaultValueDescription) sigmoid network (\(Format.count(start.parameterCount)) parameters, seed \(digits.seed)) "
            + "trained on \(digits.source(mnist)) for \(epochs) epochs: mini-batches of \(batchSize), η = \(Format.number(lr)), "
            + "the examples shuffled every epoch. After each epoch, the average cost C₀ on the training set and the accuracy "
            + "on \(Format.count(test.count)) test images it never trains on.")

        var network = FastNetwork(start, threads: threads)
        var workspace = Workspace(), generator = SeededGenerator(seed: digits.seed)
        var history: [(cost: Double, accuracy: Double, seconds: Double)] = []
        let initial = network.evaluate(test)
        var table = Table(["epoch", "training cost", "test accuracy", "seconds"])
        table.add(["0", Format.number(network.evaluate(training).cost, digits: 4), percent(initial.accuracy), "–"])
        let clock = ContinuousClock()
        for epoch in 1...epochs {
            let began = clock.now
            var seen = 0, runningCost = 0.0
            for batch in miniBatches(shuffledIndices(training.count, using: &generator), size: batchSize) {
                runningCost += network.train(batch: batch, in: training, learningRate: Float(lr), workspace: &workspace)
                seen += batch.count
                if seen % 2000 < batchSize || seen == training.count {
                    let rate = Double(seen) / max(seconds(clock.now - began), 1e-9)
                    say.progress("epoch \(epoch)/\(epochs)  \(Format.count(seen))/\(Format.count(training.count)) examples  "
                                 + "running cost \(Format.number(runningCost / Double(seen), digits: 3))  \(Format.count(Int(rate))) examples/s")
                }
            }
            let elapsed = seconds(clock.now - began)
            let trainingCost = network.evaluate(training).cost, accuracy = network.evaluate(test).accuracy
            history.append((trainingCost, accuracy, elapsed))
            table.add([String(epoch), Format.number(trainingCost, digits: 4), percent(accuracy), Format.number(elapsed, digits: 2)])
        }
        say.progress("")
        say.results("Training, epoch by epoch", table)
        let best = history.map(\.accuracy).max() ?? 0
        say.results("Result", lines: [
            "Test accuracy \(percent(history.last?.accuracy ?? 0)) after \(epochs) epochs (best \(percent(best))), from \(percent(initial.accuracy)) untrained; "
            + "chance is 10%. Training took \(Format.number(history.map(\.seconds).reduce(0, +), digits: 3)) s.",
        ])

        let trained = network.network
        let mistakes = misclassified(trained, mnist.test, limit: 24)
        let progress = progressChart(history, initialAccuracy: initial.accuracy)
        try lesson.draw([progress] + (animation.animation.map { [animatedProgress(progress, epochs: history.count, $0)] } ?? []) + [
            imageGridChart(name: "mistakes", title: "Test digits it got wrong (true → guessed)",
                           images: mistakes.map { ("\(mnist.test.labels[$0]) → \(trained.prediction(for: mnist.test.image($0)))", mnist.test.image($0)) },
                           columns: 8, palette: inkPalette, range: (0, 1), note: "Lesson 12: misclassified test images"),
            imageGridChart(name: "first-layer-weights", title: "The weights into each first-layer neuron, as pictures",
                           images: (0..<min(layers.sizes[1], 32)).map { j in ("neuron \(j + 1)", (0..<784).map { trained.weights[0][j, $0] }) },
                           columns: 8, palette: divergingPalette, range: symmetricRange(trained.weights[0].values.map { $0 }),
                           note: "Lesson 12: the 784 weights into each first-layer neuron")], live: animation.live)

        say.notice(
            "Each epoch takes \(Format.count(training.count / batchSize)) small steps instead of one careful one; the cost falls and the accuracy climbs within the first epoch.",
            "The first layer's weights do not look like edges or loops, as the video admits: mostly noise with a faint structure. The network works anyway.",
            "Look at the mistakes: which of them would you have read differently yourself?")
        say.tryThis(
            (command: "swift run -c release lesson 12 --layers 784,30,10 --epochs 30 --batch-size 10 --lr 3.0 --mnist DIR",
             why: "The configuration of Nielsen's book on the full MNIST set (about 95% on the test set)."),
            (command: "\(Self.info.command) --lr 0.1", why: "A small rate: slow progress, as in lesson 4."),
            (command: "\(Self.info.command) --batch-size 100", why: "The video's mini-batch size: fewer, steadier steps."))
    }

    func percent(_ fraction: Double) -> String {
        String(format: "%.2f%%", 100 * fraction)
    }

    /// The first `limit` test images the network gets wrong.
    func misclassified(_ network: Network, _ test: Datasets.Digits, limit: Int) -> [Int] {
        var found: [Int] = []
        for i in 0..<test.count where found.count < limit {
            if network.prediction(for: test.image(i)) != test.labels[i] { found.append(i) }
        }
        return found
    }

    /// The cost and accuracy growing epoch by epoch, one frame per epoch.
    func animatedProgress(_ still: Chart, epochs: Int, _ settings: Animation) -> Chart {
        var chart = still
        chart.name = "training-animation"
        chart.animation = Animation(frames: epochs, delay: max(settings.delay, 40))
        let rows = chart.data.blocks[0].rows
        let costs = rows.map { $0[1] }, accuracies = rows.map { $0[2] }
        chart.commands = Array(still.commands.prefix { !$0.hasPrefix("plot ") }) + [
            "set yrange [0:\(formatForData(1.05 * (costs.max() ?? 1)))]",
            "set y2range [\(formatForData(max(0, (accuracies.min() ?? 0) - 5))):100]",
            "do for [k = 0:\(epochs - 1)] {",
            "    set title sprintf(\"Cost and test accuracy after epoch %d\", k + 1)",
            "    plot " + chart.series(0, using: "1:2", style: "linespoints ls 2", title: "training cost").replacingOccurrences(of: " using", with: " every ::0::k using") + ", \\",
            "         " + chart.series(0, using: "1:3", style: "linespoints ls 1", title: "test accuracy").replacingOccurrences(of: " using", with: " every ::0::k using") + " axes x1y2",
            "}",
        ]
        return chart
    }

    func progressChart(_ history: [(cost: Double, accuracy: Double, seconds: Double)], initialAccuracy: Double) -> Chart {
        var data = DataFile(columns: ["epoch", "training cost", "test accuracy (%)"], notes: ["Lesson 12: cost and accuracy after each epoch"])
        data.add("after each epoch", rows: history.enumerated().map { [Double($0.offset + 1), $0.element.cost, 100 * $0.element.accuracy] })
        var chart = Chart(name: "training", title: "Cost and test accuracy, epoch by epoch", data: data, commands: [])
        chart.commands = [
            "set xlabel \"epoch\"", "set ylabel \"average cost C₀ on the training set\"", "set y2label \"test accuracy (%)\"",
            "set ytics nomirror", "set y2tics", "set key center right", "set xrange [0.5:\(Double(history.count) + 0.5)]",
            "plot " + chart.series(0, using: "1:2", style: "linespoints ls 2", title: "training cost") + ", \\",
            "     " + chart.series(0, using: "1:3", style: "linespoints ls 1", title: "test accuracy") + " axes x1y2",
        ]
        return chart
    }
}
