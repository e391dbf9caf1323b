import ArgumentParser
import Backprop
import Datasets
import Figures
import Foundation
import Figures
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
    @Option(help: "Epochs: passes over the training set.")
    var epochs = 10
    @Option(help: "Examples per mini-batch.")
    var batchSize = 10
    @Option(help: "Learning rate η.")
    var lr = 3.0
    @Option(help: "Cores to share each large layer (1 is fastest for small mini-batches).")
    var threads = 1
    @OptionGroup var animation: AnimationOptions

    static let suggestions = [
        Suggestion(["--layers", "784,30,10", "--epochs", "30", "--batch-size", "10", "--lr", "3.0", "--mnist", "DIR"],
                   "The configuration of Nielsen's book on the full MNIST set in DIR (about 95% on the test set).", release: true),
        Suggestion(["--lr", "0.1"], "A small rate: slow progress, as in lesson 4."),
        Suggestion(["--batch-size", "100"], "The video's mini-batch size: fewer, steadier steps."),
    ]

    func validate() throws {
        try layers.validateForDigits()
        try Check.count(epochs, "--epochs", in: 1...1000)
        try Check.count(batchSize, "--batch-size", in: 1...60_000)
        try Check.positiveFloat(lr, "--lr"); try Check.atMost(lr, "--lr", 1e6)
        try Check.count(threads, "--threads", in: 1...64)
    }

    /// Cost and accuracy before training (epoch 0) and after every epoch, and what the network got wrong.
    struct Result {
        let history: [(cost: Double, accuracy: Double)]
        let seconds: Double
        let mistakes: Int, testCount: Int, steps: Int
        var final: Double { history.last?.accuracy ?? 0 }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say, mnist = try digits.load()
        let training = mnist.training.trainingSet(), test = mnist.test.trainingSet()
        let start = Network(sizes: layers.sizes, activation: .sigmoid, seed: digits.seed, initialisation: digits.initialisation)
        say.video("10:17, stochastic gradient descent",
            "Computing the true gradient over every training example for every step is slow. Instead, shuffle the examples, split "
            + "them into mini-batches, and take a step with each mini-batch's average gradient: “a drunk man stumbling aimlessly down "
            + "a hill, but taking quick steps”. Repeat for several epochs (passes over the data), and the network learns to read digits.")
        say.compute(
            "The \(layers.defaultValueDescription) sigmoid network (\(Format.count(start.parameterCount)) parameters, seed \(digits.seed)) "
            + "trained on \(digits.source(mnist)) for \(Format.count(epochs, "epoch")): mini-batches of \(batchSize), η = \(Format.number(lr)), "
            + "the examples shuffled every epoch. Before training and after each epoch, the average cost C₀ on the training set and "
            + "the accuracy on \(Format.count(test.count)) test images it never trains on.")

        var network = FastNetwork(start, threads: threads), generator = SeededGenerator(seed: digits.seed)
        var history: [(cost: Double, accuracy: Double)] = [(network.evaluate(training).cost, network.evaluate(test).accuracy)]
        var trainingTime = 0.0
        let clock = ContinuousClock()
        for epoch in 1...epochs {
            let began = clock.now
            network.trainEpoch(training, batchSize: batchSize, learningRate: Float(lr), generator: &generator) { _, seen, cost in
                guard seen % 2000 < batchSize || seen == training.count else { return }
                say.progress("epoch \(epoch)/\(epochs)  \(Format.count(seen))/\(Format.count(training.count)) examples  running cost \(Format.number(cost / Double(seen), digits: 3))")
            }
            trainingTime += seconds(clock.now - began)
            history.append((network.evaluate(training).cost, network.evaluate(test).accuracy))
        }
        say.progress("")
        let trained = network.network
        let wrong = (0..<mnist.test.count).filter { trained.prediction(for: mnist.test.image($0)) != mnist.test.labels[$0] }
        let result = lesson.keep(Result(history: history, seconds: trainingTime, mistakes: wrong.count, testCount: mnist.test.count,
                                        steps: (training.count + batchSize - 1) / batchSize))

        var table = Table(["epoch", "training cost", "test accuracy"])
        for (epoch, row) in history.enumerated() { table.add([String(epoch), Format.number(row.cost, digits: 4), percent(row.accuracy)]) }
        say.results("Training, epoch by epoch (epoch 0 is the untrained network)", table)
        say.results("Result", lines: [
            "Test accuracy \(percent(result.final)) after \(Format.count(epochs, "epoch")) (best \(percent(history.map(\.accuracy).max() ?? 0))), "
            + "from \(percent(history[0].accuracy)) untrained; chance is 10%. Training took \(Format.number(trainingTime, digits: 3)) s.",
        ])

        let plot = Plot(x: Axis("epoch", wholeNumbers: true), y: Axis("average cost C₀ on the training set"), y2: Axis("test accuracy (%)"),
                        series: [Series("training cost (left axis)", history.enumerated().map { [Double($0.offset), $0.element.cost] }, look: .path,
                                        colour: .palette(1), revealEvery: 1, markHead: true),
                                 Series("test accuracy (right axis)", history.enumerated().map { [Double($0.offset), 100 * $0.element.accuracy] },
                                        look: .path, onSecondAxis: true, revealEvery: 1, markHead: true)])
        let weights = Chart.pictures("first-layer-weights", title: "The weights into each neuron of layer 1, as pictures",
                                     (0..<min(layers.sizes[1], 32)).map { Picture("neuron \($0)", values: incomingWeights(trained.weights[0], neuron: $0)) },
                                     columns: 8, colourBar: signedBar("weight", trained.weights[0].values), notes: ["Lesson 12: the 784 weights into each neuron of layer 1"])
        let mistakes = wrong.isEmpty ? [] : [Chart.pictures("mistakes", title: "Test digits it got wrong (true → guessed)", wrong.prefix(24).map {
            Picture("#\($0): \(mnist.test.labels[$0]) → \(trained.prediction(for: mnist.test.image($0)))", values: mnist.test.image($0))
        }, columns: 8, colourBar: inkBar, notes: ["Lesson 12: the first misclassified test images"])]
        try lesson.draw([.single("training", title: "Cost and test accuracy, epoch by epoch", plot, notes: ["Lesson 12: cost and accuracy after each epoch (0: untrained)"])]
                        + (animation.animation.map { [.animation("training-animation", title: "Cost and test accuracy", [plot], steps: epochs,
                                                                 frames: epochs + 1, delay: max($0.delay, 40), frameTitle: "Cost and test accuracy after epoch %d")] } ?? [])
                        + mistakes + [weights], live: animation.live)
        say.notice(result.notices)
        lesson.suggest(Self.suggestions)
    }

    func percent(_ fraction: Double) -> String { String(format: "%.2f%%", 100 * fraction) }
}

