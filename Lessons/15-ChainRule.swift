import ArgumentParser
import Backprop
import Experiments
import Figures
import LessonKit

/// Lesson 15: the chain rule, link by link: the bridge from lesson 7's wish list to the backward
/// formulas. 3Blue1Brown's chapter 4 derives it; chapter 3, which these lessons follow, does not.
struct ChainRule15: Lesson {
    static let info = LessonInfo(
        number: 15, slug: "chain-rule", title: "The chain rule, link by link",
        video: .threeBlueOneBrown,
        segment: "beyond chapter 3: the wish list as the chain rule (chapter 4)",
        summary: "∂C/∂w as a product of local derivatives on a chain of one-neuron layers, then "
            + "the backward formulas δᴸ, δˡ, ∂C/∂w = a·δ, ∂C/∂b = δ with lesson 7's numbers.",
        words: [.finiteDifferences, .sigmoid, .chainRule, .error], readAfter: 7)
    static let says: [any Claim.Type] = [ChainClaim.self]

    @OptionGroup var common: LessonOptions
    @OptionGroup var step: StepOption
    @Option(parsing: .unconditional, help: "The chain's input x.")
    var input = 1.0
    @Option(parsing: .unconditional, help: "The chain's two weights w¹,w².")
    var weights = NumberList([2, -3])
    @Option(parsing: .unconditional, help: "The chain's two biases b¹,b².")
    var biases = NumberList([-0.5, 1])
    @Option(parsing: .unconditional, help: "The chain's target y, from 0 to 1.")
    var target = 1.0
    @OptionGroup var digits: DigitOptions
    @OptionGroup var image: ImageChoice

    var stepping: StepOption? { step }

    static let suggestions = [
        Suggestion(
            ["--weights", "8,-3"], "A large first weight saturates a¹: watch σ′(z¹) shrink."),
        Suggestion(["--input", "0"], "With x = 0, w¹ carries nothing: ∂C/∂w¹ is 0."),
        Suggestion(["--index", "0"], "The same formulas for a 5."),
    ]

    static let wishList =
        "One training example's wish list is propagated backward: the nudges the output layer "
        + "wants become wishes for the layer before, through the weights, and so on back."

    static let chainRule =
        "Chapter 4 of the same series turns the wish list into calculus, and this lesson follows "
        + "it. On a chain where each value depends only on the one before, w¹ → z¹ → a¹ → z² → "
        + "a² → C, the chain rule says ∂C/∂w¹ is the product of the local derivatives along the "
        + "chain. In a network every neuron feeds several, so the products add up over the paths: "
        + "δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ), δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ′(zˡ), ∂C/∂wˡ[j,k] = aˡ⁻¹[k]·δˡ[j] and "
        + "∂C/∂bˡ[j] = δˡ[j]."

    func validate() throws {
        try image.fits(digits)
        try Check.within(input, "--input", -10...10)
        try Check.within(target, "--target", 0...1)
        for (list, option, names) in [
            (weights, "--weights", "w¹,w²"), (biases, "--biases", "b¹,b²"),
        ] {
            guard list.values.count == 2 else {
                throw ValidationError(
                    "\(option) must be two numbers, \(names) (got \(Format.list(list.values)))")
            }
            for value in list.values {
                try Check.within(value, "each value in \(option)", -10...10)
            }
        }
    }

    func teach(_ lesson: LessonContext) throws -> ChainRule.Result {
        let mnist = try digits.load()
        let chain = ChainRule.Chain(
            input: input, weights: weights.values, biases: biases.values, target: target)
        let experiment = ChainRule(
            chain: chain, network: digits.network(), digits: mnist.training,
            index: try image.chosen(in: mnist.training))
        lesson.say.video("one example's wish list, propagated backward", Self.wishList)
        lesson.say.beyond(Self.chainRule)
        lesson.say.compute(experiment.plan(seed: digits.seed), indexingConvention)
        let result = experiment.run()
        lesson.stepChain(result)
        lesson.say.results("The chain, front to back", result.forwardTable())
        lesson.say.results("The links from w¹ to C, and their product", result.linkTable())
        lesson.say.results(result.formulaHeading, result.formulaTable())
        lesson.claim("The formulas against the library", result.networkClaims)
        try lesson.draw(result.chainGraph(), result.errorsByLayer())
        lesson.notice(result.chainClaims)
        lesson.suggest(Self.suggestions)
        return result
    }
}

extension ChainRule15 {
    /// The runs the tests draw: every option across its range, at its edges and its thresholds.
    static let trials = Trials(
        Trials.digitNetwork + [
            Trials.digitIndex,
            Trial("input", .number(-10...10, at: [0, 1e-9, -1, 1, 10, -10])),
            Trial(
                "weights", .list(.number(-10...10, at: [0, 1e-9, -3, 2, 10, -10]), count: 2...2)),
            Trial("biases", .list(.number(-10...10, at: [0, -0.5, 1, 10, -10]), count: 2...2)),
            Trial("target", .number(0...1, at: [0, 0.5, 1])),
        ], digits: true)
}
