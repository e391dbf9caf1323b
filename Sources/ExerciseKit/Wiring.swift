import Backprop

/// Ways to wire exercise 8's step wrongly from right parts, each a classic: the checker names one
/// when the learner's step gives its answers in every case.
enum Wiring: CaseIterable {
    /// σ′ taken at the layer's activations a, where its weighted inputs z belong.
    case activationsForZ
    /// The first example's forward pass used for every example of the batch.
    case oneForwardPass
    /// The weights moved after each example, so the next example's forward pass sees them moved.
    case movedPerExample
    /// The first layer of weights never given its gradient: the loop over the layers stops at 1.
    case firstLayerSkipped
    /// Only the weights moved; the biases kept.
    case biasesKept
    /// The average divided by the batch's size again in the step (η/n).
    case dividedTwice

    var name: String {
        switch self {
        case .activationsForZ: "σ′ taken at a where z belongs"
        case .oneForwardPass: "one example's forward pass used for all"
        case .movedPerExample: "a step after every example"
        case .firstLayerSkipped: "the first layer never moved"
        case .biasesKept: "the biases never moved"
        case .dividedTwice: "dividing by n twice"
        }
    }

    var advice: String {
        switch self {
        case .activationsForZ:
            "passBack takes the weighted inputs z of the layer δ goes into, "
                + "`pass.weightedInputs[l - 1]`, not its activations"
        case .oneForwardPass:
            "run each example forward on its own: `network.forward(example.input)` inside the loop"
        case .movedPerExample:
            "first every example's gradient with the weights as they are, then one step along "
                + "their average"
        case .firstLayerSkipped:
            "the loop over the layers goes down to layer 0, the weights out of the input"
        case .biasesKept: "move every bias with your descentStep too, along ∂C/∂b"
        case .dividedTwice: "the average already divides by n; the step is η times it"
        }
    }

    /// The step with this one fault, written plainly from the library's parts.
    func step(_ network: inout Network, _ batch: [Example], _ eta: Double) -> Bool {
        let examples = batch
        guard !examples.isEmpty else { return false }
        let last = network.weights.count - 1
        // Worked out only for the fault that uses it.
        let first = self == .oneForwardPass ? network.forward(examples[0].input) : nil
        var sum = Gradient(zerosLike: network)
        let n = Double(examples.count)
        let rate = self == .dividedTwice ? eta / n : eta
        for example in examples {
            let pass = first ?? network.forward(example.input)
            var delta = pass.output.indices.map {
                2 * (pass.output[$0] - example.target[$0])
                    * Activation.sigmoid.derivative(pass.weightedInputs[last][$0])
            }
            for l in stride(from: last, through: 0, by: -1) {
                if l > 0 || self != .firstLayerSkipped {
                    for j in delta.indices {
                        sum.biases[l][j] += delta[j]
                        for k in pass.activations[l].indices {
                            sum.weights[l][j, k] += delta[j] * pass.activations[l][k]
                        }
                    }
                }
                guard l > 0 else { break }
                let z = self == .activationsForZ ? pass.activations[l] : pass.weightedInputs[l - 1]
                let back = network.weights[l].transposeTimes(delta)
                delta = back.indices.map { back[$0] * Activation.sigmoid.derivative(z[$0]) }
            }
            if self == .movedPerExample {
                move(&network, along: sum, by: rate / n)
                sum = Gradient(zerosLike: network)
            }
        }
        move(&network, along: sum, by: rate / n)
        return true
    }

    /// Every weight, and every bias unless this fault keeps them, moved by −rate·gradient.
    func move(_ network: inout Network, along sum: Gradient, by rate: Double) {
        for l in network.weights.indices {
            for i in network.weights[l].values.indices {
                network.weights[l].values[i] -= rate * sum.weights[l].values[i]
            }
            guard self != .biasesKept else { continue }
            for j in network.biases[l].indices { network.biases[l][j] -= rate * sum.biases[l][j] }
        }
    }
}
