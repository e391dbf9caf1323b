import ArgumentParser
import Backprop
import Datasets
import Figures
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
    @Option(help: "First-hidden-layer neuron (0–15) whose 784 incoming weight nudges are drawn (default: the one whose weights want the biggest nudges).")
    var neuron: Int?

    static let suggestions = [
        Suggestion(["--index", "0"], "Follow a 5 instead."),
        Suggestion(["--neuron", "0"], "The incoming nudges of another hidden neuron."),
    ]

    func validate() throws {
        if let neuron { try Check.count(neuron, "--neuron", in: 0...15) }
    }

    /// The story told neuron by neuron, and how it compares with backpropagation.
    struct Result {
        let label: Int, hidden: Int
        let story: WishListStory
        let activations: [[Double]], pixels: [Double]
        /// The largest |story's nudge + backprop's ∂C₀/∂w| over every parameter.
        let mismatch: Double
        /// Indices of the hidden neurons (last hidden layer) whose weights into the right digit want the biggest nudges.
        var strongest: [Int] { story.strongestWeightNudges(into: label, layer: 2, count: 5) }
        var ranks: [Int] { strongest.map { story.rank(of: $0, in: activations[2]) } }
    }

    func teach(_ lesson: LessonContext) throws {
        let say = lesson.say
        let mnist = try digits.load(), chosen = try image.chosen(in: mnist.training), network = digits.network()
        let example = mnist.training.example(chosen), label = mnist.training.labels[chosen]
        let pass = network.forward(example.input)
        say.video("one example's wish list",
            "Take one training image. We want the right digit's output activation to go up and the other nine to go down, each in "
            + "proportion to how far it is from its target. To change an output activation there are three ways: change its bias, "
            + "change its weights in proportion to the activations they carry (06:05: neurons that fire together wire together), "
            + "or change the previous layer's activations in proportion to the weights. Every output neuron has its own wishes for "
            + "the previous layer; add them up, and you have a wish list for that layer, to pass back in the same way.")
        say.compute(
            "The 784-16-16-10 network (seed \(digits.seed)) on \(imageName(chosen, label: label)). \(indexingConvention) The story is "
            + "computed neuron by neuron, in plain loops, and compared with the network's own backward pass. A nudge is the change "
            + "that lowers this example's cost fastest: minus the partial derivative. A wished change of a neuron's activation a becomes a "
            + "wished change of its weighted input z, scaled by σ′(z), the sigmoid's slope there; that wished change is −δ, where δ = ∂C₀/∂z.")

        let story = WishListStory(network: network, pass: pass, target: example.target)
        let backward = network.backpropagate(example)
        // --step: the backward pass one layer at a time, from the output back.
        if let stepper = lesson.stepper { _ = [3, 2, 1].allSatisfy { stepper.show("backward through layer \($0)", layerUpdate(network, example, backward, layer: $0)) } }
        let hidden = neuron ?? story.strongestNeuron(layer: 1)
        let result = lesson.keep(Result(label: label, hidden: hidden, story: story, activations: pass.activations, pixels: example.input,
                                        mismatch: zip(story.parameterNudges, backward.gradient.flattened).map { abs($0 + $1) }.max() ?? 0))

        var outputs = Table(["output neuron (digit)", "aⱼ", "yⱼ", "desired nudge −2(aⱼ − yⱼ)"])
        for j in 0..<10 {
            outputs.add([String(j), Format.number(pass.output[j], digits: 4), Format.number(example.target[j]), Format.signed(story.activationNudges[3][j])])
        }
        say.results("The output layer's wishes", outputs)
        var weights = Table(["from neuron k of layer 2", "its activation aₖ", "activation rank", "weight nudge −δⱼ·aₖ to w³[\(label),k]"])
        for (k, rank) in zip(result.strongest, result.ranks) {
            weights.add([String(k), Format.number(pass.activations[2][k], digits: 4), String(rank), Format.signed(story.weightNudges[2][label, k], decimals: 5)])
        }
        say.results("Three ways to raise output neuron \(label): its bias by \(Format.signed(story.biasNudges[2][label], decimals: 5)), "
                    + "its biggest weight nudges below, or the previous activations", weights)
        var layers = Table(["layer", "neurons", "largest wished change", "story − backprop (largest difference)"], leftAligned: [0])
        for l in stride(from: 3, through: 0, by: -1) {
            let gap = zip(story.activationNudges[l], backward.wishList[l]).map { abs($0 - $1) }.max() ?? 0
            layers.add(["\(l): " + ["input (pixels)", "hidden", "hidden", "output"][l], String(network.sizes[l]),
                        Format.number(story.activationNudges[l].map(abs).max() ?? 0, digits: 4), Format.number(gap, digits: 2)])
        }
        say.results("The wish lists, added up and passed back", layers)
        let checks = story.spotChecks(network: network, example: example)
        say.results("The wish list is minus the gradient", lines: [
            "All \(Format.count(story.parameterNudges.count)) weight and bias nudges of the story equal −∂C₀/∂w from backpropagation; "
            + "the largest difference is \(Format.number(result.mismatch, digits: 2)).",
            "Nudging single weights and measuring the cost agrees too: " + checks.map {
                "w\(superscript($0.layer + 1))[\($0.j),\($0.k)]: nudge \(Format.number($0.nudge, digits: 7)), −measured slope \(Format.number($0.measured, digits: 7))"
            }.joined(separator: "; ") + ".",
        ])

        let nudges = incomingWeights(story.weightNudges[0], neuron: hidden)
        try lesson.draw(nudgesChart(story, label: label),
                        .pictures("weight-nudges", title: "Nudges to the 784 weights into neuron \(hidden) of layer 1",
                                  [Picture("w¹[\(hidden),k] for every pixel k", values: nudges)], columns: 1, colourBar: signedBar("wished nudge −∂C₀/∂w", nudges),
                                  notes: ["Lesson 7: the nudge each weight into neuron \(hidden) of layer 1 wants, by pixel"]),
                        .network("network", title: "What matters for the \(label): the strongest pulls into output neuron \(label), and into them",
                                 networkGraph(network, pass, backward.gradient, layers: [1, 2, 3], shown: strongestPaths(story, label: label),
                                              names: { "neuron \($1)" }, biases: false, labelEdges: false),
                                 notes: ["Lesson 7: the 5 strongest edges into output neuron \(label), and the 2 strongest into each of those"]))
        say.notice(result.notices)
        lesson.suggest(Self.suggestions)
    }

    /// Each layer's wish list as bars: red where the activation should rise, blue where it should fall.
    func nudgesChart(_ story: WishListStory, label: Int) -> Chart {
        .panels("wish-lists", title: "What one \(label) wants from each layer", [(3, "layer 3: output (digit)"), (2, "layer 2: hidden"), (1, "layer 1: hidden")].map { (l: Int, name: String) -> Plot in
            Plot(x: Axis("neuron of \(name)", wholeNumbers: true), y: Axis("wished change of aⱼ"),
                 series: [Series(nil, story.activationNudges[l].enumerated().map { [Double($0.offset), $0.element] }, look: .bars(width: 0.7), colour: .bySign)],
                 marks: [.level(0, "")], title: name)
        }, columns: 1, notes: ["Lesson 7: each layer's wish list (−∂C₀/∂a) for one \(label); red: up, blue: down"], width: 900, panelHeight: 280)
    }
}

