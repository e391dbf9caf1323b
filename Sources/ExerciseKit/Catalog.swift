/// One exercise, declared once: its number and name, the file the learner completes, the lesson
/// that explains it, hints (one more each time they are asked for), the exercises whose answers it
/// calls, and its check. The `exercises` command, its checks and its tests all read this.
public struct Exercise: Sendable {
    public let number: Int
    public let name: String
    public let file: String
    public let lesson: Int
    public let hints: [String]
    /// Other lessons that explain it (the chain rule, lesson 15, for the backward pass's parts).
    public let alsoExplainedBy: [Int]
    /// Every lesson that explains it, its own first.
    public var lessons: [Int] { [lesson] + alsoExplainedBy }
    /// The exercises whose answers this one calls: they must be right before it is checked.
    public let uses: [Int]
    /// Right, with everything it uses, it trains the digit network: `exercises train`.
    public let trainsTheNetwork: Bool
    /// Many cases against the library's answer, the shape of any difference, and the classic
    /// mistakes named.
    let check: @Sendable (Solutions) -> Verdict

    init(
        number: Int, name: String, file: String, lesson: Int, alsoExplainedBy: [Int] = [],
        hints: [String], uses: [Int] = [],
        trainsTheNetwork: Bool = false,
        check: @escaping @Sendable (Solutions) -> Verdict
    ) {
        self.number = number
        self.name = name
        self.file = file
        self.lesson = lesson
        self.alsoExplainedBy = alsoExplainedBy
        self.hints = hints
        self.uses = uses
        self.trainsTheNetwork = trainsTheNetwork
        self.check = check
    }
}

