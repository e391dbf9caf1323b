/// A word or symbol the lessons use, said in one plain sentence. Each lesson names the terms it
/// uses in its `LessonInfo`.
public struct Term: Sendable {
    /// The term as the lessons print it, e.g. "η (learning rate)".
    public let name: String
    /// What a test looks for in a lesson's output to know the lesson uses the term.
    public let mark: String
    public let meaning: String
}

extension Term: Equatable {
    public static func == (a: Term, b: Term) -> Bool { a.name == b.name }
}

extension Term {
    public static let loss = Term(
        name: "loss, cost", mark: "loss",
        meaning:
            "One number that says how wrong the model is; smaller is better. CampusX says loss, "
            + "3Blue1Brown says cost.")
    public static let derivative = Term(
        name: "derivative dL/dw, slope", mark: "dL/dw",
        meaning:
            "How fast the loss changes when w changes a little: the slope of the curve L(w) at w.")
    public static let partialDerivative = Term(
        name: "partial derivative ∂L/∂w", mark: "∂L/∂",
        meaning:
            "The slope of the loss along one parameter while every other parameter is held still.")
    public static let gradient = Term(
        name: "gradient ∇L", mark: "gradient",
        meaning:
            "The list of partial derivatives, one per parameter; it points uphill, so minus it is "
            + "the steepest way down.")
    public static let finiteDifferences = Term(
        name: "finite differences", mark: "nudg",
        meaning: "Measuring a slope by nudging: (L(w + h) − L(w − h)) / 2h for a small h.")
    public static let closedForm = Term(
        name: "closed form", mark: "closed form",
        meaning:
            "An answer written as a formula you can evaluate directly, with no searching or "
            + "stepping.")
    public static let leastSquares = Term(
        name: "least squares", mark: "least squares",
        meaning:
            "Fitting a model by making the average of the squared errors as small as possible.")
    public static let curvature = Term(
        name: "curvature, λ", mark: "λ",
        meaning:
            "How fast the slope itself changes; λ is the curvature along one of a valley's "
            + "principal directions (an eigenvalue of the matrix of second derivatives).")
    public static let learningRate = Term(
        name: "η (learning rate)", mark: "η",
        meaning:
            "The number each step multiplies the slope by: w ← w − η·dL/dw. Too small is slow, too "
            + "large overshoots.")
    public static let step = Term(
        name: "step", mark: "step", meaning: "One update of the parameters, w ← w − η·∇L.")
    public static let diverge = Term(
        name: "diverge", mark: "diverge",
        meaning:
            "A run diverges when each step overshoots further than the last; the lessons stop it "
            + "at a bound they state.")
    public static let epoch = Term(
        name: "epoch", mark: "epoch", meaning: "One pass over every training example.")
    public static let activation = Term(
        name: "activation a", mark: "activation",
        meaning: "The number a neuron outputs; in the digit network, between 0 and 1.")
    public static let exampleCost = Term(
        name: "cost of one example C₀", mark: "C₀",
        meaning:
            "C₀ = Σⱼ (aⱼ − yⱼ)²: the squared differences between the outputs and the wanted "
            + "outputs, added up.")
    public static let weightedInput = Term(
        name: "weighted input z", mark: "weighted input",
        meaning:
            "z = Σₖ wₖ·aₖ + b: what a neuron adds up before its activation function squashes it.")
    public static let sigmoid = Term(
        name: "σ and σ′", mark: "σ′",
        meaning:
            "σ(z) = 1/(1 + e^−z), the sigmoid, squashes z into (0, 1); σ′(z) is its slope, largest "
            + "at z = 0 and nearly 0 when the neuron saturates.")
    public static let error = Term(
        name: "δ (a neuron's error)", mark: "δ",
        meaning:
            "δ = ∂C₀/∂z: how much the cost changes with a neuron's weighted input; backpropagation "
            + "passes δ back layer by layer.")
    public static let wishList = Term(
        name: "wish list", mark: "wish",
        meaning:
            "The nudges one example wants for every weight and bias: minus the gradient of its "
            + "cost.")
    public static let reverseMode = Term(
        name: "reverse mode", mark: "reverse",
        meaning:
            "Differentiating from the output back to the inputs, reusing each layer's result for "
            + "the layer before: what backpropagation does.")
    public static let cosineSimilarity = Term(
        name: "cosine similarity", mark: "cosine",
        meaning:
            "cos θ = u·v / (|u|·|v|): 1 when two vectors point the same way, 0 when unrelated, −1 "
            + "when opposite.")
    public static let miniBatch = Term(
        name: "mini-batch", mark: "mini-batch",
        meaning:
            "A small random group of training examples whose averaged gradient makes one step.")
    public static let converge = Term(
        name: "converge", mark: "converge",
        meaning:
            "A run has converged when further steps no longer change it: here, when it is within a "
            + "stated tolerance or target.")
    public static let localMinimum = Term(
        name: "local minimum", mark: "valley",
        meaning:
            "The bottom of a valley that may not be the deepest one; descent only sees the slope "
            + "where it stands.")
    public static let momentum = Term(
        name: "momentum β (the heavy ball)", mark: "β",
        meaning: "How much of its last step a heavy ball keeps: v ← β·v − η·dL/dw, then w ← w + v. "
            + "β = 0 is plain descent.")
}

/// Every term, in the order a learner meets them. Each lesson names the ones it uses in its
/// `LessonInfo`, and prints them under "Words used here"; `lesson terms` prints them all.
public let glossary: [Term] = [
    .loss,
    .derivative,
    .partialDerivative,
    .gradient,
    .finiteDifferences,
    .closedForm,
    .leastSquares,
    .curvature,
    .learningRate,
    .step,
    .diverge,
    .epoch,
    .activation,
    .exampleCost,
    .weightedInput,
    .sigmoid,
    .error,
    .wishList,
    .reverseMode,
    .cosineSimilarity,
    .miniBatch,
    .converge,
    .localMinimum,
    .momentum,
]

extension Narrator {
    /// The words a lesson uses, each in one sentence, before it uses them, in the glossary's
    /// order.
    public func words(for info: LessonInfo) {
        let terms = glossary.filter(info.words.contains)
        guard !quiet, !terms.isEmpty else { return }
        bullets(
            "Words used here (all of them: `swift run lesson terms`)",
            terms.map { "\($0.name): \($0.meaning)" })
    }
}
