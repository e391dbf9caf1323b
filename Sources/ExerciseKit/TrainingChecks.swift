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

    /// A network of 2 to 4 layers of 1 to 6 neurons, drawn from `seed`.
    static func drawnSizes(seed: UInt64) -> [Int] {
        let layers = whole(2...4, seed: seed)
        return (0..<layers).map { whole(1...6, seed: seed &* 7 &+ UInt64($0)) }
    }

    /// What a diagnosis may find a step right or wrong by: one layer of weights, one example.
    static func facts(_ network: Network, batch: Int? = nil) -> Set<String> {
        var facts: Set<String> = []
        if network.weights.count == 1 { facts.insert("the network has one layer of weights") }
        if batch == 1 { facts.insert("the batch holds one example") }
        return facts
    }

    typealias StepCase = (network: Network, batch: [Example], eta: Double)

    /// Exercise 8's cases: networks of many shapes, batches of 1 to 7 examples, learning rates
    /// from 0.05 to 2.
    static var stepCases: [StepCase] {
        let drawn = (0..<16).map { i -> StepCase in
            let (network, examples) = smallProblem(
                seed: 1200 + UInt64(i), sizes: drawnSizes(seed: 1250 + UInt64(i)),
                count: i < 7 ? i + 1 : whole(1...7, seed: 1280 + UInt64(i)))
            return (network, examples, 0.05 + numbers(1, seed: 1290 + UInt64(i), in: 0...1.95)[0])
        }
        // One example through three and four layers of weights: a backward-pass mistake shows
        // without any averaging to blur it.
        let deep = [[3, 4, 3, 2], [2, 5, 4, 3, 2]].enumerated().map { i, sizes -> StepCase in
            let (network, examples) = smallProblem(seed: 1240 + UInt64(i), sizes: sizes, count: 1)
            return (network, examples, 0.5 + 0.7 * Double(i))
        }
        return drawn + deep
    }

    static func miniBatchStep(_ s: Solutions) -> Verdict {
        let cases = stepCases
        func stepped(
            _ item: StepCase, _ move: (inout Network, [Example], Double) -> Void
        ) -> [Double] {
            var network = item.network
            move(&network, item.batch, item.eta)
            return network.parameters
        }
        return compare(
            cases: cases,
            learner: { item in
                var network = item.network
                try s.miniBatchStep(&network, item.batch, item.eta)
                return network.parameters
            },
            reference: { stepped($0) { $0.train(miniBatch: $1, learningRate: $2) } },
            notes: { item in
                CaseNotes(
                    label: stepLabel(item) + " with η = \(number(item.eta))",
                    layout: .network(item.network.sizes), before: item.network.parameters,
                    quantities: ["n": Double(item.batch.count), "η": item.eta],
                    facts: facts(item.network, batch: item.batch.count))
            },
            mistakes: [
                Mistake(
                    name: "weights updated before they pass δ back",
                    advice:
                        "compute every layer's δ with the weights as they were, then move them all",
                    output: { stepped($0) { updatingEarly(&$0, $1, $2) } }),
                Mistake(
                    name: "the learning rate applied twice",
                    advice: "the step is η times the average gradient, once",
                    output: { stepped($0) { $0.train(miniBatch: $1, learningRate: $2 * $2) } }),
                Mistake(
                    name: "a sum where an average belongs",
                    advice: "step along the average of the examples' gradients, not their sum",
                    output: {
                        stepped($0) {
                            $0.train(miniBatch: $1, learningRate: $2 * Double($1.count))
                        }
                    }),
                Mistake(
                    name: "the wrong sign",
                    advice: "descent moves against the gradient: w ← w − η·∂C/∂w",
                    output: { stepped($0) { $0.train(miniBatch: $1, learningRate: -$2) } }),
            ]
                + Wiring.allCases.map { fault in
                    Mistake(
                        name: fault.name, advice: fault.advice,
                        output: { item in
                            var network = item.network
                            return fault.step(&network, item.batch, item.eta)
                                ? network.parameters : nil
                        })
                },
            formula: "w ← w − η·(1/n) Σᵢ ∂C₀⁽ⁱ⁾/∂w, every δ from the weights before the step",
            tried: "18 batches of 1 to 7 examples on networks of 2 to 5 layers")
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

    typealias EpochCase = (network: Network, examples: [Example], batchSize: Int, eta: Double)

    /// Exercise 9's cases: sets of 4 to 30 examples in mini-batches of 1 to 8; in every other
    /// case the examples fill whole mini-batches, and in the others the last one is smaller.
    static var epochCases: [EpochCase] {
        (0..<12).map { i -> EpochCase in
            let batchSize = whole(1...8, seed: 1350 + UInt64(i)) + (i % 2 == 1 ? 1 : 0)
            let batches = whole(1...4, seed: 1360 + UInt64(i))
            let count =
                batchSize * batches
                + (i % 2 == 1 ? whole(1...(batchSize - 1), seed: 1370 + UInt64(i)) : 0)
            let (network, examples) = smallProblem(
                seed: 1300 + UInt64(i), sizes: drawnSizes(seed: 1380 + UInt64(i)), count: count)
            return (
                network, examples, batchSize, 0.2 + numbers(1, seed: 1390 + UInt64(i), in: 0...1)[0]
            )
        }
    }

    static func epoch(_ s: Solutions) -> Verdict {
        let cases = epochCases
        func trained(
            _ item: EpochCase, _ run: (inout Network, inout SeededGenerator) -> Void
        ) -> [Double] {
            var network = item.network
            var generator = SeededGenerator(seed: 77)
            run(&network, &generator)
            return network.parameters
        }
        return compare(
            cases: cases,
            learner: { item in
                var network = item.network
                var generator = SeededGenerator(seed: 77)
                try s.trainEpoch(&network, item.examples, item.batchSize, item.eta, &generator)
                return network.parameters
            },
            reference: { item in
                trained(item) {
                    $0.trainEpoch(
                        item.examples, batchSize: item.batchSize, learningRate: item.eta,
                        generator: &$1)
                }
            },
            notes: { item in
                CaseNotes(
                    label:
                        "an epoch of \(counted(item.examples.count, "example")) in mini-batches of "
                        + "\(item.batchSize)",
                    layout: .network(item.network.sizes), before: item.network.parameters,
                    facts: facts(item.network).union(
                        item.examples.count % item.batchSize == 0
                            ? ["the examples fill whole mini-batches"] : []))
            },
            mistakes: [
                Mistake(
                    name: "examples taken in order, not shuffled",
                    advice:
                        "take this epoch's order from `shuffledIndices(examples.count, using: "
                        + "&generator)`",
                    output: { item in
                        trained(item) { network, _ in
                            for batch in miniBatches(
                                Array(item.examples.indices), size: item.batchSize)
                            {
                                network.train(
                                    miniBatch: batch.map { item.examples[$0] },
                                    learningRate: item.eta)
                            }
                        }
                    }),
                Mistake(
                    name: "the last, smaller mini-batch dropped",
                    advice:
                        "when the examples do not fill the last mini-batch, it still gets its "
                        + "step: `miniBatches` gives it",
                    output: { item in
                        trained(item) { network, generator in
                            let order = shuffledIndices(item.examples.count, using: &generator)
                            for batch in miniBatches(order, size: item.batchSize)
                            where batch.count == item.batchSize {
                                network.train(
                                    miniBatch: batch.map { item.examples[$0] },
                                    learningRate: item.eta)
                            }
                        }
                    }),
                Mistake(
                    name: "one step per example",
                    advice: "one step per mini-batch of `batchSize` examples, on their average",
                    output: { item in
                        trained(item) { network, generator in
                            let order = shuffledIndices(item.examples.count, using: &generator)
                            for index in order {
                                network.train(
                                    miniBatch: [item.examples[index]], learningRate: item.eta)
                            }
                        }
                    }),
                Mistake(
                    name: "one step for the whole set",
                    advice:
                        "cut the shuffled order into mini-batches of `batchSize` and step once per "
                        + "batch",
                    output: { item in
                        trained(item) { network, _ in
                            network.train(miniBatch: item.examples, learningRate: item.eta)
                        }
                    }),
            ],
            formula: "shuffle, split into mini-batches, one step per mini-batch",
            tried:
                "\(cases.count) epochs of \(cases.map(\.examples.count).min() ?? 0) to "
                + "\(cases.map(\.examples.count).max() ?? 0) examples in mini-batches of 1 to 9")
    }

    static func prediction(_ s: Solutions) -> Verdict {
        // The bowl L = a·(w − 3)² with a = 2.5: one step multiplies w − w* by 1 − 2aη.
        let a = 2.5
        let answer = 1 / (2 * a)
        let said: Double?
        do {
            said = try s.largestSteadyRate()
        } catch {
            return .wrong(mistake: nil, explanation: "reading it threw an error: \(error)")
        }
        guard let guess = said else {
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
