/// One example's backward pass: the gradient and the wish list of every layer.
public struct BackwardPass: Sendable {
    /// ∂C₀/∂W and ∂C₀/∂b for every layer.
    public let gradient: Gradient
    /// ∂C₀/∂z for every layer after the input: the error δ of each neuron.
    public let errors: [[Double]]
    /// ∂C₀/∂a for every layer, the input first. Minus this is the wish list: the nudge
    /// each activation "wants" so that the cost goes down.
    public let activationGradients: [[Double]]
    /// The forward pass it started from.
    public let forward: ForwardPass

    /// The desired change of every activation, layer by layer: −∂C₀/∂a.
    public var wishList: [[Double]] { activationGradients.map { $0.map { -$0 } } }
}

extension Network {
    /// Backpropagation for one example, by hand.
    ///
    /// Start at the output: ∂C₀/∂aᴸ = 2(aᴸ − y). Then, layer by layer going back:
    ///   δ = ∂C₀/∂a ⊙ f′(z)          the error of each neuron (through its activation)
    ///   ∂C₀/∂b = δ                  a bias moves z one for one
    ///   ∂C₀/∂W = δ·aᵀ               a weight moves z in proportion to the activation it carries
    ///   ∂C₀/∂a(previous) = Wᵀ·δ     every neuron's wish, added up through the weights
    public func backpropagate(_ example: Example) -> BackwardPass {
        let pass = forward(example.input)
        var activationGradients = Array(repeating: [Double](), count: sizes.count)
        var errors = Array(repeating: [Double](), count: weights.count)
        var gradient = Gradient(zerosLike: self)
        activationGradients[sizes.count - 1] = QuadraticCost.derivative(
            output: pass.output, target: example.target)
        for l in weights.indices.reversed() {
            let z = pass.weightedInputs[l]
            let delta = zip(activationGradients[l + 1], z).map {
                $0 * activations[l].derivative($1)
            }
            errors[l] = delta
            gradient.biases[l] = delta
            gradient.weights[l] = .outer(delta, pass.activations[l])
            activationGradients[l] = weights[l].transposeTimes(delta)
        }
        return BackwardPass(
            gradient: gradient, errors: errors, activationGradients: activationGradients,
            forward: pass)
    }

    /// The gradient of the average cost over `examples`: the average of their gradients.
    @inlinable
    public func gradient(over examples: some Collection<Example>) -> Gradient {
        // Add the wish lists up, then divide once by their number.
        var total = Gradient(zerosLike: self)
        for example in examples { total.add(backpropagate(example).gradient) }
        let n = Double(examples.count)
        for l in total.weights.indices {
            total.weights[l].values = total.weights[l].values.map { $0 / n }
            total.biases[l] = total.biases[l].map { $0 / n }
        }
        return total
    }

    /// One step of gradient descent: every parameter moves by −η times its partial derivative.
    public mutating func descend(along gradient: Gradient, learningRate: Double) {
        for l in weights.indices {
            for i in weights[l].values.indices {
                weights[l].values[i] -= learningRate * gradient.weights[l].values[i]
            }
            for i in biases[l].indices { biases[l][i] -= learningRate * gradient.biases[l][i] }
        }
    }
}

extension Network {
    /// The gradient of one example's cost by finite differences: every weight and bias nudged
    /// in turn, the cost measured on both sides. 2·n forward passes for n parameters (4·n with
    /// the five-point stencil), against one forward and one backward pass for backpropagation.
    /// `progress` is told the fraction of the parameters done after each one.
    public func finiteDifferenceGradient(
        _ example: Example, stencil: DifferenceStencil = .threePoint(),
        progress: (Double) -> Void = { _ in }
    ) -> [Double] {
        var nudged = self
        var result: [Double] = []
        result.reserveCapacity(parameterCount)
        // Walks the parameters in the order of `parameters`: each layer's weights, then its biases.
        func slope(_ read: (Network) -> Double, _ write: (inout Network, Double) -> Void) -> Double
        {
            let original = read(nudged)
            let cost: (Double) -> Double = { value in
                write(&nudged, value)
                return nudged.cost(example)
            }
            let measured: Double
            switch stencil {
            case .threePoint(let h): measured = centralDifference(cost, at: original, step: h)
            case .fivePoint(let h): measured = fivePointDifference(cost, at: original, step: h)
            }
            write(&nudged, original)
            progress(Double(result.count + 1) / Double(parameterCount))
            return measured
        }
        for l in weights.indices {
            for i in weights[l].values.indices {
                result.append(slope({ $0.weights[l].values[i] }, { $0.weights[l].values[i] = $1 }))
            }
            for j in biases[l].indices {
                result.append(slope({ $0.biases[l][j] }, { $0.biases[l][j] = $1 }))
            }
        }
        return result
    }
}

extension Network {
    /// How much a step of length `length` against `direction` lowers the average cost over
    /// `examples`.
    @inlinable
    public func costDecrease(
        over examples: some Collection<Example>, along direction: [Double], by length: Double
    ) -> Double {
        let norm = direction.map { $0 * $0 }.reduce(0, +).squareRoot()
        var moved = self
        moved.parameters = zip(parameters, direction).map { $0 - length * $1 / norm }
        return averageCost(examples) - moved.averageCost(examples)
    }
}