extension WishList.Result {
    var notices: [String] {
        let delta = story.biasNudges[0][hidden]
        let inked = pixels.filter { $0 != 0 }.count
        let nonzero = story.weightNudges[0].values[(hidden * 784)..<((hidden + 1) * 784)].filter { $0 != 0 }.count
        return [
            "The five largest weight nudges into output neuron \(label) come from the neurons of layer 2 ranked \(ranks.map(String.init).joined(separator: ", ")) "
            + "by activation: each nudge is −δⱼ·aₖ, so it is proportional to the activation it carries. Neurons that fire together wire together.",
            "The nudges into neuron \(hidden) of layer 1 are \(Format.number(delta, digits: 3))·(pixel): \(nonzero) of the 784 are nonzero, on the \(inked) pixels "
            + "that carry ink, and all are \(delta >= 0 ? "positive (red)" : "negative (blue)"). The picture is the digit itself: only weights that carry ink can help.",
            result(mismatch),
        ]
    }

    func result(_ mismatch: Double) -> String {
        mismatch < 1e-12
            ? "The story and the backward pass agree to \(Format.number(mismatch, digits: 2)): backpropagation is exactly this bookkeeping, done for every neuron at once."
            : "The story and the backward pass differ by up to \(Format.number(mismatch, digits: 2)): more than rounding, so one of them is wrong."
    }
}

/// The neurons of layers 1, 2 and 3 to draw: the output neuron, the five neurons of layer 2 whose
/// weights into it want the biggest nudges, and for each of those the two strongest from layer 1.
func strongestPaths(_ story: WishListStory, label: Int) -> [[Int]] {
    let second = story.strongestWeightNudges(into: label, layer: 2, count: 5)
    let first = Array(Set(second.flatMap { story.strongestWeightNudges(into: $0, layer: 1, count: 2) })).sorted()
    return [first, second.sorted(), [label]]
}
