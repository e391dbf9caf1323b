/// A word or symbol the lessons use, said in one plain sentence, with the lessons that use it.
public struct Term: Sendable {
    /// The term as the lessons print it, e.g. "η (learning rate)".
    public let name: String
    /// What a test looks for in a lesson's output to know the lesson uses the term.
    public let mark: String
    public let meaning: String
    public let lessons: [Int]
}

/// Every term, in the order a learner meets them. Each lesson prints the ones it uses under
/// "Words used here"; `lesson terms` prints them all.
public let glossary: [Term] = [
    Term(
        name: "loss, cost", mark: "loss",
        meaning:
            "One number that says how wrong the model is; smaller is better. CampusX says loss, "
            + "3Blue1Brown says cost.",
        lessons: [1, 2, 3, 4, 5, 11]),
    Term(
        name: "derivative dL/dw, slope", mark: "dL/dw",
        meaning:
            "How fast the loss changes when w changes a little: the slope of the curve L(w) at w.",
        lessons: [1, 2, 3]),
    Term(
        name: "partial derivative ∂L/∂w", mark: "∂L/∂",
        meaning:
            "The slope of the loss along one parameter while every other parameter is held still.",
        lessons: [1, 2, 5]),
    Term(
        name: "gradient ∇L", mark: "gradient",
        meaning:
            "The list of partial derivatives, one per parameter; it points uphill, so minus it is "
            + "the steepest way down.",
        lessons: [1, 7, 8, 9, 10, 12]),
    Term(
        name: "finite differences", mark: "nudg",
        meaning: "Measuring a slope by nudging: (L(w + h) − L(w − h)) / 2h for a small h.",
        lessons: [1, 7, 8, 9]),
    Term(
        name: "closed form", mark: "closed form",
        meaning:
            "An answer written as a formula you can evaluate directly, with no searching or "
            + "stepping.",
        lessons: [2]),
    Term(
        name: "least squares", mark: "least squares",
        meaning:
            "Fitting a model by making the average of the squared errors as small as possible.",
        lessons: [2]),
    Term(
        name: "curvature, λ", mark: "λ",
        meaning:
            "How fast the slope itself changes; λ is the curvature along one of a valley's "
            + "principal directions (an eigenvalue of the matrix of second derivatives).",
        lessons: [2]),
    Term(
        name: "η (learning rate)", mark: "η",
        meaning:
            "The number each step multiplies the slope by: w ← w − η·dL/dw. Too small is slow, too "
            + "large overshoots.",
        lessons: [2, 3, 4, 5, 10, 11, 12, 13, 14]),
    Term(
        name: "step", mark: "step", meaning: "One update of the parameters, w ← w − η·∇L.",
        lessons: [2, 3, 4, 5, 10, 12, 13, 14]),
    Term(
        name: "diverge", mark: "diverge",
        meaning:
            "A run diverges when each step overshoots further than the last; the lessons stop it "
            + "at a bound they state.",
        lessons: [2, 3, 4, 5, 13, 14]),
    Term(
        name: "epoch", mark: "epoch", meaning: "One pass over every training example.",
        lessons: [5, 10, 11, 12, 13]),
    Term(
        name: "activation a", mark: "activation",
        meaning: "The number a neuron outputs; in the digit network, between 0 and 1.",
        lessons: [6, 7]),
    Term(
        name: "cost of one example C₀", mark: "C₀",
        meaning:
            "C₀ = Σⱼ (aⱼ − yⱼ)²: the squared differences between the outputs and the wanted "
            + "outputs, added up.",
        lessons: [6, 7, 12]),
    Term(
        name: "weighted input z", mark: "weighted input",
        meaning:
            "z = Σₖ wₖ·aₖ + b: what a neuron adds up before its activation function squashes it.",
        lessons: [7]),
    Term(
        name: "σ and σ′", mark: "σ′",
        meaning:
            "σ(z) = 1/(1 + e^−z), the sigmoid, squashes z into (0, 1); σ′(z) is its slope, largest "
            + "at z = 0 and nearly 0 when the neuron saturates.",
        lessons: [7]),
    Term(
        name: "δ (a neuron's error)", mark: "δ",
        meaning:
            "δ = ∂C₀/∂z: how much the cost changes with a neuron's weighted input; backpropagation "
            + "passes δ back layer by layer.",
        lessons: [7]),
    Term(
        name: "wish list", mark: "wish",
        meaning:
            "The nudges one example wants for every weight and bias: minus the gradient of its "
            + "cost.",
        lessons: [7, 9]),
    Term(
        name: "reverse mode", mark: "reverse",
        meaning:
            "Differentiating from the output back to the inputs, reusing each layer's result for "
            + "the layer before: what backpropagation does.",
        lessons: [8]),
    Term(
        name: "cosine similarity", mark: "cosine",
        meaning:
            "cos θ = u·v / (|u|·|v|): 1 when two vectors point the same way, 0 when unrelated, −1 "
            + "when opposite.",
        lessons: [9]),
    Term(
        name: "mini-batch", mark: "mini-batch",
        meaning:
            "A small random group of training examples whose averaged gradient makes one step.",
        lessons: [10, 12]),
    Term(
        name: "converge", mark: "converge",
        meaning:
            "A run has converged when further steps no longer change it: here, when it is within a "
            + "stated tolerance or target.",
        lessons: [4, 11, 14]),
    Term(
        name: "local minimum", mark: "valley",
        meaning:
            "The bottom of a valley that may not be the deepest one; descent only sees the slope "
            + "where it stands.",
        lessons: [3, 13]),
    Term(
        name: "momentum β (the heavy ball)", mark: "β",
        meaning: "How much of its last step a heavy ball keeps: v ← β·v − η·dL/dw, then w ← w + v. "
            + "β = 0 is plain descent.",
        lessons: [14]),
]

extension Narrator {
    /// The words lesson `number` uses, each in one sentence, before it uses them.
    public func words(for number: Int) {
        let terms = glossary.filter { $0.lessons.contains(number) }
        guard !quiet, !terms.isEmpty else { return }
        bullets(
            "Words used here (all of them: `swift run lesson terms`)",
            terms.map { "\($0.name): \($0.meaning)" })
    }
}
