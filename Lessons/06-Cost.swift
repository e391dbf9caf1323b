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

    static let suggestions = [
        Suggestion(["--index", "0"], "The first training image, a 5."),
        Suggestion(["--seed", "7"], "Another random network: a different mess, a similar cost."),
        Suggestion(["--initialisation", "scaled"], "Smaller starting weights: the outputs sit nearer 0.5."),
    ]

    /// One example's outputs and cost, and the average cost over the training set.
    struct Result {
        let index: Int, label: Int
        let output: [Double], target: [Double]
        let cost: Double, average: Double
        var guess: Int { output.indices.max { output[$0] < output[$1] } ?? 0 }
        /// Outputs more than 0.5 away from what is wanted.
        var farOff: Int { zip(output, target).filter { abs($0 - $1) > 0.5 }.count }
        /// The digit whose squared error is largest.
        var worst: Int { output.indices.max { abs(output[$0] - target[$0]) < abs(output[$1] - target[$1]) } ?? 0 }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load(), chosen = try image.chosen(in: mnist.training)
        let network = digits.network(), example = mnist.training.example(chosen), label = mnist.training.labels[chosen]
        say.video("the cost function",
            "The untrained network's output for an image of a digit is a mess. To say how bad, add up the squares of the "
            + "differences between each output activation and the value we wanted: 1 for the right digit, 0 for the others. "
            + "That sum is the cost of this one example; the cost of the network is its average over all the training examples.")
        say.compute(
            "The video's network, 784-16-16-10 with sigmoids (\(Format.count(network.parameterCount)) weights and biases), "
            + "drawn at random with seed \(digits.seed). Its input is \(imageName(chosen, label: label)) from \(digits.source(mnist)). "
            + "An activation a is what a neuron outputs, a number between 0 and 1 here; output neuron j stands for digit j. "
            + "The cost C₀ = Σⱼ (aⱼ − yⱼ)² (no ½ in front, here or anywhere in these lessons), then the average C₀ over every training image.")

        let output = network.output(for: example.input)
        let result = lesson.keep(Result(index: chosen, label: label, output: output, target: example.target,
                                        cost: QuadraticCost.cost(output: output, target: example.target),
                                        average: network.averageCost(mnist.training.examples())))
        var table = Table(["output neuron (digit)", "output aⱼ", "desired yⱼ", "(aⱼ − yⱼ)²"])
        for j in 0..<10 {
            table.add([String(j), Format.number(output[j], digits: 4), Format.number(example.target[j]),
                       Format.number((output[j] - example.target[j]) * (output[j] - example.target[j]), digits: 4)])
        }
        say.results("The outputs for \(imageName(chosen, label: label))", table)
        say.results("The cost", lines: [
            "This example's cost C₀ = \(Format.number(result.cost, digits: 5)). The network's guess (its brightest output) is \(result.guess)"
            + (result.guess == label ? ", right by luck." : ", not \(label)."),
            "The average cost over all \(Format.count(mnist.training.count)) training images is \(Format.number(result.average, digits: 5)).",
        ])

        try lesson.draw(
            .pictures("digit", title: "\(imageName(chosen, label: label).capitalisedFirst)", [Picture("\(Format.count(784)) pixels", values: example.input)],
                      columns: 1, colourBar: inkBar, notes: ["Lesson 6: \(imageName(chosen, label: label)), 28×28 pixels"]),
            .single("output-vs-desired", title: "Output against desired output for a \(label): cost C₀ = \(Format.number(result.cost, digits: 4))",
                    Plot(x: Axis("output neuron (digit)", namedTics: (0..<10).map { (String($0), Double($0)) }), y: Axis("activation"),
                         series: [Series("output aⱼ", (0..<10).map { [Double($0) - 0.2, output[$0]] }, look: .bars(width: 0.38)),
                                  Series("desired yⱼ", (0..<10).map { [Double($0) + 0.2, example.target[$0]] }, look: .bars(width: 0.38), colour: .palette(1))]),
                    notes: ["Lesson 6: the untrained network's output for \(imageName(chosen, label: label)) (bars at digit ∓ 0.2)"]))
        say.notice(result.notices)
        lesson.suggest(Self.suggestions)
    }
}

extension Cost.Result {
    var notices: [String] {
        let worst = Format.number((output[worst] - target[worst]) * (output[worst] - target[worst]), digits: 3)
        return [
            "\(farOff) of the 10 outputs \(farOff == 1 ? "is" : "are") more than 0.5 from what we want; the largest square, \(worst), is digit \(self.worst)'s. "
            + "A trained network's cost on an image it reads well is close to 0.",
            "This image costs \(Format.number(cost, digits: 3)) against an average of \(Format.number(average, digits: 3)): the cost is one number "
            + "that sums up how bad the network is, and learning means changing the weights and biases to make its average smaller.",
            "An output near 1 for a wrong digit costs as much as an output near 0 for the right one: each square counts the same.",
        ]
    }
}

extension String {
    /// "Training image #5 (a 2)" at the start of a title.
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
