import ArgumentParser
import Backprop
import Datasets
import LessonKit
import Plotting

/// Lesson 7: one example's backward pass, told as the video tells it.
/// 3Blue1Brown: each output neuron's wish list, the three ways to grant it, and the wishes
/// added up and passed back, layer by layer.
struct WishList: Lesson {
    static let info = LessonInfo(
        number: 7, slug: "wish-list", title: "One example's backward pass", video: .threeBlueOneBrown,
        segment: "one example's wish list; 06:05, fire together, wire together",
        summary: "The nudges one digit wants, granted through biases, weights and activations, passed back layer by layer.")

    @OptionGroup var common: LessonOptions
    @OptionGroup var digits: DigitOptions

    @OptionGroup var image: ImageChoice

    @Option(help: "First-layer neuron (1–16) whose 784 incoming weight nudges are drawn (default: the one whose weights want the biggest nudges).")
    var neuron: Int?

    func validate() throws {
        if let neuron { try Check.count(neuron, "--neuron", in: 1...16) }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load()
        let chosen = try image.chosen(in: mnist.training)
        let network = digits.network()
        let example = mnist.training.example(chosen), label = mnist.training.labels[chosen]
        let pass = network.forward(example.input)
        let story = WishListStory(network: network, pass: pass, target: example.target)

        say.video("one example's wish list",
            "Take one training image, a \(label). We want the \(label)-neuron's activation to go up and the other nine to "
            + "go down, each in proportion to how far it is from its target. To change an output activation there are "
            + "three ways: change its bias, change its weights in proportion to the activations they carry (06:05: "
            + "neurons that fire together wire together), or change the previous layer's activations in proportion to "
            + "the weights. Every output neuron has its own wishes for the previous layer; add them up, and you have a "
            + "wish list for that layer, to pass back in the same way.")
        say.compute(
            "The 784-16-16-10 network (seed \(digits.seed)) on training image \(chosen). The story is computed here "
            + "neuron by neuron, in plain loops, and compared with the network's own backward pass. A nudge is the "
            + "change that lowers this example's cost fastest: minus the partial derivative.")

        var outputs = Table(["digit", "aⱼ", "yⱼ", "desired nudge −2(aⱼ − yⱼ)"])
        for j in 0..<10 {
            outputs.add([String(j), Format.number(pass.output[j], digits: 4), Format.number(example.target[j]),
                         Format.signed(story.activationNudges[3][j])])
        }
        say.results("The output layer's wishes", outputs)

        // The three ways to raise the correct digit's activation.
        let top = story.strongestWeightNudges(into: label, layer: 2, count: 5)
        var weights = Table(["from hidden neuron", "its activation aₖ", "activation rank", "weight nudge −δⱼ·aₖ"])
        for k in top {
            weights.add([String(k + 1), Format.number(pass.activations[2][k], digits: 4),
                         String(story.rank(of: k, in: pass.activations[2])), Format.signed(story.weightNudges[2][label, k], decimals: 5)])
        }
        say.results("Three ways to raise neuron \(label): its bias by \(Format.signed(story.biasNudges[2][label], decimals: 5)), "
                    + "its biggest weight nudges below, or the previous activations", weights)

        var layers = Table(["layer", "neurons", "largest wished change", "story − backprop (largest difference)"], leftAligned: [0])
        let backward = network.backpropagate(example)
        for l in stride(from: 3, through: 0, by: -1) {
            let gap = zip(story.activationNudges[l], backward.wishList[l]).map { abs($0 - $1) }.max() ?? 0
            layers.add([["input (pixels)", "hidden 1", "hidden 2", "output"][l], String(network.sizes[l]),
                        Format.number(story.activationNudges[l].map(abs).max() ?? 0, digits: 4), Format.number(gap, digits: 2)])
        }
        say.results("The wish lists, added up and passed back", layers)

        let gradient = backward.gradient.flattened, nudges = story.parameterNudges
        let mismatch = zip(nudges, gradient).map { abs($0 + $1) }.max() ?? 0
        let checks = story.spotChecks(network: network, example: example)
        say.results("The wish list is minus the gradient", lines: [
            "All \(Format.count(gradient.count)) weight and bias nudges of the story equal −∂C₀/∂w from backpropagation; "
            + "the largest difference is \(Format.number(mismatch, digits: 2)).",
            "Nudging single weights and measuring the cost agrees too: "
            + checks.map { "\($0.name): nudge \(Format.number($0.nudge, digits: 7)), −measured slope \(Format.number($0.measured, digits: 7))" }.joined(separator: "; ") + ".",
        ])

        let hidden = (neuron ?? (story.strongestNeuron(layer: 1) + 1)) - 1
        try lesson.draw(
            nudgesChart(story, label: label),
            imageChart(name: "weight-nudges", title: "Nudges to the 784 weights into hidden neuron \(hidden + 1)",
                       values: (0..<784).map { story.weightNudges[0][hidden, $0] }, palette: divergingPalette,
                       range: symmetricRange((0..<784).map { story.weightNudges[0][hidden, $0] }), valueLabel: "−∂C₀/∂w"))

        say.notice(
            "The largest weight nudges into neuron \(label) come from the most active hidden neurons (ranks \(top.map { String(story.rank(of: $0, in: pass.activations[2])) }.joined(separator: ", "))): "
            + "a weight's nudge is proportional to the activation it carries. Neurons that fire together wire together.",
            "The picture of weight nudges is the digit itself, all red or all blue: only the weights that carry ink can help, and they all want to move the same way.",
            "The story and the backward pass agree to the last digit: backpropagation is exactly this bookkeeping, done for every neuron at once.")
        say.tryThis(
            (command: "\(Self.info.command) --index 0", why: "Follow a 5 instead."),
            (command: "\(Self.info.command) --neuron 1", why: "The incoming nudges of another hidden neuron."))
    }

    func nudgesChart(_ story: WishListStory, label: Int) -> Chart {
        var data = DataFile(columns: ["neuron", "wished change of its activation"], notes: ["Lesson 7: each layer's wish list for one \(label)"])
        for (l, name) in [(3, "output layer"), (2, "hidden layer 2"), (1, "hidden layer 1")] {
            data.add(name, rows: story.activationNudges[l].enumerated().map { [Double($0.offset + (l == 3 ? 0 : 1)), $0.element] })
        }
        var chart = Chart(name: "wish-lists", title: "What one \(label) wants from each layer", data: data, width: 900, height: 900, commands: [])
        chart.commands = ["set multiplot layout 3,1 title \(gnuplotQuoted(chart.title)) font \",14\"", "unset title", "unset key",
                          "set style fill solid 0.85 border lc rgb \"#333333\"", "set boxwidth 0.7", "set xzeroaxis ls 9",
                          "set ylabel \"wished change\""]
        for (block, (name, first, last)) in [("output layer (digit)", 0, 9), ("hidden layer 2 (neuron)", 1, 16), ("hidden layer 1 (neuron)", 1, 16)].enumerated() {
            chart.commands += [
                "set xlabel \(gnuplotQuoted(name))", "set xrange [\(first) - 0.6:\(last) + 0.6]", "set xtics 1",
                "plot " + chart.series(block, using: "1:2:($2 >= 0 ? 0xb2182b : 0x2166ac)", style: "boxes lc rgb variable"),
            ]
        }
        chart.commands += ["unset multiplot"]
        return chart
    }
}

/// The range (−m, m) around zero that holds every value, so zero sits in the palette's middle.
func symmetricRange(_ values: [Double]) -> (Double, Double) {
    let m = max(values.map(abs).max() ?? 1, 1e-12)
    return (-m, m)
}