extension Digits12.Result {
    var notices: [String] {
        let first = history.count > 1 ? history[1].accuracy : 0
        let drops = history.indices.dropFirst(2).filter { history[$0].accuracy < history[$0 - 1].accuracy }
        return [
            final < 0.2
                ? "The network did not learn: \(String(format: "%.1f%%", 100 * final)) is near chance (10%). Its sigmoids may have saturated "
                  + "(outputs stuck near 0 or 1, where σ′ is almost 0 and the nudges vanish); try another --lr or --seed."
                : "Each epoch takes \(Format.count(steps, "small step")) instead of one careful one; after the first epoch the test accuracy was "
                  + "already \(String(format: "%.1f%%", 100 * first)), up from \(String(format: "%.1f%%", 100 * history[0].accuracy)).",
            drops.isEmpty ? "" : "The accuracy fell in epoch\(drops.count == 1 ? "" : "s") \(drops.map(String.init).joined(separator: ", ")): each step "
                + "follows one mini-batch, not the whole set, so progress stumbles.",
            "The video admits that the first layer's weights rarely look like edges or loops; compare yours in first-layer-weights.png.",
            mistakes == 0 ? "It read every test image right." : "It got \(Format.count(mistakes)) of the \(Format.count(testCount)) test images wrong; the "
                + "first \(Swift.min(mistakes, 24)) are drawn. Which of them would you have read differently yourself?",
        ]
    }
}
