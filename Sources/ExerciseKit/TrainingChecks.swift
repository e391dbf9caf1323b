import Backprop
import Foundation

extension Checker {
    /// A small sigmoid network and a few examples for it, the same on every run.
    static func smallProblem(
        seed: UInt64, sizes: [Int] = [4, 5, 3, 2], count: Int = 6
    ) -> (Network, [Example]) {
        let network = Network(sizes: sizes, activation: .sigmoid, seed: seed)
        let examples = (0..<count).map { i in
            Example(
                input: numbers(sizes[0], seed: seed &* 31 &+ UInt64(i)),
                target: (0..<sizes[sizes.count - 1]).map {
                    $0 == i % sizes[sizes.count - 1] ? 1 : 0
                })
        }
        return (network, examples)
    }

    static func miniBatchStep(_ s: Solutions) -> Verdict {
        let problems = (0..<6).map { smallProblem(seed: 1200 + UInt64($0)) }
        let eta = 0.7
        func stepped(
            _ item: (Network, [Example]), _ move: (inout Network, [Example]) -> Void
        ) -> [Double] {
            var network = item.0
            move(&network, item.1)
            return network.parameters
        }
        return compare(
            cases: problems,
            learner: { item in
                var network = item.0
                try s.miniBatchStep(&network, item.1, eta)
                return network.parameters
            },
            reference: { stepped($0) { $0.train(miniBatch: $1, learningRate: eta) } },
            mistakes: [
                Mistake(
                    name: "weights updated before they pass δ back",
                    advice:
                        "compute every layer's δ with the weights as they were, then move them all",
                    output: { stepped($0) { updatingEarly(&$0, $1, eta) } }),
                Mistake(
                    name: "the learning rate applied twice",
                    advice: "the step is η times the average gradient, once",
                    output: { stepped($0) { $0.train(miniBatch: $1, learningRate: eta * eta) } }),
                Mistake(
                    name: "a sum where an average belongs",
                    advice: "step along the average of the examples' gradients, not their sum",
                    output: {
                        stepped($0) {
                            $0.train(miniBatch: $1, learningRate: eta * Double($1.count))
                        }
                    }),
                Mistake(
                    name: "the wrong sign",
                    advice: "descent moves against the gradient: w ← w − η·∂C/∂w",
                    output: { stepped($0) { $0.train(miniBatch: $1, learningRate: -eta) } }),
            ],
            same: { close($0, $1) },
            difference: { _, expected, got in
                firstDifference(
                    "parameter (in the order: layer by layer, weights row by row, then biases)",
                    expected, got)
            },
            formula: "w ← w − η·(1/n) Σᵢ ∂C₀⁽ⁱ⁾/∂w, every δ from the weights before the step",
            tried: "6 batches of 6 examples on a 4-5-3-2 network")
    }

    /// The mistaken step: layer by layer from the output, each layer's weights moved as soon as its
    /// gradient is known, so δ is passed back through weights that have already changed.
    static func updatingEarly(_ network: inout Network, _ batch: [Example], _ eta: Double) {
        let passes = batch.map { network.forward($0.input) }
        let last = network.weights.count - 1
        var deltas = zip(passes, batch).map { pass, example in
            pass.output.indices.map {
                2 * (pass.output[$0] - example.target[$0])
                    * Activation.sigmoid.derivative(pass.weightedInputs[last][$0])
            }
        }
        for l in stride(from: last, through: 0, by: -1) {
            for (delta, pass) in zip(deltas, passes) {
                for j in delta.indices {
                    network.biases[l][j] -= eta * delta[j] / Double(batch.count)
                    for k in pass.activations[l].indices {
                        network.weights[l][j, k] -=
                            eta * delta[j] * pass.activations[l][k] / Double(batch.count)
                    }
                }
            }
            guard l > 0 else { break }
            deltas = zip(deltas, passes).map { delta, pass in
                (0..<network.weights[l].columns).map { k in
                    delta.indices.map { network.weights[l][$0, k] * delta[$0] }.reduce(0, +)
                        * Activation.sigmoid.derivative(pass.weightedInputs[l - 1][k])
                }
            }
        }
    }