/// The exercises, in the order of the videos.
public let exerciseCatalog: [Exercise] = [
    Exercise(
        number: 1, name: "the slope by central differences", file: "01-Slope.swift", lesson: 1,
        hints: [
            "Evaluate f twice: once at w + h, once at w − h.",
            "The two points are 2h apart, so the slope between them is their difference divided by "
                + "2h.",
            "return (f(w + h) - f(w - h)) / (2 * h)",
        ],
        check: Checker.slope),
    Exercise(
        number: 2, name: "one gradient-descent step", file: "02-Step.swift", lesson: 3,
        hints: [
            "A positive slope means the loss rises to the right, so the step goes left: subtract.",
            "The step's length is the learning rate times the slope.",
            "return w - eta * slope",
        ],
        check: Checker.step),
    Exercise(
        number: 3, name: "the cost of one example", file: "03-Cost.swift", lesson: 6,
        hints: [
            "Walk over the outputs and the desired outputs together: zip(a, y).",
            "Square each difference and add them all; no ½, and no dividing by the count.",
            "return zip(a, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)",
        ],
        check: Checker.cost),
    Exercise(
        number: 4, name: "the output layer's error δᴸ", file: "04-OutputError.swift", lesson: 7,
        alsoExplainedBy: [15],
        hints: [
            "The cost's slope with respect to one output activation is 2(aⱼ − yⱼ).",
            "δ is the slope with respect to zⱼ: by the chain rule, multiply by daⱼ/dzⱼ = σ′(zⱼ), "
                + "`sigmoidSlope(z[j])`.",
            "return a.indices.map { 2 * (a[$0] - y[$0]) * sigmoidSlope(z[$0]) }",
        ],
        check: Checker.outputError),
    Exercise(
        number: 5, name: "the nudges to one layer's weights and biases",
        file: "05-LayerGradient.swift", lesson: 7, alsoExplainedBy: [15],
        hints: [
            "The weights' gradient has one row per neuron of this layer (delta.count) and one "
                + "column per input (a.count).",
            "Entry [j, k] is delta[j] * a[k]; the biases' gradient is delta itself.",
            "var w = Matrix(rows: delta.count, columns: a.count); for j in delta.indices { for k "
                + "in a.indices { w[j, k] = delta[j] * a[k] } }; return (w, delta)",
        ],
        check: Checker.layerGradient),
    Exercise(
        number: 6, name: "passing δ back a layer", file: "06-PassBack.swift", lesson: 7,
        alsoExplainedBy: [15],
        hints: [
            "The result has one entry per neuron of this layer: weights.columns of them.",
            "For neuron k, add up weights[j, k] * deltaNext[j] over every neuron j of the next "
                + "layer (down column k), then multiply by sigmoidSlope(z[k]).",
            "return (0..<weights.columns).map { k in (0..<weights.rows).map { weights[$0, k] * "
                + "deltaNext[$0] }.reduce(0, +) * sigmoidSlope(z[k]) }",
        ],
        check: Checker.passBack),
    Exercise(
        number: 7, name: "averaging over a mini-batch", file: "07-Average.swift", lesson: 9,
        hints: [
            "Start from a copy of the first gradient and add the others to it, entry by entry "
                + "(`add(_:)` does that for a Gradient).",
            "Then divide every weight and bias by gradients.count.",
            "var sum = gradients[0]; for g in gradients.dropFirst() { sum.add(g) }; divide "
                + "sum.weights[l].values and sum.biases[l] by the count",
        ],
        check: Checker.average),
    Exercise(
        number: 8, name: "one mini-batch step with your own backward pass",
        file: "08-MiniBatchStep.swift", lesson: 10,
        hints: [
            "For each example: forward, outputError for the last layer, then for l from the last "
                + "layer down: layerGradient(δ, pass.activations[l]), and if l > 0, δ = "
                + "passBack(δ, network.weights[l], pass.weightedInputs[l - 1]).",
            "Collect each example's layers into a Gradient(weights:biases:) (in layer order, input "
                + "side first), average them with averageGradient, and only then change the "
                + "network.",
            "Move every entry with your step: network.weights[l].values[i] = try descentStep(w: "
                + "network.weights[l].values[i], slope: average.weights[l].values[i], "
                + "learningRate: eta), and each network.biases[l][j] the same way.",
        ],
        uses: [2, 4, 5, 6, 7],
        check: Checker.miniBatchStep),
    Exercise(
        number: 9, name: "one epoch of mini-batch SGD", file: "09-Epoch.swift", lesson: 12,
        hints: [
            "let order = shuffledIndices(examples.count, using: &generator)",
            "for batch in miniBatches(order, size: batchSize) { … }: each batch holds indices into "
                + "examples.",
            "try miniBatchStep(&network, batch: batch.map { examples[$0] }, learningRate: eta)",
        ],
        uses: [8], trainsTheNetwork: true, check: Checker.epoch),
    Exercise(
        number: 10, name: "a prediction: the largest steady learning rate",
        file: "10-Prediction.swift", lesson: 4,
        hints: [
            "For L = a·(w − w*)², dL/dw = 2a·(w − w*). Write one step of w ← w − η·dL/dw in terms "
                + "of w − w*.",
            "One step multiplies w − w* by (1 − 2aη). It walks straight down while that factor is "
                + "between 0 and 1.",
            "The factor reaches 0 at η = 1/(2a); here a = 2.5.",
        ],
        check: Checker.prediction),
]

extension Exercise {
    /// The exercise with this number, if there is one.
    public static func numbered(_ number: Int) -> Exercise? {
        exerciseCatalog.first { $0.number == number }
    }

    /// The exercises `exercises train` needs, in order: those that train the network, and every
    /// exercise they use, and every one those use.
    public static var neededToTrain: [Exercise] {
        var needed = Set(exerciseCatalog.filter(\.trainsTheNetwork).map(\.number))
        var added = needed
        while !added.isEmpty {
            let uses = exerciseCatalog.filter { added.contains($0.number) }.flatMap(\.uses)
            added = Set(uses).subtracting(needed)
            needed.formUnion(added)
        }
        return exerciseCatalog.filter { needed.contains($0.number) }
    }
}
