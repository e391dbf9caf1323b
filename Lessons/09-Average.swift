import ArgumentParser
import Backprop
import Datasets
import Figures
import Foundation
import Figures
import LessonKit
import Plotting

/// Lesson 9: every example wants something different; the gradient is what they want on average.
/// 3Blue1Brown: averaging the wish lists of all training examples.
struct Average: Lesson {
    static let info = LessonInfo(
        number: 9, slug: "average", title: "Averaging the wish lists", video: .threeBlueOneBrown,
        segment: "averaging the nudges over all training examples",
        summary: "Per-example gradients disagree; their average is the full gradient, the steepest way down.")

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions
    @Option(help: "How many training images to average over (the first ones).")
    var examples = 1000

    static let suggestions = [
        Suggestion(["--examples", "100"], "A mini-batch of 100, as in the video: a noisier average (lesson 10 builds on this)."),
        Suggestion(["--seed", "9"], "Another starting network."),
    ]

    func validate() throws {
        try Check.count(examples, "--examples", in: 2...60_000)
    }

    /// The per-example gradients, their average, and how the examples agree with it.
    struct Result {
        let labels: [Int]
        /// Parameter indices of the four output-layer weights with the largest average wish, and their names.
        let chosen: [Int], names: [String]
        /// The output neuron (so the digit) each chosen weight leads into.
        let digits: [Int]
        /// For each chosen weight: the average wish −∂C/∂w, and minus the measured slope of the average cost.
        let averageWish: [Double], measuredWish: [Double]
        let wishes: [[Double]]
        let cosines: [Double]
        let fall: (full: Double, single: Double, best: Int)
        /// The mean output activation of the digits an example is not.
        let meanWrongOutput: Double
        var agreeing: Int { cosines.filter { $0 > 0 }.count }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say, mnist = try digits.load()
        let count = min(examples, mnist.training.count), network = digits.network()
        let data = mnist.training.examples(limit: count), labels = Array(mnist.training.labels.prefix(count))
        say.video("averaging the wish lists",
            "One training example only says how it would like the weights and biases to change. A 2 wants different nudges than a 7. "
            + "Do the backward pass for every example and average their wishes: that average is the negative gradient of the cost, "
            + "the direction in which the average cost falls fastest.")
        say.compute(
            "The 784-16-16-10 network (seed \(digits.seed)) and the first \(Format.count(count)) training images. For each, its gradient by "
            + "backpropagation; then their average, checked against the slope of the average cost measured by nudging; then how much each "
            + "example agrees with the average: the cosine similarity of its gradient and the full gradient, the cosine of the angle between "
            + "them (1 means the same direction, 0 unrelated, −1 opposite). \(indexingConvention)")

        let questions = ["Will most of the \(Format.count(count)) examples point within 90° of their average? (yes or no)",
                         "The output weight the examples most want to change leads into which output neuron? (a digit, 0 to 9)"]
        let answers = try lesson.ask(questions)
        let full = network.gradient(over: data).flattened
        // The output layer's 160 weights (10 × 16) sit just before its 10 biases, at the end of the parameters.
        let outputStart = network.parameterCount - 170
        let chosen = (outputStart..<(outputStart + 160)).sorted { abs(full[$0]) > abs(full[$1]) }.prefix(4).sorted()
        // One example at a time, keeping only what is shown: 60,000 gradients of 13,002 numbers would not fit in memory.
        let perExample = data.map { example -> (cosine: Double, wishes: [Double]) in
            let gradient = network.backpropagate(example).gradient.flattened
            return (cosine(gradient, full), chosen.map { -gradient[$0] })
        }
        let cosines = perExample.map(\.cosine)
        let measured = chosen.map { p in -centralDifference({ var nudged = network; nudged.parameters[p] = $0; return nudged.averageCost(data) }, at: network.parameters[p]) }
        let best = cosines.indices.max { cosines[$0] < cosines[$1] } ?? 0
        let wrong = data.flatMap { example in zip(network.output(for: example.input), example.target).filter { $0.1 == 0 }.map(\.0) }
        let result = lesson.keep(Result(
            labels: labels, chosen: chosen, names: chosen.map { "w³[\(($0 - outputStart) / 16),\(($0 - outputStart) % 16)]" },
            digits: chosen.map { ($0 - outputStart) / 16 },
            averageWish: chosen.map { -full[$0] }, measuredWish: measured, wishes: chosen.indices.map { i in perExample.map { $0.wishes[i] } }, cosines: cosines,
            fall: (network.costDecrease(over: data, along: full, by: 0.01),
                   network.costDecrease(over: data, along: network.backpropagate(data[best]).gradient.flattened, by: 0.01), best),
            meanWrongOutput: wrong.reduce(0, +) / Double(max(wrong.count, 1))))

