import ArgumentParser
import Backprop
import Datasets
import LessonKit
import Plotting

/// Lesson 6: how bad is an untrained network? The cost of one digit, and of them all.
/// 3Blue1Brown: the cost of one example is the sum of squared differences from the desired output.
struct Cost: Lesson {
    static let info = LessonInfo(
        number: 6, slug: "cost", title: "The cost of a digit network", video: .threeBlueOneBrown,
        segment: "the cost, recapped at the start",
        summary: "An untrained 784-16-16-10 network on one handwritten 2: its outputs, the desired ones, the cost.")

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions

    @OptionGroup var image: ImageChoice

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load()
        let chosen = try image.chosen(in: mnist.training)
        let network = digits.network()
        let example = mnist.training.example(chosen)
        let label = mnist.training.labels[chosen]

        say.video("the cost function",
            "The untrained network's output for an image of a \(label) is a mess. To say how bad, add up the squares "
            + "of the differences between each output activation and the value we wanted: 1 for the right digit, 0 "
            + "for the others. That sum is the cost of this one example; the cost of the network is its average over "
            + "all the training examples.")
        say.compute(
            "The video's network, 784-16-16-10 with sigmoids (\(Format.count(network.parameterCount)) weights and biases), "
            + "drawn at random with seed \(digits.seed). Training image \(chosen) from \(digits.source(mnist)), a \(label). "
            + "Its cost C₀ = Σⱼ (aⱼ − yⱼ)² (no ½ in front, here or anywhere in these lessons), then the average C₀ over every training image.")

        let output = network.output(for: example.input)
        var table = Table(["digit", "output aⱼ", "desired yⱼ", "(aⱼ − yⱼ)²"])
        for j in 0..<10 {
            table.add([String(j), Format.number(output[j], digits: 4), Format.number(example.target[j]),
                       Format.number((output[j] - example.target[j]) * (output[j] - example.target[j]), digits: 4)])
        }
        say.results("Training image \(chosen), a \(label)", table)
        let cost = QuadraticCost.cost(output: output, target: example.target)
        let average = network.averageCost(mnist.training.examples())
        let guess = output.indices.max { output[$0] < output[$1] }!
        say.results("The cost", lines: [
            "This example's cost C₀ = \(Format.number(cost, digits: 5)). The network's guess (its brightest output) is \(guess).",
            "The average cost over all \(Format.count(mnist.training.count)) training images is \(Format.number(average, digits: 5)).",
        ])

        try lesson.draw(
            imageChart(name: "digit", title: "Training image \(chosen): a \(label)", values: example.input,
                       palette: inkPalette, range: (0, 1), valueLabel: "ink (byte / 256)"),
            outputChart(output: output, target: example.target, label: label, cost: cost))

        say.notice(
            "Most outputs of the untrained network are far from what we want, so the cost is large; a trained network's is close to 0.",
            "The cost is one number that sums up how bad the network is: learning means changing the \(Format.count(network.parameterCount)) weights and biases to make its average smaller.",
            "An output near 1 for a wrong digit costs as much as an output near 0 for the right one: each square counts the same.")
        say.tryThis(
            (command: "\(Self.info.command) --index 0", why: "The first training image, a 5."),
            (command: "\(Self.info.command) --seed 7", why: "Another random network: a different mess, a similar cost."))
    }

    func outputChart(output: [Double], target: [Double], label: Int, cost: Double) -> Chart {
        var data = DataFile(columns: ["digit", "output a", "desired y"], notes: ["Lesson 6: the untrained network's output for a \(label)"])
        data.add("output and desired output", rows: (0..<10).map { [Double($0), output[$0], target[$0]] })
        var chart = Chart(name: "output-vs-desired", title: "Output against desired output for a \(label): cost C₀ = \(Format.number(cost, digits: 4))",
                          data: data, commands: [])
        chart.commands = [
            "set xlabel \"output neuron (digit)\"", "set ylabel \"activation\"", "set yrange [0:1.1]", "set xrange [-0.6:9.6]",
            "set xtics 1", "set key top left",
            "set style fill solid 0.85 border lc rgb \"#333333\"", "set boxwidth 0.38",
            "plot " + chart.series(0, using: "($1-0.2):2", style: "boxes ls 1", title: "output aⱼ") + ", \\",
            "     " + chart.series(0, using: "($1+0.2):3", style: "boxes ls 2", title: "desired yⱼ"),
        ]
        return chart
    }
}
