import ArgumentParser
import Backprop
import Datasets
import Foundation
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

    func validate() throws {
        try Check.count(examples, "--examples", in: 2...60_000)
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load()
        let count = min(examples, mnist.training.count)
        let network = digits.network()
        let data = mnist.training.examples(limit: count)
        let labels = Array(mnist.training.labels.prefix(count))

        say.video("averaging the wish lists",
            "One training example only says how it would like the weights and biases to change. A 2 wants "
            + "different nudges than a 7. Do the backward pass for every example and average their wishes: that "
            + "average is the negative gradient of the cost, the direction in which the average cost falls fastest.")
        say.compute(
            "The 784-16-16-10 network (seed \(digits.seed)) and the first \(Format.count(count)) training images. For each, "
            + "its gradient by backpropagation; then their average, checked against the slope of the average cost "
            + "measured by nudging; then how much each example agrees with the average (the cosine of the angle between "
            + "its gradient and the full gradient: 1 means the same direction, 0 unrelated, −1 opposite).")

        // The full gradient: the average of every example's gradient.
        let full = network.gradient(over: data).flattened
        let perExample = data.map { network.backpropagate($0).gradient.flattened }
        let cosines = perExample.map { cosine($0, full) }

        // Four weights into the output layer that the examples, on average, most want to change.
        let outputStart = full.count - network.parameterCount + (network.parameterCount - 170)
        let chosen = (outputStart..<(outputStart + 160)).sorted { abs(full[$0]) > abs(full[$1]) }.prefix(4).sorted()
        var weights = Table(["weight", "average wish", "by nudging the average cost", "examples wanting it up", "down"], leftAligned: [0])
        for p in chosen {
            let measured = centralDifference({ value in
                var nudged = network
                nudged.parameters[p] = value
                return nudged.averageCost(data)
            }, at: network.parameters[p])
            let wishes = perExample.map { -$0[p] }
            weights.add([name(ofParameter: p - outputStart), Format.number(-full[p], digits: 6), Format.number(-measured, digits: 6),
                         Format.count(wishes.filter { $0 > 0 }.count), Format.count(wishes.filter { $0 < 0 }.count)])
        }
        say.results("The average of \(Format.count(count)) wish lists is minus the gradient of the average cost", weights)

        var agreement = Table(["digit", "examples", "mean cosine with the full gradient", "pointing away (cosine < 0)"])
        for digit in 0...9 {
            let mine = labels.indices.filter { labels[$0] == digit }.map { cosines[$0] }
            guard !mine.isEmpty else { continue }
            agreement.add([String(digit), Format.count(mine.count), Format.number(mine.reduce(0, +) / Double(mine.count), digits: 3),
                           Format.count(mine.filter { $0 < 0 }.count)])
        }
        say.results("How much each example agrees with the average", agreement)

        // Along a unit direction u the average cost falls at the rate ∇C·u = |∇C|·cos θ, fastest when θ = 0.
        let best = cosines.indices.max { cosines[$0] < cosines[$1] } ?? 0
        let fall = (full: stepDecrease(network, data, along: full), single: stepDecrease(network, data, along: perExample[best]))
        say.results("The full gradient is the steepest way down", lines: [
            "A step of length 0.01 against the full gradient lowers the average cost by \(Format.number(fall.full, digits: 4)); "
            + "against the gradient of the example that agrees best (training image \(best), cosine \(Format.number(cosines[best], digits: 3))) "
            + "it lowers it by \(Format.number(fall.single, digits: 4)).",
        ])

        try lesson.draw(wishChart(perExample: perExample, full: full, chosen: Array(chosen), outputStart: outputStart, labels: labels),
                        cosineChart(cosines, labels: labels))

        let digitOfFirst = chosen.first.map { ($0 - outputStart) / 16 } ?? 0
        let upVoters = labels.indices.filter { -perExample[$0][chosen.first ?? 0] > 0 }
        let meanCosine = cosines.reduce(0, +) / Double(cosines.count)
        say.notice(
            "The examples pull different ways: \(name(ofParameter: (chosen.first ?? 0) - outputStart)) is wanted up by "
            + "\(Format.count(upVoters.count)) examples, \(Format.count(upVoters.filter { labels[$0] == digitOfFirst }.count)) of them \(digitOfFirst)s, "
            + "and down by the rest. The average is the compromise.",
            "On this untrained network most examples agree roughly with the average (mean cosine \(Format.number(meanCosine, digits: 2)), "
            + "\(Format.count(cosines.filter { $0 < 0 }.count)) pointing away): most outputs start too high, so nearly every example wants "
            + "the wrong digits pushed down. Where they differ is which digit should go up.",
            "The average wish equals the measured slope of the average cost: averaging the wish lists gives the gradient of the average cost.")
        say.tryThis(
            (command: "\(Self.info.command) --examples 100", why: "A mini-batch of 100, as in the video: a noisier average (lesson 10 builds on this)."),
            (command: "\(Self.info.command) --seed 9", why: "Another starting network."))
    }

    /// "w³[4,12]": the weight from hidden neuron 12 into output neuron 4 (digit 3).
    func name(ofParameter offset: Int) -> String {
        "w³[\(offset / 16),\(offset % 16 + 1)]"
    }

    /// How much a step of length 0.01 against `direction` lowers the average cost.
    func stepDecrease(_ network: Network, _ data: [Example], along direction: [Double]) -> Double {
        let length = direction.map { $0 * $0 }.reduce(0, +).squareRoot()
        var moved = network
        moved.parameters = zip(network.parameters, direction).map { $0 - 0.01 * $1 / length }
        return network.averageCost(data) - moved.averageCost(data)
    }

    func wishChart(perExample: [[Double]], full: [Double], chosen: [Int], outputStart: Int, labels: [Int]) -> Chart {
        var data = DataFile(columns: ["position (sorted by digit)", "wished change", "digit"],
                            notes: ["Lesson 9: each example's wished change of four output weights, and their average"])
        let order = labels.indices.sorted { (labels[$0], $0) < (labels[$1], $1) }
        for p in chosen {
            data.add("each example's wish for \(name(ofParameter: p - outputStart))",
                     rows: order.enumerated().map { [Double($0.offset), -perExample[$0.element][p], Double(labels[$0.element])] })
        }
        data.add("the averages", rows: chosen.enumerated().map { [Double($0.offset), -full[$0.element], 0] })
        var chart = Chart(name: "wishes", title: "Each example's wish for four output weights, and the average", data: data,
                          width: 1000, height: 760, commands: [])
        chart.commands = ["set multiplot layout 2,2 title \(gnuplotQuoted(chart.title)) font \",14\"", "unset title", "set key top right",
                          "set xlabel \"examples, grouped by digit\"", "set ylabel \"wished change −∂C₀/∂w\"", "set xzeroaxis ls 9",
                          digitTics(order: order, labels: labels),
                          "set palette defined (0 \"#0072B2\", 3 \"#009E73\", 6 \"#E69F00\", 9 \"#D55E00\")", "set cbrange [0:9]", "unset colorbox"]
        for (block, p) in chosen.enumerated() {
            chart.commands += [
                "set title \(gnuplotQuoted(name(ofParameter: p - outputStart))) font \",12\"",
                "average = \(formatForData(-full[p]))",
                "plot " + chart.series(block, using: "1:2:3", style: "points pt 7 ps 0.35 lc palette", title: "one example (colour: its digit)")
                    + ", average with lines ls 7 lw 2.5 title sprintf(\"average %.3g\", average)",
            ]
        }
        chart.commands.append("unset multiplot")
        return chart
    }

    func cosineChart(_ cosines: [Double], labels: [Int]) -> Chart {
        var data = DataFile(columns: ["position (sorted by digit)", "cosine with the full gradient", "digit"],
                            notes: ["Lesson 9: how much each example's gradient agrees with the full gradient"])
        let order = labels.indices.sorted { (labels[$0], $0) < (labels[$1], $1) }
        data.add("cosine of each example", rows: order.enumerated().map { [Double($0.offset), cosines[$0.element], Double(labels[$0.element])] })
        var chart = Chart(name: "agreement", title: "How much each example's gradient points along the full gradient", data: data, commands: [])
        chart.commands = [
            "set xlabel \"examples, grouped by digit\"", "set ylabel \"cosine of the angle to the full gradient\"",
            "set yrange [-1:1]", "set xzeroaxis ls 9", digitTics(order: order, labels: labels), "unset key",
            "set palette defined (0 \"#0072B2\", 3 \"#009E73\", 6 \"#E69F00\", 9 \"#D55E00\")", "set cbrange [0:9]", "unset colorbox",
            "plot " + chart.series(0, using: "1:2:3", style: "points pt 7 ps 0.4 lc palette"),
        ]
        return chart
    }
}

/// x tics that name each digit at the middle of its group of examples.
func digitTics(order: [Int], labels: [Int]) -> String {
    var tics: [String] = []
    for digit in 0...9 {
        let positions = order.indices.filter { labels[order[$0]] == digit }
        if let first = positions.first, let last = positions.last { tics.append("\"\(digit)\" \((first + last) / 2)") }
    }
    return "set xtics (\(tics.joined(separator: ", ")))"
}

/// cos θ = u·v / (|u|·|v|).
func cosine(_ u: [Double], _ v: [Double]) -> Double {
    var dot = 0.0, uu = 0.0, vv = 0.0
    for i in u.indices { dot += u[i] * v[i]; uu += u[i] * u[i]; vv += v[i] * v[i] }
    return dot / max((uu * vv).squareRoot(), .leastNormalMagnitude)
}
