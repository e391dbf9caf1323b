/// A word or symbol the lessons use, said in one plain sentence. Each lesson names the terms it
/// uses in its `LessonInfo`.
public struct Term: Sendable {
    /// The term as the lessons print it, e.g. "η (learning rate)".
    public let name: String
    /// What a test looks for in a lesson's output to know the lesson uses the term.
    public let mark: String
    public let meaning: String
    /// The term's formula, typeset on the lesson book's pages; the terminal spells it in
    /// `meaning`.
    public var formula: Formula? = nil
}

extension Term: Equatable {
    public static func == (a: Term, b: Term) -> Bool { a.name == b.name }
}

extension Term {
    public static let loss = Term(
        name: "loss, cost", mark: "loss",
        meaning:
            "One number that says how wrong the model is; smaller is better. CampusX says loss, "
            + "3Blue1Brown says cost: the average of each example's cost Cᵢ.",
        formula: .of(
            .name("C"), .symbol("="), .fraction(.number("1"), .name("n")), .sum(over: "i"),
            .sub(.name("C"), .name("i"))))
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
            + "the steepest way down.",
        formula: .of(
            .symbol("∇"), .name("L"), .symbol("="),
            .bracketed(
                .partial(.name("L"), .sub(.name("w"), .number("1"))), .symbol(","), .symbol("…"),
                .symbol(","), .partial(.name("L"), .sub(.name("w"), .name("n"))))))
    public static let finiteDifferences = Term(
        name: "finite differences", mark: "nudg",
        meaning: "Measuring a slope by nudging: (L(w + h) − L(w − h)) / 2h for a small h.",
        formula: .of(
            .derivative("L", "w"), .symbol("≈"),
            .fraction(
                .of(
                    .name("L"), .bracketed(.name("w"), .symbol("+"), .name("h")), .symbol("−"),
                    .name("L"), .bracketed(.name("w"), .symbol("−"), .name("h"))),
                .of(.number("2"), .name("h")))))
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
            + "large overshoots.",
        formula: .of(
            .name("w"), .symbol("←"), .name("w"), .symbol("−"), .name("η"), .symbol("·"),
            .derivative("L", "w")))
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
            + "outputs, added up.",
        formula: .of(
            .sub(.name("C"), .number("0")), .symbol("="), .sum(over: "j"),
            .sup(
                .bracketed(
                    .sub(.name("a"), .name("j")), .symbol("−"), .sub(.name("y"), .name("j"))),
                .number("2"))))
    public static let weightedInput = Term(
        name: "weighted input z", mark: "weighted input",
        meaning:
            "z = Σₖ wₖ·aₖ + b: what a neuron adds up before its activation function squashes it.",
        formula: .of(
            .name("z"), .symbol("="), .sum(over: "k"), .sub(.name("w"), .name("k")),
            .sub(.name("a"), .name("k")), .symbol("+"), .name("b")))
    public static let sigmoid = Term(
        name: "σ and σ′", mark: "σ′",
        meaning:
            "σ(z) = 1/(1 + e^−z), the sigmoid, squashes z into (0, 1); σ′(z) is its slope, largest "
            + "at z = 0 and nearly 0 when the neuron saturates.",
        formula: .of(
            .name("σ"), .bracketed(.name("z")), .symbol("="),
            .fraction(
                .number("1"),
                .of(.number("1"), .symbol("+"), .sup(.name("e"), .of(.symbol("−"), .name("z")))))))
    public static let chainRule = Term(
        name: "chain rule", mark: "chain rule",
        meaning:
            "When a value depends on another only through a chain of steps, its derivative is the "
            + "product of each step's local derivative: ∂C/∂w = ∂z/∂w · ∂a/∂z · ∂C/∂a.",
        formula: .of(
            .fraction(.name("∂C"), .name("∂w")), .symbol("="),
            .fraction(.name("∂z"), .name("∂w")), .symbol("·"),
            .fraction(.name("∂a"), .name("∂z")), .symbol("·"),
            .fraction(.name("∂C"), .name("∂a"))))
    public static let error = Term(
        name: "δ (a neuron's error)", mark: "δ",
        meaning:
            "δ = ∂C₀/∂z: how much the cost changes with a neuron's weighted input; backpropagation "
            + "passes δ back layer by layer.",
        formula: .of(
            .subSup(.name("δ"), .name("j"), .name("L")), .symbol("="), .number("2"),
            .bracketed(
                .subSup(.name("a"), .name("j"), .name("L")), .symbol("−"),
                .sub(.name("y"), .name("j"))),
            .name("σ′"), .bracketed(.subSup(.name("z"), .name("j"), .name("L")))))
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
            + "when opposite.",
        formula: .of(
            .name("cos"), .name("θ"), .symbol("="),
            .fraction(
                .of(.name("u"), .symbol("·"), .name("v")),
                .of(
                    .symbol("|"), .name("u"), .symbol("|"), .symbol("·"), .symbol("|"), .name("v"),
                    .symbol("|")))))
    public static let miniBatch = Term(
        name: "mini-batch", mark: "mini-batch",
        meaning:
            "A small random group of training examples whose averaged gradient makes one step.",
        formula: .of(
            .name("w"), .symbol("←"), .name("w"), .symbol("−"), .fraction(.name("η"), .name("m")),
            .under(.symbol("Σ"), .of(.name("x"), .symbol("∈"), .name("batch"))),
            .partial(.sub(.name("C"), .name("x")), .name("w"))))
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
            + "β = 0 is plain descent.",
        formula: .of(
            .name("v"), .symbol("←"), .name("β"), .name("v"), .symbol("−"), .name("η"),
            .symbol("·"), .derivative("L", "w"), .symbol(","), .name("w"), .symbol("←"),
            .name("w"), .symbol("+"), .name("v")))
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
    .chainRule,
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
        guard !terms.isEmpty else { return }
        let heading = "Words used here (all of them: `swift run lesson terms`)"
        record(.words(heading: heading, terms))
        guard !quiet else { return }
        section(heading)
        terms.forEach { term in
            wrapped("\(term.name): \(term.meaning)", indent: "  • ", hanging: "    ").forEach(write)
        }
    }
}