        var weights = Table(["weight", "average wish", "minus the measured slope of the average cost", "examples wanting it up", "down"], leftAligned: [0])
        for i in chosen.indices {
            weights.add([result.names[i], Format.number(result.averageWish[i], digits: 6), Format.number(measured[i], digits: 6),
                         Format.count(result.wishes[i].filter { $0 > 0 }.count), Format.count(result.wishes[i].filter { $0 < 0 }.count)])
        }
        say.results("The average of \(Format.count(count)) wish lists is minus the gradient of the average cost", weights)
        var agreement = Table(["digit", "examples", "mean cosine with the full gradient", "pointing away (cosine < 0)"])
        for digit in 0...9 {
            let mine = labels.indices.filter { labels[$0] == digit }.map { cosines[$0] }
            guard !mine.isEmpty else { continue }
            agreement.add([String(digit), Format.count(mine.count), Format.number(mine.reduce(0, +) / Double(mine.count), digits: 3), Format.count(mine.filter { $0 < 0 }.count)])
        }
        say.results("How much each example agrees with the average", agreement)
        say.results("The full gradient is the steepest way down", lines: [
            "A step of length 0.01 against the full gradient lowers the average cost by \(Format.number(result.fall.full, digits: 4)); against the gradient "
            + "of the example that agrees best (\(imageName(best, label: labels[best])), cosine \(Format.number(cosines[best], digits: 3))) by \(Format.number(result.fall.single, digits: 4)).",
        ])

        let order = labels.indices.sorted { (labels[$0], $0) < (labels[$1], $1) }
        let digitAxis = Axis("examples, grouped by digit", namedTics: (0...9).compactMap { d in
            let at = order.indices.filter { labels[order[$0]] == d }
            return at.isEmpty ? nil : (String(d), Double(at[at.count / 2]))
        })
        let digitBar = ColourBar("digit", range: 0...9, palette: .digits)
        try lesson.draw(
            .panels("wishes", title: "Each example's wish for four output weights, and the average", chosen.indices.map { i in
                Plot(x: digitAxis, y: Axis("wished change −∂C₀/∂w"),
                     series: [Series("one example (colour: its digit)", order.enumerated().map { [Double($0.offset), result.wishes[i][$0.element], Double(labels[$0.element])] }, look: .colouredPoints)],
                     marks: [.level(result.averageWish[i], "average \(Format.number(result.averageWish[i], digits: 3))")], title: result.names[i], colourBar: digitBar)
            }, columns: 2, notes: ["Lesson 9: each example's wished change of four output weights; x is the example's place when sorted by digit"], width: 1100, panelHeight: 360),
            .single("agreement", title: "How much each example's gradient points along the full gradient",
                    Plot(x: digitAxis, y: Axis("cosine of the angle to the full gradient", range: -1...1),
                         series: [Series(nil, order.enumerated().map { [Double($0.offset), cosines[$0.element], Double(labels[$0.element])] }, look: .colouredPoints)],
                         marks: [.level(0, "")], colourBar: digitBar),
                    notes: ["Lesson 9: the cosine of each example's gradient with the full gradient, sorted by digit"]))
        if let answers, let strongest = chosen.max(by: { abs(full[$0]) < abs(full[$1]) }) {
            lesson.reveal([.yesNo(questions[0], answers[0], actual: 2 * result.agreeing > count, why: "\(Format.count(result.agreeing)) of \(Format.count(count)) did."),
                           .choice(questions[1], answers[1], actual: String((strongest - outputStart) / 16), why: "It is \(result.names[chosen.firstIndex(of: strongest)!]), into neuron \((strongest - outputStart) / 16).")])
        }
        say.notice(result.notices)
        lesson.suggest(Self.suggestions)
    }
}

extension Average.Result {
    var notices: [String] {
        let up = labels.indices.filter { wishes[0][$0] > 0 }
        let digit = digits[0]
        let gap = zip(averageWish, measuredWish).map { abs($0 - $1) }.max() ?? 0
        let mean = cosines.reduce(0, +) / Double(cosines.count)
        return [
            "The examples pull different ways: \(names[0]) is wanted up by \(Format.count(up.count)) examples, \(Format.count(up.filter { labels[$0] == digit }.count)) "
            + "of them \(digit)s, and down by \(Format.count(wishes[0].filter { $0 < 0 }.count)). The average is the compromise.",
            "\(Format.count(agreeing)) of \(Format.count(cosines.count)) examples point within 90° of the average (mean cosine \(Format.number(mean, digits: 2))). "
            + "The outputs of the wrong digits average \(Format.number(meanWrongOutput, digits: 2))"
            + (meanWrongOutput > 0.25 ? ", far above their target 0, so nearly every example wants them pushed down: that much they share." : "."),
            "The average wish equals minus the measured slope of the average cost to \(Format.number(gap, digits: 2)): averaging the wish lists "
            + "gives minus the gradient of the average cost.",
            fall.full >= fall.single
                ? "A step along the full gradient lowers the average cost \(Format.number(fall.full / max(fall.single, 1e-300), digits: 3)) times as much as the same step along the best single example's: it is the steepest way down."
                : "Here a step along one example's gradient lowered the average cost more than the full gradient: the step of 0.01 is long enough for the curvature to matter.",
        ]
    }
}