    static func epoch(_ s: Solutions) -> Verdict {
        let problems = (0..<3).map { smallProblem(seed: 1300 + UInt64($0), count: 23) }
        let (eta, batchSize) = (0.5, 5)
        func trained(
            _ item: (Network, [Example]), seed: UInt64,
            _ run: (inout Network, [Example], inout SeededGenerator) -> Void
        ) -> [Double] {
            var network = item.0
            var generator = SeededGenerator(seed: seed)
            run(&network, item.1, &generator)
            return network.parameters
        }
        return compare(
            cases: problems,
            learner: { item in
                var network = item.0
                var generator = SeededGenerator(seed: 77)
                try s.trainEpoch(&network, item.1, batchSize, eta, &generator)
                return network.parameters
            },
            reference: {
                trained($0, seed: 77) {
                    $0.trainEpoch($1, batchSize: batchSize, learningRate: eta, generator: &$2)
                }
            },
            mistakes: [
                Mistake(
                    name: "examples taken in order, not shuffled",
                    advice:
                        "take this epoch's order from `shuffledIndices(examples.count, using: "
                        + "&generator)`",
                    output: {
                        trained($0, seed: 77) { network, examples, _ in
                            for batch in miniBatches(Array(examples.indices), size: batchSize) {
                                network.train(
                                    miniBatch: batch.map { examples[$0] }, learningRate: eta)
                            }
                        }
                    }),
                Mistake(
                    name: "one step for the whole set",
                    advice:
                        "cut the shuffled order into mini-batches of `batchSize` and step once per "
                        + "batch",
                    output: {
                        trained($0, seed: 77) { network, examples, _ in
                            network.train(miniBatch: examples, learningRate: eta)
                        }
                    }),
            ],
            same: { close($0, $1) },
            difference: { _, expected, got in firstDifference("parameter", expected, got) },
            formula: "shuffle, split into mini-batches, one step per mini-batch",
            tried: "3 epochs of 23 examples in batches of 5")
    }

    static func prediction(_ s: Solutions) -> Verdict {
        // The bowl L = a·(w − 3)² with a = 2.5: one step multiplies w − w* by 1 − 2aη.
        let a = 2.5
        let answer = 1 / (2 * a)
        guard let guess = s.largestSteadyRate else {
            return .notYet("write your number in `largestSteadyRate`")
        }
        let curve = LossCurve.bowl(name: "check", curvature: a, center: 3, start: 5)
        let shown = [answer * 0.9, answer, answer * 1.1].map { rate -> String in
            let trial = LearningRateTrial(
                curve, from: 5, learningRate: rate, budget: 30, tolerance: 1e-6)
            return
                "η = \(number(rate)): "
                + "\(trial.oscillated ? "jumps across w*" : "walks straight down")"
        }.joined(separator: "; ")
        if abs(guess - answer) <= 0.02 * answer {
            return .done(
                "η = \(number(answer)) = 1/(2a): each step multiplies w − w* by 1 − 2aη, which "
                    + "stays ≥ 0 up to there. \(shown)."
            )
        }
        let mistakes: [(Double, String, String)] = [
            (
                1 / a, "the divergence threshold",
                "1/a is where the jumps stop shrinking; the zig-zag starts at half that, 1/(2a)"
            ),
            (2 / a, "twice the divergence threshold", "the factor is 1 − 2aη, not 1 − aη/2"),
            (1 / (4 * a), "half the answer", "the factor 1 − 2aη reaches 0 at η = 1/(2a)"),
        ]
        let named = mistakes.first { abs(guess - $0.0) <= 0.02 * $0.0 }
        return .wrong(
            mistake: named?.1,
            explanation: "You said \(number(guess)); it is \(number(answer)). "
                + (named.map { "That is \($0.1): \($0.2)." }
                    ?? ("One step multiplies w − w* by 1 − 2aη: when does that factor turn "
                        + "negative?"))
                + " \(shown).")
    }
}
